"""Extraction: every price level in a review's text, as Observations. Pure functions, no I/O."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from datetime import date

import regex

from tracker import patterns as p
from tracker.attribution import commodity_of
from tracker.candidates import REGEX_TIMEOUT, Candidate, keep_upper_end, price_candidates
from tracker.documents import Document, normalise_text
from tracker.mentions import MentionIndex, is_context_only
from tracker.observation import Observation
from tracker.publishers import default_publishers
from tracker.registry import Mention, Registry, default_registry
from tracker.sections import Sections, first_commodity
from tracker.tables import TableReader, is_table_row

EXTRACTOR_VERSION = "2"  # recorded with every stored observation; `tracker reextract` brings old ones up to date
MAX_LINE = 20_000  # longer lines are cut into pieces at white space
WINDOW = 300  # characters of context looked at before a price
MAX_SENTENCE = 1000  # an observation keeps at most this much of its sentence, around the price
_NEW_LEVEL = regex.compile(r"[;至]|\b(?:to|at)\b", regex.IGNORECASE)  # "...from X, to Y": Y is no earlier level
_RESPECTIVELY = regex.compile(r"\brespectively\b|分别", regex.IGNORECASE)

# A hydroxide priced by its nickel content is mixed hydroxide (MHP), whatever the page calls it.
_PRICED_BY_NICKEL = regex.compile(r"镍折扣|镍金属|nickel\s+(?:payables?|discount|content)", regex.IGNORECASE)


def extract_text(text: str, published: date, title: str = "", registry: Registry | None = None,
                 warnings: list[str] | None = None, publisher: str = "", document: str = "") -> list[Observation]:
    """Every price level in a review, once each, in the order they first appear.

    `text` is normalised first; observation spans and `text` refer to the normalised text. `publisher`
    is the page's; a price the sentence credits to another agency is that agency's.
    """
    return _attribute(_extract(normalise_text(text), published, title, document, registry, warnings), publisher)


def extract_document(document: Document, warnings: list[str] | None = None) -> list[Observation]:
    """The observations of a document read by tracker.documents (its text is already normalised)."""
    return _attribute(_extract(document.text, document.date, document.title, document.path, None, warnings),
                      document.publisher)


def _attribute(observations: list[Observation], publisher: str) -> list[Observation]:
    """Each price's publisher: the agency its sentence credits ("according to Fastmarkets"), else the page's."""
    publishers = default_publishers()
    return [replace(observation, publisher=publishers.of_price(observation.sentence, observation.text, publisher))
            for observation in observations]


def _extract(text: str, published: date, title: str, document: str, registry: Registry | None,
             warnings: list[str] | None) -> list[Observation]:
    registry = registry or default_registry()
    topic = first_commodity(registry, title) or first_commodity(registry, text[:text.find("\n")]) \
        or first_commodity(registry, text[:5000])
    found: dict[tuple, Observation] = {}
    sections = Sections(registry, topic, published, lambda keys, when: _redate(found, keys, when))
    seen_lines: set[str] = set()
    tables = TableReader()
    source = {"document": document, "title": title}  # every observation carries where it came from
    about_payables = bool(p.PAYABLE_CONTEXT.search(text))
    for line_start, line in _pieces(text):
        key = line.casefold()
        if key in seen_lines and not sections.counts_again(line):  # repeated headlines and blocks count once
            continue
        seen_lines.add(key)
        if is_table_row(line):
            observation = _table_row(tables, line, line_start, registry, sections.date, source, sections.family)
            if observation is not None:
                _merge(found, observation)
                continue
        else:
            tables.other_line(line)
        if not sections.read(line, line_start):
            continue
        try:
            observations = _extract_line(line, line_start, registry, sections.family, sections.topic or topic,
                                         sections.date, source, about_payables)
        except TimeoutError:
            if warnings is not None:
                warnings.append(f"pattern timed out on a line at character {line_start}; line skipped")
            continue
        for observation in observations:
            if _merge_key(observation) not in found:
                sections.note(_merge_key(observation))
            _merge(found, observation)
    return list(found.values())


def _redate(found: dict[tuple, Observation], keys: list[tuple], when: date) -> None:
    for key in keys:
        observation = found.pop(key, None)
        if observation is not None:
            _merge(found, replace(observation, date=when))


def _table_row(tables: TableReader, line: str, line_start: int, registry: Registry,
               published: date, source: dict[str, str], family: str | None) -> Observation | None:
    row = tables.row(line)
    if row is None:
        return None
    start, end, low, high, currency, unit, first_cell = row
    mentions = [m for m in registry.mentions(first_cell, family) if not is_context_only(first_cell, m)]
    named = [m for m in mentions if not m.weak] or mentions
    if not named:
        return None
    return Observation(date=published, commodity=named[0].commodity, grade=_grade(first_cell, []),
                       price_type="assessment", low=low, high=high, currency=currency, unit=unit,
                       text=line[start:end], sentence=line.strip()[:MAX_SENTENCE], start=line_start + start,
                       end=line_start + end, **source)


def _pieces(text: str):
    """(offset, line) for every line, long lines cut at white space into bounded pieces."""
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        while len(line) > MAX_LINE:
            cut = line.rfind(" ", 0, MAX_LINE)
            cut = cut if cut > MAX_LINE // 2 else MAX_LINE
            yield start, line[:cut]
            start, line = start + cut, line[cut:]
        yield start, line


def _merge_key(observation: Observation) -> tuple:
    return (observation.date, observation.commodity, observation.low, observation.high,
            observation.currency, observation.unit)


def _merge(found: dict[tuple, Observation], observation: Observation) -> None:
    """One observation per price in a document; a price type read from wording beats the default."""
    key = _merge_key(observation)
    first = found.get(key)
    if first is None:
        found[key] = observation
    elif observation.type_from_cue and not first.type_from_cue:
        found[key] = replace(first, price_type=observation.price_type, type_from_cue=True,
                             grade=first.grade or observation.grade)
    elif not first.grade and observation.grade:
        found[key] = replace(first, grade=observation.grade)


def _sentences(line: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in p.SENTENCE_END.finditer(line, timeout=REGEX_TIMEOUT):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(line):
        bounds.append((start, len(line)))
    return bounds


def _extract_line(line: str, line_start: int, registry: Registry, family: str | None, topic: str | None,
                  published: date, source: dict[str, str], about_payables: bool = False) -> list[Observation]:
    if not p.DIGIT.search(line):
        return []
    candidates = price_candidates(line, about_payables)
    if not candidates:
        return []
    results = []
    sentences = _sentences(line)
    sentence_starts = [start for start, _ in sentences]
    index = MentionIndex(line, registry.mentions(line, family))
    per_sentence: dict[tuple[int, int], tuple[str, bool, int]] = {}
    in_sentences: list[tuple[int, int]] = []  # the sentence of each result
    previous_end, previous_skip = -1, None
    for candidate in candidates:
        at = bisect_right(sentence_starts, candidate.start) - 1
        s_start, s_end = sentences[at] if at >= 0 and candidate.start < sentences[at][1] else (0, len(line))
        if previous_end < s_start:
            previous_end, previous_skip = -1, None
        window_start = max(s_start, previous_end if previous_end >= 0 else s_start, candidate.start - WINDOW)
        before = line[window_start:candidate.start]
        clause = p.CLAUSE_BREAK.split(before)[-1]  # the price's own clause: asked about below several times
        if (s_start, s_end) not in per_sentence:  # once per sentence, not once per price in it
            sentence = line[s_start:s_end]
            forecasts = [s_start + m.start() for m in p.FORECAST.finditer(sentence[:2000])]
            per_sentence[(s_start, s_end)] = (sentence, forecasts, _full_sentence_start(line, s_start))
        sentence, forecasts, full_start = per_sentence[(s_start, s_end)]
        skip = _not_a_level(line, candidate, before, clause, s_end, index, previous_skip if previous_end >= 0 else None,
                            _is_forecast(line, candidate, forecasts))
        previous_end, previous_skip = candidate.end, skip
        if skip:
            continue
        earlier = sentences[max(0, at - 20):max(0, at)][::-1]  # nearest first, a bounded look back
        mention, feedstock = commodity_of(line, candidate, index, s_start, s_end, full_start, earlier, topic,
                                        window_start)
        commodity = mention.commodity if mention else topic
        # grade words stand next to the commodity ("high-nickel cobalt sulphate") or in the price's clause
        if mention and window_start <= mention.start < candidate.start:
            grade_text = line[max(window_start, mention.start - 40):candidate.start]
        else:
            grade_text = clause
        if commodity is None:
            continue
        if commodity == "cobalt_intermediate" and _PRICED_BY_NICKEL.search(line[full_start:s_end]):
            commodity = "nickel_intermediate"
        if candidate.unit == "%" and commodity not in registry.priced_by_payables:
            # a percentage is a payable: "cobalt sulphate ... 88%" is the hydroxide's, a lithium salt has none
            commodity = registry.payable_in_family.get(registry.family(commodity))
            if commodity is None:
                continue
        price_type, from_cue = _price_type(before, clause, line[candidate.end:s_end])
        if p.TRANSACTION_AFTER.match(line, candidate.end, s_end):
            price_type, from_cue = "transaction", True
        in_sentences.append((s_start, s_end))
        results.append(Observation(
            date=published, commodity=commodity, grade=_grade(grade_text, feedstock, line[candidate.end:s_end]),
            price_type=price_type,
            low=candidate.low, high=candidate.high, currency=candidate.currency, unit=candidate.unit,
            text=line[candidate.start:candidate.end], sentence=_clip(sentence, candidate.start - s_start),
            start=line_start + candidate.start, end=line_start + candidate.end, type_from_cue=from_cue, **source))
    return _respectively(line, line_start, index, results, in_sentences)


def _respectively(line: str, line_start: int, index: MentionIndex, results: list[Observation],
                  in_sentences: list[tuple[int, int]]) -> list[Observation]:
    """"A, B and C were priced at X, Y and Z respectively": the n-th price is the n-th commodity's."""
    for bounds in dict.fromkeys(in_sentences):
        s_start, s_end = bounds
        word = _RESPECTIVELY.search(line, s_start, s_end)
        if not word:
            continue
        at = [results[i].start - line_start for i, where in enumerate(in_sentences) if where == bounds]
        members = [i for i, where in enumerate(in_sentences) if where == bounds
                   and results[i].start - line_start < word.start()]
        # the list is the run of prices just before "respectively" with no commodity named between them
        run = members[-1:]
        for i in reversed(members[:-1]):
            if index.between(results[i].end - line_start, results[run[0]].start - line_start):
                break
            run.insert(0, i)
        list_start = results[run[0]].start - line_start if run else s_start
        names_from = max([a for a in at if a < list_start], default=s_start)
        usable = [index.mentions[i] for i in index.between(names_from, list_start) if index.usable[i]]
        strong = [m for m in usable if not m.weak]  # weak names count only when the strong ones do not pair up
        named = strong if len(strong) == len(run) else usable
        # "spodumene concentrate (SC6, CIF China)" names one commodity twice
        named = [m for i, m in enumerate(named) if i == 0 or m.commodity != named[i - 1].commodity][-len(run):]
        if len(run) >= 2 and len(named) == len(run):
            for i, mention in zip(run, named, strict=True):
                results[i] = replace(results[i], commodity=mention.commodity)
    return results


def _is_forecast(line: str, candidate: Candidate, forecasts: list[int]) -> bool:
    """A forecast cue before the price in its sentence, or after it in the same clause ("... next week").

    "offers at X, so few deals are expected" is no forecast of X.
    """
    return any(at < candidate.start or not p.CLAUSE_BREAK.search(line, candidate.end, at) for at in forecasts)


def _clip(sentence: str, at: int) -> str:
    """The sentence, or a MAX_SENTENCE window of it around the price when it is longer."""
    if len(sentence) > MAX_SENTENCE:
        start = min(max(0, at - MAX_SENTENCE // 2), len(sentence) - MAX_SENTENCE)
        sentence = sentence[start:start + MAX_SENTENCE]
    return sentence.strip()


def _not_a_level(line: str, candidate: Candidate, before: str, clause: str, s_end: int, index: MentionIndex,
                 previous_skip: str | None, forecast: bool) -> str | None:
    """Why this number is not a price level (a change, an earlier level, ...), or None if it is one."""
    after = line[candidate.end:min(s_end, candidate.end + 80)]
    tail = before[-60:]
    if p.CHANGE_BEFORE.search(tail) or p.CHANGE_AFTER.match(after) or \
            (previous_skip == "change" and p.LIST_GAP.match(before)):
        return "change"
    if p.POSSESSIVE_PERIOD_BEFORE.search(tail):
        return "comparison"
    if p.COMPARISON_BEFORE.search(tail):
        if candidate.sep and candidate.sep.casefold() in ("to", "至") and tail.rstrip().casefold().endswith(
                "from"):
            if p.MOVEMENT_FROM.search(tail):
                keep_upper_end(line, candidate)  # "rose from 90 to 95 yuan/mt": the level is 95
            return None  # "ranged from 90 to 95 yuan/mt"
        return "comparison"
    costs = list(p.COST.finditer(clause))
    if costs:  # "costs rose and offers were at" is a price; "its premium ... quoted at" is not
        cue = p.KIND_CUES.search(clause, costs[-1].end())
        if cue is None or not p.CONJUNCTION.search(clause, costs[-1].end(), cue.start()):
            return "cost"
    if p.EARLIER_AFTER.match(after) or any(p.PERIOD_POSSESSIVE.match(clause[m.end():])
                                           or not p.PERIOD_AS_BASE.search(clause[:m.start()])
                                           for m in p.EARLIER_PERIOD.finditer(clause)):
        return "comparison"
    if p.EQUIVALENT_BEFORE.search(tail):
        return "conversion"
    if p.BOUND_BEFORE.search(tail) or p.BOUND_AFTER.match(after):
        return "bound"
    if forecast:
        return "forecast"
    if previous_skip == "comparison" and len(before) <= 30 and not _NEW_LEVEL.search(before) and \
            not p.CURRENT_PERIOD.search(before) and \
            not p.KIND_CUES.search(before) and not index.between(candidate.start - len(before), candidate.start):
        return "comparison"  # "from Yn74,380/t on 27 March, Yn75,400/t on 18 March and ..."
    return None


def _full_sentence_start(line: str, s_start: int) -> int:
    return max(line.rfind(stop, 0, s_start) + len(stop) for stop in ("。", "！", "？", ". ", "! ", "? "))


def _price_type(before: str, clause: str, after: str) -> tuple[str, bool]:
    """The last cue before the price in its sentence decides; a price opening its clause may have it after."""
    kind = None
    for match in p.KIND_CUES.finditer(before, timeout=REGEX_TIMEOUT):
        kind = match.lastgroup
    if kind is None and len(clause.split()) <= 1 and (cue := p.KIND_AFTER.match(after)):
        kind = cue.lastgroup
    if kind is None or kind == "neutral":
        return "assessment", False
    return kind, True


def _grade(before: str, feedstock: list[Mention], after: str = "") -> str | None:
    words = []
    for match in p.GRADE.finditer(before, timeout=REGEX_TIMEOUT):
        word = " ".join(match.group().split())
        word = word.lower() if word[:1].isupper() and word[1:2].islower() else word
        word = p.GRADE_ENGLISH.get(word, word)
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    for mention in feedstock:
        name = mention.commodity.split("_")[-1] if mention.commodity != "nickel_intermediate" else "MHP"
        if f"{name}-derived" not in words:
            words.append(f"{name}-derived")
    if spec := p.SPEC_AFTER.match(after):
        metal = spec.group("metal")
        word = f"{_METAL_SYMBOL.get(metal.casefold(), metal)} contained" if metal else " ".join(spec.group().split())
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word.lstrip(", "))
    return ", ".join(words) or None


_METAL_SYMBOL = {"nickel": "Ni", "镍": "Ni", "cobalt": "Co", "钴": "Co"}
