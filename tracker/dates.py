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
# the line a page's own date stands on: "Published:", "Date:", "ASX Release: 29 January 2026", "发布时间："
PUBLISHED_PATTERN = re.compile(r"(?i)(?:published|publication date|date|released?|(?:ASX|press|media|news)\s+release"
                               r"|issued|posted|发布(?:时间|日期)?)\s*(?:date|on)?\s*[:：]?\s*")
# e-mails: a forwarded one ("Subject: FW: ...", "---------- Forwarded message"), and a header's date line
_FORWARDED = re.compile(r"(?im)^(?:subject|主题)\s*[:：]\s*(?:FW|FWD|转发)\s*[:：]|^-+\s*forwarded message")
MAIL_DATE_LINE = re.compile(r"(?i)\s*(?:sent|date|发送时间)\s*[:：]")
_PLACE_BEFORE_DATE = re.compile(r"\s*[A-Z][A-Za-z.' -]*(?:,\s*[A-Za-z.' -]+)*,\s*")
# words of a sentence around a date, not of a date line
_SENTENCE_WORDS = re.compile(r"(?i)\b(?:on|since|from|until|after|before|ended|ending|was|were|is|are|rose|fell)\b")
# a date that closes a period ("QUARTER ENDED 31 DECEMBER 2025", "year ending"): the report's period, not its date
# "2025年1月1日至2025年12月31日", "1 January 2025 to 31 December 2025": the start of a period reported on
_PERIOD_START = re.compile(r"[^\n]{0,16}?(?:日[ \t]*(?:至|到|~|～|-|–|—)"
                           r"|\d{4}[ \t]+(?:to|until|through|–|—|-)[ \t]+\d)")
_SIGNER = re.compile(r"(?:董事会|董事會|有限公司|Board(?:\s+of\s+Directors)?|Limited|Ltd\.?|PLC|Company\s+Secretary)"
                     r"\s*$", re.IGNORECASE)
_PERIOD_END = re.compile(r"(?i)(?:\b(?:ended|ending|ends)\s*|[日号][ \t]*(?:至|到|~|～|-|–|—)[ \t]*)$")
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


# "(?<!\d)(?:19|20)\d\d(?!\d)" with the look-behind after the century: a pattern that starts with its digits lets
# re skip every position holding neither "1" nor "2" (three times faster over a page)
_YEAR = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every full date (day, month and year) in the text, with its position.

    Every date holds a year, so the full pattern only runs in a window around each year: a
    scan of the whole text with it costs ten times more.
    """
    return list(_scan(text)[0])


# The last text scanned and what was found in it: a document's title and its publication date are looked for in
# the same text (its head is all of it, for most reviews), so the second search is free.
_last: tuple[str, list[tuple[int, date]], list[tuple[int, int]]] = ("", [], [])


def _scan(text: str) -> tuple[list[tuple[int, date]], list[tuple[int, int]]]:
    """(the dates of find_dates, the spans of every year) of the text."""
    global _last
    last = _last
    if text == last[0]:
        return last[1], last[2]
    found: dict[int, date] = {}
    years = []
    for year in _YEAR.finditer(text):
        years.append(year.span())
        for match in DATE_PATTERN.finditer(text, max(0, year.start() - 40), min(len(text), year.end() + 10)):
            if match.start() <= year.start() and match.end() >= year.end() and match.start() not in found:
                value = _to_date(match)
                if value:
                    found[match.start()] = value
    dates = sorted(found.items())
    _last = (text, dates, years)
    return dates, years


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
    found = match or chinese
    assert found is not None  # one of the two matched: checked above
    month = MONTHS[found["m"].lower()] if match else int(found["m"])
    match = found
    for year in (published.year, published.year - 1):
        try:
            value = date(year, month, int(match["d"]))
        except ValueError:
            return None
        if value <= published:
            return value
    return None


# "SPOT SNAPSHOT (SMM, 12 Feb)", "China spot prices - 12 February": a heading dating the rows under it
_HEADING_DATE = re.compile(
    rf"^[^.。!?:：\d]{{2,40}}?\s*(?:\(|,|\s[-–—])\s*(?:[A-Za-z][\w&. ]{{0,20}},\s*)?"
    rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>(?i:{_MONTH}))|(?P<m2>(?i:{_MONTH}))\.?\s+(?P<d2>\d{{1,2}}))\.?"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\s*\)?\s*$")


def heading_date(line: str, published: date) -> date | None:
    """The date a short heading gives the rows under it, at the latest `published`."""
    match = _HEADING_DATE.match(line) if len(line) <= 70 else None
    if not match:
        return None
    month = MONTHS[(match["m"] or match["m2"]).lower()]
    day = int(match["d"] or match["d2"])
    for year in ((int(match["y"]),) if match["y"] else (published.year, published.year - 1)):
        value = _valid(year, month, day)
        if value is not None and value <= published:
            return value
    return None


# "1) South Kalahari Manganese - Q3 operational update, released 30 Oct": an item of a digest of reports, each
# ending on the day it came out
_RELEASED = re.compile(rf"(?i)\b(?:released|published|reported|issued|filed|out)\s+(?:on\s+)?"
                       rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}}))"
                       r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\s*\)?[.:]?\s*$")


def release_date(line: str, published: date) -> date | None:
    """The day a digest's item says its report came out, at the latest `published`."""
    match = _RELEASED.search(line[-60:])
    if not match:
        return None
    month = MONTHS[(match["m"] or match["m2"]).lower()]
    day = int(match["d"] or match["d2"])
    for year in ((int(match["y"]),) if match["y"] else (published.year, published.year - 1)):
        try:
            value = date(year, month, day)
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


# "29/01/2026", "01/29/2026", "29.01.2026", "29-01-2026": day and month in either order...
_NUMERIC = re.compile(r"(?<![A-Za-z\d./-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d)(?!\d)")
# ...and "2026/01/29", "2026.01.29": year, month, day (ISO's "-" is in DATE_PATTERN)
_NUMERIC_YMD = re.compile(r"(?<![A-Za-z\d./-])((?:19|20)\d\d)([/.])(\d{1,2})\2(\d{1,2})(?!\d)")


class AmbiguousDate(ValueError):
    """A numeric date whose day and month could be either way round, with nothing on the page to decide."""

    def __init__(self, shown: str, readings: list[date]):
        spelled = " or ".join(f"{value.day} {value:%B}" for value in readings)
        super().__init__(f"{shown} could be {spelled} {readings[0].year}")
        self.readings = readings


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric_dates(text: str, years: list[tuple[int, int]]) -> list[tuple[int, str, str, dict[str, date]]]:
    """(position, text, separator, {order: date}) of every numeric date; an order that gives no date is left out.

    `years` are the spans of _YEAR in the text. The year of a numeric date is one of them, with its separator
    right before it (29/01/2026) or right after it (2026/01/29); a page with neither has none, and the two
    patterns below, whose look-behinds make re try them at every position, are not run over it.
    """
    if not any(text[start - 1:start] in ("/", ".", "-") or text[end:end + 1] in ("/", ".") for start, end in years):
        return []
    found = []
    for match in _NUMERIC.finditer(text):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        readings = {"day_first": _valid(year, second, first), "month_first": _valid(year, first, second)}
        found.append((match.start(), match[0], match[2], {k: v for k, v in readings.items() if v}))
    for match in _NUMERIC_YMD.finditer(text):
        value = _valid(int(match[1]), int(match[3]), int(match[4]))
        if value:
            found.append((match.start(), match[0], match[2], {"year_first": value}))
    return sorted(item for item in found if item[3])


def _resolve(entry: tuple, numeric: list[tuple], written: set[date]) -> date:
    """A numeric date's one reading; else the order the page's other dates use; never a guess."""
    _, shown, separator, readings = entry
    values = sorted(set(readings.values()))
    if len(values) == 1:
        return values[0]
    # another date written the same way that can only be read one way ("29/01/2026") shows the page's order
    orders = {order for _, _, other, found in numeric if other == separator and len(found) == 1
              for order in found} - {"year_first"}
    if len(orders) == 1:
        return readings[orders.pop()]
    agreeing = [value for value in values if value in written]  # "Jan 29, 2026" in the headline
    if len(agreeing) == 1:
        return agreeing[0]
    raise AmbiguousDate(shown, values)


def find_publication_date(text: str) -> date | None:
    """A "Published: ..." date if there is one, else the first written-out or ISO date, else the first numeric one.

    Raises AmbiguousDate when the chosen date is numeric and its day/month order cannot be decided.
    """
    dates, years = _scan(text)
    if "〇" in text or "零" in text:  # "二〇二六年一月二十三日" signing an announcement
        dates = sorted([*dates, *_chinese_numeral_dates(text)])
    numeric = _numeric_dates(text, years)
    written = {value for _, value in dates}
    candidates = sorted([(position, value) for position, value in dates]
                        + [(entry[0], entry) for entry in numeric], key=lambda item: item[0])
    if is_forwarded(text):  # a forwarded e-mail: the review is the original message, whose header is last
        sent = [(position, value) for position, value in candidates
                if MAIL_DATE_LINE.match(text, text.rfind("\n", 0, position) + 1)]
        if len(sent) >= 2:
            value = sent[-1][1]
            return value if isinstance(value, date) else _resolve(value, numeric, written)
    for position, value in candidates:
        line_start = text.rfind("\n", 0, position) + 1
        if PUBLISHED_PATTERN.match(text, line_start) and position - line_start < 40:
            return value if isinstance(value, date) else _resolve(value, numeric, written)
    # numeric dates come last: a written-out date anywhere on the page was the only reading before them
    dates = [(position, value) for position, value in dates
             if not _PERIOD_END.search(text, max(0, position - 12), position)
             and not _PERIOD_START.match(text, position)] or dates
    if dates:
        # a date in running text ("the suspension of exports on 22 February 2025") gives way to the date line that
        # signs the page at its end ("Quzhou, the PRC, 26 March 2025" under an announcement)
        if not _on_a_date_line(text, dates[0][0]):
            return next((value for position, value in reversed(dates)
                         if position > 0.8 * len(text) and _signs_the_page(text, position)), dates[0][1])
        return dates[0][1]
    return _resolve(numeric[0], numeric, written) if numeric else None


_DIGIT_CHARACTERS = ("〇零", "一", "二", "三", "四", "五", "六", "七", "八", "九")
_CHINESE_DIGITS = {character: digit for digit, characters in enumerate(_DIGIT_CHARACTERS) for character in characters}
_CHINESE_NUMERAL_DATE = re.compile(r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                                   r"\s*([一二三四五六七八九十]{1,3})\s*日")


def _chinese_number(text: str) -> int:
    """"十" 10, "十二" 12, "二十三" 23: the numbers of months and days."""
    if "十" not in text:
        return _CHINESE_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def _chinese_numeral_dates(text: str) -> list[tuple[int, date]]:
    found = []
    for match in _CHINESE_NUMERAL_DATE.finditer(text):
        year = int("".join(str(_CHINESE_DIGITS[c]) for c in match[1]))
        try:
            found.append((match.start(), date(year, _chinese_number(match[2]), _chinese_number(match[3]))))
        except (KeyError, ValueError):
            continue
    return found


def is_forwarded(text: str) -> bool:
    """Whether the text is a forwarded e-mail: the message it forwards is the review."""
    return _FORWARDED.search(text) is not None


def _on_a_date_line(text: str, position: int) -> bool:
    """Whether the date at `position` stands on a short line of its own (a place or a label may come before it)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start:end if end >= 0 else len(text)]
    # (a line of two years is a table's header, "30 June 2025   30 June 2024", not a date line)
    return len(line.strip()) <= 60 and not _SENTENCE_WORDS.search(line) and len(_YEAR.findall(line)) < 2


def _signs_the_page(text: str, position: int) -> bool:
    """Whether the date at `position` is a place and date signing a page: "Quzhou, the PRC, 26 March 2025", or a
    date alone under the signer ("江苏恒钴新材料股份有限公司董事会" over "2025年10月24日")."""
    start = text.rfind("\n", 0, position) + 1
    if not _on_a_date_line(text, position):
        return False
    if _PLACE_BEFORE_DATE.fullmatch(text, start, position):
        return True
    above = text[text.rfind("\n", 0, max(0, start - 1)) + 1:max(0, start - 1)]
    return not text[start:position].strip() and _SIGNER.search(above) is not None


def parse_iso_date(value: str) -> date | None:
    return date_of(re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or ""))


def date_of(match: re.Match[str] | None) -> date | None:
    """The date a match's groups 1, 2 and 3 give as year, month and day; None for none or no such day."""
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
