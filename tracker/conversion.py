"""Prices in other units and currencies, and without Chinese VAT: per price, over a Store.prices frame.

Each price is converted on its own: mass units by a fixed factor (data/units.toml), metal units (dmtu)
through the product's metal content, currencies with the user's FX rate on the price's date or the last
one before it (never a later one: it was not known on that date). VAT comes off before the currency
changes, in yuan, as Chinese prices are quoted. Whatever cannot be converted as asked is an error naming
the series, never a row left in its old unit among converted ones.
"""
from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from tracker.errors import ConversionError
from tracker.observation import CONVERSION_COLUMNS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    import pandas as pd

# Chinese domestic prices are quoted VAT-inclusive; `--ex-vat` is the rate to take off, in percent.
VAT_CURRENCY = "CNY"
_CURRENCY = re.compile(r"[A-Za-z]{3}")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


@dataclass(frozen=True)
class Target:
    """What to convert to: a currency, a unit, or both (either may be None: left as it is)."""

    currency: str | None = None
    unit: str | None = None

    def __str__(self) -> str:
        return "/".join(part for part in (self.currency, self.unit) if part)


@dataclass(frozen=True)
class Units:
    """data/units.toml: kilograms per mass unit, metal per metal unit, metal contents of products."""

    mass: dict[str, float]
    metal: dict[str, float]
    content: dict[str, dict[str, Any]]
    content_from_spec: dict[str, str]

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.mass, *self.metal)

    def share(self, commodity: str, spec: str | None) -> float | None:
        """The metal content of one kilogram of the product, or None where it is not known."""
        if commodity in self.content:
            return float(self.content[commodity]["share"])
        if commodity in self.content_from_spec:
            found = [float(m.group(1)) / 100 for word in (spec or "").split(", ")
                     if (m := _PERCENT.fullmatch(word.strip()))]
            if len(found) == 1 and 0 < found[0] <= 1:
                return found[0]
        return None

    def kilograms(self, unit: str, commodity: str, spec: str | None, series: str) -> float:
        """Kilograms of the product one `unit` stands for; ConversionError where that cannot be known."""
        if unit in self.mass:
            return self.mass[unit]
        if unit in self.metal:
            share = self.share(commodity, spec)
            if share is None:
                known = sorted((*self.content, *self.content_from_spec))
                raise ConversionError(
                    f"{series}: cannot convert to or from {unit}: the metal content of {commodity} "
                    + ("is given by a percentage in the spec, and this spec has none" if commodity in
                       self.content_from_spec else "is not known (tracker/data/units.toml has it for "
                       f"{', '.join(known)})"))
            return self.metal[unit] / share
        raise ConversionError(f"{series}: prices per {unit} cannot be converted "
                              f"(convertible units: {', '.join(self.names)})")


@lru_cache(maxsize=1)
def default_units() -> Units:
    table = tomllib.loads(resources.files("tracker").joinpath("data/units.toml").read_text(encoding="utf-8"))
    return Units(table["mass"], table["metal_units"], table.get("content", {}), table.get("content_from_spec", {}))


def parse_target(text: str, units: Units | None = None) -> Target:
    """"USD/lb", "lb", "USD" -> Target; anything else is a ConversionError saying what is expected."""
    units = units or default_units()
    wanted = text.strip()
    currency, _, unit = wanted.rpartition("/") if "/" in wanted else ("", "", wanted)
    if not currency and _CURRENCY.fullmatch(unit) and unit.lower() not in units.names:
        currency, unit = unit, ""
    if (currency and not _CURRENCY.fullmatch(currency)) or (unit and unit.lower() not in units.names) or \
            not (currency or unit):
        raise ConversionError(f"cannot convert to {text!r}: give a unit ({', '.join(units.names)}), an ISO "
                              "currency (USD, CNY) or both as CUR/UNIT (USD/lb)")
    return Target(currency.upper() or None, unit.lower() or None)


def converted_id(series: str, currency: str | None, unit: str, ex_vat: float | None) -> str:
    """The id of a converted series: the published one, '>', what it is in now ("...cny-mt>usd-lb-ex-vat").

    A new id, so a converted series never merges with a published one of the same currency and unit.
    """
    money = "-".join(part for part in ((currency or "").lower(), unit.lower()) if part)
    return f"{series}>{money}{'-ex-vat' if ex_vat else ''}"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def convert(frame: pd.DataFrame, to: Target | str | None = None, *, fx: pd.DataFrame | None = None,
            ex_vat: float | None = None, units: Units | None = None) -> pd.DataFrame:
    """The prices of `frame` in `to` and/or without `ex_vat` percent VAT, with CONVERSION_COLUMNS added.

    `fx` holds the user's rates (date, pair, rate; "USD/CNY" 7.1 = one USD costs 7.1 CNY), needed only
    when a currency changes. Rows already in the target, and non-CNY rows under `ex_vat`, are kept as they
    are, with empty conversion columns. Raises ConversionError for what cannot be converted.
    """
    import pandas as pd

    units = units or default_units()
    target = parse_target(to, units) if isinstance(to, str) else (to or Target())
    if ex_vat is not None and not 0 < ex_vat < 100:
        raise ConversionError(f"a VAT rate of {ex_vat:g}% makes no sense; give it in percent, e.g. 13")
    # rows are matched back by index below: a frame glued together from others may repeat labels
    out = frame.copy() if frame.index.is_unique else frame.reset_index(drop=True)
    out["converted_from"] = pd.Series(None, index=out.index, dtype=object)
    out["fx_pair"] = pd.Series(None, index=out.index, dtype=object)
    out["fx_rate"] = math.nan
    out["fx_date"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    out["ex_vat"] = math.nan
    if out.empty:
        return out
    factor = pd.Series(1.0, index=out.index)
    changed = pd.Series(False, index=out.index)
    vat = pd.Series(False, index=out.index)
    if ex_vat:
        vat = out["currency"] == VAT_CURRENCY
        factor[vat] /= 1 + ex_vat / 100
        out.loc[vat, "ex_vat"] = float(ex_vat)
        changed |= vat
    if target.unit:
        for series_id, rows in out.groupby("series", sort=False):
            first = rows.iloc[0]
            if first["unit"] == target.unit:
                continue
            if _missing(first["currency"]):
                raise ConversionError(f"{series_id}: a payable in {first['unit']} has no mass unit to convert "
                                      f"to {target.unit}; leave it out (--series, --commodity)")
            grade = None if _missing(first["grade"]) else first["grade"]
            factor[rows.index] *= (units.kilograms(target.unit, first["commodity"], grade, series_id)
                                   / units.kilograms(first["unit"], first["commodity"], grade, series_id))
            changed[rows.index] = True
        out["unit"] = target.unit
    if target.currency:
        _convert_currency(out, target.currency, fx, factor, changed)
    for column in ("low", "high", "mid"):
        out[column] = out[column] * factor
    if changed.any():
        rows = out.loc[changed]
        out.loc[changed, "converted_from"] = rows["series"]
        out.loc[changed, "series"] = [converted_id(series, currency, unit, None if _missing(vat_rate) else vat_rate)
                                      for series, currency, unit, vat_rate in
                                      zip(rows["series"], rows["currency"], rows["unit"], rows["ex_vat"],
                                          strict=True)]
    return out[[*frame.columns, *CONVERSION_COLUMNS]]


def _convert_currency(out: pd.DataFrame, currency: str, fx: pd.DataFrame | None, factor: pd.Series,
                      changed: pd.Series) -> None:
    """Multiply `factor` by the FX rate of each row's date where its currency is not `currency`."""
    import pandas as pd

    payables = out["currency"].isna()
    if payables.any():
        series_id = out.loc[payables, "series"].iloc[0]
        raise ConversionError(f"{series_id}: a payable in % has no currency to convert to {currency}; "
                              "leave it out (--series, --commodity)")
    rates = _rate_table(fx)
    for source, rows in out.groupby("currency", sort=True):
        if source == currency:
            continue
        direct, inverse = f"{source}/{currency}", f"{currency}/{source}"
        pair = direct if direct in rates else inverse if inverse in rates else None
        if pair is None:
            held = f" (stored pairs: {', '.join(sorted(rates))})" if rates else " (none are stored)"
            raise ConversionError(f"no FX rates to convert {source} to {currency}: import {inverse} or {direct} "
                                  f"rates first (tracker fx import){held}")
        table = rates[pair]
        dates = rows["date"].astype("datetime64[ns]")
        # the last rate dated on or before each price's date (merge_asof "backward"); never a later one
        found = pd.merge_asof(pd.DataFrame({"date": dates, "row": rows.index}).sort_values("date"),
                              table, left_on="date", right_on="fx_date", direction="backward").set_index("row")
        early = found["rate"].isna()
        if early.any():
            first_miss = found.loc[early].sort_values("date").iloc[0]
            raise ConversionError(f"no {pair} rate on or before {first_miss['date']:%Y-%m-%d} (a price of "
                                  f"{out.loc[first_miss.name, 'series']}); the first stored {pair} rate is "
                                  f"on {table['fx_date'].iloc[0]:%Y-%m-%d}")
        found = found.loc[rows.index]
        factor[rows.index] *= found["rate"] if pair == direct else 1 / found["rate"]
        out.loc[rows.index, "fx_pair"] = pair
        out.loc[rows.index, "fx_rate"] = found["rate"]
        out.loc[rows.index, "fx_date"] = found["fx_date"]
        changed[rows.index] = True
    out["currency"] = currency


def _rate_table(fx: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    """pair -> its rates (fx_date, rate) sorted by date."""
    import pandas as pd

    if fx is None or len(fx) == 0:
        return {}
    frame = pd.DataFrame({"fx_date": pd.to_datetime(fx["date"]).astype("datetime64[ns]"),
                          "pair": fx["pair"].astype(str), "rate": fx["rate"].astype(float)})
    return {pair: rows[["fx_date", "rate"]].sort_values("fx_date").reset_index(drop=True)
            for pair, rows in frame.groupby("pair", sort=True)}
