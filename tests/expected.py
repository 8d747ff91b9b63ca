"""Shared shapes of the extraction example tables: one expected observation, and what a text gives."""
from __future__ import annotations

from datetime import date

from tracker.extract import extract_text

DAY = date(2025, 12, 18)  # a Thursday


def price(commodity: str, price_type: str, low: float, high: float | None = None, currency: str | None = "CNY",
          unit: str = "mt") -> tuple:
    """One expected observation: (commodity, price_type, low, high, currency, unit)."""
    return (commodity, price_type, float(low), float(low if high is None else high), currency, unit)


def found(text: str, title: str = "", day: date = DAY) -> list[tuple]:
    """The observations extracted from `text`, in the shape of `price`."""
    return [(o.commodity, o.price_type, round(o.low, 6), round(o.high, 6), o.currency, o.unit)
            for o in extract_text(text, day, title)]
