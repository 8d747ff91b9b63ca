"""The shapes passed between stages, defined once: an observation, the series it belongs to, their columns."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

PRICE_TYPES = ("offer", "bid", "transaction", "assessment")
CURRENCIES = ("CNY", "USD", "EUR", "AUD", "CAD")
UNITS = ("mt", "dmt", "lb", "kg", "dmtu", "mtu", "%")  # dmt: what stores written before "/dmt" read as mt hold

# Column order of `tracker extract --format csv` and of exported rows. `grade` is the normalised
# specification (the series' spec); `printed_grade` the words as the document printed them.
CSV_COLUMNS = ("date", "series", "publisher", "commodity", "grade", "price_type", "low", "high", "mid", "currency",
               "unit", "document", "title", "text", "sentence", "printed_grade")
EXPORT_COLUMNS = (*CSV_COLUMNS, "sources")
# The columns that say which series a row of output is (`grade` holding the spec).
SERIES_COLUMNS = ("series", "publisher", "commodity", "grade", "price_type", "currency", "unit")

# Period averages (`--freq`): one row per series and calendar period. `date` is the period's last day,
# `period` its name as pandas writes it ("2025-11", "2025Q4", "2025", "2025-11-01/2025-11-07" for a week);
# low, high and mid are means over the `points` prices dated `first_date` to `last_date`. An average has no
# one sentence or document: its provenance is `sources`, every document behind its points.
PERIOD_COLUMNS = ("date", "period", "series", "publisher", "commodity", "grade", "price_type", "low", "high", "mid",
                  "currency", "unit", "points", "first_date", "last_date", "sources")
# Appended to prices converted with --to or --ex-vat: the series as published, the FX pair as imported
# with the rate and its date (in an average: the mean rate and the last date), the VAT removed in percent.
CONVERSION_COLUMNS = ("converted_from", "fx_pair", "fx_rate", "fx_date", "ex_vat")
# `tracker latest`, the workbook's latest sheet: per series its last price and the change from the one before.
LATEST_COLUMNS = ("series", "publisher", "commodity", "grade", "price_type", "currency", "unit", "date", "low",
                  "high", "mid", "previous_date", "previous_mid", "change", "pct_change", "points")
# A file given to `tracker fx import`: one rate a line; "USD/CNY 7.1" means one USD costs 7.1 CNY.
FX_COLUMNS = ("date", "pair", "rate")

# What the columns above hold, for writers that type their cells (the workbook): dates, money, counts.
DATE_COLUMNS = ("date", "previous_date", "first_date", "last_date", "fx_date")
MONEY_COLUMNS = ("low", "high", "mid", "previous_mid", "change")
COUNT_COLUMNS = ("points",)
PERCENT_COLUMNS = ("pct_change", "ex_vat")  # in percent in CSV and JSON ("2.5"), Excel percentages in a workbook
RATE_COLUMNS = ("fx_rate",)

FREQUENCIES = ("W", "M", "Q", "Y")
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def price_columns(freq: str | None = None, converted: bool = False) -> tuple[str, ...]:
    """The columns of exported prices: per observation or per period, with the conversion columns if converted."""
    base = PERIOD_COLUMNS if freq else EXPORT_COLUMNS
    return (*base, *CONVERSION_COLUMNS) if converted else base

@dataclass(frozen=True)
class Series:
    """One published price: what makes a series. A page with no publisher is a series of its own (`document`)."""

    publisher: str
    commodity: str
    spec: str
    price_type: str
    currency: str | None
    unit: str
    document: str = ""  # set only when there is no publisher: such a page's prices are a series of their own

    @property
    def id(self) -> str:
        """A stable, readable id: smm.cobalt_sulphate.battery-grade.offer.cny-mt (no spec, no part)."""
        owner = _slug(self.publisher) if self.publisher else "unknown-" + _slug(_stem(self.document))
        money = f"{self.currency.lower()}-{_slug(self.unit)}" if self.currency else ("pct" if self.unit == "%"
                                                                                      else _slug(self.unit))
        spec = "+".join(_slug(word) for word in self.spec.split(", ")) if self.spec else ""
        return ".".join(part for part in (owner, self.commodity, spec, self.price_type, money) if part)

    def group(self) -> tuple:
        """Everything but the spec: series in one group differ only in what they are a price of."""
        return (self.publisher, self.document, self.commodity, self.price_type, self.currency, self.unit)


@lru_cache(maxsize=1)
def _slug_space() -> Any:
    # regex's \s (Unicode White_Space), as series ids have always been made; compiled on first use, not at
    # start-up: `tracker --help` and commands that make no series id need no regex
    import regex

    return regex.compile(r"[\s/]+")


def _slug(text: str) -> str:
    return _slug_space().sub("-", text.strip().lower())


def _stem(path: str) -> str:
    name = os.path.basename(path.replace("\\", "/")) or path
    return os.path.splitext(name)[0] or "document"


@dataclass(frozen=True)
class Observation:
    date: date
    commodity: str
    grade: str | None  # the grade words as printed (normalised into a spec by tracker.series)
    price_type: str
    low: float
    high: float
    currency: str | None  # None only for payables in %
    unit: str
    text: str  # the matched phrase, as it stands in the document text
    sentence: str
    start: int = 0  # character span of `text` in the document text
    end: int = 0
    document: str = ""
    title: str = ""
    publisher: str = ""  # whose price: the page's publisher, or the agency the sentence credits
    # set during extraction: whether the price type came from a wording cue rather than the default
    type_from_cue: bool = field(default=False, compare=False, repr=False)

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def series(self) -> Series:
        """The series this observation belongs to by its own words (before tracker.series.resolve)."""
        from tracker.series import normalise_spec

        return Series(self.publisher, self.commodity, normalise_spec(self.grade), self.price_type, self.currency,
                      self.unit, "" if self.publisher else self.document)

    def key(self) -> tuple:
        """Identity of the observation: the same key reported twice is one observation."""
        return (self.date, self.publisher, self.commodity, self.grade, self.price_type, self.currency, self.unit,
                self.low, self.high)

    def as_row(self, series: Series | None = None) -> dict:
        """The observation as an output row; `series` is the one it was resolved to, if not its own."""
        series = series or self.series()
        return {"date": self.date.isoformat(), "series": series.id, "publisher": self.publisher,
                "commodity": self.commodity, "grade": series.spec, "price_type": self.price_type, "low": self.low,
                "high": self.high, "mid": self.mid, "currency": self.currency, "unit": self.unit,
                "document": self.document, "title": self.title, "text": self.text, "sentence": self.sentence,
                "printed_grade": self.grade}
