"""The shapes of a page's lines that the page reader goes by: headings, captions, list lines, rules, a metal's
label, whether a line holds a price. Pure predicates on one line (tracker.sections keeps the state)."""
from __future__ import annotations

from functools import lru_cache

from tracker import patterns as p
from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.candidates import line_candidates
from tracker.tables import is_table_row


@lru_cache(maxsize=8)
def metal_lead(families: frozenset[str]) -> regex.Pattern:
    names = "|".join(sorted(families, key=len, reverse=True))
    return regex.compile(
        rf"^\s*(?:[•·*>–-]\s*)?(?:(?:in|on|for|as\s+for)\s+)?(?:the\s+)?({names})(?:\s+(?:market|side|segment|chain))?"
        rf"\s*[:,：，]",
        regex.IGNORECASE)


LIST_LINE = regex.compile(r"^\s*[-*•·–]\s")
RULE_START = regex.compile(r"^\s*[-—=_*~]{3,}")
# a sentence's end, or a page number ("4. Manganese ore ........ 3": a table of contents, no list of prices)
ENDS_IN_DOT_OR_NUMBER = regex.compile(r"(?:[.。]|\d)\s*$")
_HEADING_DASH = regex.compile(r"\s+[-–—]\s+|\s*[:：]\s*")
_METAL_NAMES = p.words.table("section.metals")  # "锂": a metal's name in another language
_METAL_HEADING_TAIL = regex.compile(r"\s+(?:market|markets|prices|segment)$")


def metal_heading(line: str, metals: frozenset[str]) -> str | None:
    """The metal a heading names and nothing else ("LITHIUM", "2. Nickel", "Cobalt market")."""
    if len(line) > 40 and not line.isupper():
        return None
    name = p.ENUMERATOR.sub("", line, count=1).strip(" :：-—.=#*【】[]")  # ("== LITHIUM ==", "【锂】")
    name = _HEADING_DASH.split(name, maxsplit=1)[0]  # "COBALT - THE SQUEEZE REACHES CHINA"
    name = _METAL_HEADING_TAIL.sub("", name.casefold())
    name = _METAL_NAMES.get(name, name)
    return name if name in metals else None


def led_by_metal(line: str, metals: frozenset[str]) -> str | None:
    """The metal a line opens with as its label ("Cobalt: standard grade ...", "In cobalt, ..."): its bare product
    words are that metal's ("hydroxide" is cobalt hydroxide there, in a lithium review too)."""
    lead = metal_lead(metals).match(line)
    return lead.group(1).casefold() if lead else None


def holds_a_price(line: str, about_payables: bool) -> bool:
    """Whether an item's text line holds a price: the item's date, if printed below it, comes after."""
    if not p.DIGIT.search(line):
        return False
    try:
        return bool(line_candidates(line, about_payables))
    except TimeoutError:
        return False


def is_item_headline(line: str) -> bool:
    """In a Related News block, a line without figures that is no sentence: the headline of the next item."""
    return len(line) <= 120 and not p.DIGIT.search(line) and not line.endswith((".", "。", "…", "!", "?", ":")) \
        and len(line.split()) >= 2 and not is_table_row(line)  # (a table's header row is no headline)


# a line of a trader's run under its product's caption: "Offer   $25.40/lb", "Bid     RMB 91,000/t", "Last done: ..."
KIND_LABEL = regex.compile(r"^\s*(?:offers?|bids?|deals?|done|last\s+done|traded|ask(?:ing)?|indications?|indic)\b"
                            r"\s*[:：]?", regex.IGNORECASE)


def is_caption(line: str) -> bool:
    """A short line naming a product over the prices below it: no sentence, no price, no more than ten words."""
    return len(line) <= 100 and len(line.split()) <= 10 and not line.rstrip().endswith((".", "。", ":", "：", ";")) \
        and not p.SECTION_HEAD.match(line)


# "Base case price deck (real 2025):", "Sensitivities (Stage 2 NPV8)", "Price assumptions": a caption of planning
# figures over their rows
ASSUMED_CAPTION = regex.compile(rf"(?i)\b(?:price\s+deck|sensitivit(?:y|ies)|price\s+assumptions?"
                                 rf"|assumptions?\s*[:：]|{p.CJK('forecast.words')}(?=.*[:：]\s*$))")
RULE_LINE = regex.compile(r"^\s*[-=_*~]{3,}\s*$")


def is_heading(line: str) -> bool:
    """A short line without figures or a full stop: a sub-heading ("Cobalt tetroxide", "二、锂辉石", "2. Spodumene")."""
    line = p.ENUMERATOR.sub("", line, count=1)
    # (a capitalised one may be longer: "LITHIUM - CARBONATE LEADS, HYDROXIDE FOLLOWS SLOWLY")
    return (len(line) <= 40 or len(line) <= 80 and line.isupper()) and not p.DIGIT.search(line) \
        and not line.endswith((".", "。"))
