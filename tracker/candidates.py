"""Price-shaped numbers in a line: a number or range with a currency and a per-unit, or a payable in %.

Whether one is a price level, and whose, is decided by tracker.extract from its context.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

from tracker import patterns as p
from tracker import regexcache as regex  # regex, with compiled patterns kept between runs

REGEX_TIMEOUT = 2.0  # seconds per line; patterns are linear, this is the last line of defence
# the word separating a range's ends ("90 to 95", "90至95"), and a gap that joins two prices into a range
_TO = regex.compile(rf"\s*{p.RANGE_WORD}\s*", p.FLAGS)
_RANGE_GAP = regex.compile(rf"\s*{p.RANGE_SEPARATOR}\s*$", p.FLAGS)
# "rose by a smaller RMB 9,600/t to RMB 113,900/t": a change "by" its first number, then the level "to" the second
_BY_BEFORE = regex.compile(r"\bby\s+(?:[a-z]+\s+){0,3}$", p.FLAGS)
_OPENS, _CLOSES = regex.compile(r"[(（]\s*$"), regex.compile(r"\s*[)）]")


@dataclass(frozen=True)
class Candidate:
    low: float
    high: float
    currency: str | None
    unit: str
    start: int  # offsets in the line
    end: int
    sep: str | None = None
    second: float | None = None  # the number after the separator, before ordering low <= high (None: `high`)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@lru_cache(maxsize=256)  # the page reader asks about a line's prices just before extraction reads them
def line_candidates(line: str, about_payables: bool = False) -> tuple[Candidate, ...]:
    """The price candidates of a line (see price_candidates), shared: candidates are frozen."""
    return tuple(price_candidates(line, about_payables))


def price_candidates(line: str, about_payables: bool = False) -> list[Candidate]:
    found = [Candidate(*_range(match, 1), *_currency_unit(match), match.start("low"), match.end(), "-")
             for match in p.LABELLED_PRICE.finditer(line, timeout=REGEX_TIMEOUT)]
    if "w" in line:
        found += [Candidate(*_range(match, 10_000), "CNY", "mt", match.start(), match.end(), "-")
                  for match in p.WAN_SHORTHAND.finditer(line, timeout=REGEX_TIMEOUT)]
    for match in p.PRICE.finditer(line, timeout=REGEX_TIMEOUT):
        unit = match.group("unit")
        currency_word = match.group("pre1") or match.group("pre2") or match.group("post")
        if not unit or not currency_word:
            continue
        currency = p.currency_code(currency_word)
        if currency is None:
            continue
        high_scale = 10_000 if match.group("post") == "万元" or match.group("wan2") else \
            1000 if match.group("k2") else 1
        # "9.6-9.8万元/吨", "86-88k yuan/t": the multiplier of the upper end holds for the lower one
        low_scale = 10_000 if match.group("wan") else 1000 if match.group("k1") else high_scale
        low = round(_number(match.group("low")) * low_scale, 6)
        high = round(_number(match.group("high")) * high_scale, 6) if match.group("high") else low
        second = high
        low, high = min(low, high), max(low, high)
        if high <= 0 or not math.isfinite(high):  # hundreds of digits are no price (and overflow to inf)
            continue
        start = match.start()
        if match.group("between"):
            start = match.start("pre1") if match.group("pre1") else match.start("low")
        candidate = Candidate(low, high, currency, p.unit_of(match.group("unit")), start, match.end(),
                              match.group("sep"), second)
        if match.group("high") and _TO.fullmatch(match.group("sep")) and \
                _BY_BEFORE.search(line, max(0, start - 40), start):
            candidate = upper_end(line, candidate)
        found.append(candidate)
    found = _join_ranges(line, sorted(found, key=lambda candidate: candidate.start))
    if "10" in line:
        found = _in_ten_thousand_yuan(line, found)
    if p.PAYABLE_CONTEXT.search(line):
        found += _payables(line)
    elif about_payables:  # "a bid at 93% for an August cargo" in a review about payables
        found += [c for c in _payables(line) if p.PAYABLE_CUE_BEFORE.search(line[max(0, c.start - 60):c.start])]
    found.sort(key=lambda candidate: candidate.start)
    return found


def _range(match, scale: int) -> tuple[float, float]:
    low = _number(match.group("low")) * scale
    high = _number(match.group("high")) * scale if match.group("high") else low
    return min(low, high), max(low, high)


def _currency_unit(match) -> tuple[str | None, str]:
    return p.currency_code(match.group("currency")), p.unit_of(match.group("unit"))


def _join_ranges(line: str, found: list[Candidate]) -> list[Candidate]:
    """A range written with the unit on both ends ("7.5万元/吨至7.6万元/吨") is one candidate.

    Not after a change or a movement: "fell 5,000 yuan/mt to 415,000 yuan/mt" is a change and a level.
    """
    joined: list[Candidate] = []
    for candidate in found:
        previous = joined[-1] if joined else None
        if previous is not None and previous.low == previous.high and candidate.low == candidate.high \
                and (previous.currency, previous.unit) == (candidate.currency, candidate.unit) \
                and _RANGE_GAP.match(line, previous.end, candidate.start) \
                and previous.low < candidate.low:
            tail = line[max(0, previous.start - 60):previous.start]
            if not (p.CHANGE_BEFORE.search(tail) or p.MOVEMENT_FROM.search(tail) or _BY_BEFORE.search(tail)):
                joined[-1] = Candidate(previous.low, candidate.high, candidate.currency, candidate.unit,
                                        previous.start, candidate.end, "-", candidate.high)
                continue
        joined.append(candidate)
    return joined


def _payables(line: str) -> list[Candidate]:
    found = []
    for match in p.PERCENT.finditer(line, timeout=REGEX_TIMEOUT):
        before = line[max(0, match.start() - 80):match.start()]
        clause = p.CLAUSE_BREAK.split(before)[-1]
        listed = p.ELEMENT_ITEM_BEFORE.search(before) is not None and p.PAYABLE_CONTEXT.search(before) is not None
        if p.PERCENT_NOT_PAYABLE_BEFORE.search(clause[-12:]) and not listed or \
                p.PERCENT_NOT_PAYABLE_AFTER.match(line[match.end():match.end() + 20]) or \
                (p.PERCENT_COMPOSITION.search(clause) and not p.PAYABLE_CONTEXT.search(clause)
                 and not p.PAYABLE_CONTEXT.search(line, match.end(), match.end() + 12)):
            continue
        # "cobalt metal (99.8pc)", "sulphate (20.5%)": a bracket holding only a percentage names a content
        if _OPENS.search(line, max(0, match.start() - 3), match.start()) and _CLOSES.match(line, match.end()) \
                and not p.PAYABLE_CONTEXT.search(line, max(0, match.start() - 40), match.start()):
            continue
        first = _number(match.group("low"))
        second = _number(match.group("high")) if match.group("high") else first
        if match.group("zhe") and max(first, second) <= 10:  # "8.7折"
            first, second = round(first * 10, 6), round(second * 10, 6)
        low, high = min(first, second), max(first, second)
        # `second` as written: "fell from 75 to 70%" keeps 70, as the prices' ranges do
        if 0 < low <= high <= 200:
            found.append(Candidate(low, high, None, "%", match.start(), match.end(), match.group("sep"), second))
    return found


# "38.5-39.5 (RMB 10,000/t)": figures in ten thousand yuan, the unit in brackets after them
_TEN_THOUSAND_AFTER = regex.compile(
    rf"(?<![\d.,])(?P<low>{p.NUMBER})(?:\s*{p.RANGE_SEPARATOR}\s*(?P<high>{p.NUMBER}))?\s*[(（]\s*"
    rf"(?:RMB|CNY|yuan|Yn)\s*10,?000\s*{p.PER}\s*(?P<unit>{p.UNIT})\s*[)）]", p.FLAGS)


def _in_ten_thousand_yuan(line: str, found: list[Candidate]) -> list[Candidate]:
    for match in _TEN_THOUSAND_AFTER.finditer(line, timeout=REGEX_TIMEOUT):
        first = _number(match.group("low")) * 10_000
        second = _number(match.group("high")) * 10_000 if match.group("high") else first
        found = [c for c in found if c.end <= match.start() or c.start >= match.end()]  # not "10,000/t" itself
        found.append(Candidate(round(min(first, second), 6), round(max(first, second), 6), "CNY",
                               p.unit_of(match.group("unit")), match.start(), match.end(), match.group("high") and "-",
                               round(second, 6)))
    return sorted(found, key=lambda candidate: candidate.start)


def upper_end(line: str, candidate: Candidate) -> Candidate:
    """The level a movement "from X to Y" reached: the range's second number, alone."""
    separator = _TO.search(line, candidate.start, candidate.end)
    second = candidate.high if candidate.second is None else candidate.second
    return replace(candidate, low=second, high=second, start=separator.end() if separator else candidate.start,
                   sep=None)
