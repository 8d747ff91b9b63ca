"""The page's structure, read in one pass before any price: which commodity and date each line holds for.

A pasted page carries other reviews after its own ("Related News", "相关阅读", "[SMM Analysis] ..."
headlines). Each item is about its own commodity and holds for its own date when it prints one: in
its headline, at the start or end of its line ("01-14 ...", "... | Nov 4, 2025"), on a date line
above or below its text, or in a dateline ("SMM August 20: ..."). The reader looks ahead: a date
printed under an item's text dates the lines above it; where dates stand under headlines, the line
right above a date is the next item's headline. Sub-headings set the section's commodity ("Cobalt
tetroxide", "CARBONATE") or its metal ("LITHIUM": what a bare "hydroxide" means there). Table rows are
read here too (a table is structure: its caption and header carry over from row to row; a row naming
only a spec is the caption's product). Extraction then reads each line with the topic, family and date
given here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker import patterns as p
from tracker.datelines import AS_AT, PERIOD, headline_date, item_date, line_dates, only_a_date
from tracker.dates import (
    DATE_PATTERN,
    MAIL_DATE_LINE,
    dateline,
    heading_date,
    release_date,
)
from tracker.lineshapes import (
    ASSUMED_CAPTION,
    ENDS_IN_DOT_OR_NUMBER,
    KIND_LABEL,
    LIST_LINE,
    RULE_LINE,
    RULE_START,
    holds_a_price,
    is_caption,
    is_heading,
    is_item_headline,
    led_by_metal,
    metal_heading,
)
from tracker.mentions import is_context_only
from tracker.registry import Registry
from tracker.tables import TableCell, TableReader, is_table_row, unit_in

MAX_LINE = 20_000  # longer lines are cut into pieces at white space


@dataclass(frozen=True)
class PageLine:
    """A line to read prices from, with what it is about and when it holds."""
    start: int  # offset in the document text
    text: str
    topic: str | None  # the commodity of its section or Related News item (None: the page's)
    family: str | None  # the metal it is about: what "hydroxide" alone means there
    date: date  # the review's date, or its Related News item's own
    cells: tuple[TableCell, ...] = ()  # a table row's price cells (then the line is read as a row, not as text)
    kind: str | None = None  # the price type a heading over its list gives it ("SALES OFFERS", "PURCHASING")


class _Line:
    """A PageLine while the page is read: its date may still be set by a date line printed below it."""
    __slots__ = ("start", "text", "topic", "family", "date", "cells", "kind")

    def __init__(self, start: int, text: str, topic: str | None, family: str | None, when: date,
                 cells: tuple[TableCell, ...] = (), kind: str | None = None):
        self.start, self.text, self.topic, self.family, self.date, self.cells = start, text, topic, family, when, cells
        self.kind = kind

    def frozen(self) -> PageLine:
        return PageLine(self.start, self.text, self.topic, self.family, self.date, self.cells, self.kind)


def read_page(text: str, registry: Registry, topic: str | None, published: date,
              about_payables: bool = False, title: str = "") -> list[PageLine]:
    """The lines of a page to read prices from, in order, each with its topic, family and date.

    Repeated lines are left out (a headline repeated in the body counts once), and so are date lines
    that only close the item above them.
    """
    reader = _Reader(registry, topic, published, about_payables)
    reader.title = " ".join(title.casefold().split())
    reader.mixed = len({registry.family(m.commodity) for m in registry.mentions(title)}) > 1
    for start, line in pieces(text):
        for at, item in _items(line, published) if reader.secondary else ((0, line),):
            reader.take(start + at, item)
    return [line.frozen() for line in reader.lines]


def _items(line: str, published: date) -> list[tuple[int, str]]:
    """A Related News list pasted onto one line ("2025-10-21 Headline 2025-10-20 Headline", "Headline Dec 1,
    2025 Headline Nov 28, 2025") as its items, each with its date: cut before each date when the line starts
    with one, else after each."""
    if len(line) < 60:
        return [(0, line)]
    dates = [(at, match.end()) for at, _ in line_dates(line, published)
             if (match := DATE_PATTERN.match(line, at)) is not None]
    if len(dates) < 2:
        return [(0, line)]
    first = dates[0][0] <= 3
    cuts = [0, *(start for start, _ in dates[1:])] if first else [0, *(end for _, end in dates[:-1])]
    cuts.append(len(line))
    items = [(a, line[a:b]) for a, b in zip(cuts[:-1], cuts[1:], strict=True) if line[a:b].strip()]
    return [(a + len(text) - len(text.lstrip()), text.strip()) for a, text in items]


def pieces(text: str):
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


class _Reader:
    """The state of one pass over a page: the current section or item, its date, the lines still undated."""

    def __init__(self, registry: Registry, topic: str | None, published: date, about_payables: bool):
        self.registry, self.page_topic, self.published = registry, topic, published
        self.about_payables = about_payables  # a bare percentage may be a payable's price
        self.topic, self.date = topic, published
        self.lines: list[_Line] = []
        self.seen: set[str] = set()
        self.tables = TableReader(lambda text: first_commodity(registry, text, family=self.family), lambda: self.topic)
        self.secondary = False  # past the review itself: in Related News items
        self.section_family: str | None = None  # a section headed by a metal ("LITHIUM", "2. Nickel"): its family
        # in a review of several metals (by its title), the metal the text is on now: the last line's subject's
        self.mixed = False
        self.running_family: str | None = None
        self._metals = frozenset(registry.families.values())
        self._headline_lines: list[_Line] = []  # the item's lines not dated yet: its headline...
        self._text_lines: list[_Line] = []  # ...and its text
        self._text_prices = False  # whether the item's undated text holds a price
        self._dates_below: bool | None = None  # whether this block prints each item's date below its text
        self._under_headlines = False  # ...or under each item's headline (else above it)
        self._headline_above = False  # the line before this one was an item's headline
        self._last: _Line | None = None  # the line just added
        self._above: _Line | None = None  # the line added just before the one being read
        self._date_above: date | None = None  # the date of a date line right above the line being read
        self.title = ""  # the page's title, case-folded
        self._dated: date | None = None  # the date of the line just read, when it was a date line
        self._caption: str | None = None  # the product a caption line just above names (a trader's run)
        self._digest_item = False  # in a numbered item of a digest of reports, dated by its release, in its list
        self._kind_heading: str | None = None  # the price type a heading over a list gives its prices ("PURCHASING")
        self._issue = False  # in an archived issue dated by a byline under its headline: short lines are its sections
        self._assumed = False  # under a caption of assumed prices ("Base case price deck (real 2025):")
        self._assumed_rows = 0  # ...and how many of its rows were read
        self._rows_date: date | None = None  # the date of a heading over the rows being read ("SNAPSHOT (SMM, 12 Feb)")

    @property
    def family(self) -> str | None:
        return self.section_family or (self.running_family if self.mixed else None) \
            or self.registry.family(self.topic or self.page_topic)

    def take(self, start: int, line: str) -> None:
        self._above, self._last = self._last, None  # the line added just before this one, if any
        self._date_above, self._dated = self._dated, None
        key = line.casefold()
        assumed = self._assumed_block(line)  # (every line, repeated rules too, may end the block)
        # repeated headlines and blocks count once; a short line under several items ("Oct 11, 2024") again
        # (a table's header row may repeat over the next table: "| | Unit | Low | High |")
        if key in self.seen and not (self.secondary and len(line) < 30) and \
                not (is_table_row(line) and not p.DIGIT.search(line)):
            # (the page's own headline, repeated as a block's first item, is a headline above the block's
            # first date line: the block prints dates under its headlines)
            if self.secondary and self._dates_below is None and " ".join(key.split()) == self.title:
                self._headline_above = True
            elif not self.secondary and is_heading(line):
                self._read(line, start, False)  # a group's name heading a table again ("Spodumene") sets its topic
            if not is_table_row(line) and len(line) <= 120 and unit_in(line) is not None:
                self.tables.other_line(line)  # (a unit caption repeated over the next table is that table's too)
            return
        self.seen.add(key)
        if assumed:
            return  # under "Base case price deck:" or "Sensitivities": planning figures, not prices
        if (kind := p.KIND_HEADING.match(line)) is not None:
            self._kind_heading = kind.lastgroup  # "SALES OFFERS", "PURCHASING": the type of the prices below
            return
        if self._kind_heading and (RULE_START.match(line) or is_heading(line) and not p.SECTION_HEAD.match(line)
                                  and not first_commodity(self.registry, line)
                                  and not metal_heading(line, self._metals)):
            # ("Market outlook", "————— 上午8:52 —————": the list has ended; "【钴】" goes on with it)
            self._kind_heading = None
        if is_table_row(line):
            cells = tuple(self.tables.rows(line))
            if cells and (self._names_a_commodity(cells[0].name) or self._names_a_commodity(cells[0].spec)):
                self.lines.append(_Line(start, line, self.topic, self.family, self.date, cells))
                return
            if cells and (topic := self._table_topic(cells[0])):
                # "Standard grade, in-whs Rotterdam | 24.00 | 24.50" under "Cobalt prices (US$/lb)": a row naming
                # only a spec is of the product its caption (else its section) names
                self.lines.append(_Line(start, line, topic, self.family, self.date, cells))
                return
        else:
            self.tables.other_line(line)
        headline = bool(p.SECTION_HEAD.match(line) or (self.secondary and p.BULLET_ITEM.match(line)))
        if self._read(line, start, headline):
            self._add(start, line, headline)

    def _assumed_block(self, line: str) -> bool:
        """Whether the line is under a caption of assumed prices (a price deck, a sensitivity table), which
        runs to the next rule, heading or paragraph; such a caption opens the block."""
        if self.secondary:
            return False
        rule = RULE_LINE.match(line) is not None
        if self._assumed and (rule and self._assumed_rows or is_heading(line) or len(line) > 100):
            self._assumed = False  # (a rule right under the caption, "=====", is still its own)
        if not self._assumed and len(line) <= 100 and ASSUMED_CAPTION.search(line) \
                and not holds_a_price(line, self.about_payables):
            self._assumed, self._assumed_rows = True, 0
            return False  # (the caption itself is read: it may name the section's product)
        self._assumed_rows += self._assumed and not rule
        return self._assumed

    def _table_topic(self, cell: TableCell) -> str | None:
        """The commodity of a table row that names only a spec: its caption's, else its section's."""
        if not p.GRADE.search(f"{cell.name}, {cell.spec}"):
            return None
        return first_commodity(self.registry, self.tables.caption, family=self.family) or self.topic \
            or self.page_topic

    def _names_a_commodity(self, name: str) -> bool:
        return any(not is_context_only(name, m) for m in self.registry.mentions(name, self.family))

    def _add(self, start: int, line: str, headline: bool) -> None:
        topic = self.topic
        if self._caption is not None and KIND_LABEL.match(line):
            topic = self._caption  # "Standard grade metal (in-whs Rotterdam)" over "Offer $25.40/lb" and "Bid ..."
        elif not self.secondary and is_caption(line) and not holds_a_price(line, self.about_payables):
            # a trader's run names each product on a line of its own, its offers and bids on the lines below
            self._caption = first_commodity(self.registry, line, strong_only=True, family=self.family)
        else:
            self._caption = None
        added = _Line(start, line, topic, led_by_metal(line, self._metals) or self.family,
                      self._rows_date or self.date, kind=None if headline else self._kind_heading)
        self.lines.append(added)
        if self.mixed and not headline:
            named = [m for m in self.registry.mentions(line, added.family) if not is_context_only(line, m)]
            self.running_family = self.registry.family(named[0].commodity) if named else self.running_family
        self._last = added if self.secondary and not headline else None  # an item's text line
        if self.secondary and self.date == self.published:  # undated so far: a date line may still date it
            (self._headline_lines if headline else self._text_lines).append(added)
            if not headline and not self._text_prices:
                self._text_prices = holds_a_price(line, self.about_payables)

    def _read(self, line: str, line_start: int, headline: bool) -> bool:
        """Take in the line; False when it is only a date line that closed the item above it."""
        headline_above, self._headline_above = self._headline_above, False
        if self._digest_item and not LIST_LINE.match(line):  # the item's list has ended
            self.date, self._digest_item = self.published, False
        if self._rows_date and (len(line) > 100 or line.rstrip().endswith((".", "。")) or is_heading(line)):
            self._rows_date = None  # the rows under a dated heading end at a sentence or the next heading
        if headline:
            self._start_item(line)
            self.secondary = line_start > 0
            self._headline_above = line.lstrip("·•> ").startswith(("[", "【")) or bool(p.BULLET_ITEM.match(line))
            if not line.lstrip("·•> ").startswith(("[", "【")) and not p.BULLET_ITEM.match(line):
                self._dates_below = None  # "Related News": a new block, whose date lines may be placed otherwise
            elif self.secondary and len(line) < 240 and (own := headline_date(line, self.published)):
                self.date = own
        elif not self.secondary and p.ENUMERATOR.match(line) and \
                (own := release_date(line, self.published)) is not None and \
                not holds_a_price(line, self.about_payables):
            # "2) Guangxi Xinmeng Manganese - 3Q25 report, released 28 Oct" over "- EMM ASP RMB 13,860/t": the
            # report's prices, of the day it came out (as a Related News item's are of its own date)
            self.date, self._digest_item = own, True
        elif not self.secondary and p.ENUMERATOR.match(line) and len(line) <= 100 and \
                not holds_a_price(line, self.about_payables) and not ENDS_IN_DOT_OR_NUMBER.search(line) and \
                (named := first_commodity(self.registry, line, strong_only=True, family=self.family)):
            # "2) Cobalt chloride hexahydrate, Co >=24.2%" over "   Domestic: 98,500-99,500 yuan/mt": a list's item
            self.topic = named
            self.section_family = self.running_family = None
        elif self._issue and is_heading(line):
            # "Cobalt salts" inside an archived issue dated by the line under its headline: a section of the issue
            self.topic = first_commodity(self.registry, line, strong_only=True, family=self.family) \
                or self._named_alone(line) or self.topic
            self.section_family = self.running_family = None
        elif self.secondary and is_item_headline(line):
            self._start_item(line)  # undated until a date line says otherwise
            self._headline_above = True
            return True
        elif self.secondary and (own := item_date(line, self.published)):
            # "01-14 据SMM数据...", "... 28,105 yuan/mt Oct 29, 2025", "SMM Lithium Carbonate Daily | Nov 4, 2025":
            # an item's line carrying its own date at its start or end; the lines below it are its text
            self._start_item(line)
            self.date, self._issue = own, headline_above and not holds_a_price(line, self.about_payables)
        elif not self.secondary and (own := heading_date(line, self.published)) and own != self.published:
            self._rows_date = own
        elif is_heading(line) and (metal := metal_heading(line, self._metals)):
            self.section_family = metal  # "LITHIUM": "hydroxide" below is lithium hydroxide
            self.running_family = None
            # (in another metal's section, a price that names nothing is that metal's own: "COBALT" above
            # "Fastmarkets' standard grade is US$25.80-26.40/lb" in a lithium note)
            self.topic = self.page_topic if self.registry.family(self.page_topic) == metal else \
                first_commodity(self.registry, line)
        elif is_heading(line) and (heading := first_commodity(self.registry, line, strong_only=True,
                                                               family=self.family)
                                    or self._named_alone(line)):
            self.topic = heading  # "<h2>Cobalt tetroxide</h2>", "1. Mainstream battery-grade sulphate", "CARBONATE"
            self.section_family = self.running_family = None
        elif self.secondary and len(line) < 80 and (dates := line_dates(line, self.published)) \
                and not holds_a_price(line, self.about_payables):  # (a line with a price is text, not a date line)
            return self._date_line(line, dates[0][1], headline_above)
        elif line_start > 0 and MAIL_DATE_LINE.match(line) and (dates := line_dates(line, self.published)):
            # "Sent: Wednesday, December 3, 2025 6:55 PM" under "-----Original Message-----": the quoted message's
            # prices are of its own date (a forwarded review's header is the page's own date)
            self.date = dates[0][1]
            self._undated()
        elif not self.secondary and (len(line) < 30 or only_a_date(line)) and line_start > 0 and \
                (dates := line_dates(line, self.published)) and dates[0][1] != self.published \
                and not PERIOD.search(line) and not AS_AT.match(line):
            # a page of dated notes: "2026-08-19 16:30" on its own line dates the notes below it (not the period
            # a report covers: "(2025年10月9日-10月10日)", "6-10 October 2025")
            self.date, self.secondary, self._dates_below = dates[0][1], True, False
            self._undated()
        elif self.secondary and (own := dateline(line, max(self.date, self.published))):
            self.date = own  # "SMM August 20: The SMM battery-grade nickel sulphate index was ..."
            self._text_lines.clear()
            self._text_prices = False
        return True

    def _named_alone(self, line: str) -> str | None:
        """The commodity a heading is nothing but a name of, a vague one too ("CARBONATE" in a lithium review)."""
        name = p.ENUMERATOR.sub("", line, count=1).strip(" :：-—.")
        mentions = self.registry.mentions(name, self.registry.family(self.page_topic))
        if len(mentions) == 1 and mentions[0].end - mentions[0].start >= len(name) - 1:
            return mentions[0].commodity
        return None

    def _named_in(self, line: str) -> str | None:
        """The commodity an item's headline or date line names, read in the page's family."""
        return first_commodity(self.registry, line, family=self.registry.family(self.page_topic))

    def _start_item(self, line: str) -> None:
        self.section_family = self.running_family = None
        self.topic = self._named_in(line) or self.page_topic
        # a card printing its date above its headline ("25 November 2025" / "Lepidolite climbs ...")
        self.date = self._date_above if self._date_above and not self._dates_below else self.published
        self._undated()

    def _undated(self) -> None:
        self._issue = False
        self._headline_lines.clear()
        self._text_lines.clear()
        self._text_prices = False

    def _date_line(self, line: str, when: date, headline_above: bool = False) -> bool:
        if len(line) < 30 and self._dates_below is None:
            # the block's first date line tells where its dates stand
            self._dates_below = self._text_prices
            self._under_headlines = not self._text_prices and headline_above
        if len(line) < 30 and self._dates_below:  # "Oct 11, 2024" below an item's text: that item's date
            for above in self._text_lines + self._headline_lines:
                above.date = when
            self._undated()
            self.date = self.published
            return False
        for above in self._headline_lines:  # the date under a headline holds for it too
            above.date = when
        self._headline_lines.clear()
        self.date = self._dated = when  # a Related News item that carries its own date
        # ("Source: SMM | Published: Nov 7, 2025 17:28" under a headline: a whole issue, with sections of its own)
        self._issue = headline_above and len(line) >= 30
        self.topic = self._named_in(line) or self.topic
        if self._under_headlines and self._above is not None:
            # dates printed under headlines: the line right above this date is the next item's headline, even
            # one with figures in it ("SMM Lithium Carbonate Daily: Battery-Grade Averages 75,400 Yuan/mt")
            self.topic = self._named_in(self._above.text) or self.page_topic
            self._above.date, self._above.topic = when, self.topic
            self._above.family = self.registry.family(self.topic)
        self._text_lines.clear()
        self._text_prices = False
        return True


def first_commodity(registry: Registry, text: str, strong_only: bool = False,
                    family: str | None = None) -> str | None:
    """The first commodity named in `text` as what it is about (not as feedstock or an industry)."""
    mentions = [m for m in registry.mentions(text, family) if not is_context_only(text, m)]
    strong = [m for m in mentions if not m.weak]
    chosen = strong if strong_only else strong or mentions
    return chosen[0].commodity if chosen else None
