"""Price charts: a shaded low-high band and a mid line per series, one panel per commodity and unit.

matplotlib, numpy and pandas are imported inside the functions, so `import tracker.plot` stays cheap.
Figures are plain `matplotlib.figure.Figure` objects on an Agg canvas: no pyplot, so the caller's
backend (a GUI, a notebook's inline backend) is never switched and nothing piles up in pyplot's
registry of open figures.
"""
from __future__ import annotations

import math
import os
from collections.abc import Sequence
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
GAP_FACTOR = 3.0  # a gap longer than this many median spacings...
GAP_MIN_DAYS = 21  # ...and at least this long is left open
INDEX_LABEL = "Index, first point = 100"
_SERIES = ["commodity", "grade", "price_type", "currency", "unit"]
# Chart text stays in the glyphs of matplotlib's bundled DejaVu Sans: ASCII plus these.
_EXTRA_GLYPHS = "·–"
# Common Chinese grade words, so a grade such as 电池级 still reads as something on the chart.
_GRADE_WORDS = {"电池级": "battery-grade", "电镀级": "plating-grade", "工业级": "industrial-grade",
                "高镍": "high-nickel", "低镍": "low-nickel", "现货": "spot", "期货": "futures",
                "粗制": "crude", "精制": "refined", "国产": "domestic", "进口": "imported"}


@dataclass
class SeriesInfo:
    """One series as drawn: arrays sorted by date, one point per date, rebased when normalised."""

    commodity: str
    grade: str | None
    price_type: str
    currency: str | None
    unit: str
    label: str  # legend text
    dates: np.ndarray  # datetime64[D]
    low: np.ndarray
    high: np.ndarray
    mid: np.ndarray
    segments: list[tuple[int, int]]  # [start, stop) index ranges drawn unbroken; gaps between them
    annotation: str  # the latest value as written next to the last point


@dataclass
class PanelInfo:
    """One Axes: a commodity in one currency and unit (or, normalised, everything on one index)."""

    commodity: str | None  # None on the shared normalised panel
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


def _chart_text(text: str) -> str:
    """Text safe for the default font: known Chinese grade words translated, other non-ASCII dropped."""
    for word, english in _GRADE_WORDS.items():
        text = text.replace(word, f" {english} ")
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


def _segments(dates: np.ndarray) -> list[tuple[int, int]]:
    """Split where a gap is longer than GAP_FACTOR x the median spacing and at least GAP_MIN_DAYS."""
    import numpy as np

    if len(dates) < 2:
        return [(0, len(dates))]
    steps = np.diff(dates).astype("timedelta64[D]").astype(float)
    median = float(np.median(steps))
    breaks = [i + 1 for i, step in enumerate(steps) if step > GAP_FACTOR * median and step >= GAP_MIN_DAYS]
    bounds = [0, *breaks, len(dates)]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _series(frame: pd.DataFrame, normalize: bool) -> list[SeriesInfo]:
    """One SeriesInfo per (commodity, grade, price_type, currency, unit), in a stable order.

    Several observations of one series on one date (sources disagreeing) become one point:
    the band spans the lowest low to the highest high, the mid is their mean (as Store.latest does).
    """
    import numpy as np

    found = []
    groups = frame.groupby(_SERIES, dropna=False, sort=False)
    for key, rows in groups:
        commodity, grade, price_type, currency, unit = (None if _missing(v) else v for v in key)
        daily = rows.groupby("date").agg(low=("low", "min"), high=("high", "max"), mid=("mid", "mean"))
        daily = daily.sort_index()
        dates = daily.index.values.astype("datetime64[D]")
        low, high, mid = (daily[c].to_numpy(dtype=float) for c in ("low", "high", "mid"))
        if normalize:
            nonzero = np.flatnonzero(mid != 0)
            if not len(nonzero):
                continue
            factor = 100.0 / mid[nonzero[0]]
            low, high, mid = low * factor, high * factor, mid * factor
        found.append(SeriesInfo(commodity, grade, price_type, currency, unit, "", dates, low, high,
                                mid, _segments(dates), format_value(mid[-1], normalize)))
    found.sort(key=lambda s: tuple((v is not None, str(v or "")) for v in
                                   (s.commodity, s.currency, s.unit, s.grade, s.price_type)))
    return found


def _label(series: SeriesInfo, normalize: bool) -> str:
    grade = _chart_text(series.grade or "")
    parts = [grade, series.price_type] if grade else [series.price_type]
    if normalize:
        from tracker.registry import default_registry

        name = _chart_text(default_registry().label(series.commodity)) or series.commodity
        parts = [name, *parts, unit_label(series.currency, series.unit)]
    return " · ".join(parts)


def _panels(series: list[SeriesInfo], normalize: bool, title_suffix: str | None) -> list[PanelInfo]:
    from tracker.registry import default_registry

    by_key: dict[tuple, PanelInfo] = {}
    for item in series:
        key = ("index",) if normalize else (item.commodity, item.currency, item.unit)
        if key not in by_key:
            if normalize:
                by_key[key] = PanelInfo(None, None, None, "Prices rebased to 100", INDEX_LABEL)
            else:
                name = _chart_text(default_registry().label(item.commodity)) or item.commodity
                by_key[key] = PanelInfo(item.commodity, item.currency, item.unit, name,
                                        unit_label(item.currency, item.unit))
        by_key[key].series.append(item)
    panels = list(by_key.values())
    for panel in panels:
        seen: dict[str, int] = {}
        for item in panel.series:  # grades dropped from the text must not merge two legend entries
            base = _label(item, normalize)
            seen[base] = seen.get(base, 0) + 1
            item.label = base if seen[base] == 1 else f"{base} ({seen[base]})"
        panel.title = f"{panel.title} · {_date_range([s.dates for s in panel.series])}"
        if title_suffix:
            panel.title += f" · {_chart_text(title_suffix)}"
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
    from matplotlib.transforms import offset_copy

    colors = [f"C{i}" for i in range(10)]
    latest = []
    for number, item in enumerate(panel.series):
        color = colors[number % len(colors)]
        x, low, high, mid = _with_gaps(item)
        ax.fill_between(x, low, high, color=color, alpha=0.2, linewidth=0)
        ax.plot(x, mid, color=color, marker="o", markersize=4, linewidth=1.6, label=item.label)
        for start, stop in item.segments:  # a lone point has no band: show its range as a bar
            if stop - start == 1 and item.high[start] > item.low[start]:
                ax.vlines(item.dates[start], item.low[start], item.high[start], color=color,
                          alpha=0.5, linewidth=4)
        latest.append((item.mid[-1], item.dates[-1], item.annotation, color))
    if normalize:
        ax.axhline(100, color="0.6", linewidth=0.8, linestyle="--")
    ax.margins(x=0.08)
    ax.autoscale_view()
    bottom, top = ax.get_ylim()
    spacing = (top - bottom) * 0.07
    placed: dict[Any, float] = {}
    shifted = offset_copy(ax.transData, fig=ax.figure, x=5, y=0, units="points")
    for y, x, text, color in sorted(latest, key=lambda entry: entry[0]):
        # labels ending on the same date with near-equal values are nudged apart
        placed[x] = max(y, placed.get(x, -math.inf) + spacing)
        ax.text(x, placed[x], text, transform=shifted, color=color, fontsize=8, va="center", ha="left",
                fontweight="bold")
    ax.set_title(panel.title, fontsize=11, loc="left")
    ax.set_ylabel(panel.ylabel)
    ax.yaxis.set_major_formatter(_tick_formatter())
    ax.grid(True, color="0.9", linewidth=0.8)
    ax.legend(loc="best", fontsize="small", framealpha=0.85, ncol=1 if len(panel.series) <= 4 else 2)


def build_figure(frame: pd.DataFrame, *, normalize: bool = False, width: float = 10.0,
                 height: float | None = None, title_suffix: str | None = None,
                 ) -> tuple[Figure, list[PanelInfo]]:
    """Draw the prices in `frame` (as returned by Store.prices) and say what was drawn.

    One panel per (commodity, currency, unit), stacked and sharing the date axis; with `normalize`
    every series is rebased to 100 at its first point and all share one panel.
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
    return figure, panels


def _key(name: str) -> str:
    return "_".join(name.casefold().replace("-", " ").split())


def _no_prices(store: Store, wanted: str | None, filters: dict[str, Any]) -> TrackerError:
    held = store.commodities()
    if not held:
        return TrackerError("the store is empty; ingest some reviews first")
    used = ", ".join(f"{name}={value}" for name, value in filters.items() if value is not None)
    what = f"no prices for {wanted!r}" if wanted else "no prices"
    return TrackerError(f"{what}{f' with {used}' if used else ''} in the store; "
                        f"it holds: {', '.join(held)}")


def plot_prices(store: Store, commodities: Sequence[str] | None, output: str | os.PathLike[str], *,
                grade: str | None = None, price_type: str | None = None,
                since: date | str | None = None, until: date | str | None = None,
                normalize: bool = False, dpi: int = 100, width: float = 10.0,
                height: float | None = None, warnings: list[str] | None = None) -> list[Path]:
    """Write price charts as PNG and return the paths written.

    A chart is one commodity (a panel per currency and unit), or with `normalize` every series on
    one panel. `output` ending in .png gets that one chart (OutputError when the prices make several);
    anything else is a directory (created if needed) that gets one `<commodity>.png` each, or one
    `normalized.png`. Commodities match case-insensitively (by canonical name or English label);
    none means all. Warnings about a chart (too small for its labels) go to `warnings` when given.
    """
    from tracker.export import write_atomic
    from tracker.registry import default_registry

    filters = {"grade": grade, "price_type": price_type, "since": since, "until": until}
    frame = store.prices(**filters)
    if commodities:
        registry = default_registry()
        names = {_key(name): name for name in frame["commodity"].unique()}
        names.update({_key(registry.label(name)): name for name in frame["commodity"].unique()})
        chosen = []
        for wanted in commodities:
            if _key(wanted) not in names:
                raise _no_prices(store, wanted, filters)
            chosen.append(names[_key(wanted)])
        frame = frame[frame["commodity"].isin(chosen)]
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
