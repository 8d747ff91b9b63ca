"""Extraction: every price level in a review's text, as Observations. Pure functions, no I/O."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from datetime import date
from functools import lru_cache

from tracker import patterns as p
from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.attribution import commodity_of
from tracker.candidates import REGEX_TIMEOUT, line_candidates, upper_end
from tracker.context import LineContext, PriceContext
from tracker.documents import Document, normalise_text
from tracker.levels import is_forecast, moved_from, not_a_level, price_type_of
from tracker.mentions import MentionIndex, is_context_only
from tracker.observation import Observation
from tracker.publishers import COMPANY_HEAD, default_publishers, is_company_report
from tracker.registry import Mention, Registry, default_registry
from tracker.sections import MAX_LINE as MAX_LINE  # longer lines are cut into pieces (re-exported)
from tracker.sections import PageLine, first_commodity, read_page
from tracker.series import default_spec_table
from tracker.timing import CURRENT, TimeMark, governing, own_period, time_marks

EXTRACTOR_VERSION = "2"  # recorded with every stored observation; `tracker reextract` brings old ones up to date
WINDOW = 300  # characters of context looked at before a price
MAX_SENTENCE = 1000  # an observation keeps at most this much of its sentence, around the price
# "...from X, to Y": Y is no earlier level
_TO_LEVEL = regex.compile(
    rf"^\s*(?:{p.LATIN('clause.new_level')}|(?:{p.CJK('change.movement')})?{p.CJK('clause.new_level')})\s*$", p.FLAGS)
_RESPECTIVELY = regex.compile(rf"\b{p.LATIN('clause.respectively')}\b|{p.CJK('clause.respectively')}", p.FLAGS)
# A hydroxide priced by its nickel content is mixed hydroxide (MHP), whatever the page calls it.
_PRICED_BY_NICKEL = regex.compile(p.W("payable.by_nickel"), p.FLAGS)
_PER_CONTAINED = regex.compile(r"\s*(?:of\s+)?(?:contained|payable)\b", p.FLAGS)  # "US$15.46/lb contained"
_IN_MHP = regex.compile(r"\b(?:in|within)\s+(?:the\s+)?(?:MHP|mixed\s+hydroxide)", p.FLAGS)


def extract_text(text: str, published: date, title: str = "", registry: Registry | None = None,
                 warnings: list[str] | None = None, publisher: str = "", document: str = "") -> list[Observation]:
    """Every price level in a review, once each, in the order they first appear.

    `text` is normalised first; observation spans and `text` refer to the normalised text. `publisher`
    is the page's; a price the sentence credits to another agency is that agency's.
    """
    text = normalise_text(text)
    return _attribute(_extract(text, published, title, document, registry, warnings), publisher, text, title)


def extract_document(document: Document, warnings: list[str] | None = None) -> list[Observation]:
    """The observations of a document read by tracker.documents (its text is already normalised)."""
    return _attribute(_extract(document.text, document.date, document.title, document.path, None, warnings),
                      document.publisher, document.text, document.title)


def _attribute(observations: list[Observation], publisher: str, text: str, title: str) -> list[Observation]:
    """Each price's publisher: the agency its sentence credits ("according to Fastmarkets"), else the page's.

    A company's own report publishes no assessments: a price of its own (no agency credited) is what it sold or
    bought at ("average selling price", "realised an average of"), a deal's."""
    publishers = default_publishers()
    company = is_company_report(title, text[:COMPANY_HEAD])
    attributed = []
    for observation in observations:
        credited = publishers.of_price(observation.sentence, observation.text, publisher,
                                       _line_before(text, observation))
        kind = "transaction" if company and not credited and observation.price_type == "assessment" \
            and not _MARKET.search(observation.sentence) else observation.price_type
        attributed.append(replace(observation, publisher=credited, price_type=kind))
    return attributed


# a company report's sentence about the market ("spot SC6 prices were around"): its prices stay assessments
_MARKET = regex.compile(rf"(?i)(?<![A-Za-z]){p.W('document.market')}(?![A-Za-z])")


def _line_before(text: str, observation: Observation) -> str:
    """The text of the observation's line before its sentence."""
    at = text.rfind(observation.sentence, max(0, observation.start - len(observation.sentence) - 1),
                    observation.end + len(observation.sentence))
    at = observation.start if at < 0 else at
    return text[text.rfind("\n", 0, at) + 1:at]


def _extract(text: str, published: date, title: str, document: str, registry: Registry | None,
             warnings: list[str] | None) -> list[Observation]:
    registry = registry or default_registry()
    topic = first_commodity(registry, title)
    if topic is None:
        # a title naming only its metal ("Kalahari Ridge lifts manganese output") rules out another metal's product
        # named first on the page (a ticker's "LME Nickel"): the page's first product of that metal, if any
        metals = {match.group().casefold() for match in _metal_names(frozenset(registry.families.values()))
                  .finditer(title)}
        family = metals.pop() if len(metals) == 1 else None
        topic = first_commodity(registry, text[:text.find("\n")]) or first_commodity(registry, text[:5000])
        if family and registry.family(topic) != family:
            topic = next((m.commodity for m in registry.mentions(text[:5000], family)
                          if registry.family(m.commodity) == family), None)
    # "Cobalt Weekly: Sulphate climbs to ...": a title led by the metal may name its product by a bare word
    if (lead := _TITLE_LEAD.match(title)) is not None and (words := title[lead.end():].split()):
        topic = first_commodity(registry, words[0], strong_only=True, family=registry.family(topic)) or topic
    found: dict[tuple, Observation] = {}
    source = {"document": document, "title": title}  # every observation carries where it came from
    about_payables = bool(p.PAYABLE_CONTEXT.search(text))
    period = own_period(title or text[:text.find("\n")], text[:400])
    for line in read_page(text, registry, topic, published, about_payables, title):
        if line.cells:
            observations = _table_row(line, registry, source)
        else:
            try:
                observations = _extract_line(LineContext(line.text, line.start, registry, line.family,
                                                         line.topic or topic, line.date, source, about_payables,
                                                         period, line.kind))
            except TimeoutError:
                if warnings is not None:
                    warnings.append(f"pattern timed out on a line at character {line.start}; line skipped")
                continue
        for observation in observations:
            _merge(found, observation)
    return list(found.values())


@lru_cache(maxsize=4)
def _metal_names(families: frozenset[str]) -> regex.Pattern[str]:
    """The registry's metals ("cobalt", "manganese") as words of a title."""
    return regex.compile(rf"(?i)\b(?:{'|'.join(sorted(families, key=len, reverse=True))})\b")


def _table_row(line: PageLine, registry: Registry, source: dict[str, str]) -> list[Observation]:
    found = []
    for cell in line.cells:
        named = _named_in_cell(cell.name, registry, line.family) or \
            _named_in_cell(cell.spec, registry, line.family)  # "| Fastmarkets | Lithium carbonate, CIF CJK | ..."
        commodity = named[0].commodity if named else line.topic  # a row naming only a spec: its table's product
        if commodity == "refined_cobalt" and _IN_MHP.search(cell.name):
            commodity = "nickel_intermediate"  # ("| Realised cobalt price in MHP | US$/lb Co | 10.24 |")
        if commodity is None or cell.unit == "%" and commodity not in registry.priced_by_payables:
            continue  # ("Copper head grade | % | 3.02": a percentage is a price of a payable only)
        commodity = _priced_in(registry, commodity, cell.unit)
        found.append(Observation(
            date=line.date, commodity=commodity, grade=_grade(f"{cell.name}, {cell.spec}", []),
            price_type=cell.kind or "assessment", low=cell.low, high=cell.high, currency=cell.currency,
            unit=cell.unit, text=line.text[cell.start:cell.end], sentence=line.text.strip()[:MAX_SENTENCE],
            start=line.start + cell.start, end=line.start + cell.end, type_from_cue=cell.kind is not None,
            **source))
    return found


def _priced_in(registry: Registry, commodity: str, unit: str) -> str:
    """The commodity a price in `unit` can be of: per dry metric tonne unit, its metal's ore ("US$3.62/dmtu ... for
    our ore" in a manganese review)."""
    return (registry.ore_of(commodity) or commodity) if unit == "dmtu" else commodity


def _named_in_cell(text: str, registry: Registry, family: str | None) -> list[Mention]:
    """The commodities a row's cell names as what it is about, full names first."""
    mentions = [m for m in registry.mentions(text, family) if not is_context_only(text, m)]
    return [m for m in mentions if not m.weak] or mentions


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


def _extract_line(at: LineContext) -> list[Observation]:
    line = at.line
    if not p.DIGIT.search(line):
        return []
    candidates = line_candidates(line, at.about_payables)
    if not candidates:
        return []
    results: list[Observation] = []
    sentences = _sentences(line)
    sentence_starts = [start for start, _ in sentences]
    index = MentionIndex(line, at.registry.mentions(line, at.family))
    per_sentence: dict[tuple[int, int], tuple[list[int], int, list[TimeMark]]] = {}
    spans = [(c.start, c.end) for c in candidates]
    in_sentences: list[tuple[int, int]] = []  # the sentence of each result
    previous_end, previous_skip = -1, None
    level_end = 0  # where the last level of the sentence ended
    previous_kind: tuple[str, tuple[int, int]] | None = None  # the cued type of the last price, and its sentence
    for number, candidate in enumerate(candidates):
        i = bisect_right(sentence_starts, candidate.start) - 1
        s_start, s_end = sentences[i] if i >= 0 and candidate.start < sentences[i][1] else (0, len(line))
        if previous_end < s_start:
            previous_end, previous_skip = -1, None
        level_end = max(level_end, s_start)
        if (s_start, s_end) not in per_sentence:  # once per sentence, not once per price in it
            forecasts = [m.start() for m in p.FORECAST.finditer(line, s_start, min(s_end, s_start + 2000))]
            full_start = _full_sentence_start(line, s_start)
            # "Price deck (2026 budgeting): carbonate RMB 80,000/t; cobalt US$20/lb": a cue leading a list by a
            # colon holds for every item of it
            forecasts += [m.start() for m in p.FORECAST.finditer(line, full_start, s_start)
                          if _LIST_LEAD.search(line, m.end(), s_start)]
            per_sentence[(s_start, s_end)] = (forecasts, full_start,
                                              time_marks(line, s_start, s_end, at.when, at.period))
        forecasts, full_start, marks = per_sentence[(s_start, s_end)]
        when = governing(line, marks, spans, number, s_start, s_end)
        price = PriceContext(
            line=line, candidate=candidate, index=index, sentence_start=s_start, sentence_end=s_end,
            full_start=full_start, window_start=max(s_start, previous_end, candidate.start - WINDOW),
            earlier=tuple(sentences[max(0, i - 20):max(0, i)][::-1]),  # nearest first, a bounded look back
            previous_skip=previous_skip if previous_end >= 0 else None,
            forecast=is_forecast(line, candidate, forecasts), time=when.verdict if when else None,
            level_floor=level_end, day=when.day if when else None)
        skip = not_a_level(price)
        previous_end, previous_skip = candidate.end, skip
        listed = previous_kind[0] if previous_kind and previous_kind[1] == (s_start, s_end) else None
        # "quotes were raised by 2,000 yuan/mt to 402,000", "成交重心由6.7万元/吨下移至6.5万元/吨": the level
        # moved to is the quotes', the deals'
        moved = price.previous_skip in ("change", "comparison") and bool(_TO_LEVEL.match(price.before))
        price_type, from_cue = price_type_of(price.before, price.clause, price.after, listed, moved)
        if p.TRANSACTION_AFTER.match(line, candidate.end, s_end):
            price_type, from_cue = "transaction", True
        elif at.kind is not None and price_type == "assessment":  # under "SALES OFFERS", "今日报价如下": 报 quotes
            price_type, from_cue = at.kind, True
        previous_kind = (price_type, (s_start, s_end)) if from_cue else None  # skipped levels pass on theirs too
        if skip:
            continue
        if moved_from(price):  # "rose from 90 to 95 yuan/mt": the level is 95
            price = replace(price, candidate=upper_end(line, candidate))
        observation = _observation(at, price, price_type, from_cue)
        level_end = candidate.end
        if observation is not None:
            in_sentences.append((s_start, s_end))
            results.append(observation)
    return _respectively(line, at.start, index, results, in_sentences)


def _observation(at: LineContext, price: PriceContext, price_type: str, from_cue: bool) -> Observation | None:
    """The observation of a price level: whose it is, its grade; None when it is nobody's."""
    line, registry, candidate = at.line, at.registry, price.candidate
    mention, feedstock = commodity_of(price, at.topic)
    commodity = mention.commodity if mention else at.topic
    if commodity is None:
        return None
    if commodity == "cobalt_intermediate" and _PRICED_BY_NICKEL.search(line, price.full_start, price.sentence_end):
        commodity = "nickel_intermediate"
    if commodity == "refined_cobalt" and _PER_CONTAINED.match(line, candidate.end):
        # "a realised cobalt price of US$15.46/lb contained": cobalt sold in hydroxide (or in MHP), priced by its
        # content, not the metal
        commodity = "nickel_intermediate" if _IN_MHP.search(line, price.full_start, price.sentence_end) \
            else "cobalt_intermediate"
    commodity = _priced_in(registry, commodity, candidate.unit)
    if candidate.unit == "%" and commodity not in registry.priced_by_payables:
        # a percentage is a payable: "cobalt sulphate ... 88%" is the hydroxide's, a lithium salt has none
        family = registry.family(commodity)
        payable = _paid_metal_by_metal(price, registry) or (registry.payable_in_family.get(family) if family else None)
        if payable is None:
            return None
        commodity = payable
    # grade words stand next to the commodity ("high-nickel cobalt sulphate") or in the price's clause (back
    # past a change it moved by: "battery-grade carbonate exw rose by 500 yuan/t to 73,000 yuan/t")...
    floor = max(price.sentence_start, price.level_floor) if price.previous_skip == "change" else price.window_start
    contents: list[str] = []
    inherited: list[str] = []
    if mention and price.sentence_start <= mention.start < floor and \
            not p.SPEC_STOP.search(line, mention.end, candidate.start):
        # the words of a name hold for each of its prices in the sentence ("电池级碳酸锂价格11.20-11.80万元/吨，均价
        # 11.55万元/吨": the average is battery grade's too), unless the price's own words say otherwise
        named_start = _clause_start(line, max(price.sentence_start, mention.start - 80), mention.start)
        inherited = _spec_words(line[named_start:floor], [], "", _glued_contents(line, named_start, mention, floor))
    if mention and floor <= mention.start < candidate.start:
        # ... but not past a conjunction before the name: "payables were 80% of the standard-grade price
        # while spot hydroxide sold at": "standard-grade" is the payable's reference
        grade_start = _clause_start(line, max(floor, mention.start - 80), mention.start)
        for stop in p.SPEC_STOP.finditer(line, grade_start, mention.start):
            grade_start = stop.end()
        grade_text = line[grade_start:candidate.start]
        contents = _glued_contents(line, grade_start, mention, candidate.start)
    else:  # no name in the sentence: the words since the price before it (but its own basis or metal right
        # after it: "$10.50/kg CIF Japan, above the spot price of ..."), up to a conjunction
        grade_start = price.window_start
        if grade_start > price.sentence_start and (own := p.SPEC_AFTER.match(line[grade_start:candidate.start])):
            grade_start += own.end()
        for stop in p.SPEC_STOP.finditer(line, grade_start, candidate.start):
            grade_start = stop.end()
        grade_text = line[grade_start:candidate.start]
    sentence = line[price.sentence_start:price.sentence_end]
    # a level of the review's own period on a date it writes out ("traded at 94% on 30 September" in a review of
    # 2 October) holds for that date (LABELS.md: a daily figure earlier in the week, with its date)
    when = price.day if price.day is not None and price.time == CURRENT else at.when
    return Observation(
        date=when, commodity=commodity, grade=_grade(grade_text, feedstock, price.after, contents, inherited),
        price_type=price_type,
        low=candidate.low, high=candidate.high, currency=candidate.currency, unit=candidate.unit,
        text=line[candidate.start:candidate.end], sentence=_clip(sentence, candidate.start - price.sentence_start),
        start=at.start + candidate.start, end=at.start + candidate.end, type_from_cue=from_cue, **at.source)


def _glued_contents(line: str, start: int, mention: Mention, end: int) -> list[str]:
    """A percentage glued to the product's name is its content: "6pc spodumene", "spodumene 5.5pc"."""
    glued = (p.CONTENT_BEFORE_NAME.search(line, start, mention.start),
             p.CONTENT_AFTER_NAME.match(line, mention.end, end))
    return [match.group("content") for match in glued if match]


def _clause_start(line: str, start: int, at: int) -> int:
    """Where the clause holding `at` starts, looking back no further than `start`."""
    found = start
    for match in p.CLAUSE_BREAK.finditer(line, start, at):
        found = match.end()
    return found


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


_LIST_LEAD = regex.compile(r"[:：]")
_TITLE_LEAD = regex.compile(r"^[^:：]{1,40}[:：]\s*")


def _clip(sentence: str, at: int) -> str:
    """The sentence, or a MAX_SENTENCE window of it around the price when it is longer."""
    if len(sentence) > MAX_SENTENCE:
        start = min(max(0, at - MAX_SENTENCE // 2), len(sentence) - MAX_SENTENCE)
        sentence = sentence[start:start + MAX_SENTENCE]
    return sentence.strip()


def _full_sentence_start(line: str, s_start: int) -> int:
    return max(line.rfind(stop, 0, s_start) + len(stop) for stop in ("。", "！", "？", ". ", "! ", "? "))


def _paid_metal_by_metal(price: PriceContext, registry: Registry) -> str | None:
    """The product a metal's payable is a part of, when the paragraph's latest name of a payable-priced product
    before it is one quoted metal by metal ("NCM black mass firmed ... nickel payables at 72-75%")."""
    start = min((a for a, _ in price.earlier), default=price.sentence_start)
    index = price.index
    for i in reversed(index.between(start, price.candidate.start)):
        commodity = index.mentions[i].commodity
        if index.usable[i] and commodity in registry.priced_by_payables:
            return commodity if commodity in registry.payables_by_metal else None
    return None


def _spec_word(match: regex.Match) -> str:
    """A spec word as printed, one space between words; a basis' list of places joined by "/" ("cif China, Japan
    & Korea" -> "cif China/Japan/Korea": a printed grade is split at commas)."""
    if match.groupdict().get("places"):
        places = p.PLACE_JOINERS.sub("/", match.group("places"))
        return " ".join(f"{match.group('basis')} {places}".split())
    return " ".join(match.group().split())


def _grade(before: str, feedstock: list[Mention], after: str = "", contents: list[str] | None = None,
           inherited: list[str] | None = None) -> str | None:
    """The spec words of a price as printed (see _spec_words), and those `inherited` from its name's other price in
    the sentence, but for market words ("index", "average": each figure's own) and words of a kind its own words
    already give ("industrial-grade at 73,000" after "battery-grade ... 76,000")."""
    words = _spec_words(before, feedstock, after, contents)
    if inherited:
        table = default_spec_table()
        own = {table.category(table.canonical(word) or word) for word in words}
        words = [*(word for word in inherited if (kind := table.category(table.canonical(word) or word)) != "market"
                   and (not kind or kind not in own) and word.casefold() not in (w.casefold() for w in words)),
                 *words]
    return ", ".join(words) or None


def _spec_words(before: str, feedstock: list[Mention], after: str = "", contents: list[str] | None = None) -> list[str]:
    """The spec words of a price as printed (Chinese ones in their canonical English spelling): `contents`, those
    in `before`, a feedstock named as such, and a basis or metal printed right after the price."""
    table = default_spec_table()
    words: list[str] = list(contents or [])
    for match in (p.GRADE_LATIN if before.isascii() else p.GRADE).finditer(before, timeout=REGEX_TIMEOUT):
        word = _spec_word(match)
        word = word.lower() if word[:1].isupper() and word[1:2].islower() else word
        if not word.isascii():
            word = table.canonical(word) or word
        if table.category(table.canonical(word) or word) == "origin" and p.COMPANIES_AFTER.match(before, match.end()):
            continue  # "offers from Australian producers": the sellers' origin, not the product's
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    for mention in feedstock:
        name = mention.commodity.split("_")[-1] if mention.commodity != "nickel_intermediate" else "MHP"
        if f"{name}-derived" not in words:
            words.append(f"{name}-derived")
    if spec := p.SPEC_AFTER.match(after):
        metal = spec.group("metal")
        word = (table.canonical(metal) or metal) if metal else _spec_word(spec)
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    return words
