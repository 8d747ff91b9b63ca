"""When a price level holds: the time expression that governs it in its clause, and whether that is the review's own.

One rule for every wording (issue #12): a level takes the time expression that governs it ("on 4 December",
"last week", "at the start of the month", "上周", "节前", "Q1 2026", "when it was at"); only a level for the
review's own period (or a Related News item's own date) is current. A time after a price, before any other
level or conjunction, is that price's ("... 120,500 yuan/mt on 4 December"); else the last time before it in
its clause, or a time that opens the sentence ("On Monday, ..."). A time after "than", "from", "compared with"
is the base of a comparison and times no level ("higher than last week at 76,000"), unless it is possessive
("from last week's 75,000": the level after it is that week's). Brackets are clauses of their own: a time
inside them times only the prices inside them.

The review's own period is its day for a daily review (by its title: "daily", "morning", 日评, ...), else the
week up to its date ("on Wednesday" in a Thursday weekly is this week's). A year, an earlier part of the
month ("at the start of the month", 月初) and a quarter other than the current or the one just ended (a
quarterly report's own) are other times. A time that decides nothing (the current month) leaves the level be.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from tracker import patterns as p
from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.dates import date_of
from tracker.vocabulary import pattern, vocabulary

CURRENT, OTHER = "current", "other"
_FLAGS = regex.IGNORECASE | regex.VERSION0


@dataclass(frozen=True)
class TimeMark:
    """A time expression in a line: where it is and what it says about a level it governs."""
    start: int
    end: int
    verdict: str | None  # CURRENT, OTHER, or None for a time that does not decide (the current month)
    base: bool = False  # after "than", "from", ...: what a level is compared with, the time of no level
    possessive: bool = False  # "last week's", "上周同期的": the time of the level right after it
    day: date | None = None  # the date it names ("on 1 October", "10月8日"), when it names one


# Words, numbers and single CJK characters: a time expression starts at one of these
_TOKEN = regex.compile(r"[A-Za-z]+|\d+|[^\x00-\x7f]")
_YEAR, _QUARTER = "#year", "#quarter"  # stand for a following year ("2025") or quarter number ("1" in "Q1")


@lru_cache(maxsize=1)
def _starts() -> dict[str, frozenset[str] | None]:
    """Where a time expression may start, as first token -> the tokens that may follow it (None: any).

    Only there is the full pattern tried: a scan of every position of a sentence with it costs several
    times more, and so does a scan with a pattern of all the first words. "the" and "at" are everywhere, so
    the second token is asked for too ("at" only before "the", "a" only before a period word). Numbers are
    handled in time_marks.
    """
    v = vocabulary()
    starts: dict[str, set[str] | None] = {}

    def add(first: str, follows: set[str] | None) -> None:
        known = starts.get(first, set())
        starts[first] = None if known is None or follows is None else known | follows

    for phrase in (*v.expanded("time.current"), *v.expanded("time.other"), *v.expanded("time.week_so_far")):
        tokens = [t.group().casefold() for t in _TOKEN.finditer(phrase)]
        add(tokens[0], {tokens[1]} if len(tokens) > 1 else None)
    months = {name.casefold() for name in v.table("time.months")}
    weekdays = {name.casefold() for name in v.table("time.weekdays")}
    for name in months | weekdays:
        add(_TOKEN.match(name).group(), None)
    for word in ("in", "during", "since", "through", "throughout", "for", "over"):
        add(word, months | {_YEAR})  # "in May", "in 2025"
    for word in ("first", "second", "third", "fourth"):
        add(word, {"quarter", "half"})
    add("h", {_QUARTER})  # "H1 2025"
    for word in ("last", "this", "next"):
        add(word, weekdays)
    for word in ("early", "mid", "late", "end", "start", "beginning"):
        add(word, months | {"of"})
    for word in ("end", "ends", "ended", "ending", "close", "closes", "closed", "closing", "finish", "finishes",
                 "finished", "finishing"):
        add(word, {_YEAR})  # "ends 2025 at": the year's last day
    add("q", {_QUARTER})
    add("fy", None)  # "FY26E", "FY2025"
    add("when", None)  # "when SMM cobalt sulphate averaged 51,800": a level recalled from another time
    return {first: None if follows is None else frozenset(follows) for first, follows in starts.items()}


def _follower(token: str) -> str:
    """A token as _starts() names what may follow a first word."""
    if token.isdigit():
        return _YEAR if len(token) == 4 and token[:2] in ("19", "20") else _QUARTER if token in "1234" else token
    return token.casefold()


@lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern, regex.Pattern]:
    v = vocabulary()
    months = "|".join(sorted(v.table("time.months"), key=len, reverse=True))
    weekdays = "|".join(sorted(v.table("time.weekdays"), key=len, reverse=True))
    year = r"(?:19|20)\d\d"
    # Alternatives are tried left to right at each position: full dates before the years inside them. A year
    # after "-" or "/" is part of a code ("GB/T 26008-2020") or a range, not a time.
    marks = regex.compile(  # (a Chinese time is glued to a number before it: "12月初")
        rf"""(?:(?<![A-Za-z0-9])|(?=[^\x00-\x7f]))(?:
          (?P<ymd>(?P<y3>{year})[-/.](?P<m3>\d{{1,2}})[-/.](?P<d3>\d{{1,2}})(?!\d))
        | (?P<zh>(?:(?P<y4>{year})\s*年\s*)?(?P<m4>\d{{1,2}})\s*月\s*(?P<d4>\d{{1,2}})\s*[日号])
        | (?P<zh_month>(?P<m8>\d{{1,2}})\s*月份?(?![初中末底上下旬]|\s*\d))
        | (?P<dmy>(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<m1>{months})\.?(?![A-Za-z])
              (?:,?[\s-]+(?P<y1>{year})(?!\d))?)
        | (?P<mdy>(?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|:\d)(?:,?\s+(?P<y2>{year})(?!\d))?)
        | (?P<month_year>(?P<m9>{months})\.?\s+(?P<y9>{year})(?!\d))
        | (?P<fiscal>FY\s*'?(?:19|20)?\d\d[EF]?(?![\d/-]))
        | (?P<quarter>Q(?P<qn>[1-4])(?:\s*FY)?\s*'?(?P<qy>(?:19|20)?\d\d)?(?!\d)
              | (?P<qn2>[1-4])Q\s*(?P<qy2>(?:19|20)?\d\d)?(?!\d)(?P<est1>[EF])?
              | (?P<qm>{months})\.?\s+(?:Q|qtr|quarter)(?![A-Za-z])
              | (?P<qo>first|second|third|fourth)\s+quarter(?:\s+of\s+(?P<qy3>{year}))?)
        | (?P<half>(?P<ho>first|second)[-\s]half(?!\s+of\s+(?:the|this|last|{months})\b)(?:\s+of\s+(?P<hy>{year}))?
              | H(?P<hn>[12])\s*'?(?P<hy2>(?:19|20)?\d\d)?(?!\d)
              | (?P<hn2>[12])H\s*'?(?P<hy3>(?:19|20)?\d\d)(?!\d))
        | (?P<part>(?P<edge>early|mid|late|end|start|beginning|first\s+half|second\s+half)(?:\s+of|-|\s+)\s*
              (?:the\s+month\s+of\s+)?(?P<m5>{months})(?![A-Za-z0-9]))
        | (?:in|during|since|through|throughout)\s+(?P<m6>{months})(?![A-Za-z\d])(?!\s+\d)
        | (?P<m7>{months})(?=['’]s)
        | (?P<year_end>(?:end|close|finish)(?:s|ed|ing|d)?\s+(?P<y7>{year})(?![\d/年-]))
        | (?<![-/.])(?P<year>(?:(?:in|during|for|throughout|over)\s+)?(?P<y5>{year})(?P<est2>[EF])?
              (?:'s|’s|\s+(?:average|annual|full-year))?(?![\d/年-])(?!\s+(?:high|low|peak|record|top|bottom)s?\b))
        | (?<![-/.])(?P<year_zh>(?P<y6>{year})\s*年(?!\s*\d{{1,2}}\s*月))
        | (?:(?P<last>last|this|next)\s+|(?P<last_zh>上))?(?P<weekday>{weekdays})(?![A-Za-z])
        | (?P<recalled>when\s+(?:[\w'’-]+\s+){{0,4}}?(?:was|were|averaged|stood|traded|hit|reached|sat|peaked|bottomed))
        | (?P<week_so_far>{pattern("time.week_so_far")})
        | (?P<current>{pattern("time.current")})
        | (?P<other>{pattern("time.other")})
        )(?![A-Za-z])""", _FLAGS | regex.VERBOSE)
    base = regex.compile(rf"(?:(?<![A-Za-z]){pattern('time.base')}\s*(?:(?:on|in|at)\s+)?)$", _FLAGS)
    possessive = regex.compile(rf"\s?{pattern('time.possessive')}", _FLAGS)
    daily = regex.compile(rf"(?<![A-Za-z]){pattern('time.daily')}(?![A-Za-z])", _FLAGS)
    return marks, base, possessive, daily


DAY, WEEK, HALF, YEAR = "day", "week", "half", "year"


_GREETING = regex.compile(r"(?i)\s*(?:good\s+)?morning\b")  # "Morning all," opens an e-mail of any period


def own_period(title: str, head: str = "") -> str:
    """The period a document reports on as its own: DAY for a daily review (by its title: "daily", 日评), YEAR for
    an annual report and HALF for an interim one (by its title or head: the year or half just ended is theirs),
    else WEEK (the week up to its date)."""
    # (a page's own heading may stand under a masthead: "KESTREL SECURITIES | RESEARCH" over "MORNING NOTE")
    headings = [line for line in head[:400].split("\n")[:5] if len(line) <= 80]
    if any(_patterns()[3].search(line) and not _GREETING.match(line) for line in (title[:300], *headings)):
        return DAY
    text = f"{title[:300]}\n{head[:400]}"
    annual, interim = _report_patterns()
    return YEAR if annual.search(text) else HALF if interim.search(text) else WEEK


@lru_cache(maxsize=1)
def _report_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    annual = regex.compile(pattern("time.annual_reports"), _FLAGS)
    return annual, regex.compile(pattern("time.interim_reports"), _FLAGS)


_YEAR_FIRST = regex.compile(r"\s*((?:19|20)\d\d)[/.](\d{1,2})[/.](\d{1,2})(?:\s+\d{1,2}:\d\d(?::\d\d)?)?\s*$")


def year_first_date(line: str) -> date | None:
    """A date line written year first with slashes or dots ("2024/10/08", "2024.10.08 16:30"), as cards print it."""
    return date_of(_YEAR_FIRST.match(line))


def time_marks(line: str, start: int, end: int, reference: date, period: str = WEEK) -> list[TimeMark]:
    """The time expressions in line[start:end], each with its verdict for a review dated `reference` that reports
    on `period` (DAY, WEEK, HALF or YEAR: own_period)."""
    marks, base, possessive, _ = _patterns()
    found: list[TimeMark] = []
    free = start  # where the last mark ended: marks do not overlap
    starts = _starts()
    tokens = list(_TOKEN.finditer(line, start, end))
    for i, token in enumerate(tokens):
        text = token.group()
        if token.start() < free:
            continue
        if text[0].isdigit():
            # days, months and quarters have one or two digits ("4 May", "12月", "1Q26"), years four; a
            # number followed by "," "." "%" or "/" is part of a price, a decimal or a ratio
            if not (len(text) <= 2 and line[token.end():token.end() + 1] not in (",", ".", "%", "/")
                    or len(text) == 4 and text[:2] in ("19", "20")):
                continue
        else:
            key = text.casefold()
            if key not in starts:
                continue
            follows = starts[key]
            if follows is not None and (i + 1 == len(tokens) or _follower(tokens[i + 1].group()) not in follows):
                continue
        match = marks.match(line, token.start(), end)
        if match is None:
            continue
        free = match.end()
        verdict = _verdict(match, reference, period)
        before = line[max(start, match.start() - 24):match.start()]
        found.append(TimeMark(match.start(), match.end(), verdict, bool(base.search(before)),
                              bool(possessive.match(line, match.end())), _named_day(match, reference)))
    return _with_dates_in_brackets(line, found)


_OPENS_BRACKET = regex.compile(r"\s*[(（]\s*")
_CLOSES_BRACKET = regex.compile(r"\s*[)）]")
_BESIDE = regex.compile(r"\s*,?\s*")


def _with_dates_in_brackets(line: str, marks: list[TimeMark]) -> list[TimeMark]:
    """"周一(4月13日)", "on Monday (13 April)": a date in brackets right after a time is that time, said exactly."""
    merged: list[TimeMark] = []
    for mark in marks:
        previous = merged[-1] if merged else None
        if previous is not None and mark.day is not None and \
                _OPENS_BRACKET.fullmatch(line, previous.end, mark.start) and \
                (closing := _CLOSES_BRACKET.match(line, mark.end)) is not None:
            possessive = bool(_patterns()[2].match(line, closing.end()))  # "上周五(4月10日)的7.25万元/吨"
            merged[-1] = TimeMark(previous.start, closing.end(), mark.verdict, previous.base, possessive, mark.day)
            continue
        if previous is not None and mark.day is not None and previous.day is None and \
                _BESIDE.fullmatch(line, previous.end, mark.start) and _is_weekday(line[previous.start:previous.end]):
            # "on Wednesday January 14", "Wednesday, 14 January": one day, said twice
            merged[-1] = TimeMark(previous.start, mark.end, mark.verdict, previous.base, mark.possessive, mark.day)
            continue
        merged.append(mark)
    return merged


def _is_weekday(text: str) -> bool:
    return text.casefold() in vocabulary().table("time.weekdays")


def _verdict(match: regex.Match, reference: date, period: str) -> str | None:
    group = match.lastgroup
    daily = period == DAY
    if match.group("week_so_far"):
        return OTHER if daily else CURRENT
    if match.group("other") or match.group("recalled"):
        return OTHER
    if match.group("current"):
        return CURRENT
    if group == "year_end":  # "refined cobalt ends 2025 at ...": the level of the year's last day
        return _day_verdict(date(int(match.group("y7")), 12, 31), reference, daily)
    if group == "month_year":  # "the June 2025 low": a month other than the review's own
        month = int(vocabulary().table("time.months")[match.group("m9").casefold()])
        return None if (int(match.group("y9")), month) == (reference.year, reference.month) else OTHER
    if group == "fiscal":  # "FY26E EBITDA at ...", "FY2025 average": a fiscal year, an estimate or a year's figure
        return OTHER
    if group in ("year", "year_zh"):
        # a year is longer than a review's own period (annual averages, forward contracts); an annual report's
        # own is the year just ended
        year = int(match.group("y5") or match.group("y6"))
        return CURRENT if period == YEAR and year == reference.year - 1 and not match.group("est2") else OTHER
    months = vocabulary().table("time.months")
    if match.group("weekday"):
        prefix = (match.group("last") or match.group("last_zh") or "").casefold()
        if prefix in ("last", "next", "上"):
            return OTHER
        weekday = int(vocabulary().table("time.weekdays")[match.group("weekday").casefold()])
        return _day_verdict(reference - timedelta(days=(reference.weekday() - weekday) % 7), reference, daily)
    if match.group("est1"):  # "1Q26E": an estimate, whatever the quarter
        return OTHER
    if match.group("quarter"):
        return _quarter_verdict(match, reference, months)
    if match.group("half"):  # "in the first half", "H1 2025": a half-year other than the review's own
        first = (match.group("ho") or "").casefold() == "first" or "1" in (match.group("hn"), match.group("hn2"))
        number = 1 if first else 2
        year_text = match.group("hy") or match.group("hy2") or match.group("hy3")
        year = (int(year_text) + (2000 if len(year_text) == 2 else 0)) if year_text else reference.year
        half, own = year * 2 + number - 1, reference.year * 2 + (reference.month - 1) // 6
        # (an interim report's own is the half just ended; an annual report's, the year's two)
        return CURRENT if half == own or period == HALF and half == own - 1 \
            or period == YEAR and half // 2 == reference.year - 1 else OTHER
    if match.group("zh_month"):  # "11月电池级硫酸镍月均价": an earlier month is another time ("9月对华报价" is
        # a price made now for a coming month's cargoes)
        return OTHER if 1 <= (reference.month - int(match.group("m8"))) % 12 <= 6 else None
    if match.group("part") or match.group("m6") or match.group("m7"):
        month = int(months[(match.group("m5") or match.group("m6") or match.group("m7")).casefold()])
        if match.group("m6") and 1 <= (month - reference.month) % 12 <= 2:
            return None  # a coming month: "bidding 96% for a cargo loading in December" is a price made now
        if month != reference.month:
            return OTHER
        edge = " ".join((match.group("edge") or "").casefold().split())
        return OTHER if edge in ("early", "start", "beginning", "first half") else None
    for d, m, y in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3"), ("d4", "m4", "y4")):
        if match.group(d):
            month_text = match.group(m)
            month = int(month_text) if month_text.isdigit() else int(months[month_text.casefold()])
            return _date_verdict(int(match.group(d)), month, match.group(y), reference, daily)
    return None


def _named_day(match: regex.Match, reference: date) -> date | None:
    """The date a time expression writes out (not a weekday's): "1 October", "Oct 1, 2025", "2025-10-01"."""
    months = vocabulary().table("time.months")
    for d, m, y in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3"), ("d4", "m4", "y4")):
        if match.group(d):
            month_text = match.group(m)
            month = int(month_text) if month_text.isdigit() else int(months[month_text.casefold()])
            return _written_date(int(match.group(d)), month, match.group(y), reference)
    return None


def _written_date(day: int, month: int, year: str | None, reference: date) -> date | None:
    try:
        if year:
            return date(int(year), month, day)
        when = date(reference.year, month, day)  # "4 December": the latest such day up to the review's date
        return when if when <= reference else date(reference.year - 1, month, day)
    except ValueError:
        return None  # "31 June" is no date


def _date_verdict(day: int, month: int, year: str | None, reference: date, daily: bool) -> str | None:
    when = _written_date(day, month, year, reference)
    return None if when is None else _day_verdict(when, reference, daily)  # ("31 June": nothing to say)


def _day_verdict(when: date, reference: date, daily: bool) -> str:
    """The review's day, or for a weekly review any day of its week up to its date, is its own."""
    if when == reference:
        return CURRENT
    week_start = reference - timedelta(days=reference.weekday())
    return CURRENT if not daily and week_start <= when <= reference else OTHER


def _quarter_verdict(match: regex.Match, reference: date, months: dict[str, Any]) -> str:
    """The quarter holding the review's date, or the one just ended (a quarterly report's own), is current."""
    if match.group("qm"):
        number = (int(months[match.group("qm").casefold()]) - 1) // 3 + 1
    elif match.group("qo"):
        number = ("first", "second", "third", "fourth").index(match.group("qo").casefold()) + 1
    else:
        number = int(match.group("qn") or match.group("qn2"))
    year_text = match.group("qy") or match.group("qy2") or match.group("qy3")
    own = reference.year * 4 + (reference.month - 1) // 3
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    else:  # "Jun Q": the latest such quarter up to the review's
        year = reference.year if reference.year * 4 + number - 1 <= own else reference.year - 1
    quarter = year * 4 + number - 1
    return CURRENT if own - 1 <= quarter <= own else OTHER


_BREAK = regex.compile(rf"[,;:，；：()（）]|\s{p.LATIN('clause.level_breaks')}\s|{p.CJK('clause.level_breaks')}",
                       _FLAGS)
# what may stand before a time that opens its sentence: "On Monday, ...", "SMM December 17: ..."
_LEAD = regex.compile(r"(?:^|[,;:，；：(（])\s*(?:[A-Za-z]{1,12}\s+)?"
                      r"(?:(?:on|in|at|by|as\s+of|during|over|for|since|until)\s+)?(?:the\s+)?$", _FLAGS)
_FRONTED = regex.compile(r"\s*[,:，：]")


def governing(line: str, marks: list[TimeMark], spans: list[tuple[int, int]], i: int, s_start: int,
              s_end: int) -> TimeMark | None:
    """The time expression that governs the i-th price (spans: every price of the line, in order)."""
    if not marks:
        return None
    start, end = spans[i]
    # "last week's RMB114,500-117,500/t now looks like the floor": a possessive time right before a price is its
    # time, whatever follows
    for mark in marks:
        if mark.possessive and s_start <= mark.start and mark.end <= start and _JUST_BEFORE.fullmatch(
                line, mark.end, start):
            return mark
    after = _after(line, marks, spans, i, s_end)
    if after is not None:
        return after
    previous_end = spans[i - 1][1] if i > 0 and spans[i - 1][1] > s_start else s_start
    taken = _after(line, marks, spans, i - 1, s_end) if i > 0 and previous_end > s_start else None
    bracket = _bracket(line, s_start, start)
    opening = max(s_start, bracket + 1)
    clause_start = _clause_start(line, opening, start)
    for mark in reversed(marks):
        if mark.end > start or mark.start < previous_end:
            continue
        if mark is taken or (mark.base and not mark.possessive) or _bracket(line, s_start, mark.start) != bracket:
            continue
        fronted = _LEAD.search(line[opening:mark.start]) and _FRONTED.match(line, mark.end)
        if mark.start >= clause_start or fronted:
            return mark
    # "On Wednesday January 14, the price was assessed at $24.60-25.50/lb after a consumer bought at $25.30/lb": a
    # time that opens the sentence holds for its later prices too
    first = next(j for j, span in enumerate(spans) if span[1] > s_start)
    if first < i:
        for mark in marks:
            if s_start <= mark.start and mark.end <= spans[first][0] and not mark.base and not mark.possessive \
                    and _bracket(line, s_start, mark.start) == -1 and _LEAD.search(line[s_start:mark.start]) \
                    and _FRONTED.match(line, mark.end):
                return mark
    # "was assessed at $20.10-21.00/lb on Nov 26, while hydroxide was at $13.60-14.10/lb": a clause joined to the
    # one before with no time of its own shares that clause's time
    # (not a comparison's: "up from $23.45/lb a week earlier, while alloy grade was at $24.40/lb" is current)
    # (the clause's price, not one in brackets after it: "62.4% of the price (2023: 66.0%), while MHP ... 79.5%")
    j = i - 1
    while j >= 0 and spans[j][1] > s_start and _bracket(line, s_start, spans[j][0]) > bracket:
        j -= 1
    if j >= 0 and spans[j][1] > s_start and _JOINED.search(line, spans[j][1], start) and \
            not p.COMPARISON_BEFORE.search(line, max(s_start, spans[j][0] - 60), spans[j][0]):
        return governing(line, marks, spans, j, s_start, s_end)
    return None


def _after(line: str, marks: list[TimeMark], spans: list[tuple[int, int]], i: int, s_end: int) -> TimeMark | None:
    """A time right after the i-th price, before the next price, clause break or conjunction: that price's."""
    start, end = spans[i]
    # "收于7.5万元/吨(12月17日)": a bracket holding only a time, right after the price, times it
    if (opening := _OPENING.match(line, end, s_end)) is not None:
        for mark in marks:
            if mark.start == opening.end() and _CLOSING.match(line, mark.end):
                return mark
    limit = spans[i + 1][0] if i + 1 < len(spans) and spans[i + 1][0] < s_end else s_end
    stop = _BREAK.search(line, end, limit)
    limit = stop.start() if stop else limit
    for mark in marks:
        if end <= mark.start < limit and not mark.base and \
                (not mark.possessive or _AT.fullmatch(line, end, mark.start)):  # ("$24.10/lb at yesterday's")
            return mark
    return None


def _clause_start(line: str, start: int, at: int) -> int:
    last = start
    for match in p.CLAUSE_BREAK.finditer(line, start, at):
        last = match.end()
    return last


_AT = regex.compile(r"\s+(?:at|in|on)\s+(?:the\s+)?", _FLAGS)
_JOINED = regex.compile(r"[,，]?\s*(?:\b(?:while|whereas)\b|而)", _FLAGS)
_BRACKETS = regex.compile(r"[()（）]")
# between a possessive time and its price: the possessive, an article or adjective or two, a currency sign
_JUST_BEFORE = regex.compile(r"\s?(?:['’]s|的)?\s*(?:[A-Za-z-]+\s+){0,2}?(?:[A-Z]{3}|[$¥€£]|Yn|RMB)?\s*",
                             _FLAGS)
_OPENING = regex.compile(r"\s*[(（]\s*")
_CLOSING = regex.compile(r"\s*[)）]")


def _bracket(line: str, start: int, at: int) -> int:
    """Where the innermost bracket still open at `at` opened (-1 when none), within line[start:at]."""
    opened: list[int] = []
    for match in _BRACKETS.finditer(line, start, at):
        if match.group() in "(（":
            opened.append(match.start())
        elif opened:
            opened.pop()
    return opened[-1] if opened else -1
