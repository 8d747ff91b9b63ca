"""FX rates from the user's file: a CSV with the columns date, pair, rate (tracker fx import).

Tracker bundles no rates and fetches none: a conversion uses exactly what the user imported, from a
source the user chose. A file with one bad line is refused whole, naming the line, so a half-imported
series never converts some prices and not others.
"""
from __future__ import annotations

import csv
import math
import os
import re
from datetime import date

from tracker.errors import TrackerError
from tracker.observation import FX_COLUMNS

# "USD/CNY", "usd-cny", "USD CNY", "USDCNY": base currency first, quote second (one USD costs `rate` CNY).
# Run together only in capitals, so that a word ("dollar") is not read as a pair.
_PAIR = re.compile(r"([A-Za-z]{3})\s*[/\-_ ]\s*([A-Za-z]{3})|([A-Z]{3})([A-Z]{3})")


def normalise_pair(text: str) -> str | None:
    """"usd-cny" -> "USD/CNY"; None when it is not two three-letter currency codes."""
    match = _PAIR.fullmatch(text.strip())
    if not match:
        return None
    base, quote = (part.upper() for part in match.groups() if part)
    return f"{base}/{quote}" if base != quote else None


def read_rates(path: str | os.PathLike[str]) -> list[tuple[str, str, float]]:
    """(ISO date, pair, rate) for each line of the file; TrackerError naming the file and line otherwise."""
    name = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:  # a BOM from Excel is fine
            reader = csv.reader(handle)
            header = [cell.strip().lower() for cell in next(reader, [])]
            missing = [column for column in FX_COLUMNS if column not in header]
            if missing:
                raise TrackerError(f"{name}: no {', '.join(missing)} column in the first line; expected a "
                                   f"header with {', '.join(FX_COLUMNS)} (e.g. 2025-11-06,USD/CNY,7.12)")
            where = [header.index(column) for column in FX_COLUMNS]
            rates: dict[tuple[str, str], float] = {}
            for line, cells in enumerate(reader, start=2):
                if not any(cell.strip() for cell in cells):
                    continue
                day, pair, rate = (_cell(cells, index) for index in where)
                key = (_date(day, name, line), _pair(pair, name, line))
                value = _rate(rate, name, line)
                if rates.get(key, value) != value:
                    raise TrackerError(f"{name}:{line}: a second {key[1]} rate for {key[0]} ({rate} after "
                                       f"{rates[key]:g}); keep one")
                rates[key] = value
    except OSError as error:
        raise TrackerError(f"{name}: cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise TrackerError(f"{name}: not a UTF-8 CSV file ({error})") from None
    if not rates:
        raise TrackerError(f"{name}: no rates in the file")
    return [(day, pair, value) for (day, pair), value in sorted(rates.items(), key=lambda item: item[0][::-1])]


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _date(text: str, name: str, line: int) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise TrackerError(f"{name}:{line}: {text!r} is not a date in the form YYYY-MM-DD") from None


def _pair(text: str, name: str, line: int) -> str:
    pair = normalise_pair(text)
    if pair is None:
        raise TrackerError(f"{name}:{line}: {text!r} is not a currency pair such as USD/CNY")
    return pair


def _rate(text: str, name: str, line: int) -> float:
    try:
        # no thousands separators: "7,12" may be a decimal comma, and guessing would be off a hundredfold
        value = math.nan if "," in text else float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise TrackerError(f"{name}:{line}: {text!r} is not a rate (a positive number with a decimal point "
                           "and no thousands separators)")
    return value
