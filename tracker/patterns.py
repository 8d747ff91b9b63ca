"""The regular expressions of extraction, in one place, with what they mean.

The words come from tracker/data/words/*.toml (one file per language, read by tracker.vocabulary); this
module holds the grammar around them: what may stand between words, what must come before or after.
`W(name)` is a word list as a pattern, `LATIN(name)` / `CJK(name)` its words of one script (Latin words
need word boundaries, Chinese ones are glued to their neighbours).

Every pattern is linear on near-miss input: numbers cannot start inside a number (the look-behind),
quantifiers are bounded or possessive, and context patterns only ever see a bounded window.
"""
from __future__ import annotations

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker import vocabulary as words
from tracker.series import default_spec_table


def W(name: str) -> str:  # noqa: N802 - read as a grammar symbol
    return words.pattern(name)


def LATIN(name: str) -> str:  # noqa: N802
    return words.pattern(name, "latin")


def CJK(name: str) -> str:  # noqa: N802
    return words.pattern(name, "cjk")


def _lookup(table: str) -> dict[str, str]:
    """A spelling table keyed the way matched text is looked up: case-folded, one space between words."""
    return {" ".join(key.casefold().split()): str(value) for key, value in words.table(table).items()}


# VERSION0: simple case folding. Full case folding (VERSION1) made every case-insensitive scan twice as slow
# and only matters for characters such as "ß" that NFKC-normalised reviews do not use in price phrases.
FLAGS = regex.IGNORECASE | regex.VERSION0
DIGIT = regex.compile(r"\d")

NUMBER = r"(?:\d{1,3}(?:,\d{3})++(?!\d)|\d++)(?:\.\d++)?"
CURRENCY_BEFORE = rf"(?:{W('currency.before')}|{W('currency.before_digit')}(?=\s?\d))"
CURRENCY_AFTER = W("currency.after")
UNITS = _lookup("unit.spellings")  # spelling -> Observation.unit
UNIT = words.vocabulary().pattern_of(list(UNITS))
PER = rf"(?:{W('unit.per_signs')}|{W('unit.per_words')}\s)"
RANGE_SEPARATOR = W("number.range_separators")
RANGE_DASH = words.vocabulary().pattern_of([w for w in words.words("number.range_separators") if not w.isalpha()])
RANGE_WORD = words.vocabulary().pattern_of([w for w in words.words("number.range_separators") if w.isalpha()])

# A price: optional currency, a number, optionally a range, currency, per-unit.
# "$25.5-$26.0/lb", "$25.5–26.0/lb", "24.5–33.0 $/lb", "575,000-600,000 yuan per tonne",
# "between 90 and 95 yuan/mt", "9.6-9.8万元/吨", "Yn73,600/t", "¥383,500/t", and the Fastmarkets way with a
# conversion in brackets before the per-unit, "210,000-220,000 yuan ($29,500-30,900) per tonne" (the
# conversion is no price of its own).
PRICE = regex.compile(
    rf"""(?<![A-Za-z0-9.,/])
    (?:(?P<between>between)\s+)?
    (?:(?P<pre1>{CURRENCY_BEFORE})\s?)?
    (?P<low>{NUMBER})(?:(?P<wan>万)|(?P<k1>k)(?![a-z]))?
    (?:\s*+(?P<sep>(?(between)and|{RANGE_SEPARATOR}))\s*+
       (?:(?P<pre2>{CURRENCY_BEFORE})\s?)?(?P<high>{NUMBER})(?:(?P<wan2>万)|(?P<k2>k)(?![a-z]))?)?
    (?![\d.])
    (?:\s?(?P<post>{CURRENCY_AFTER}))?
    # (a Chinese unit may touch Latin: "940美元/吨CIF中国")
    (?:(?:\s?[(（][^()（）\n]{{1,40}}[)）])?\s?{PER}\s?(?P<unit>{UNIT})(?:(?<=[^\x00-\x7f])|(?![A-Za-z])))?
    """, FLAGS | regex.VERBOSE)

# Payables are prices in % of a reference price: "assessed higher at 70-71.5%".
# "86-87折" is Chinese for 86-87% (and "8.7折" for 87%)
PERCENT = regex.compile(
    rf"(?<![A-Za-z0-9.,/])(?P<low>{NUMBER})(?:%|pc|折)?(?:\s*+(?P<sep>{RANGE_SEPARATOR})\s*+(?P<high>{NUMBER}))?"
    rf"\s?(?:%|pc\b|per\s?cent\b|(?P<zhe>折)(?!合|算))", FLAGS)
PAYABLE_CONTEXT = regex.compile(
    rf"{W('payable.context')}|%\s*of\s+(?:the\s+)?(?:{W('payable.references')}|[\w-]+\s+(?:price|index))"
    rf"|%\s+(?:{W('payable.references')})\b", FLAGS)  # ("94% FM low": a trader's shorthand)
# "90% of LME nickel", "against SMM refined cobalt": the reference a payable is a share of
PAYABLE_REFERENCE_BEFORE = regex.compile(
    r"(?:(?:%|pc|per\s?cent)\s*(?:payable\s+)?of|\bpayables?\s+of|\bagainst|\bvs\.?|\bversus)\s+(?:the\s+)?"
    r"(?:[\w'’()-]+\s+){0,3}$",
    FLAGS)
# a percentage a buyer bid, a seller offered or a deal was done at, in a review about payables
PAYABLE_CUE_BEFORE = regex.compile(
    rf"\b{LATIN('payable.cues')}[:：]?\s+(?:[\w'’-]+\s+){{0,5}}?(?:at\s+|of\s+|around\s+)?$"
    rf"|{CJK('payable.cues')}[^,，。;；\d]{{0,10}}$", FLAGS)
# "min 30%", "≥20.5%", "(Co 30%, CIF China)": a grade, not a payable
ELEMENT = words.vocabulary().pattern_of(default_spec_table().content_names)
PERCENT_NOT_PAYABLE_BEFORE = regex.compile(rf"(?:\b{W('percent.spec_bounds')}|[≥≤<+\-−]|(?<!-)>|\b{ELEMENT})\s*$",
                                           FLAGS)  # ("-> 96.5% of FM low": a trader's arrow, no bound)
# ("87% nickel payable": the element a payable is paid for)
PERCENT_NOT_PAYABLE_AFTER = regex.compile(
    rf"^\s*(?:{ELEMENT}|{W('percent.not_payable_after')})\b(?!\s+{W('payable.context')})", FLAGS)
# "MHP payables, CIF China: Ni 86-87%, Co 89-91%": an element heading an item of a list of payables
ELEMENT_ITEM_BEFORE = regex.compile(rf"(?:[:;,]|\bfor)\s*{ELEMENT}\s*$", FLAGS)
# "the cobalt content was 30%": a composition, not a payable
PERCENT_COMPOSITION = regex.compile(rf"(?<![\w-]){W('percent.composition')}\b", FLAGS)

# "up 1,000 yuan/mt", "fell by $0.5/lb", "rose by a smaller $0.2/lb", "raised offers by 2,000-3,000 yuan/mt",
# "a loss of 1370 yuan/mt", "下跌90美元/吨"
CHANGE_BEFORE = regex.compile(
    rf"""(?:\b{LATIN('change.movement')}(?:\s+by(?:\s+(?:a|an|another)\s+[a-z]+)?)?
        |\bby
        |\b(?:an?|the|its|their)\s+(?:[\w-]+\s+){{0,2}}?{W('change.nouns')}s?\s+(?:of|by|was|were|at)
        |\b{W('change.spreads')}\s+(?:of|at|were|was|stood\s+at)
        |{CJK('change.movement')})
       \s*{W('change.approximately')}?\s*$""", FLAGS | regex.VERBOSE
    | regex.REVERSE)  # searched from the end: it only ever matches there, and this is three times faster
# "26 yuan/mt lower MoM", "a 500 yuan/mt dip", "500 yuan/mt w/w"
CHANGE_AFTER = regex.compile(rf"^\s*{W('change.after')}(?![A-Za-z])(?!\s+from)", FLAGS)
# "76,000 yuan/mt (-500 yuan/mt)", "+500 yuan/mt w/w": a signed amount is a change (a sign glued to the number)
SIGNED_BEFORE = regex.compile(r"(?:^|[\s(（:：,，=])[+＋\-−–]$")

# Earlier levels cited for comparison: "from $850-900/t", "lower than Yn73,500", "compared with".
# "rose from 90,000 to 95,000 yuan/mt" is a movement (the level is 95,000); "ranged from ... to" is a range.
MOVEMENT_FROM = regex.compile(rf"\b{W('comparison.movement')}\s+(?:[\w-]+\s+){{0,2}}?from\s*$", FLAGS)
# ("较节前最后一个交易日(2月13日)的5,950元/吨", "较上周(2.76万元/吨)": the level of what it is compared with)
COMPARISON_BEFORE = regex.compile(
    rf"(?:\b{LATIN('comparison.before')}\s+(?:{W('comparison.fillers')}\s+){{0,4}}|{CJK('comparison.before')}"
    rf"(?:[^，,。；;：:]{{0,30}}{CJK('time.possessive')}|[^，,。；;：:()（）]{{0,12}}[(（]"
    rf"|(?:{CJK('time.other')}|\d{{1,2}}\s*月份?)(?:\s*[(（][^()（）]{{1,16}}[)）]|[\u4e00-\u9fff]{{0,4}})\s*)?)$",
    # ("较节前(9月30日)5.08万元/吨", "较上周均价79,350元/吨", "较1月月均价34.47万元/吨")
    FLAGS)
# The time a level holds for (earlier periods, dates, "last week's"): tracker/timing.py.

# "equivalent to $26.85-28.02 per lb", "or $10.3/kg": the same price in other money.
EQUIVALENT_BEFORE = regex.compile(
    rf"(?:\b{LATIN('conversion.before')}(?:\s+(?:roughly|about|around|approximately|some))?\s*\(?"
    rf"|{CJK('conversion.before')})\s*$", FLAGS)
# "折合金属钴价格约45.6万元/吨", "equivalent to a cobalt metal price of ...": a commodity named only as what a price
# converts into is no subject of the prices after it ("or" is left out: "sulphate or MHP" names two)
CONVERTED_INTO = regex.compile(
    rf"(?:\b{words.vocabulary().pattern_of([w for w in words.words('conversion.before') if w != 'or'])}"
    rf"\s+(?:an?\s+|the\s+)?|{CJK('conversion.before')})$", FLAGS)
# "the cost of producing nickel sulphate from MHP rose to 28,900 yuan/mt": a cost, not a market price.
COST = regex.compile(rf"\b{LATIN('cost.words')}\b|{CJK('cost.words')}", FLAGS)
# "up 4,310 yuan/mt and 4,250 yuan/mt WoW respectively": a second change in a list of changes
LIST_GAP = regex.compile(rf"^\s*{W('clause.joiners')}\s*(?:and\s+)?$", FLAGS)
# "above 110,000 yuan/mt": a bound, not a level.
BOUND_BEFORE = regex.compile(rf"(?:\b{LATIN('bound.before')}|{CJK('bound.before')})\s*$", FLAGS)
BOUND_AFTER = regex.compile(rf"^\s*{W('bound.after')}", FLAGS)
FORECAST = regex.compile(
    rf"\b(?:{LATIN('forecast.words')}|{W('forecast.modals')}\s+(?:\w+\s+)?{W('forecast.targets')}"
    rf"|by\s+the\s+end\s+of(?!\s+the\s+(?:session|day|trading|week))|by\s+end[-\s](?!of\s+the\s+week))\b"
    rf"|{CJK('forecast.words')}", FLAGS)

# Price type cues; the last cue before a price, in its clause, decides. Longer phrases come first.
KIND_CUES = regex.compile(  # (a Chinese cue may be glued to Latin text: "MHP销售均价")
    rf"""(?:(?<![A-Za-z])|(?=[^\x00-\x7f]))(?:
      (?P<neutral>(?:(?<!\ba\s){W('kind.no_deals')})\s+(?:[\w-]+\s+){{0,2}}?{W('kind.deal_nouns')})
    | (?P<assessment>{W('kind.publishers')}\s+(?:[\w-]+\s+|[(（][^()（）\n]{{1,30}}[)）]\s*){{0,4}}?
          {LATIN('kind.publisher_prices')}
          |(?:据\s*)?{W('kind.publishers')}(?:(?<=据\s*\S+)\s*[,，]\s*)?[^\s。；;，,]{{0,20}}?{CJK('kind.publisher_prices')}
          |{W('kind.closing_subjects')}\s+(?:[\w-]+\s+|[(（][^()（）\n]{{1,40}}[)）]\s*){{0,8}}?{W('kind.index_closes')}
          # (not the start of a longer deal's cue: "average selling price" is what a company sold at)
          |(?!{W('kind.transaction')}(?![A-Za-z])){W('kind.assessment')}|报(?![盘价]))
    | (?P<bid>{W('kind.buyers')}\s+(?:[\w-]+\s+)?prices?|{W('kind.bid')}
          # "low-nickel precursor buyers: 58,300", "buyers were at 93%": buyers' levels are bids
          |{W('kind.buyers')}(?=\s*[:：]|\s+(?:were|are|was|is|stood|stand|held|hold|remained)\s+at\b))
    | (?P<transaction>{W('kind.transaction')})
    | (?P<offer>{W('kind.offer')}|{W('kind.sellers')}[^。；;]{{0,25}}?报价)
    )(?![A-Za-z])""", FLAGS | regex.VERBOSE)

# "..., and material from black mass at 60,000": a price continuing the list of the one before it, no verb of its own
LIST_CONTINUATION = regex.compile(rf"^[^.;。；]{{0,60}}?(?<![A-Za-z]){words.pattern('clause.joiners')}(?![A-Za-z])",
                                  FLAGS)
CLAUSE_VERB = regex.compile(rf"(?<![A-Za-z]){words.pattern('clause.verbs')}(?![A-Za-z])", FLAGS)
# "以11.3万元/吨成交", "以892美元/吨(CIF,SC6)拍卖成交", "以8.12万元/吨采购": Chinese puts the deal after the price
TRANSACTION_AFTER = regex.compile(rf"[^,，;；。]{{0,15}}?{W('kind.deal_after')}")  # match(line, pos): anchored there
# A price that opens its clause, with the cue after it: "$880/t was paid for SC6", "300-310k yuan/t quoted by two
# suppliers", "6,050 yuan/mt is what one producer asked for", "RMB 76,500/t - that was the asking price"
KIND_AFTER = regex.compile(
    rf"""^[^,;:。，；]{{0,80}}?(?:
      (?P<transaction>\b{W('kind_after.transaction')}\b)
    | (?P<offer>\b{W('kind_after.offer')}\b|\bis\s+what\b[^,;.]{{0,40}}?\basked\b)
    | (?P<bid>\b{W('kind_after.bid')}\b)
    )""", FLAGS | regex.VERBOSE)
# "SALES OFFERS", "2. Purchasing:", "采购": a heading that gives the prices below it their type
# (or a line that opens the list: "今日报价如下👇", "Please find our offers below:")
KIND_HEADING = regex.compile(
    rf"""^(?:\s*(?:\d{{1,2}}[.)、]\s*)?|.{{0,40}}?(?=\S+\s*(?:如下|as\s+follows|below)[^.。\d\n]{{0,15}}$))(?:
      (?P<transaction>{W('kind_heading.transaction')})
    | (?P<offer>{W('kind_heading.offer')})
    | (?P<bid>{W('kind_heading.bid')})
    )\s*(?:[:：]|(?:如下|as\s+follows|below)[^.。\d\n]{{0,15}})?\s*$""", FLAGS | regex.VERBOSE)
# "Cobalt Tetroxide MB China ex-works 72.6% Co RMB/tonne: 228,000-235,000": the unit labels the number
LABELLED_PRICE = regex.compile(
    rf"(?P<currency>{CURRENCY_BEFORE}|{CURRENCY_AFTER})\s?/\s?(?P<unit>{UNIT})\s*:\s*(?P<low>{NUMBER})"
    rf"(?:\s*{RANGE_DASH}\s*(?P<high>{NUMBER}))?(?![\d.])", FLAGS)
# "9.3w", "11.9-12.0w": a Chinese trader's shorthand for 万元/吨 (w for 万, wan), decimals only ("2w" may be weeks)
WAN_SHORTHAND = regex.compile(r"(?<![\w.,/$¥€£-])(?P<low>\d{1,2}\.\d{1,3})(?:\s?-\s?(?P<high>\d{1,2}\.\d{1,3}))?w"
                              r"(?![A-Za-z/])")

# Spec words (tracker/data/specs.toml, their one owner; see series.SpecTable.extraction_words): the words that
# tell a publisher's prices of one product apart, read before the price in its clause. Hyphens and spaces
# stand for one another ("battery grade" = "battery-grade").
_SPEC_WORDS = default_spec_table().extraction_words()
_SPEC_SPACE = r"(?:\s*-\s*|\s+)"


def _spec_words(name: str, script: str | None = None) -> str:
    chosen = [" ".join(word.replace("-", " ").split()).casefold() for word in _SPEC_WORDS[name]
              if script is None or word.isascii() == (script == "latin")]
    return words.prefix_tree(chosen, space=_SPEC_SPACE)


CONTENT_NAME = words.vocabulary().pattern_of(_SPEC_WORDS["content_names"])
SUFFIX = words.vocabulary().pattern_of(_SPEC_WORDS["suffixes"])
_PLACE = _spec_words('places')
# "China", "Japan/Korea", "China, Japan & Korea", "China, Japan and South Korea"
PLACES = rf"{_PLACE}(?:\s*(?:/|,|&|\band\b)\s*{_PLACE}(?![A-Za-z]))*"
PLACE_JOINERS = regex.compile(r"\s*(?:/|,|&|\band\b)\s*", FLAGS)
_PCT = r"\d+(?:\.\d+)?\s?(?:%|pc)"
_MIN = r"(?:min\.?|minimum)"
_GRADE_LATIN = (
    rf"""(?<![A-Za-z])(?:
    # contents: "min 30% Co", "≥99.8%", "Li2CO3 99.5% min", "Co 20.5%", "6% Li2O min", "99.5pc-grade", "20.5%min";
    # "SC6"; "CIF6" (6% concentrate, CIF), "CIF6中国"; a futures contract
      (?:{_MIN}|≥|>=)\s*{_PCT}(?:\s*{CONTENT_NAME})?(?:\s*{_MIN})?
    | {CONTENT_NAME}\s*(?:≥|>=|:)?\s*{_PCT}(?:\s*{_MIN})?
    | {_PCT}(?:[-\s]grade|\s*{CONTENT_NAME}(?:\s*{_MIN})?|\s*{_MIN})
    | SC\d(?:\.\d)?|CIF\d(?:\.\d)?(?:\s*{PLACES})?|Q[1-4]\s+20\d\d\s+futures
    # a particle size: "+50 mesh", "-100 mesh", "15 micron", "15μm"
    | (?<![\w.])[+-]?\d{{2,3}}\s?mesh|\d{{1,3}}\s?(?:μm|um|microns?)
    | (?:Q[1-4]|(?:first|second|third|fourth)[-\s]quarter)(?:\s+20\d\d)?\s+contract(?:\s+(?:price|reference))?
    # a basis and its place: "EXW China", "CIF Japan/Korea", "in-whs Rotterdam", "CIF中国"
    | (?P<basis>{_spec_words('basis')})(?:\s*(?P<places>{PLACES}))?
    # a feedstock, perhaps with a suffix: "recycled", "black-mass-based", "MHP-derived"
    | {_spec_words('feedstock')}(?:{_SPEC_SPACE}{SUFFIX})?
    # the other words, wherever they stand ("high-nickel", "spot", "index", "Jinchuan")...
    | {_spec_words('free', 'latin')}
    # ...and ordinary words ("battery", "standard", "technical") only as an item of their own: between commas,
    # brackets, slashes or a dot leader, after a content ("99.5%min battery") or at a cell's edges ("Lithium
    # carbonate, battery, EXW China")
    | (?<=(?:^|[,(（/|]|%(?:\s*(?:min|max)\.?)?)\s*){_spec_words('listed', 'latin')}(?=\s*(?:[,，)）/|:：]|\.{{3}}|…|$))
    )(?![A-Za-z])
    """)
# Chinese words are glued to Latin ones ("澳大利亚CIF6中国"): no word boundaries
_GRADE_CJK = _spec_words('free', 'cjk')
GRADE = regex.compile(f"{_GRADE_LATIN}|{_GRADE_CJK}", FLAGS | regex.VERBOSE)
GRADE_LATIN = regex.compile(_GRADE_LATIN, FLAGS | regex.VERBOSE)  # the same, for text without Chinese (faster)
# "Australian producers", "Chinese lithium converters": a place qualifying companies, not the product priced
COMPANIES_AFTER = regex.compile(rf"\s+(?:[\w-]+\s+)?{W('industry.nouns')}\b", FLAGS)
# a percentage glued to a product's name, its content: "6pc spodumene", "spodumene 5.5pc" (not a range's end)
CONTENT_BEFORE_NAME = regex.compile(rf"(?<![\d.,\-–~])(?P<content>{_PCT})\s*$", FLAGS)
CONTENT_AFTER_NAME = regex.compile(rf"\s*(?P<content>{_PCT})(?![\d.%\-–~])", FLAGS)
# Spec words printed right after the price: its basis ("$9.40-9.60/kg cif China", "yuan/t ex-works") or the
# metal it is a price of ("$15,015/mt Ni", "(镍计)": a price of the metal content)
SPEC_AFTER = regex.compile(
    rf"^\s*,?\s*(?:(?P<basis>{_spec_words('basis')})(?:\s*(?P<places>{PLACES}))?(?![A-Za-z])"
    rf"|(?:of\s+)?(?:\(\s*)?(?P<metal>{_spec_words('after_price')})(?:\s+contained|计)?(?![A-Za-z]))", FLAGS)

# A commodity named as feedstock ("made from MHP", "intermediate-based") is a grade, not the commodity.
FEEDSTOCK_BEFORE = regex.compile(
    rf"(?:\b{W('feedstock.from_verbs')}\s+from|{W('feedstock.on_verbs')}\s+on)\s+(?:[\w-]+\s+)?$"
    rf"|\b{W('feedstock.prepositions')}\s+(?:{W('feedstock.adjectives')}\s+)?$"
    rf"|{W('feedstock.before')}$", FLAGS)
FEEDSTOCK_AFTER = regex.compile(rf"^[-\s]{W('feedstock.after')}\b", FLAGS)
# "Limonite ore feed (1.2% Ni) was purchased ... at US$26.40/wmt": the feed bought is what the price is of
FEED_BOUGHT = regex.compile(rf"^[-\s]feed\b(?:(?!\.\s)[^;。；]){{0,40}}?\b(?:was|were)\s+{W('feedstock.bought')}\b",
                            FLAGS)
# "Co3O4 makers", "MHP and recycling producers": companies, not the commodity priced.
INDUSTRY_AFTER = regex.compile(
    rf"""^\)?(?:\s*\([^()]{{1,20}}\))?(?:(?:\s+and\s+[\w-]+|\s+{W('industry.products')})?\s+{W('industry.nouns')}\b
       # "cobalt tetroxide producers raised offers to": sellers quoting their own product; "flake graphite export
       # prices": the product's own price in that trade
       (?!\s+(?:\w+\s+){{0,2}}(?:{W('industry.changing')}\s+(?:their\s+|its\s+)?{W('industry.changed')}
          |{W('industry.quoting')})\b)
       (?!(?<=\b(?:export|import)s?)\s+prices?\b)
       |\s*{W('industry.glued')})""",
    FLAGS | regex.VERBOSE)
# "cost pressure stayed high and offers were at": a cue after a conjunction starts a clause about the price
CONJUNCTION = regex.compile(rf"\b{LATIN('clause.conjunctions')}\b|{CJK('clause.conjunctions')}", FLAGS)
# where the words describing a name stop: a conjunction or ";" before it ("On the Futures Exchange, May contracts ..."
# keeps "futures": a comma does not stop them)
SPEC_STOP = regex.compile(rf"[;；]|\b{LATIN('clause.conjunctions')}\b|{CJK('clause.conjunctions')}", FLAGS)
# "Costs: LME nickel ...", "成本端,...": a sentence about inputs names no commodity the later prices are for
INPUT_SENTENCE = regex.compile(rf"^\s*(?:{LATIN('context.inputs')}\b|{CJK('context.inputs')})", FLAGS)
INPUT_WORD = regex.compile(rf"\b{LATIN('context.inputs_anywhere')}\b", FLAGS)
# "(against LME nickel)": a reference price named beside the one reported
REFERENCE_BEFORE = regex.compile(
    rf"(?:\b{LATIN('context.reference')}\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}|{CJK('context.reference')}\s*)$", FLAGS)
RELATIVE = regex.compile(rf"[^.;。；]{{0,40}}?\b{LATIN('context.relative')}\b", FLAGS)
PRICE_OF_BEFORE = regex.compile(rf"\b{W('context.price_of')}\s+(?:the\s+)?$", FLAGS)
# "with cobalt intermediates still scarce, smelters raised quotes to ...": a commodity named in a clause that
# gives a reason or circumstance is context, not what the price is for.
CONTEXT_CLAUSE = regex.compile(rf"^\s*(?:(?:and|but|while)\s+)?{W('context.openers')}\b", FLAGS)
# "... $1,200/mt for SC6": a commodity named right after the price.
# ("$1,520/t cif China for a March-loading spodumene cargo": a basis may stand between)
FOR_AFTER = regex.compile(rf"^\s*(?:(?:cif|cfr|fob|exw|ex-works|dap|ddp|delivered)\s+[\w-]+\s+)?"
                          rf"{W('context.for_after')}\s+(?:[\w-]+\s+){{0,3}}?$", FLAGS)

# where a clause ends inside a sentence: ", " "; " ": " and their full-width forms
CLAUSE_BREAK = regex.compile(r"[,;:]\s|[，；：]|(?<=[^\x00-\x7f])[,;:]")
# (a run of dots is a leader to a value, not the end of a sentence)
SENTENCE_END = regex.compile(r"(?<=[.!?])(?<!\.\.\.\.)\s+(?=[A-Z0-9\[\"“'(¥$])|(?<=[。！？；;])")
# the number of a numbered heading: "2. ", "二、", "(三)", "1、"
ENUMERATOR = regex.compile(r"^\s*(?:[(（]\s*)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:[、.．)）]\s*|\s+)")
# "· Mysteel: cobalt sulphate follows", "> SMM: ...": an item's headline in a Related News block
BULLET_ITEM = regex.compile(r"^[·•>]\s*\S")
# (a chat's sticker alone on its line, "[捂脸]", heads nothing; nor does an editor's note, "[Chart: ...]")
SECTION_HEAD = regex.compile(
    r"^(?!\[\p{Han}{1,4}\]\s*$)(?:[·•>]\s*)?(?:\[[^\]\n;:]{2,60}\]|【[^】\n]{2,60}】)"
    rf"|^(?:{W('section.heads')}|more\s+from\s+[\w ]{{2,30}})\s*[:：]?$", FLAGS)

CURRENCIES = _lookup("currency.codes")  # a currency spelling -> its ISO 4217 code


def currency_code(spelling: str) -> str | None:
    """The ISO 4217 code of a currency as printed ("US$", "Yn", "美元"), or None."""
    return CURRENCIES.get(" ".join(spelling.casefold().split()))


def unit_of(spelling: str) -> str:
    """The Observation.unit of a per-unit as printed ("tonnes", "Ni unit", "吨"); the spelling matched UNIT."""
    return UNITS[" ".join(spelling.casefold().split())]
