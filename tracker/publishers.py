"""Publishers: whose page a review is, and whose price a sentence quotes. Names come from data/publishers.toml.

A page says who published it in a few places: source and copyright lines, the site name of an HTML page
(og:site_name, canonical link), its title, and datelines such as "SMM April 3 News:". Those outweigh a
name that merely occurs in the text; a name after "according to" is another agency being quoted and
says nothing about the page. A page with no such mark has no publisher: it is never guessed.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.vocabulary import pattern, prefix_tree, vocabulary

HEAD_LINES = 15  # the headline zone of a page: menus, headline, date and source lines
TAIL_LINES = 15  # the footer: copyright lines
# How much one occurrence of a name counts for the page, by where it stands.
SITE_WEIGHT = 10  # source/copyright line, og:site_name, canonical link
TITLE_WEIGHT = 6  # title or dateline
HEAD_WEIGHT = 3  # elsewhere in the headline zone or footer
BODY_WEIGHT = 1
QUOTE_SPAN = 60  # characters before a name where "according to" makes it quoted
COMPANY_HEAD = 600  # characters of a page's head that may say it is a company's report

_SOURCE_LINE = regex.compile(
    r"(?i)(?:\b(?:source|sources|data\s+source|copyright|all\s+rights\s+reserved)\b|来源|出处|版权|©|\(c\)\s*\d{4})")
# "according to SMM", and the short name bracketed after a quoted full one: "according to Shanghai Metals Market (SMM)"
_QUOTED = regex.compile(r"(?i)(?:according\s+to|cited\s+by|quoted\s+by|citing|per|据|援引)\s*(?:the\s+)?"
                        r"(?:(?:[\w&'’.-]+\s*){1,4}\(\s*)?$")
_TABLE_ROW = regex.compile(r"\s*\|")
# "SMM April 3 News:", "SHANGHAI, December 22 (SMM) -", "【SMM硫酸镍周评】", "[SMM Weekly Review]", "Mysteel:"
_DATELINE_AFTER = regex.compile(r"(?i)^(?:\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}月\d{1,2}日)\b[^\n]{0,12}?(?:News|讯)"
                                r"|\s*[:：]|\)\s*[-–—]|[^\]】\n]{0,40}[\]】])")
_DATELINE_BEFORE = regex.compile(r"(?:[\[【]\s*|\(\s*)$")
_DOMAIN = regex.compile(r"(?i)(?:https?://)?(?:[a-z0-9-]+\.)*([a-z0-9-]+\.[a-z]{2,}(?:\.[a-z]{2})?)\b")


class Publishers:
    """The publisher registry, compiled into one pattern of every name."""

    def __init__(self, table: dict):
        self.names = list(table)
        self._by_key = {publisher.casefold(): publisher for publisher in self.names}
        self._by_name: dict[str, str] = {}  # casefolded name -> publisher
        self._by_mark: dict[str, str] = {}  # exact mark -> publisher
        self._source_only: dict[str, str] = {}
        self._domains: dict[str, str] = {}
        self.exchanges = {publisher for publisher, entry in table.items() if entry.get("exchange")}
        for publisher, entry in table.items():
            for name in entry.get("names", []):
                self._by_name[name.casefold()] = publisher
            for mark in entry.get("marks", []):
                self._by_mark[mark] = publisher
            for name in entry.get("source_only", []):
                self._source_only[name.casefold()] = publisher
            for domain in entry.get("domains", []):
                self._domains[domain.casefold()] = publisher
        self._names = _NameScan(self._by_name, regex.IGNORECASE)
        self._marks = _NameScan(self._by_mark, 0)
        self._source_names = _NameScan(self._source_only, regex.IGNORECASE)

    def canonical(self, name: str) -> str | None:
        """The registry's name for a publisher written any way it knows ("metal bulletin" -> Fastmarkets)."""
        folded = name.strip().casefold()
        return self._by_key.get(folded) or self._by_name.get(folded) or self._by_mark.get(name.strip()) \
            or self._source_only.get(folded)

    def mentions(self, text: str, source_line: bool = False) -> list[tuple[int, int, str]]:
        """(start, end, publisher) of every name in `text`, in order."""
        found = [(m.start(), m.end(), self._by_name[m.group().casefold()])
                 for m in self._names.pattern.finditer(text)]
        found += [(m.start(), m.end(), self._by_mark[m.group()]) for m in self._marks.pattern.finditer(text)]
        if source_line:
            found += [(m.start(), m.end(), self._source_only[m.group().casefold()])
                      for m in self._source_names.pattern.finditer(text)]
        return _longest(found)

    def _page_mentions(self, text: str, lines: list[str]) -> dict[int, tuple[list, list]]:
        """Line number -> (names and marks, source-only names) of every line naming a publisher.

        One scan of the page per pattern rather than three per line: no name holds a line break, and a line's
        edges look like its neighbouring line breaks to the patterns' boundaries, so the names found are the
        ones a scan of each line would find."""
        starts = list(accumulate((len(line) + 1 for line in lines), initial=0))  # where each line starts
        by_line: dict[int, tuple[list, list]] = {}

        def add(start: int, end: int, publisher: str, source_only: bool) -> None:
            number = bisect.bisect_right(starts, start) - 1
            offset = starts[number]
            by_line.setdefault(number, ([], []))[source_only].append((start - offset, end - offset, publisher))

        folded = text.casefold()
        for m in self._names.finditer(text, folded):
            add(m.start(), m.end(), self._by_name[m.group().casefold()], False)
        for m in self._marks.finditer(text, folded):
            add(m.start(), m.end(), self._by_mark[m.group()], False)
        for m in self._source_names.finditer(text, folded):
            add(m.start(), m.end(), self._source_only[m.group().casefold()], True)
        return by_line

    def of_domain(self, url: str) -> str | None:
        for match in _DOMAIN.finditer(url):
            host = match.group(0).casefold().split("//")[-1]
            for domain, publisher in self._domains.items():
                if host == domain or host.endswith("." + domain):
                    return publisher
        return None

    def of_page(self, text: str, title: str = "", site_hints: Iterable[str] = ()) -> str:
        """The publisher of a page, or "" when the page does not say.

        A company's own report (a quarterly report, a 公告) is nobody's review: the agencies it names are quoted,
        so only the page's own marks (site, source and copyright lines, title, dateline) can name its publisher."""
        company = is_company_report(title, text[:COMPANY_HEAD])
        score: Counter[str] = Counter()
        marked: set[str] = set()  # publishers named where a page names its own, not only in its body
        for hint in site_hints:  # og:site_name, canonical link, publisher meta of an HTML page
            publisher = self.of_domain(hint) or self.canonical(hint) or _first(self.mentions(hint, True))
            if publisher:
                score[publisher] += SITE_WEIGHT
                marked.add(publisher)
        for _, _, publisher in self.mentions(title, True):
            score[publisher] += TITLE_WEIGHT
            marked.add(publisher)
        lines = text.split("\n")
        named = self._page_mentions(text, lines)
        # the lines that can add to the score: those naming a publisher, and source lines of the head and footer
        # with a domain in them
        edges = [*range(min(HEAD_LINES, len(lines))), *range(max(HEAD_LINES, len(lines) - TAIL_LINES), len(lines))]
        for number in sorted(set(named).union(n for n in edges if "." in lines[n])):
            line = lines[number]
            in_head = number < HEAD_LINES or number >= len(lines) - TAIL_LINES
            source_line = _is_source_line(line)
            names, source_names = named.get(number, ([], []))
            for start, end, publisher in _longest(names + source_names if source_line else list(names)):
                if _quoted(line[max(0, start - QUOTE_SPAN):start]):
                    continue  # another agency quoted: not the page's publisher
                if source_line:
                    weight = SITE_WEIGHT
                elif _DATELINE_AFTER.match(line, end) or _DATELINE_BEFORE.search(line[:start]):
                    weight = TITLE_WEIGHT
                elif company:
                    continue
                else:
                    weight = HEAD_WEIGHT if in_head else BODY_WEIGHT
                score[publisher] += weight
                if weight > BODY_WEIGHT:
                    marked.add(publisher)
            if not in_head or not source_line:
                continue
            publisher = self.of_domain(line) if "." in line else None
            if publisher:
                score[publisher] += SITE_WEIGHT
                marked.add(publisher)
        # a name only the body uses is an agency the text quotes, not the page's publisher; an exchange has no pages
        score = Counter({publisher: weight for publisher, weight in score.items()
                         if publisher in marked and publisher not in self.exchanges})
        if not score:
            return ""
        ranked = score.most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return ""  # two publishers with the same claim: the page does not say which
        return ranked[0][0]

    def of_price(self, sentence: str, price_text: str, page: str, line_before: str = "") -> str:
        """Whose price the phrase `price_text` in `sentence` is: the agency the sentence credits, else the one
        credited by the clauses it continues on its line (`line_before`: "据SMM数据, A为...; B为..."), else the
        page's."""
        credited = self.of_sentence(sentence, max(0, sentence.find(price_text)))
        if credited is None and line_before.rstrip().endswith(";"):
            credited = self.of_sentence(line_before, len(line_before))
        if credited in self.exchanges and "%" in price_text:
            credited = None  # "LME-linked payables of 84%": the exchange is the payable's reference
        return credited or page

    def of_sentence(self, sentence: str, at: int) -> str | None:
        """The publisher a sentence credits with the price at `at`: the nearest name before it
        ("Fastmarkets' assessment was ..."), else an "according to X" after it."""
        before = [publisher for start, _, publisher in self.mentions(sentence) if start < at]
        if before:
            return before[-1]
        if _TABLE_ROW.match(sentence):  # a table's source column: "| SC6, CIF China | US$865/t | Benchmark |"
            sources = {publisher for _, _, publisher in self.mentions(sentence[at:], source_line=True)}
            if len(sources) == 1:
                return sources.pop()
        after = self.mentions(sentence[at:])
        for start, _, publisher in after:
            if _QUOTED.search(sentence[at:][max(0, start - QUOTE_SPAN):start]):
                return publisher
        return None


def is_company_report(title: str, head: str) -> bool:
    """Whether a page is a company's own report, by its title or head ("Quarterly Activities Report", "公告")."""
    # (the words as plain text in the case-folded head: a look for each costs far less than a pattern of them all)
    folded = " ".join(f"{title[:300]}\n{head}".casefold().split())
    words, results = _company_reports()
    return any(word in folded for word in words) or "results" in folded and bool(results.search(folded))


@lru_cache(maxsize=1)
def _company_reports() -> tuple[tuple[str, ...], regex.Pattern[str]]:
    """The words of document.company_reports, and "first-half 2026 results", "9M 25 results": a period of the
    year and the year before "results"."""
    words = tuple(" ".join(word.split()) for word in vocabulary().expanded("document.company_reports"))
    return words, regex.compile(rf"(?:{pattern('document.period')})\s+(?:fy)?\d{{2,4}}\s+results")


# What _SOURCE_LINE and _QUOTED cannot match without: their words' case-folded text, cut where a letter would
# not fold to one letter (U+0130 matches "i" ignoring case but folds to two characters: no hint holds an "i").
# Most lines hold none, and a look at the folded line costs a tenth of a regex call.
_SOURCE_HINTS = ("source", "copyr", "reserved", "来源", "出处", "版权", "©", "(c)")
_QUOTED_HINTS = ("accord", "ted", "ting", "per", "据", "援引")


def _is_source_line(line: str) -> bool:
    folded = line.casefold()
    return any(hint in folded for hint in _SOURCE_HINTS) and bool(_SOURCE_LINE.search(line))


def _quoted(before: str) -> bool:
    folded = before.casefold()
    return any(hint in folded for hint in _QUOTED_HINTS) and bool(_QUOTED.search(before))


def _longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names in order, overlapping ones as the longest: "Fastmarkets MB" is one name, not "Fastmarkets", "MB"."""
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            if item[1] - item[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = item
            continue
        kept.append(item)
    return kept


def _first(mentions: list[tuple[int, int, str]]) -> str | None:
    return mentions[0][2] if mentions else None


class _NameScan:
    """A pattern of names, and its finditer over a whole page made fast.

    The pattern (case-insensitive, with word boundaries) tried at every position of a page costs about 150 us;
    a plain search for the names in the case-folded page (stdlib `re`, literal text) finds the few places where
    one can start, and the pattern is tried there only, leftmost first and going on after each match as
    finditer does, so the matches are the same. That holds where every character of the names is ASCII or has
    no case (what matches it ignoring case folds to it; U+0130, the one exception, folds to two characters)
    and folding leaves the page as long as it was (character for character); otherwise finditer does it all.
    """

    def __init__(self, names: Iterable[str], flags: int):
        names = list(names)  # as keyed: case-folded where the pattern ignores case
        self.pattern = _names_pattern(names, flags)
        self.folding = bool(flags & regex.IGNORECASE)
        plain = all(char.isascii() or char.lower() == char.upper() == char.casefold() for name in names
                    for char in name)
        # a prefix tree of the names: re tries it at each position faster than an alternation of them
        self.starts = re.compile(prefix_tree(sorted(names), space=" ")) if names and plain else None

    def finditer(self, text: str, folded: str) -> Iterator[Any]:
        """pattern.finditer(text); `folded` is text.casefold()."""
        if self.starts is None or (self.folding and len(folded) != len(text)):
            yield from self.pattern.finditer(text)
            return
        haystack = folded if self.folding else text
        at = 0
        while (start := self.starts.search(haystack, at)) is not None:
            match = self.pattern.match(text, start.start())
            if match:
                yield match
                at = match.end()
            else:
                at = start.start() + 1


def _names_pattern(names: Iterable[str], flags: int) -> regex.Pattern[str]:
    latin = [regex.escape(name) for name in sorted(names, key=len, reverse=True) if name.isascii()]
    cjk = [regex.escape(name) for name in sorted(names, key=len, reverse=True) if not name.isascii()]
    parts = []
    if latin:
        parts.append(rf"(?<![A-Za-z0-9])(?:{'|'.join(latin)})(?![A-Za-z0-9])")
    if cjk:
        parts.append(f"(?:{'|'.join(cjk)})")
    return regex.compile("|".join(parts) or r"(?!)", flags)


@lru_cache(maxsize=1)
def default_publishers() -> Publishers:
    data = resources.files("tracker").joinpath("data/publishers.toml").read_text(encoding="utf-8")
    return Publishers(regex.load_toml(data))  # parsed once, kept between runs
