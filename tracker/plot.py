"""Price charts by series: a shaded low-high band and a mid line per series, in panels that never mix units.

Each series keeps one colour wherever it is drawn (from its id); a panel holds at most MAX_SERIES series;
a line never bridges a gap much longer than the series' own spacing; the latest value is written next to
each series' last point, nudged clear of the other labels and of every line.

matplotlib, numpy and pandas are imported inside the functions, so `import tracker.plot` stays cheap.
Figures are plain `matplotlib.figure.Figure` objects on an Agg canvas: no pyplot, so the caller's
backend (a GUI, a notebook's inline backend) is never switched and nothing piles up in pyplot's
registry of open figures.
"""
from __future__ import annotations

import math
import os
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from warnings import catch_warnings, simplefilter

from tracker.errors import OutputError, TrackerError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from tracker.store import Store

PANEL_HEIGHT = 3.2  # inches per panel when no height is given
EXTRA_HEIGHT = 1.0
MAX_SERIES = 8  # per panel; more are split by price type, then spec
GAP_FACTOR = 3.0  # a gap longer than this many typical spacings is left open
OWN_GAPS = 3  # a series with fewer gaps than this does not tell its own spacing...
DEFAULT_SPACING = 31.0  # ...so the chart's spacing is used if shorter, or (with none) a month, in days
INDEX_LABEL = "Index, first point = 100"
# Well-spread colours (matplotlib's tab10); a series' colour is PALETTE[crc32(id) % len(PALETTE)].
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
# Chart text stays in the glyphs of matplotlib's bundled DejaVu Sans: ASCII plus these.
_EXTRA_GLYPHS = "·–%"
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
    spacing: float  # typical days between points, as used for gaps
    segments: list[tuple[int, int]]  # [start, stop) index ranges drawn unbroken; gaps between them
    annotation: str  # the latest value as written next to the last point
    label: str = ""  # legend text
    color: str = ""


@dataclass
class PanelInfo:
    """One Axes: series of one currency and unit (normalised: on one index), at most MAX_SERIES."""

    commodity: str | None  # None when the panel holds several commodities (normalised)
    currency: str | None
    unit: str | None
    title: str
    ylabel: str
    series: list[SeriesInfo] = field(default_factory=list)
    axes: Axes | None = field(default=None, repr=False)


def unit_label(currency: str | None, unit: str) -> str:
    """"CNY/mt", "USD/lb"; payables without a currency read "% payable"."""
    if not currency:
        return "% payable" if unit == "%" else unit
    return f"{currency}/{unit}"


def series_color(series_id: str) -> str:
    """The colour a series is drawn in unless another series of its panel hashes to the same one."""
    return PALETTE[zlib.crc32(series_id.encode("utf-8")) % len(PALETTE)]


def _assign_colors(items: list[SeriesInfo]) -> None:
    """Each series its own colour; a clash moves the later id (in sorted order) to the next free one."""
    taken: set[int] = set()
    for item in sorted(items, key=lambda s: s.series):
        wanted = PALETTE.index(series_color(item.series))
        number = next(((wanted + step) % len(PALETTE) for step in range(len(PALETTE))
                       if (wanted + step) % len(PALETTE) not in taken), wanted)
        taken.add(number)
        item.color = PALETTE[number]


def _chart_text(text: str) -> str:
    """Text safe for the default font: characters it has no glyph for are dropped."""
    kept = "".join(ch for ch in text if ch.isascii() or ch in _EXTRA_GLYPHS)
    return " ".join(kept.split()).strip(" -·,;")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_value(value: float, index: bool = False) -> str:
    """Thousands separators; decimals only where values are small ("96,500", "25.80", "103.2")."""
    if index:
        return f"{value:,.1f}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"


def _format_date(day: Any) -> str:
    day = day.astype("datetime64[D]").item() if hasattr(day, "astype") else day
    return f"{day.day} {day:%b %Y}"


def _date_range(dates: list[np.ndarray]) -> str:
    import numpy as np

    every = np.concatenate(dates)
    first, last = every.min(), every.max()
    return _format_date(first) if first == last else f"{_format_date(first)} – {_format_date(last)}"


def _gaps(dates: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.diff(dates).astype("timedelta64[D]").astype(float)


def _spacing(gaps: np.ndarray, reference: float) -> float:
    """The series' median gap; with too few gaps to tell, no longer than `reference` (the chart's)."""
    import numpy as np

    if len(gaps) >= OWN_GAPS:
        return float(np.median(gaps))
    return min(float(np.median(gaps)), reference) if len(gaps) else reference


def _segments(dates: np.ndarray, spacing: float) -> list[tuple[int, int]]:
    """Split wherever a gap is longer than GAP_FACTOR x `spacing`."""
    breaks = [i + 1 for i, step in enumerate(_gaps(dates)) if step > GAP_FACTOR * spacing]
    bounds = [0, *breaks, len(dates)]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _series(frame: pd.DataFrame, normalize: bool) -> list[SeriesInfo]:
    """One SeriesInfo per series id. Should the store give one series two values on one date (one
    document's prices its words did not tell apart), the band spans both and the mid is their mean."""
    import numpy as np

    found = []
    for series_id, rows in frame.groupby("series", sort=True):
        daily = rows.groupby("date").agg(low=("low", "min"), high=("high", "max"), mid=("mid", "mean"))
        daily = daily.sort_index()
        low, high, mid = (daily[c].to_numpy(dtype=float) for c in ("low", "high", "mid"))
        if normalize:
            nonzero = np.flatnonzero(mid != 0)
            if not len(nonzero):
                continue
            factor = 100.0 / mid[nonzero[0]]
            low, high, mid = low * factor, high * factor, mid * factor
        first = rows.iloc[0]
        publisher, grade, currency = (None if _missing(first[c]) else first[c] for c in ("publisher", "grade",
                                                                                        "currency"))
        found.append(SeriesInfo(str(series_id), publisher or "", first["commodity"], grade or "",
                                first["price_type"], currency, first["unit"],
                                daily.index.values.astype("datetime64[D]"), low, high, mid, 0.0, [],
                                format_value(mid[-1], normalize)))
    own = [_gaps(item.dates) for item in found]
    steady = [gaps for gaps in own if len(gaps) >= OWN_GAPS] or own
    pooled = np.concatenate([*steady, []])
    reference = min(DEFAULT_SPACING, float(np.median(pooled))) if len(pooled) else DEFAULT_SPACING
    for item, gaps in zip(found, own, strict=True):
        item.spacing = _spacing(gaps, reference)
        item.segments = _segments(item.dates, item.spacing)
    return found


def _order(item: SeriesInfo) -> tuple:
    from tracker.observation import PRICE_TYPES

    rank = PRICE_TYPES.index(item.price_type) if item.price_type in PRICE_TYPES else len(PRICE_TYPES)
    return (item.commodity, item.currency or "", item.unit, rank, item.grade, item.publisher, item.series)


def _split(items: list[SeriesInfo], keys: list[Callable[[SeriesInfo], Any]]) -> list[list[SeriesInfo]]:
    """Items (in order) cut into groups of at most MAX_SERIES: by the first key, then the next;
    consecutive small groups share a panel when they fit."""
    if len(items) <= MAX_SERIES:
        return [items]
    if not keys:
        size = math.ceil(len(items) / math.ceil(len(items) / MAX_SERIES))
        return [items[i:i + size] for i in range(0, len(items), size)]
    groups: dict[Any, list[SeriesInfo]] = {}
    for item in items:
        groups.setdefault(keys[0](item), []).append(item)
    packed: list[list[SeriesInfo]] = []
    for part in (chunk for group in groups.values() for chunk in _split(group, keys[1:])):
        if packed and len(packed[-1]) + len(part) <= MAX_SERIES:
            packed[-1] = packed[-1] + part
        else:
            packed.append(part)
    return packed


def _commodity_name(commodity: str) -> str:
    from tracker.registry import default_registry

    return _chart_text(default_registry().label(commodity)) or commodity


def _publisher_text(item: SeriesInfo) -> str:
    if item.publisher:
        return _chart_text(item.publisher) or item.series.split(".")[0]
    return item.series.split(".")[0]  # "unknown-<document>": a page with no publisher is its own series


def _panels(series: list[SeriesInfo], normalize: bool, title_suffix: str | None) -> list[PanelInfo]:
    by_type = [lambda s: s.price_type, lambda s: s.grade]
    if normalize:
        parts = _split(sorted(series, key=_order), [lambda s: s.commodity, *by_type])
        whole: dict[tuple, int] = {}
    else:
        groups: dict[tuple, list[SeriesInfo]] = {}
        for item in sorted(series, key=_order):
            groups.setdefault((item.commodity, item.currency, item.unit), []).append(item)
        whole = {key: len(items) for key, items in groups.items()}
        parts = [part for items in groups.values() for part in _split(items, by_type)]
    panels = []
    for part in parts:
        commodities = list(dict.fromkeys(s.commodity for s in part))
        units = {(s.currency, s.unit) for s in part}
        first = part[0]
        if normalize:
            title = f"{', '.join(_commodity_name(c) for c in commodities)} · rebased to 100"
            panel = PanelInfo(first.commodity if len(commodities) == 1 else None, None, None, title, INDEX_LABEL)
        else:
            title = _commodity_name(first.commodity)
            if len(part) < whole[(first.commodity, first.currency, first.unit)]:  # one of several panels
                title += " · " + ", ".join(dict.fromkeys(s.price_type for s in part))
            panel = PanelInfo(first.commodity, first.currency, first.unit, title,
                              unit_label(first.currency, first.unit))
        panel.series = part
        seen: dict[str, int] = {}
        for item in part:
            words = [_chart_text(item.grade), item.price_type]
            if len(commodities) > 1:
                words.insert(0, _commodity_name(item.commodity))
            words.insert(len(commodities) > 1, _publisher_text(item))
            if len(units) > 1:
                words.append(unit_label(item.currency, item.unit))
            base = " · ".join(word for word in words if word)
            seen[base] = seen.get(base, 0) + 1  # spec words dropped from the text must not merge two entries
            item.label = base if seen[base] == 1 else f"{base} ({seen[base]})"
        _assign_colors(part)
        panel.title += f" · {_date_range([s.dates for s in part])}"
        if title_suffix:
            panel.title += f" · {_chart_text(title_suffix)}"
        panels.append(panel)
    return panels


def _tick_formatter() -> Any:
    from matplotlib.ticker import Formatter

    class ThousandsFormatter(Formatter):
        """'96,500'; as many decimals as the tick step needs ('24.25') and no more."""

        decimals = 0

        def set_locs(self, locs: Any) -> None:
            super().set_locs(locs)
            values = [float(v) for v in locs if math.isfinite(v)]
            self.decimals = next((d for d in range(7) if all(
                abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in values)), 6)

        def __call__(self, x: float, pos: int | None = None) -> str:
            return f"{x:,.{self.decimals}f}"

    return ThousandsFormatter()


def _with_gaps(item: SeriesInfo) -> tuple[np.ndarray, ...]:
    """The arrays with a NaN point in each gap, so neither the line nor the band bridges it."""
    import numpy as np

    xs, lows, highs, mids = [], [], [], []
    for number, (start, stop) in enumerate(item.segments):
        if number:
            previous = item.dates[start - 1]
            xs.append([previous + (item.dates[start] - previous) // 2])
            for parts in (lows, highs, mids):
                parts.append([np.nan])
        xs.append(item.dates[start:stop])
        for parts, values in ((lows, item.low), (highs, item.high), (mids, item.mid)):
            parts.append(values[start:stop])
    return tuple(np.concatenate(parts) for parts in (xs, lows, highs, mids))


def _draw_panel(ax: Axes, panel: PanelInfo, normalize: bool) -> None:
    for item in panel.series:
        x, low, high, mid = _with_gaps(item)
        ax.fill_between(x, low, high, color=item.color, alpha=0.18, linewidth=0)
        ax.plot(x, mid, color=item.color, marker="o", markersize=4, linewidth=1.6, label=item.label)
        for start, stop in item.segments:  # a lone point has no band: show its range as a bar
            if stop - start == 1 and item.high[start] > item.low[start]:
                ax.vlines(item.dates[start], item.low[start], item.high[start], color=item.color,
                          alpha=0.45, linewidth=4)
    if normalize:
        ax.axhline(100, color="0.6", linewidth=0.8, linestyle="--")
    ax.margins(x=0.03, y=0.12)
    ax.set_title(panel.title, fontsize=11, loc="left")
    ax.set_ylabel(panel.ylabel)
    ax.yaxis.set_major_formatter(_tick_formatter())
    ax.grid(True, color="0.9", linewidth=0.8)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, fontsize="small",
              frameon=False, handlelength=1.6)


def _obstacles(ax: Axes) -> tuple[list, list]:
    """What an end label must not cover, in display coordinates: line pieces and marker boxes."""
    import numpy as np
    from matplotlib.collections import LineCollection
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import Bbox

    pieces, points = [], []
    for line in ax.get_lines():
        xy = line.get_transform().transform(np.column_stack(line.get_data(orig=False)).astype(float))
        finite = np.isfinite(xy).all(axis=1)
        bounds = np.flatnonzero(np.diff(np.concatenate([[0], finite.astype(int), [0]])))
        pieces += [MplPath(xy[a:b]) for a, b in zip(bounds[::2], bounds[1::2], strict=True) if b - a > 1]
        half = line.get_markersize() * ax.figure.dpi / 72 / 2 if line.get_marker() not in (None, "None", "") else 0
        points += [Bbox([p - half, p + half]) for p in xy[finite]] if half else []
    for collection in ax.collections:
        if isinstance(collection, LineCollection):
            pieces += [collection.get_transform().transform_path(path) for path in collection.get_paths()]
    return pieces, points


def _place_end_labels(ax: Axes, panel: PanelInfo) -> None:
    """The latest value next to each last point, moved up or down until it covers no label or line."""
    import matplotlib.dates as mdates
    from matplotlib.transforms import IdentityTransform

    renderer = ax.figure.canvas.get_renderer()
    pieces, points = _obstacles(ax)
    area = ax.get_window_extent(renderer)
    pad = _LABEL_PAD * ax.figure.dpi / 72
    placed: list = []
    for item in sorted(panel.series, key=lambda s: (-s.mid[-1], s.series)):
        x, y = ax.transData.transform((mdates.date2num(item.dates[-1]), item.mid[-1]))
        text = ax.text(x + pad, y, item.annotation, transform=IdentityTransform(), color=item.color, fontsize=8,
                       va="center", ha="left", fontweight="bold", clip_on=False)
        box = text.get_window_extent(renderer).padded(1)
        step = box.height / 4
        best = None
        for k in range(int(area.height / step) * 2 + 1):
            dy = (k + 1) // 2 * step * (1 if k % 2 else -1)
            moved = box.translated(0, dy)
            if moved.y0 < area.y0 or moved.y1 > area.y1:
                continue
            cost = (10 * sum(moved.overlaps(other) for other in placed)
                    + sum(piece.intersects_bbox(moved, filled=False) for piece in pieces)
                    + sum(moved.overlaps(point) for point in points))
            if best is None or cost < best[0]:
                best = (cost, dy)
            if cost == 0:
                break
        dy = best[1] if best else 0.0
        text.set_position((x + pad, y + dy))
        placed.append(box.translated(0, dy))
        # kept in data coordinates, so the label stays by its point at any dpi
        tx, ty = ax.transData.inverted().transform((x + pad, y + dy))
        text.set_transform(ax.transData)
        text.set_position((tx, ty))


def _room_for_labels(axes: Sequence[Axes], panels: list[PanelInfo]) -> None:
    """Widen the shared date axis on the right so the widest end label fits inside the axes."""
    import matplotlib.dates as mdates

    renderer = axes[0].figure.canvas.get_renderer()
    probe = axes[0].text(0, 0, "", fontsize=8, fontweight="bold")
    widest = 0.0
    for panel in panels:
        for item in panel.series:
            probe.set_text(item.annotation)
            widest = max(widest, probe.get_window_extent(renderer).width)
    probe.remove()
    need = widest + 2 * _LABEL_PAD * axes[0].figure.dpi / 72
    share = min(0.45, need / max(axes[0].bbox.width, 1.0))
    last = max(mdates.date2num(item.dates[-1]) for panel in panels for item in panel.series)
    left, right = axes[0].get_xlim()
    axes[0].set_xlim(left, max(right, (last - left * share) / (1 - share)))


def build_figure(frame: pd.DataFrame, *, normalize: bool = False, width: float = 10.0,
                 height: float | None = None, title_suffix: str | None = None,
                 ) -> tuple[Figure, list[PanelInfo]]:
    """Draw the prices in `frame` (as returned by Store.prices) and say what was drawn.

    Panels per (commodity, currency, unit), at most MAX_SERIES series each (split by price type, then
    spec), stacked and sharing the date axis; with `normalize` every series is rebased to 100 at its
    first point and the panels are filled by commodity, then price type and spec. The layout is done
    here (one draw), so the end labels can be placed where they cover nothing.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    if frame.empty:
        raise TrackerError("no prices to plot")
    panels = _panels(_series(frame, normalize), normalize, title_suffix)
    if not panels:
        raise TrackerError("no prices to plot: every series starts at zero, nothing to rebase")
    height = height if height is not None else PANEL_HEIGHT * len(panels) + EXTRA_HEIGHT
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    for ax, panel in zip(axes, panels, strict=True):
        panel.axes = ax
        _draw_panel(ax, panel, normalize)
    locator = AutoDateLocator()
    axes[-1].xaxis.set_major_locator(locator)
    # day ticks carry their month ("08 Nov"), so a range across months never reads as one month
    axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(
        locator, formats=["%Y", "%b", "%d %b", "%H:%M", "%H:%M", "%S.%f"],
        offset_formats=["", "%Y", "%Y", "%Y-%b-%d", "%Y-%b-%d", "%Y-%b-%d %H:%M"]))
    figure.draw_without_rendering()  # lay out titles, legends and ticks...
    figure.set_layout_engine("none")  # ...once: the end labels below are placed against that layout
    _room_for_labels(axes, panels)
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
    return TrackerError(f"{what}{f' with {used}' if used else ''} in the store; "
                        f"it holds: {', '.join(held)}")


def plot_prices(store: Store, commodities: Sequence[str] | None, output: str | os.PathLike[str], *,
                grade: str | None = None, price_type: str | None = None, currency: str | None = None,
                publisher: str | None = None, series: Sequence[str] | None = None,
                since: date | str | None = None, until: date | str | None = None,
                normalize: bool = False, dpi: int = 100, width: float = 10.0,
                height: float | None = None, warnings: list[str] | None = None) -> list[Path]:
    """Write price charts as PNG and return the paths written.

    A chart is one commodity (panels per currency and unit, at most MAX_SERIES series each), or with
    `normalize` every series rebased to 100. `output` ending in .png gets that one chart (OutputError
    when the prices make several); anything else is a directory (created if needed) that gets one
    `<commodity>.png` each, or one `normalized.png`. Commodities are any name the registry knows
    (SelectionError, listing close matches, for one the store does not hold); none means all. The
    filters are those of Store.prices. Warnings about a chart (too small for its labels) go to
    `warnings` when given.
    """
    import pandas as pd

    from tracker.export import write_atomic

    filters = {"grade": grade, "price_type": price_type, "currency": currency, "publisher": publisher,
               "series": list(series) if series else None, "since": since, "until": until}
    if commodities:
        frames: dict[str, pd.DataFrame] = {}
        for wanted in commodities:
            rows = store.prices(commodity=wanted, **filters)
            if rows.empty:
                raise _no_prices(store, wanted, filters)
            frames.setdefault(rows["commodity"].iloc[0], rows)  # two names of one commodity: drawn once
        frame = pd.concat(frames.values(), ignore_index=True)
    else:
        frame = store.prices(**filters)
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
        if normalize:
            jobs = [(target / "normalized.png", frame)]
        else:
            jobs = [(target / f"{name}.png", rows) for name, rows in frame.groupby("commodity", sort=True)]

    written = []
    for path, rows in jobs:
        with catch_warnings(record=warnings is not None) as caught:
            if caught is not None:  # the caller reports them, in words of its own rather than matplotlib's
                simplefilter("always")
            figure, _ = build_figure(rows, normalize=normalize, width=width, height=height)
            try:
                write_atomic(path, lambda tmp, figure=figure: figure.savefig(tmp, dpi=dpi, format="png"))
            finally:
                figure.clear()  # drop the artists now rather than at the next garbage collection
        if caught:
            warnings += [f"{path}: {_warning_text(str(item.message))}" for item in caught]
        written.append(path)
    return written


def _warning_text(message: str) -> str:
    if "constrained_layout not applied" in message:
        return "the chart is too small for its titles and labels; they may overlap (make it larger)"
    return message.splitlines()[0] if message else "warning"
