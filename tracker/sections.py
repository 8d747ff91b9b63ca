"""Which commodity and date the lines of a page hold for: the review's own, or a Related News item's.

A pasted page carries other reviews after its own ("Related News", "相关阅读", "[SMM Analysis] ..."
headlines). Each item is about its own commodity and holds for its own date when it prints one: in
its headline, on a date line above or below its text, or in a dateline ("SMM August 20: ...").
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from tracker import patterns as p
from tracker.dates import dateline, find_dates, slashed_date
from tracker.mentions import is_context_only
from tracker.registry import Registry
from tracker.timing import year_first_date


class Sections:
    """Reads a page's lines in order and knows, for each, the commodity topic and the date it holds for.

    Observations found under a Related News item before its date is known are noted; when a date line
    turns up below them, `redate(keys, when)` is called to move them to it.
    """

    def __init__(self, registry: Registry, topic: str | None, published: date,
                 redate: Callable[[list[tuple], date], None]):
        self.registry, self.page_topic, self.published, self._redate = registry, topic, published, redate
        self.topic, self.date = topic, published
        self.secondary = False  # past the review itself: in Related News items
        self.headline = False  # whether the line just read is an item's headline
        self._from_headline: list[tuple] = []  # noted keys from the item's headline...
        self._from_text: list[tuple] = []  # ...and from its text
        self._dates_below: bool | None = None  # whether this block prints each item's date below its text

    @property
    def family(self) -> str | None:
        """The metal the current lines are about: what "hydroxide" alone means here."""
        return self.registry.family(self.topic or self.page_topic)

    def counts_again(self, line: str) -> bool:
        """A repeated line counts again only when it is a date line ("Oct 11, 2024" under several items)."""
        return self.secondary and len(line) < 30

    def read(self, line: str, line_start: int) -> bool:
        """Take in the line; False when it is only a date line that closed the item above it."""
        self.headline = bool(p.SECTION_HEAD.match(line) or (self.secondary and p.BULLET_ITEM.match(line)))
        if self.headline:
            self._start_item(line)
            self.secondary = line_start > 0
            if not line.lstrip("·•> ").startswith(("[", "【")) and not p.BULLET_ITEM.match(line):
                self._dates_below = None  # "Related News": a new block, whose date lines may be placed otherwise
            elif self.secondary and len(line) < 120 and (dates := _line_dates(line, self.published)):
                self.date = dates[0][1]  # "· 【SMM锰系周评】电池级硫酸锰价格弱稳运行 2026-07-08"
        elif self.secondary and _is_item_headline(line):
            self._start_item(line)  # undated until a date line says otherwise
        elif _is_heading(line) and (heading := first_commodity(self.registry, line, strong_only=True)):
            self.topic = heading  # "<h2>Cobalt tetroxide</h2>"
        elif self.secondary and len(line) < 80 and (dates := _line_dates(line, self.published)):
            return self._date_line(line, dates[0][1])
        elif not self.secondary and len(line) < 30 and line_start > 0 and \
                (dates := _line_dates(line, self.published)) and dates[0][1] != self.published:
            # a page of dated notes: "2026-08-19 16:30" on its own line dates the notes below it
            self.date, self.secondary, self._dates_below = dates[0][1], True, False
            self._from_text.clear()
            self._from_headline.clear()
        elif self.secondary and (own := dateline(line, self.published)):
            self.date = own  # "SMM August 20: The SMM battery-grade nickel sulphate index was ..."
            self._from_text.clear()
        return True

    def note(self, key: tuple) -> None:
        """An observation first found on this line, dated by default: a date line may still re-date it."""
        if self.secondary and self.date == self.published:
            (self._from_headline if self.headline else self._from_text).append(key)

    def _named_in(self, line: str) -> str | None:
        """The commodity an item's headline or date line names, read in the page's family."""
        return first_commodity(self.registry, line, family=self.registry.family(self.page_topic))

    def _start_item(self, line: str) -> None:
        self.topic = self._named_in(line) or self.page_topic
        self.date = self.published
        self._from_text.clear()
        self._from_headline.clear()

    def _date_line(self, line: str, when: date) -> bool:
        if len(line) < 30 and self._dates_below is None:
            self._dates_below = bool(self._from_text)  # the block's first date line tells where its dates stand
        if len(line) < 30 and self._dates_below:  # "Oct 11, 2024" below an item's text: that item's date
            self._redate(self._from_text + self._from_headline, when)
            self._from_text.clear()
            self._from_headline.clear()
            self.date = self.published
            return False
        self._redate(list(self._from_headline), when)  # the date under a headline holds for it too
        self._from_headline.clear()
        self.date = when  # a Related News item that carries its own date
        self.topic = self._named_in(line) or self.topic
        self._from_text.clear()
        return True


def first_commodity(registry: Registry, text: str, strong_only: bool = False,
                    family: str | None = None) -> str | None:
    """The first commodity named in `text` as what it is about (not as feedstock or an industry)."""
    mentions = [m for m in registry.mentions(text, family) if not is_context_only(text, m)]
    strong = [m for m in mentions if not m.weak]
    chosen = strong if strong_only else strong or mentions
    return chosen[0].commodity if chosen else None


@lru_cache(maxsize=4096)  # short lines only: date lines and headlines come back on every page of a site
def _line_dates(line: str, published: date) -> tuple[tuple[int, date], ...]:
    dates = find_dates(line)
    if not dates and (slashed := slashed_date(line, published) or year_first_date(line)):
        dates = [(0, slashed)]
    return tuple(dates)


def _is_item_headline(line: str) -> bool:
    """In a Related News block, a line without figures that is no sentence: the headline of the next item."""
    return len(line) <= 120 and not p.DIGIT.search(line) and not line.endswith((".", "。", "…", "!", "?", ":")) \
        and len(line.split()) >= 2


def _is_heading(line: str) -> bool:
    """A short line without figures or a full stop: a sub-heading ("Cobalt tetroxide", "二、锂辉石", "2. Spodumene")."""
    line = p.ENUMERATOR.sub("", line, count=1)
    return len(line) <= 40 and not p.DIGIT.search(line) and not line.endswith((".", "。"))
