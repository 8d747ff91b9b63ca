"""Price charts by series: a low-high band and a mid line per series, in panels that never mix units.

A series keeps its colour wherever it is drawn (from its id); a panel holds at most MAX_SERIES series; a line
never bridges a gap much longer than the series' own spacing; each latest value is written by its last point,
clear of the other labels and of every line. matplotlib, numpy and pandas are imported inside the functions
(`import tracker.plot` stays cheap); figures are plain Figures on an Agg canvas: no pyplot, so the caller's
backend is never switched and nothing piles up in pyplot's registry of open figures.
"""
from __future__ import annotations

import math
import os
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from warnings import catch_warnings, simplefilter

from tracker.errors import OutputError, TrackerError
from tracker.observation import PRICE_TYPES

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from tracker.store import Store

PANEL_HEIGHT = 3.2  # inches per panel when no height is given (more where a legend needs it)
EXTRA_HEIGHT = 1.0
MAX_SERIES = 8  # per panel; more are split by price type, then spec
GAP_FACTOR = 3.0  # a gap longer than this many typical spacings is left open
OWN_GAPS = 3  # a series with fewer gaps does not tell its spacing: it is taken as at most MONTH days, or
MONTH = 31.0  # the chart's typical spacing where that is longer
INDEX_LABEL = "Index, first point = 100"
LEGEND_WIDTH = 36  # characters per line of a legend entry
MARKED_POINTS = 80  # a series with more points marks only its lone points and its last one
# Well-spread colours (matplotlib's tab10); a series' colour is PALETTE[crc32(id) % len(PALETTE)].
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf")
_EXTRA_GLYPHS = "·–%"  # chart text stays in the glyphs of matplotlib's DejaVu Sans: ASCII plus these
_LABEL_PAD = 5  # points between the last point and its end label


@dataclass
class SeriesInfo:
    """One series as drawn: arrays sorted by date, one point per date, rebased when normalised."""

    series: str  # the series id
    publisher: str
    commodity: str
    grade: str  # the normalised spec ("" for none)
    price_type: str
    currency: str | None
    unit: str
    dates: np.ndarray  # datetime64[D]
    low: np.ndarray
    high: np.ndarray
    mid: np.ndarray
    annotation: str  # the latest value as written next to the last point
    spacing: float = 0.0  # typical days between points, as used for gaps
    segments: list[tuple[int, int]] = field(default_factory=list)  # [start, stop) drawn unbroken; gaps between
    label: str = ""  # legend text
    color: str = ""


@dataclass
class PanelInfo:
    """One Axes: series of one currency and unit (normalised: one index), at most MAX_SERIES of them."""

    commodity: str | None  # None when a normalised panel holds several commodities
    currency: str | None
    unit: str | None
    title: str
    ylabel: str
    series: list[SeriesInfo] = field(default_factory=list)
    axes: Axes | None = field(default=None, repr=False)


def unit_label(currency: str | None, unit: str) -> str:
    """"CNY/mt", "USD/lb"; payables without a currency read "% payable"."""
    return f"{currency}/{unit}" if currency else "% payable" if unit == "%" else unit


def series_color(series_id: str) -> str:
    """The colour a series is drawn in, unless a series of its panel earlier in id order has it."""
    return PALETTE[zlib.crc32(series_id.encode("utf-8")) % len(PALETTE)]


def _chart_text(text: str) -> str:
    """Text safe for the default font: characters it has no glyph for are dropped."""
    return " ".join("".join(ch for ch in text if ch.isascii() or ch in _EXTRA_GLYPHS).split()).strip(" -·,;")


def format_value(value: float, index: bool = False) -> str:
    """Thousands separators; decimals only where values are small ("96,500", "25.80", "103.2")."""
    return f"{value:,.1f}" if index else f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"


def _series(frame: pd.DataFrame, normalize: bool) -> list[SeriesInfo]:
    """One SeriesInfo per series id, cut at its gaps. Should the store give a series two values on one date
    (one document's prices its words did not tell apart), the band spans both and the mid is their mean."""
    import numpy as np

    found = []
    for series_id, rows in frame.groupby("series", sort=True):
        daily = rows.groupby("date").agg(low=("low", "min"), high=("high", "max"), mid=("mid", "mean")).sort_index()
        low, high, mid = (daily[c].to_numpy(dtype=float) for c in ("low", "high", "mid"))
        if normalize:
            nonzero = np.flatnonzero(mid != 0)
            if not len(nonzero):
                continue
            low, high, mid = (values * 100.0 / mid[nonzero[0]] for values in (low, high, mid))
        first: dict[Any, Any] = {k: None if v is None or (isinstance(v, float) and math.isnan(v)) else v
                                 for k, v in rows.iloc[0].items()}
        found.append(SeriesInfo(str(series_id), first["publisher"] or "", first["commodity"], first["grade"] or "",
                                first["price_type"], first["currency"], first["unit"],
                                daily.index.values.astype("datetime64[D]"), low, high, mid,
                                format_value(mid[-1], normalize)))
    own = [np.diff(item.dates).astype("timedelta64[D]").astype(float) for item in found]
    pooled = np.concatenate([*([gaps for gaps in own if len(gaps) >= OWN_GAPS] or own), []])
    reference = max(MONTH, float(np.median(pooled))) if len(pooled) else MONTH
    for item, gaps in zip(found, own, strict=True):
        typical = float(np.median(gaps)) if len(gaps) else reference
        item.spacing = typical if len(gaps) >= OWN_GAPS else min(typical, reference)
        cuts = [0, *(i + 1 for i, step in enumerate(gaps) if step > GAP_FACTOR * item.spacing), len(item.dates)]
        item.segments = list(zip(cuts[:-1], cuts[1:], strict=True))
    return found


def _type_rank(item: SeriesInfo) -> tuple[int, str]:
    return ((*PRICE_TYPES, item.price_type).index(item.price_type), item.price_type)


def _order(item: SeriesInfo) -> tuple:
    return (item.commodity, item.publisher, _type_rank(item), item.grade, item.currency or "", item.unit, item.series)


def _split(items: list[SeriesInfo], keys: list[Callable[[SeriesInfo], Any]]) -> list[list[SeriesInfo]]:
    """Items cut into parts of at most MAX_SERIES: by the first key, then the next (in key order)."""
    if len(items) <= MAX_SERIES:
        return [items]
    even = math.ceil(len(items) / math.ceil(len(items) / MAX_SERIES))  # 5 and 5 rather than 8 and 2
    if not keys:
        return [items[i:i + even] for i in range(0, len(items), even)]
    groups: dict[Any, list[SeriesInfo]] = {}
    for item in items:
        groups.setdefault(keys[0](item), []).append(item)
    parts = [_split(groups[key], keys[1:]) for key in sorted(groups)]
    return min(_pack(parts, even), _pack(parts), key=len)


def _pack(groups: list[list[list[SeriesInfo]]], limit: int = MAX_SERIES) -> list[list[SeriesInfo]]:
    """Groups already cut into parts, as panels: a group in one part shares a panel with its neighbours
    in one part while they stay within `limit`; a group in several parts keeps its panels to itself."""
    packed: list[list[SeriesInfo]] = []
    for number, parts in enumerate(groups):
        if len(parts) == 1 and number and len(groups[number - 1]) == 1 and len(packed[-1]) + len(parts[0]) <= limit:
            packed[-1] = packed[-1] + parts[0]
        else:
            packed += parts
    return [sorted(part, key=_order) for part in packed]


def _commodity_name(commodity: str) -> str:
    from tracker.registry import default_registry

    return _chart_text(default_registry().label(commodity)) or commodity


def _panels(series: list[SeriesInfo], normalize: bool, title_suffix: str | None) -> list[PanelInfo]:
    """Per commodity (per currency and unit unless normalised) at most MAX_SERIES series a panel, split by
    price type then spec; normalised, commodities that fit share a panel and a larger one has its own."""
    import numpy as np

    def key(item: SeriesInfo) -> tuple:
        return (item.commodity,) if normalize else (item.commodity, item.currency or "", item.unit)

    groups: dict[tuple, list[SeriesInfo]] = {}
    for item in sorted(series, key=_order):
        groups.setdefault(key(item), []).append(item)
    parts = [_split(groups[name], [_type_rank, lambda s: s.grade]) for name in sorted(groups)]
    panels = []
    for part in _pack(parts) if normalize else [part for cut in parts for part in cut]:
        commodities, first = list(dict.fromkeys(s.commodity for s in part)), part[0]
        title = ", ".join(_commodity_name(c) for c in commodities)
        if len(commodities) == 1 and len(part) < len(groups[key(first)]):  # one of several panels
            title += " · " + ", ".join(dict.fromkeys(s.price_type for s in part))
        panel = PanelInfo(first.commodity if len(commodities) == 1 else None, None, None,
                          f"{title} · rebased to 100", INDEX_LABEL, part) if normalize else PanelInfo(
            first.commodity, first.currency, first.unit, title, unit_label(first.currency, first.unit), part)
        _label(part, several=len(commodities) > 1)
        used: set[str] = set()  # each series its own colour: a clash moves the later id to the next free one
        for item in sorted(part, key=lambda s: s.series):
            wanted = PALETTE.index(series_color(item.series))
            item.color = next(c for c in PALETTE[wanted:] + PALETTE[:wanted] if c not in used)
            used.add(item.color)
        every = np.concatenate([s.dates for s in part])
        first_day, last_day = (f"{d.day} {d:%b %Y}" for d in (every.min().item(), every.max().item()))
        panel.title += f" · {first_day}" + ("" if first_day == last_day else f" – {last_day}")
        panel.title += f" · {_chart_text(title_suffix)}" if title_suffix else ""
        panels.append(panel)
    return panels


def _label(items: list[SeriesInfo], several: bool) -> None:
    """Legend text: publisher · spec · price type (the commodity first when a panel holds several;
    the unit last where it alone tells two series apart)."""
    texts = [" · ".join(word for word in (_commodity_name(s.commodity) if several else "",
                                          _chart_text(s.publisher) or s.series.split(".")[0],  # "unknown-<page>"
                                          _chart_text(s.grade), s.price_type) if word) for s in items]
    units: dict[str, set[str]] = {}
    for item, text in zip(items, texts, strict=True):
        units.setdefault(text, set()).add(unit_label(item.currency, item.unit))
    seen: dict[str, int] = {}
    for item, text in zip(items, texts, strict=True):
        text += f" · {unit_label(item.currency, item.unit)}" if len(units[text]) > 1 else ""
        seen[text] = seen.get(text, 0) + 1  # spec words dropped from the text must not merge two entries
        item.label = text if seen[text] == 1 else f"{text} ({seen[text]})"


def _wrap(label: str, width: int = LEGEND_WIDTH) -> str:
    """A legend entry on lines of about `width` characters, broken between its parts (" · ") or its spec
    words (", "); unwrapped by reading a line end after a comma as a space, any other as " · "."""
    lines: list[str] = []
    for part in label.split(" · "):
        for index, words in enumerate(part.split(", ")):
            joint = ", " if index else " · "
            if lines and len(lines[-1]) + len(joint) + len(words) <= width:
                lines[-1] += joint + words
            else:
                lines[-1:] = [lines[-1] + joint.rstrip(" ·"), words] if lines else [words]
    return "\n".join(lines)


def _tick_text(ax: Axes, value: float) -> str:
    """'96,500'; as many decimals as the tick step needs ('24.25') and no more."""
    ticks = [v for v in ax.get_yticks() if math.isfinite(v)]
    decimals = next((d for d in range(7) if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in ticks)), 6)
    return f"{value:,.{decimals}f}"


def _draw_panel(ax: Axes, panel: PanelInfo, normalize: bool) -> None:
    import numpy as np

    handles = []
    for item in panel.series:
        at = np.array([start for start, _ in item.segments[1:]], dtype=int)  # a NaN point in each gap: no
        x = np.insert(item.dates, at, item.dates[at - 1] + (item.dates[at] - item.dates[at - 1]) // 2)  # bridge
        low, high, mid = (np.insert(values, at, np.nan) for values in (item.low, item.high, item.mid))
        ax.fill_between(x, low, high, color=item.color, alpha=0.18, linewidth=0)
        # a dense line marks only its lone points and its last one (an index of x counts the NaN of each gap)
        marked = None if len(item.dates) <= MARKED_POINTS else sorted(
            {start + n for n, (start, stop) in enumerate(item.segments) if stop - start == 1} | {len(x) - 1})
        handles += ax.plot(x, mid, color=item.color, marker="o", markersize=4, markevery=marked, linewidth=1.6,
                           label=item.label)
        for start, stop in item.segments:  # a lone point has no band: show its range as a bar
            if stop - start == 1 and item.high[start] > item.low[start]:
                ax.vlines(item.dates[start], item.low[start], item.high[start], color=item.color, alpha=0.45,
                          linewidth=4)
    if normalize:
        ax.axhline(100, color="0.6", linewidth=0.8, linestyle="--")
    ax.margins(x=0.03, y=0.12)
    ax.set_title(panel.title, fontsize=11, loc="left")
    ax.set_ylabel(panel.ylabel)
    ax.yaxis.set_major_formatter(lambda value, _: _tick_text(ax, value))
    ax.grid(True, color="0.9", linewidth=0.8)
    ax.legend(handles, [_wrap(item.label) for item in panel.series], loc="upper left", bbox_to_anchor=(1.01, 1.0),
              borderaxespad=0.0, fontsize="small", frameon=False, handlelength=1.6)


def _place_end_labels(ax: Axes, panel: PanelInfo) -> None:
    """The latest value by each last point, moved up or down as little as it takes to cover no other
    label, no line or range bar and no point (in display coordinates, against the finished layout)."""
    import matplotlib.dates as mdates
    import numpy as np
    from matplotlib.collections import LineCollection
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import IdentityTransform

    pieces: list[Any] = []
    points: list[Any] = [np.empty((0, 2))]
    for line in ax.get_lines():
        xy = line.get_transform().transform(np.column_stack(line.get_data(orig=False)).astype(float))
        for run in np.split(xy, np.flatnonzero(np.isnan(xy).any(axis=1))):
            run = run[np.isfinite(run).all(axis=1)]
            pieces += [MplPath(run)] if len(run) > 1 else []
            points.append(run)
    pieces += [c.get_transform().transform_path(path) for c in ax.collections if isinstance(c, LineCollection)
               for path in c.get_paths()]
    stacked = np.vstack(points)
    renderer, dots = ax.figure.canvas.get_renderer(), ax.figure.dpi / 72  # type: ignore[attr-defined]
    area = ax.get_window_extent(renderer)
    placed: list[Any] = []
    for item in sorted(panel.series, key=lambda s: (-s.mid[-1], s.series)):
        x, y = ax.transData.transform((mdates.date2num(item.dates[-1]), item.mid[-1])) + [_LABEL_PAD * dots, 0]
        text = ax.text(x, y, item.annotation, transform=IdentityTransform(), color=item.color, fontsize=8,
                       va="center", fontweight="bold")
        box = text.get_window_extent(renderer).padded(1)
        best, step = (math.inf, 0.0), box.height / 4
        for k in range(2 * int(area.height / step) + 1):
            dy = (k + 1) // 2 * step * (1 if k % 2 else -1)
            moved = box.translated(0, dy)
            if moved.y0 < area.y0 or moved.y1 > area.y1:
                continue
            near = (np.abs(stacked - [(moved.x0 + moved.x1) / 2, (moved.y0 + moved.y1) / 2])
                    < [moved.width / 2 + 2 * dots, moved.height / 2 + 2 * dots]).all(axis=1)  # markers: 2 pt
            cost = (10 * sum(moved.overlaps(other) for other in placed) + int(near.sum())
                    + sum(piece.intersects_bbox(moved, filled=False) for piece in pieces))
            best = min(best, (cost, dy))
            if cost == 0:
                break
        placed.append(box.translated(0, best[1]))
        text.set_transform(ax.transData)  # data coordinates: the label stays by its point at any dpi
        text.set_position(tuple(ax.transData.inverted().transform((x, y + best[1]))))


def _save_png(figure: Figure, path: Path, dpi: int) -> None:
    figure.savefig(path, dpi=dpi, format="png")


def build_figure(frame: pd.DataFrame, *, normalize: bool = False, width: float = 10.0,
                 height: float | None = None, title_suffix: str | None = None,
                 ) -> tuple[Figure, list[PanelInfo]]:
    """Draw the prices in `frame` (as returned by Store.prices) and say what was drawn: stacked panels
    sharing the date axis (see _panels); with `normalize` every series rebased to 100 at its first point.
    The layout is done here, once, so that the end labels are placed where they cover nothing."""
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if frame.empty:
        raise TrackerError("no prices to plot")
    panels = _panels(_series(frame, normalize), normalize, title_suffix)
    if not panels:
        raise TrackerError("no prices to plot: every series starts at zero, nothing to rebase")
    # a panel is PANEL_HEIGHT tall, or as tall as its legend (8 entries of long specs wrap to many lines)
    needs = [max(PANEL_HEIGHT, 0.6 + sum(0.15 * (_wrap(s.label).count("\n") + 1) + 0.06 for s in panel.series))
             for panel in panels]
    figure = Figure(figsize=(width, height if height is not None else sum(needs) + EXTRA_HEIGHT), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(panels), 1, sharex=True, squeeze=False, height_ratios=needs)[:, 0]
    for ax, panel in zip(axes, panels, strict=True):
        panel.axes = ax
        _draw_panel(ax, panel, normalize)
    locator = mdates.AutoDateLocator()
    axes[-1].xaxis.set_major_locator(locator)
    # day ticks carry their month ("08 Nov"), so a range across months never reads as one month
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(
        locator, formats=["%Y", "%b", "%d %b", "%H:%M", "%H:%M", "%S.%f"],
        offset_formats=["", "%Y", "%Y", "%Y-%b-%d", "%Y-%b-%d", "%Y-%b-%d %H:%M"]))
    figure.draw_without_rendering()  # lay out titles, legends and ticks once; the end labels go in that layout
    figure.set_layout_engine("none")
    probe = axes[0].text(0, 0, "", fontsize=8, fontweight="bold")
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    widest = max(probe.get_window_extent(renderer).width for panel in panels for item in panel.series
                 if probe.set_text(item.annotation) is None)
    probe.remove()
    # widen the shared date axis so the widest end label fits inside the axes
    share = min(0.45, (widest + 2 * _LABEL_PAD * figure.dpi / 72) / max(axes[0].bbox.width, 1.0))
    last, (left, right) = max(mdates.date2num(s.dates[-1]) for p in panels for s in p.series), axes[0].get_xlim()
    axes[0].set_xlim(left, max(right, (last - left * share) / (1 - share)))
    for ax, panel in zip(axes, panels, strict=True):
        _place_end_labels(ax, panel)
    return figure, panels


def _no_prices(store: Store, wanted: str | None, filters: dict[str, Any]) -> TrackerError:
    held = store.commodities()
    if not held:
        return TrackerError("the store is empty; ingest some reviews first")
    used = ", ".join(f"{name}={', '.join(value) if isinstance(value, list) else value}"
                     for name, value in filters.items() if value)
    what = f"no prices for {wanted!r}" if wanted else "no prices"
    return TrackerError(f"{what}{f' with {used}' if used else ''} in the store; it holds: {', '.join(held)}")


def plot_prices(store: Store, commodities: Sequence[str] | None, output: str | os.PathLike[str], *,
                grade: str | None = None, price_type: str | None = None, currency: str | None = None,
                publisher: str | None = None, series: Sequence[str] | None = None,
                since: date | str | None = None, until: date | str | None = None,
                normalize: bool = False, dpi: int = 100, width: float = 10.0,
                height: float | None = None, warnings: list[str] | None = None) -> list[Path]:
    """Write price charts as PNG and return the paths written.

    A chart is one commodity, or with `normalize` every series rebased to 100. `output` ending in .png gets
    that one chart (OutputError when the prices make several); anything else is a directory (created if
    needed) that gets one `<commodity>.png` each, or one `normalized.png`. Commodities are any name the
    registry knows (SelectionError, listing close matches, for one the store does not hold); none means all.
    The filters are those of Store.prices. Warnings (a chart too small for its labels) go to `warnings`.
    """
    import pandas as pd

    from tracker.export import write_atomic

    filters: dict[str, Any] = {"grade": grade, "price_type": price_type, "currency": currency, "publisher": publisher,
               "series": list(series) if series else None, "since": since, "until": until}
    frames: dict[str, pd.DataFrame] = {}
    for wanted in commodities or []:
        rows = store.prices(commodity=wanted, **filters)
        if rows.empty:
            raise _no_prices(store, wanted, filters)
        frames.setdefault(rows["commodity"].iloc[0], rows)  # two names of one commodity: drawn once
    frame = pd.concat(frames.values(), ignore_index=True) if frames else store.prices(**filters)
    if frame.empty:
        raise _no_prices(store, None, filters)

    target = Path(output)
    if target.suffix.lower() == ".png":
        names = sorted(frame["commodity"].unique())
        if len(names) > 1 and not normalize:
            raise OutputError(f"{target}: the prices of {len(names)} commodities make {len(names)} charts "
                              f"({', '.join(names)}) and a .png file holds one; give a folder instead")
        jobs = [(target, frame)]
    else:
        if target.exists() and not target.is_dir():
            raise OutputError(f"{target}: exists and is not a directory; give a directory or a .png file")
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{target}: cannot create the folder: {error.strerror or error}") from None
        jobs = [(target / "normalized.png", frame)] if normalize else [
            (target / f"{name}.png", rows) for name, rows in frame.groupby("commodity", sort=True)]

    written = []
    for path, rows in jobs:
        with catch_warnings(record=warnings is not None) as caught:
            if caught is not None:  # the caller reports them, in words of its own rather than matplotlib's
                simplefilter("always")
            figure, _ = build_figure(rows, normalize=normalize, width=width, height=height)
            try:
                write_atomic(path, partial(_save_png, figure, dpi=dpi))
            finally:
                figure.clear()  # drop the artists now rather than at the next garbage collection
        for item in caught or []:
            message = str(item.message)
            assert warnings is not None  # warnings are caught only when there is a list for them
            warnings.append(f"{path}: " + (
                "the chart is too small for its titles and labels; they may overlap (make it larger)"
                if "constrained_layout not applied" in message else message.splitlines()[0] if message else "warning"))
        written.append(path)
    return written
