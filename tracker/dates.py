"""Publication dates in the forms reviews print them."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# "Dec 18, 2025", "Jul 03, 2025, at 5:29 pm", "iconNov 6, 2025" (glued: no boundary before the month)
_MONTH_FIRST = rf"(?P<m1>(?i:{_MONTH}))\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)(?!\d)"
# "1 April 2025", "18 June 2026", "17-Feb-2025"
_DAY_FIRST = rf"(?<!\d)(?P<d2>\d{{1,2}})(?:\s+|-)(?P<m2>(?i:{_MONTH}))\.?,?(?:\s+|-)(?P<y2>(?:19|20)\d\d)(?!\d)"
_ISO = r"(?<!\d)(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)(?!\d)"
_CHINESE = r"(?P<y4>(?:19|20)\d\d)\s*年\s*(?P<m4>\d{1,2})\s*月\s*(?P<d4>\d{1,2})\s*日"
DATE_PATTERN = re.compile("|".join((_MONTH_FIRST, _DAY_FIRST, _ISO, _CHINESE)))
PUBLISHED_PATTERN = re.compile(r"(?i)(?:published|publication date|date)\s*(?:date)?\s*:?\s*")
FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_]?(\d\d)[-_]?(\d\d)(?!\d)")


def _to_date(match: re.Match) -> date | None:
    groups = match.groupdict()
    for suffix in "1234":
        year = groups.get("y" + suffix)
        if year:
            month = groups["m" + suffix]
            month = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                return date(int(year), month, int(groups["d" + suffix]))
            except ValueError:
                return None
    return None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every full date (day, month and year) in the text, with its position.

    Every date holds a year, so the full pattern only runs in a window around each year: a
    scan of the whole text with it costs ten times more.
    """
    found: dict[int, date] = {}
    for year in _YEAR.finditer(text):
        for match in DATE_PATTERN.finditer(text, max(0, year.start() - 40), min(len(text), year.end() + 10)):
            if match.start() <= year.start() and match.end() >= year.end() and match.start() not in found:
                value = _to_date(match)
                if value:
                    found[match.start()] = value
    return sorted(found.items())


# "SMM August 20: ...", "Aug 20 (SMM) -": an item's own date at the start of its text, without a year
_DATELINE = re.compile(rf"(?:[A-Z][A-Za-z]{{1,12}}\s+)?(?P<m>(?i:{_MONTH}))\.?\s+(?P<d>\d{{1,2}})(?!\d)"
                       r"\s*(?:\([^)]{1,20}\))?\s*[:：,-]")


_DATELINE_ZH = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日")  # "3月19日,Mysteel硫酸钴..."


def dateline(line: str, published: date) -> date | None:
    """The date an item's opening dateline gives, in the year of `published` (or the one before)."""
    match = _DATELINE.match(line)
    chinese = None if match else _DATELINE_ZH.match(line)
    if not match and not chinese:
        return None
    month = MONTHS[match["m"].lower()] if match else int(chinese["m"])
    match = match or chinese
    for year in (published.year, published.year - 1):
        try:
            value = date(year, month, int(match["d"]))
        except ValueError:
            return None
        if value <= published:
            return value
    return None


_SLASHED = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\s*$")  # "15/10/25" on a line of its own


def slashed_date(line: str, published: date) -> date | None:
    """A day/month/year or month/day/year date line: whichever reading lies closest before `published`."""
    match = _SLASHED.match(line)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    year += 2000 if year < 100 else 0
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if value <= published:
            readings.append(value)
    return max(readings) if readings else None


def find_publication_date(text: str) -> date | None:
    """A "Published: ..." date if there is one, else the first full date in the text."""
    dates = find_dates(text)
    for position, value in dates:
        line_start = text.rfind("\n", 0, position) + 1
        if PUBLISHED_PATTERN.match(text, line_start) and position - line_start < 40:
            return value
    return dates[0][1] if dates else None


def parse_iso_date(value: str) -> date | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def date_from_filename(name: str) -> date | None:
    for match in FILENAME_DATE.finditer(name):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None
