"""Shared shapes of the extraction example tables: one expected observation, and what a text gives."""
from __future__ import annotations

from datetime import date

from tracker.documents import parse_document
from tracker.extract import extract_document, extract_text
from tracker.observation import Observation

DAY = date(2025, 12, 18)  # a Thursday


def price(commodity: str, price_type: str, low: float, high: float | None = None, currency: str | None = "CNY",
          unit: str = "mt") -> tuple:
    """One expected observation: (commodity, price_type, low, high, currency, unit)."""
    return (commodity, price_type, float(low), float(low if high is None else high), currency, unit)


def found(text: str, title: str = "", day: date = DAY) -> list[tuple]:
    """The observations extracted from `text`, in the shape of `price`."""
    return [(o.commodity, o.price_type, round(o.low, 6), round(o.high, 6), o.currency, o.unit)
            for o in extract_text(text, day, title)]


def read_and_extracted(name: str, text: str, day: date | None = DAY) -> list[Observation]:
    """The observations of `text` read as the file `name` (page publisher, title, date and layout as a file's)."""
    return extract_document(parse_document(name, text.encode(), day))
