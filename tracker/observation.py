"""The record passed between stages: one price level read from one document."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Column order of `tracker extract --format csv`; the store and export keep it.
CSV_COLUMNS = ("date", "commodity", "grade", "price_type", "low", "high", "mid", "currency", "unit",
               "document", "title", "text", "sentence")

PRICE_TYPES = ("offer", "bid", "transaction", "assessment")
CURRENCIES = ("CNY", "USD")
UNITS = ("mt", "lb", "kg", "dmtu", "mtu", "%")


@dataclass(frozen=True)
class Observation:
    date: date
    commodity: str
    grade: str | None
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
    # set during extraction: whether the price type came from a wording cue rather than the default
    type_from_cue: bool = field(default=False, compare=False, repr=False)

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def series(self) -> tuple:
        """The series this observation belongs to: what a chart draws as one band."""
        return (self.commodity, self.grade, self.price_type, self.currency, self.unit)

    def key(self) -> tuple:
        """Identity of the observation: the same key reported twice is one observation."""
        return (self.date, *self.series(), self.low, self.high)

    def as_row(self) -> dict:
        return {"date": self.date.isoformat(), "commodity": self.commodity, "grade": self.grade,
                "price_type": self.price_type, "low": self.low, "high": self.high, "mid": self.mid,
                "currency": self.currency, "unit": self.unit, "document": self.document, "title": self.title,
                "text": self.text, "sentence": self.sentence}
