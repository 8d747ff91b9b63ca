"""Lines of a page that date other lines: a date on a line of its own, an item's headline or text carrying its
date at its start or end, and the lines that look dated but date nothing (a covered period, "as at")."""
from __future__ import annotations

from contextlib import suppress
from datetime import date
from functools import lru_cache

from tracker import patterns as p
from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.dates import DATE_PATTERN, MONTHS, find_dates, slashed_date
from tracker.timing import year_first_date

# a covered period ("(2025年10月9日-10月10日)", "6-10 October 2025") and a line of data "as at" a date: no note dates
PERIOD = regex.compile(r"[日号]\s*[-–—~～至到]\s*\d|\b\d{1,2}\s*[-–—]\s*\d{1,2}\s+[A-Za-z]|\s(?:to|until)\s+\d")
AS_AT = regex.compile(r"\s*[(（]|\s*as\s+(?:at|of)\b", regex.IGNORECASE)


@lru_cache(maxsize=4096)  # short lines only: date lines and headlines come back on every page of a site
def line_dates(line: str, published: date) -> tuple[tuple[int, date], ...]:
    dates = find_dates(line)
    if not dates and (slashed := slashed_date(line, published) or year_first_date(line)):
        dates = [(0, slashed)]
    return tuple(dates)


def headline_date(line: str, published: date) -> date | None:
    """The date an item's headline carries: "· 【SMM锰系周评】电池级硫酸锰价格弱稳运行 2026-07-08",
    "· 01-07 硫酸镍日评：..."."""
    dates = line_dates(line, published)
    return dates[0][1] if dates else item_date(line, published)


# an item's date at the start of its line, without a year: "01-07 硫酸镍日评", "· 01/07 ...", "· 2月25日 SMM硫酸钴"
_MONTH_DAY_START = regex.compile(r"^[·•>*\s-]*(\d{1,2})(?:[-/.](\d{1,2})(?![\d/.-])\s|月(\d{1,2})[日号])")
_TIME_PREPOSITION = regex.compile(r"\b(?:on|since|from|as\s+of|as\s+at|at|by|until|till|to|before|after|of|in)\s*$",
                                  regex.IGNORECASE)
_DATE_TAIL = regex.compile(r"[\s|·•,—)）\]-]*(?:\d{1,2}:\d\d(?::\d\d)?)?\s*$")
# a card's date with a two-digit year at the end of its headline: "Spodumene prices hit six-month high 29 Aug 25"
_SHORT_YEAR_TAIL = regex.compile(
    rf"(?<![\d.,])(\d{{1,2}})\s+({'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s+(\d\d)\s*$", regex.IGNORECASE)


def item_date(line: str, published: date) -> date | None:
    """The date an item's line carries at its start or at its end (after its headline), when it holds more than
    the date: "01-14 据SMM数据...", "Nickel sulphate index at 28,105 yuan/mt Oct 29, 2025", "Headline | Nov 4,
    2025", "2025-10-29 Nickel sulphate ..."."""
    if len(line) > 300 or not (p.DIGIT.search(line, 0, 14) or p.DIGIT.search(line, max(0, len(line) - 28))):
        return None
    if (numbers := _MONTH_DAY_START.match(line)) is not None:
        month, day = int(numbers.group(1)), int(numbers.group(2) or numbers.group(3))
        for year in (published.year, published.year - 1):
            try:
                found = date(year, month, day)
            except ValueError:
                return None
            if found <= published:
                return found
        return None
    parts = line.split()
    for edge in (parts[-1], parts[0]) if len(parts) > 2 else ():  # "... output recovers  09/09/25", "2024/10/08 ..."
        if (numeric := slashed_date(edge, published) or year_first_date(edge)) is not None:
            return numeric
    if (short := _SHORT_YEAR_TAIL.search(line)) is not None and len(line) - len(short.group()) >= 15:
        with suppress(ValueError):
            found = date(2000 + int(short.group(3)), MONTHS[short.group(2).lower()],
                         int(short.group(1)))
            return found if found <= published else None
    for at, found in find_dates(line):
        match = DATE_PATTERN.match(line, at)
        if match is None:
            continue
        before, after = line[:at], line[match.end():]
        if len(line) - len(match.group()) < 15:
            return None  # a date line, read as one
        if not before.strip(" ·•>*-|") or _DATE_TAIL.fullmatch(after) and not _TIME_PREPOSITION.search(before):
            return found  # (not "... up from 58,000 yuan/mt on Oct 22, 2025": a date in the text's own words)
    return None


# what may stand beside a date on a line of its own: "Friday, 07 November 2025 17:20 (Beijing time)"
_WEEKDAYS = "|".join(sorted((day for day in p.words.table("time.weekdays") if day.isascii()), key=len, reverse=True))
_BESIDE_A_DATE = regex.compile(rf"(?i)[|·•]\s*{p.W('document.bylines')}(?![A-Za-z])\s*[:：]?\s*\S.*$"
                               rf"|\b(?:{_WEEKDAYS})\b|\d{{1,2}}:\d\d(?::\d\d)?|[(（][^()（）]*[)）]"
                               r"|\b(?:GMT|UTC|BST|CST|HKT|SGT)(?:[+-]\d{1,2})?\b|[\s,.:|-]")


def only_a_date(line: str) -> bool:
    """A line holding a date and nothing else but its weekday, time and time zone (up to 60 characters)."""
    if len(line) > 60 or not (match := DATE_PATTERN.search(line)):
        return False
    return not _BESIDE_A_DATE.sub("", line[:match.start()] + line[match.end():])
