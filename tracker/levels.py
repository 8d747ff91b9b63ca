"""Whether a number beside a commodity is a price level of the review's own time, and of which price type: the
rules that turn a candidate (tracker.candidates) in its context (tracker.context) into a level or a reason it is
none (a change, a comparison, a cost, another time, a conversion, a bound, a forecast)."""
from __future__ import annotations

from tracker import patterns as p
from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.candidates import REGEX_TIMEOUT, Candidate
from tracker.context import PriceContext
from tracker.timing import CURRENT, OTHER

_NEW_LEVEL = regex.compile(rf";|\b{p.LATIN('clause.new_level')}\b|{p.CJK('clause.new_level')}", p.FLAGS)
_AVERAGE = regex.compile(r"(?i)averag(?:e|es|ed|ing)|均价")
_BRACKET_ONLY = regex.compile(r"\s*[(（]\s*")


def is_forecast(line: str, candidate: Candidate, forecasts: list[int]) -> bool:
    """A forecast cue before the price in its sentence, or after it in the same clause ("... next week").

    "offers at X, so few deals are expected" is no forecast of X.
    """
    return any(at < candidate.start or not p.CLAUSE_BREAK.search(line, candidate.end, at) for at in forecasts)


def not_a_level(price: PriceContext) -> str | None:
    """Why this number is not a price level (a change, an earlier level, ...), or None if it is one."""
    candidate, before, time = price.candidate, price.before, price.time
    after = price.line[candidate.end:min(price.sentence_end, candidate.end + 80)]
    tail = before[-60:]
    if p.CHANGE_BEFORE.search(tail) or p.CHANGE_AFTER.match(after) or p.SIGNED_BEFORE.search(tail) or \
            (price.previous_skip == "change" and p.LIST_GAP.match(before)):
        return "change"
    if p.COMPARISON_BEFORE.search(tail):
        if _range_from(price):
            return None  # "ranged from 90 to 95 yuan/mt", "rose from 90 to 95" (see moved_from)
        return "comparison"
    costs = list(p.COST.finditer(price.clause))
    label = price.line[price.sentence_start:candidate.start]
    if not costs and label.rstrip().endswith((":", "：")) and p.COST.search(label):
        return "cost"  # a labelled value: "Unit operating cost (FOB): A$650-710/dmt"
    if costs:  # "costs rose and offers were at" is a price; "its premium ... quoted at" is not
        cue = p.KIND_CUES.search(price.clause, costs[-1].end())
        if cue is None or not p.CONJUNCTION.search(price.clause, costs[-1].end(), cue.start()):
            return "cost"
    if time == OTHER:
        return "other time"  # a level for another time than the review's (tracker.timing)
    if p.EQUIVALENT_BEFORE.search(tail) or price.level_floor > price.sentence_start \
            and _BRACKET_ONLY.fullmatch(price.line, price.level_floor, candidate.start):
        return "conversion"  # (also "US$745/dmt (A$1,110/dmt)": another currency's figure bracketed after a level)
    if p.BOUND_BEFORE.search(tail) or p.BOUND_AFTER.match(after):
        return "bound"
    if price.forecast:
        return "forecast"
    if price.previous_skip in ("comparison", "other time") and len(before) <= 30 and not _NEW_LEVEL.search(before) \
            and time != CURRENT and not p.CLAUSE_VERB.search(before) and not p.KIND_CUES.search(before) \
            and not price.index.between(candidate.start - len(before), candidate.start):
        return "comparison"  # "from Yn74,380/t on 27 March, Yn75,400/t on 18 March and ..."
    return None


def _range_from(price: PriceContext) -> bool:
    """A range written "from 90 to 95": the "from" opens the range, it cites no earlier level."""
    sep = price.candidate.sep
    return bool(sep and sep.casefold() in ("to", "至") and price.before[-60:].rstrip().casefold().endswith("from"))


def moved_from(price: PriceContext) -> bool:
    """"rose from 90 to 95 yuan/mt": a movement from an earlier level to the level, which is the upper end."""
    tail = price.before[-60:]
    return _range_from(price) and bool(p.COMPARISON_BEFORE.search(tail)) and bool(p.MOVEMENT_FROM.search(tail))


def price_type_of(before: str, clause: str, after: str, listed: str | None = None,
                moved: bool = False) -> tuple[str, bool]:
    """The last cue before the price in its sentence decides; a price opening its clause may have it after.

    `listed` is the cued type of the price before this one in its sentence: a price that continues that
    price's list without a verb of its own ("..., and material from black mass at 60,000") keeps it, and
    so does the level a change moved to (`moved`: "offers were cut by 500 yuan/mt to 60,000").
    """
    kind = None
    for match in p.KIND_CUES.finditer(before, timeout=REGEX_TIMEOUT):
        # "sold at an average of $23.10/lb", "以均价成交": the average of deals is a deal's price; and an "average
        # selling price" is what a company sold at
        if kind == "assessment" and match.lastgroup == "offer" and match.group().casefold().startswith("selling") \
                and _AVERAGE.search(before, max(0, match.start() - 9), match.start()):
            kind = "transaction"
        elif not (kind == "transaction" and _AVERAGE.fullmatch(match.group())):
            kind = match.lastgroup
    if kind is None and len(clause.split()) <= 1 and (cue := p.KIND_AFTER.match(after)):
        kind = cue.lastgroup
    if kind is None and listed and (moved or p.LIST_CONTINUATION.match(before) and not p.CLAUSE_VERB.search(before)):
        kind = listed
    if kind is None or kind == "neutral":
        return "assessment", False
    return kind, True
