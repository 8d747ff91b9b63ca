"""A grammar of review-like pages for hypothesis, built from the registry's own vocabulary.

Random characters seldom form a price, so they seldom reach the rules that read one; this grammar
writes what reviews write: commodity names and aliases (English and Chinese) from
tracker/commodities.toml, cue words, prices in every form the extractor knows (ranges with every
separator, 万元/吨, $x/lb, k, payables in %, "from X to Y", "up X to Y", labelled units), price tables
with "|" and tabs, Related News items with date lines and datelines, and HTML fragments.

`check_review` states the properties every page must keep; tests/test_grammar.py runs a few hundred
pages in the normal suite and `python bench/fuzz.py --fuzz 10000` runs as many as asked.

Every strategy is built once, here: building them inside each draw costs more than the extraction.
"""
from __future__ import annotations

import html
import sys
from datetime import date
from importlib import resources

from hypothesis import strategies as st

from tracker.documents import parse_document
from tracker.errors import DocumentError
from tracker.extract import extract_document, extract_text
from tracker.observation import CURRENCIES, PRICE_TYPES, UNITS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PUBLISHED = date(2025, 11, 6)

_REGISTRY = tomllib.loads(resources.files("tracker").joinpath("commodities.toml").read_text(encoding="utf-8"))
NAMES = sorted({name for entry in _REGISTRY.values() if isinstance(entry, dict)
                for key in ("aliases", "weak_aliases", "words") for name in entry.get(key, [])}
               | set(_REGISTRY["short_names"]))
COMMODITIES = {name for name, entry in _REGISTRY.items() if "label" in entry}


def one_of(*choices: str) -> st.SearchStrategy[str]:
    return st.sampled_from(choices)


NAME = st.sampled_from(NAMES)
MAYBE_NAME = one_of("", *NAMES)
CUE = one_of(
    "offers", "offered at", "quoted at", "quotes were", "asking prices", "target prices", "bids", "bid at",
    "purchase intentions", "buyers' prices", "deals were done at", "transacted at", "traded at", "sold at",
    "assessed at", "the index stood at", "averaged", "SMM quotes", "prices", "were", "was", "at", "stood at",
    "held steady at", "payables", "payables were", "nickel payables for MHP", "payable at", "计价系数", "系数",
    "报价", "成交价", "采购意向", "均价", "主流报价", "挂牌价", "成交", "以", "报",
    "without deals,", "few transactions", "few deals were heard at",
    # not levels: changes, comparisons, bounds, conversions, forecasts, costs
    "up", "down", "rose", "fell by", "a rise of", "higher than", "compared with", "from", "last week's",
    "above", "below", "at least", "equivalent to", "or", "折合", "上涨", "下跌", "较上周", "expected to reach",
    "next week", "预计", "costs", "processing fees", "premiums of", "spread of")
AFTER = one_of("", "", "", " a week earlier", " last week", " or more", " lower", " higher", " respectively",
               " was paid", " quoted by two suppliers", " 成交", " 以上", " WoW", " (CIF China)", " for SC6",
               " for an August cargo", " per cent of LME", " of LME cobalt")
GRADE = one_of("", "", "battery-grade ", "industrial-grade ", "high-nickel ", "low-nickel ", "MHP-based ", "SC6 ",
               "min 99.8% ", "电池级", "工业级", "spot ", "CIF China ", "ex-works ")
CURRENCY_BEFORE = one_of("", "$", "US$", "USD ", "RMB ", "CNY ", "Yn", "¥", "Yuan ")
CURRENCY_AFTER = one_of("", " yuan", "yuan", "元", "万元", "美元", " USD", " RMB", " dollars", "$")
PER_UNIT = one_of("/mt", "/t", "/tonne", "/lb", "/kg", "/dmtu", "/mtu", " per tonne", " per lb", " a tonne", "/吨",
                  "/磅", "/千克", "/镍点", "/吨度", " per Ni unit", "/wmt", "")
SEPARATOR = one_of("-", "–", "—", "~", " - ", " to ", "至", " and ", "to")
MAYBE_SEPARATOR = one_of("", "-", "–", "—", "~", " - ", " to ", "至", " and ", "to")
CHINESE_UNIT = one_of("万元/吨", "元/吨", "美元/吨", "万元/金属吨", "元/吨度")
PERCENT = one_of("%", "pc", " per cent", "折", "% payable")
MOVED_FROM = one_of("rose from", "fell from", "ranged from", "from", "moved from", "edged up from",
                    "payables rose from", "went up from")
MOVED_BY = one_of("up", "down", "rose", "fell", "gained", "上涨", "下跌")
MOVE_UNIT = one_of("%", " yuan/mt", "/lb", "万元/吨", "", " yuan/t")
SPELLED_UNIT = one_of("yuan/mt", "USD/t", "$/lb", "yuan", "yuan/t", "RMB/t", "元/吨", "USD/lb", "%", "")
LABEL_CURRENCY = one_of("RMB", "USD", "yuan", "$")
LABEL_UNIT = one_of("tonne", "mt", "lb")
GLUED_CURRENCY = one_of("Yn", "¥", "Yuan ", "RMB", "$", "US$")
SHORT_UNIT = one_of("/lb", "/kg", " per lb", "/t")
END = one_of(".", ". ", "。", "；", ";", ",", "，", "", "!", " ")
JOIN = one_of(",", " and", ", while", ";", "，")
DATE = one_of("Nov 6, 2025", "6 November 2025", "2025-11-06", "2025年11月6日", "Oct 30, 2025, at 5:29 pm",
              "iconNov 6, 2025 18:17", "15/10/25", "29/10/2025", "10/29/2025", "29.10.2025", "2025/10/29",
              "03/04/2025", "17-Feb-2025")
TITLE_WORDS = one_of("weekly review", "prices", "价格周评")
CHANGE = one_of("0", "+500", "-1,000", "↑2%", "持平", "")
CAPTION = one_of("", "Unit: yuan/mt\n", "单位：元/吨\n", "(USD/lb)\n")
HEADER = st.sampled_from([["Product", "Price", "Change", "Unit"], ["Product", "Low", "High", "Previous"],
                          ["品名", "价格区间", "涨跌", "单位"], ["Commodity", "Average", "Chg", "%"]])
RELATED = one_of("Related News", "相关阅读", "Read more", "You may also like", "More from SMM")
HTML_TAG = one_of("p", "div", "li", "span", "h2", "td")
HTML_BREAK = one_of("<br>", "\n", "</p><p>")
HTML_SPACE = one_of(" ", "&nbsp;")
HTML_JUNK = one_of("", "<script>var p='96,000 yuan/mt';</script>", "<nav>Home | Prices</nav>", "<b",
                   "<!-- 1,000 yuan/mt -->", "&amp;", "<table><tr><td>")
# payables (up to 200%) and prices in $/lb are small numbers, yuan/mt prices large ones
SMALL = st.one_of(st.integers(1, 120).map(str), st.decimals(0, 120, places=1).map(str),
                  one_of("0", "0.5", "8.7", "9.6", "25.5", "70", "75", "99.8"))
NUMBER = st.one_of(SMALL, st.integers(1000, 999_999).map(lambda n: f"{n:,}"), st.integers(0, 10**9).map(str),
                   st.floats(0, 100_000).map(lambda x: f"{x:.2f}"), one_of("96,000", "1,00", "1,0000", "9" * 30))


def text(*parts: str | st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The parts, literal or drawn, written one after the other."""
    return st.tuples(*(st.just(part) if isinstance(part, str) else part for part in parts)).map("".join)


def _twice(unit: str) -> st.SearchStrategy[str]:
    return text(NUMBER, unit, SEPARATOR, NUMBER, unit)  # "7.5万元/吨至7.6万元/吨"


# Every price form the extractor knows, each as likely as the others, and some that are no level.
PRICE = st.one_of(
    text(CURRENCY_BEFORE, NUMBER, SEPARATOR, CURRENCY_BEFORE, NUMBER, CURRENCY_AFTER, PER_UNIT),  # "$25.5-$26.0/lb"
    text(NUMBER, one_of("", "万"), SEPARATOR, NUMBER, CHINESE_UNIT),  # "9.6-9.8万元/吨"
    CHINESE_UNIT.flatmap(_twice),
    text(GLUED_CURRENCY, NUMBER, SHORT_UNIT),  # "$25.5/lb", "Yn73,600/t"
    text(SMALL, one_of("", "k"), "-", SMALL, "k ", SPELLED_UNIT),  # "86-88k yuan/t"
    text(SMALL, MAYBE_SEPARATOR, one_of("", "71.5", "75"), PERCENT),  # payables: "70-71.5%", "8.7折"
    text(MOVED_FROM, " ", SMALL, one_of("", "%"), " to ", SMALL, "%"),  # "payables rose from 70 to 75%"
    text(MOVED_FROM, " ", NUMBER, one_of("", " yuan/mt"), " to ", NUMBER, one_of(" yuan/mt", "万元/吨", "/lb")),
    text(MOVED_BY, " ", NUMBER, MOVE_UNIT, " to ", NUMBER, MOVE_UNIT),  # "up 1,000 yuan/mt to 96,000 yuan/mt"
    text("between ", NUMBER, " and ", NUMBER, " ", SPELLED_UNIT),
    text(LABEL_CURRENCY, "/", LABEL_UNIT, ": ", NUMBER, MAYBE_SEPARATOR, NUMBER),  # "RMB/tonne: 228,000-235,000"
    text(SMALL, "–", SMALL, " ", SPELLED_UNIT),  # "24.5–33.0 $/lb"
    text(NUMBER, CHINESE_UNIT),  # "9.6万元/吨"
    NUMBER,  # a bare number: a change, a count, a date part
)


@st.composite
def _sentence(draw) -> str:
    """Grade and commodity, cue, price(s) and what may follow, in the orders reviews use (or shuffled)."""
    parts = [draw(GRADE) + draw(NAME), draw(CUE), draw(PRICE)]
    for _ in range(draw(st.integers(0, 3))):  # a list of prices, a second clause
        parts += [draw(JOIN), draw(MAYBE_NAME), draw(CUE), draw(PRICE)]
    parts.append(draw(AFTER) + draw(END))
    if draw(st.integers(0, 4)) == 0:
        parts = draw(st.permutations(parts))
    return " ".join(part for part in parts if part)


SENTENCE = _sentence()


@st.composite
def _table(draw) -> str:
    """A price table: "|" rows or tab-separated rows, under a header and maybe a unit caption."""
    rows = [draw(HEADER)] + [[draw(GRADE) + draw(NAME), draw(PRICE), draw(CHANGE), draw(SPELLED_UNIT)]
                             for _ in range(draw(st.integers(1, 5)))]
    if draw(st.booleans()):
        return draw(CAPTION) + "\n".join("\t".join(row) for row in rows)
    return draw(CAPTION) + "\n".join("| " + " | ".join(row) + " |" for row in rows)


TABLE = _table()


@st.composite
def _related_news(draw) -> str:
    """A Related News block: item headlines with their own dates above, below or in a dateline."""
    lines = [draw(RELATED)]
    for _ in range(draw(st.integers(1, 4))):
        name = draw(NAME)
        headline = draw(one_of(f"[SMM Analysis] {name} prices rise", f"【SMM周评】{name}价格走弱",
                               f"· {name} market update", f"> SMM: {name} follows", f"{name} weekly"))
        body = draw(SENTENCE)
        body = draw(one_of("", f"SMM August 20: {body}", f"3月19日,{body}", body))
        item = [headline, draw(DATE), body]
        if draw(st.booleans()):  # the date line below the item's text
            item = [headline, body, item[1]]
        lines += [line for line in item if line]
    return "\n".join(lines)


BLOCK = st.one_of(SENTENCE, SENTENCE, TABLE, _related_news())


def _html(draw, title: str, blocks: list[str]) -> str:
    parts = [f"<h1>{html.escape(title)}</h1>", f'<time datetime="{draw(one_of("2025-11-06", "x"))}">']
    for block in blocks:
        if "|" in block or "\t" in block:  # a table as an HTML table
            rows = ["<tr>" + "".join(f"<td>{html.escape(cell.strip())}</td>"
                                     for cell in line.strip("| ").replace("\t", "|").split("|")) + "</tr>"
                    for line in block.split("\n") if line]
            parts.append("<table>" + "".join(rows) + "</table>")
        else:
            tag = draw(HTML_TAG)
            text = html.escape(block).replace("\n", draw(HTML_BREAK)).replace(" ", draw(HTML_SPACE), 1)
            parts.append(f"<{tag}>{text}</{tag}>")
    return "<html><body>" + "".join(parts) + draw(HTML_JUNK) + "</body></html>"


@st.composite
def pages(draw) -> tuple[str, str]:
    """(file name, content) of a review page: plain text or HTML."""
    title = f"{draw(NAME)} {draw(TITLE_WORDS)}"
    blocks = [f"Published: {draw(DATE)}"] if draw(st.booleans()) else []
    blocks += [draw(BLOCK) for _ in range(draw(st.integers(1, 6)))]
    if draw(st.integers(0, 2)):
        return "review.txt", "\n".join([title, *blocks])
    return "review.html", _html(draw, title, blocks)


def check_review(name: str, content: str, date_override: date | None) -> list:
    """The properties: no exception but a DocumentError; low <= high; a known currency and unit;
    the text at its span in the document; the same output again, and from the stored text."""
    try:
        document = parse_document(name, content.encode("utf-8"), date_override)
    except DocumentError:
        return []  # an undated page without an override, an empty HTML page: a reported failure, not a bug
    observations = extract_document(document)
    for o in observations:
        assert o.low <= o.high, o
        assert o.unit in UNITS, o
        assert o.currency in CURRENCIES or (o.currency is None and o.unit == "%"), o
        assert o.price_type in PRICE_TYPES and o.commodity in COMMODITIES, o
        assert o.text and document.text[o.start:o.end] == o.text, o
    assert extract_document(document) == observations
    # reextract reads the stored text, title and date: it must find what ingest found
    assert extract_text(document.text, document.date, document.title, publisher=document.publisher,
                        document=document.path) == observations
    return observations
