"""Whose price is it: the commodity a price candidate belongs to, from the mentions around it."""
from __future__ import annotations

from tracker import patterns as p
from tracker.candidates import Candidate
from tracker.context import PriceContext
from tracker.mentions import MentionIndex
from tracker.registry import Mention


def commodity_of(price: PriceContext, topic: str | None) -> tuple[Mention | None, list[Mention]]:
    """The commodity a price belongs to, and any feedstock named before it in its sentence.

    None means the topic: when the sentence names no commodity and the nearest earlier sentence that
    names any names the topic, the price is the topic's, not that of a commodity mentioned in passing.
    """
    line, candidate, index = price.line, price.candidate, price.index
    s_start, s_end, full_start, window_start = price.sentence_start, price.sentence_end, price.full_start, \
        price.window_start
    earlier_sentences = list(price.earlier)
    # feedstock named since the price before this one ("made from MHP were X, and material from black mass at Y")
    feedstock = index.feedstock(max(s_start, window_start), candidate.start)
    for i in index.between(candidate.end, min(s_end, candidate.end + 40)):  # "$1,200/mt for SC6 CIF China"
        m = index.mentions[i]
        if index.usable[i] and not m.weak and p.FOR_AFTER.match(line[candidate.end:m.start]) and \
                not (candidate.unit == "%" and line[candidate.end:m.start].lstrip().startswith("of")):
            return m, feedstock
    if candidate.unit == "%":
        return _payable_commodity(line, candidate, index, s_start, window_start, earlier_sentences), feedstock
    # a vague name in the price's own clause beats a full one in another: "Spodumene climbed to $1,100/t, while
    # battery-grade carbonate moved to $10/kg", "Spodumene tops $1,100/t; carbonate nears $10/kg"
    clause_start = s_start
    for stop in p.SPEC_STOP.finditer(line, s_start, candidate.start):
        clause_start = stop.end()
    if clause_start > s_start or full_start < s_start:
        own = _nearest_subject(line, index, clause_start, candidate.start, False)
        if own is not None and own.weak and _nearest_subject(line, index, clause_start, candidate.start, True) is None:
            return own, feedstock
    for strong in (True, False):
        # ";" clauses share their subject: "chloride tracked tetroxide down; deals were done at ..."
        mention = _nearest_subject(line, index, s_start, candidate.start, strong) or \
            (_nearest_subject(line, index, full_start, s_start, strong) if strong else None)
        if strong and mention is None:
            mention = _named_as_priced(line, index, s_start, candidate.start)
        if mention is not None:
            return mention, feedstock
        if strong and topic and _topic_in_context(line, index, earlier_sentences, topic):
            return None, feedstock
    for a, b in earlier_sentences:  # the nearest earlier sentence of the paragraph that names one
        if _about_inputs(line, a, b):
            continue
        mention = _nearest_subject(line, index, a, b, True) or _nearest_subject(line, index, a, b, False)
        if mention is not None and p.CONVERTED_INTO.search(line, max(a, mention.start - 20), mention.start):
            mention = _nearest_subject(line, index, a, mention.start, True)  # (what a price converts into)
        if mention is not None and not _named_as_context(line, mention, a):
            return mention, feedstock
    return None, feedstock


def _in_context_clause(line: str, mention: Mention, sentence_start: int, price_start: int) -> bool:
    """Named in a clause of reason or circumstance ("with X scarce, ...") other than the price's own."""
    if not p.CLAUSE_BREAK.search(line, mention.end, price_start):
        return False
    return _named_as_context(line, mention, sentence_start)


def _nearest_subject(line: str, index: MentionIndex, s_start: int, price_start: int, strong: bool) -> Mention | None:
    for i in reversed(index.between(s_start, price_start)):
        mention = index.mentions[i]
        if index.usable[i] and (not strong or not mention.weak) and \
                not _in_context_clause(line, mention, s_start, price_start) and \
                (not p.REFERENCE_BEFORE.search(line, max(0, mention.start - 50), mention.start)
                 or p.RELATIVE.match(line, mention.end, price_start)):  # "against X, which stood at"
            return mention
    return None


def _named_as_priced(line: str, index: MentionIndex, s_start: int, price_start: int) -> Mention | None:
    """A vague name given as what the price is of ("the ex-works price of cobalt"): as good as a full name."""
    for i in reversed(index.between(s_start, price_start)):
        mention = index.mentions[i]
        if index.usable[i] and p.PRICE_OF_BEFORE.search(line, max(0, mention.start - 20), mention.start):
            return mention
    return None


def _topic_in_context(line: str, index: MentionIndex, earlier_sentences: list[tuple[int, int]], topic: str) -> bool:
    """Whether the nearest earlier sentence naming any commodity names the topic (perhaps in passing)."""
    for a, b in earlier_sentences:
        if _about_inputs(line, a, b):
            continue
        named = {index.mentions[i].commodity for i in index.between(a, b)  # (feedstock and industries name none)
                 if index.usable[i] and not _named_as_context(line, index.mentions[i], a)}
        if named:  # (a sentence naming the topic and others says nothing of the topic: its last subject counts)
            return named == {topic}
    return False


def _named_as_context(line: str, mention: Mention, sentence_start: int) -> bool:
    return bool(p.CONTEXT_CLAUSE.match(p.CLAUSE_BREAK.split(line[sentence_start:mention.start])[-1]))


def _payable_commodity(line: str, candidate: Candidate, index: MentionIndex, s_start: int,
                       clause_start: int, earlier_sentences: list[tuple[int, int]]) -> Mention | None:
    """A payable belongs to the subject ("MHP payables"), never to its reference ("90% of LME nickel")."""
    def first_subject(start: int, end: int, weak_too: bool = False) -> Mention | None:
        for i in index.between(start, end):
            m = index.mentions[i]
            # (the feed a payable is paid for is its subject: "MHP feed was purchased at a payable of 79.5%")
            if (index.usable[i] or p.FEEDSTOCK_AFTER.match(line[m.end:m.end + 16])) and (weak_too or not m.weak) and \
                    not p.PAYABLE_REFERENCE_BEFORE.search(line, max(0, m.start - 60), m.start):
                return m
        return None

    subject = first_subject(clause_start, candidate.start) or first_subject(s_start, candidate.start) \
        or first_subject(clause_start, candidate.start, weak_too=True)  # "...; high-grade matte 84-85%"
    if subject is not None:
        return subject
    # "a seller was asking 98pc": the subject of the paragraph's latest sentence about payables...
    for a, b in earlier_sentences:
        if p.PAYABLE_CONTEXT.search(line, a, b):
            return first_subject(a, b)
    # ...else of the paragraph's opening ("High-grade nickel matte. Matte availability ... quotes at 90-91%")
    for a, b in earlier_sentences:
        if (subject := first_subject(a, b, weak_too=True)) is not None:
            return subject
    return None


def _about_inputs(line: str, a: int, b: int) -> bool:
    """Whether the sentence line[a:b] is about inputs ("原料方面, ...; 高冰镍系数持稳"): its own start, or that of the
    full sentence it is a ";" part of, names the raw-material side, or it calls something feedstock."""
    full = max(line.rfind("。", 0, a), line.rfind(". ", 0, a)) + 1
    return bool(p.INPUT_SENTENCE.match(line[a:b]) or p.INPUT_SENTENCE.match(line, full, b)
                or p.INPUT_WORD.search(line, a, b))
