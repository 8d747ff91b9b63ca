"""Frames for analysts: period averages, conversions, the latest price of each series.

Pure pandas over the frame Store.prices returns (one row per series and date, `date` as datetime64);
nothing here reads the store or writes a file. `prepare` is the one pipeline every output goes through:
convert each price first (an FX rate belongs to a price's own date), then average per series and period.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tracker.conversion import Target, convert
from tracker.errors import TrackerError
from tracker.observation import (
    CONVERSION_COLUMNS,
    FREQUENCIES,
    LATEST_COLUMNS,
    PERIOD_COLUMNS,
    SERIES_COLUMNS,
    WEEKDAYS,
)

if TYPE_CHECKING:
    import pandas as pd

# Calendar periods as pandas names them: weeks end on a chosen weekday, quarters and years in December.
_RULES = {"M": "M", "Q": "Q-DEC", "Y": "Y-DEC"}
_DESCRIPTION = ["publisher", "commodity", "grade", "price_type", "currency", "unit"]


def period_rule(freq: str, week_ending: str = "FRI") -> str:
    """The pandas period name of `freq` ("W" -> "W-FRI"); TrackerError for an unknown one."""
    freq, week_ending = freq.upper(), week_ending.upper()[:3]
    if freq not in FREQUENCIES:
        raise TrackerError(f"unknown period {freq!r}: expected one of {', '.join(FREQUENCIES)}")
    if freq == "W":
        if week_ending not in WEEKDAYS:
            raise TrackerError(f"unknown weekday {week_ending!r}: expected one of {', '.join(WEEKDAYS)}")
        return f"W-{week_ending}"
    return _RULES[freq]


def periods(frame: pd.DataFrame, freq: str, week_ending: str = "FRI") -> pd.DataFrame:
    """Per series and calendar period: mean low, high and mid, the number of points, first and last date.

    Rows never mix series: the series id is part of the key, so two series of one commodity (or a
    converted series and the published one) are averaged apart. `date` is the period's last day
    (the `week_ending` day for weeks). Conversion columns, where present, carry the first pair and
    VAT rate, the mean FX rate and the last FX date of the period's points.
    """
    import pandas as pd

    rule = period_rule(freq, week_ending)
    converted = "converted_from" in frame.columns
    columns = [*PERIOD_COLUMNS, *(CONVERSION_COLUMNS if converted else ())]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    keyed = frame.assign(_period=frame["date"].dt.to_period(rule))
    groups = keyed.groupby(["series", "_period"], sort=True)
    out = groups.agg(low=("low", "mean"), high=("high", "mean"), mid=("mid", "mean"), points=("date", "size"),
                     first_date=("date", "min"), last_date=("date", "max"))
    described = groups[_DESCRIPTION].first()
    # `first` skips missing values; a payable's currency is missing on every row, so it stays missing
    out = out.join(described)
    out["sources"] = groups["sources"].agg(_union)
    if converted:
        out = out.join(groups.agg(converted_from=("converted_from", "first"), fx_pair=("fx_pair", "first"),
                                  fx_rate=("fx_rate", "mean"), fx_date=("fx_date", "max"),
                                  ex_vat=("ex_vat", "first")))
    out = out.reset_index()
    out["date"] = out["_period"].dt.end_time.dt.normalize().astype("datetime64[ns]")
    out["period"] = out["_period"].astype(str)
    out = out.sort_values(["date", "commodity", "series"], kind="stable").reset_index(drop=True)
    return out[columns]


def _union(lists: Iterable[Any]) -> list[str]:
    """Every source of a period's points, once each, in order of first appearance."""
    found: dict[str, None] = {}
    for sources in lists:
        items = sources if isinstance(sources, (list, tuple)) else str(sources or "").split("; ")
        found.update((item, None) for item in items if item)
    return list(found)


def prepare(frame: pd.DataFrame, *, freq: str | None = None, week_ending: str = "FRI",
            to: Target | str | None = None, ex_vat: float | None = None,
            fx: pd.DataFrame | None = None) -> pd.DataFrame:
    """Store.prices' frame converted (`to`, `ex_vat`, with the rates in `fx`) then averaged (`freq`)."""
    if to or ex_vat:
        frame = convert(frame, to, fx=fx, ex_vat=ex_vat)
    if freq:
        frame = periods(frame, freq, week_ending)
    return frame


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame as plain rows for writers and tables: ISO dates, None for missing, Python numbers."""
    import pandas as pd

    rows = []
    dates = [column for column in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[column])]
    for record in frame.to_dict("records"):
        for name, value in record.items():
            if isinstance(value, (list, tuple)):
                continue
            if pd.isna(value):
                record[name] = None
            elif name in dates:
                record[name] = value.date().isoformat()
            elif hasattr(value, "item"):  # numpy scalars
                record[name] = value.item()
        rows.append(record)
    return rows


def by_series(rows: list[dict]) -> list[list[dict]]:
    """Rows grouped per series (in id order), each group oldest first."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["series"]].append(row)
    return [sorted(points, key=lambda row: row["date"]) for _, points in sorted(grouped.items())]


def latest_rows(rows: list[dict]) -> list[dict]:
    """Per series of `rows` (Store.latest; `latest` over any frame): last and previous date
    and mid, the change and % change; a converted row's `converted_from` comes along."""
    result = []
    for points in by_series(rows):
        last = points[-1]
        previous = points[-2] if len(points) > 1 else None
        change = last["mid"] - previous["mid"] if previous else None
        pct = change / previous["mid"] * 100 if previous and previous["mid"] else None
        result.append({**{name: last[name] for name in SERIES_COLUMNS}, "date": last["date"], "low": last["low"],
                       "high": last["high"], "mid": last["mid"],
                       "previous_date": previous["date"] if previous else None,
                       "previous_mid": previous["mid"] if previous else None, "change": change,
                       "pct_change": pct, "points": len(points),
                       **({"converted_from": last["converted_from"]} if "converted_from" in last else {})})
    return result


def latest(frame: pd.DataFrame) -> pd.DataFrame:
    """Per series of `frame`: its last price, the one before, the change (Store.latest over any frame).

    Over period averages the points are periods: the last month's average against the month before.
    """
    import pandas as pd

    rows = latest_rows(records(frame))
    columns = [*LATEST_COLUMNS, *(("converted_from",) if "converted_from" in frame.columns else ())]
    out = pd.DataFrame(rows, columns=columns)
    for column in ("date", "previous_date"):
        out[column] = pd.to_datetime(out[column], format="%Y-%m-%d")
    return out


class Averaged:
    """A store seen through period averages: `prices` is Store.prices(freq=...), all else is the store's.

    For code that takes a store and reads its prices, such as tracker.plot.plot_prices, which has no
    `freq` of its own: the charts then draw exactly the frame `tracker export --freq` writes.
    """

    def __init__(self, store: Any, freq: str, week_ending: str = "FRI"):
        period_rule(freq, week_ending)  # an unknown period fails here, not in the middle of drawing
        self._store, self._freq, self._week_ending = store, freq, week_ending

    def prices(self, **filters: Any) -> pd.DataFrame:
        return self._store.prices(freq=self._freq, week_ending=self._week_ending, **filters)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)
