"""What extraction knows about a line and about one price in it, as frozen objects.

The questions asked of a price (is it a level? whose is it? which type?) all look at the same things: its
sentence, its clause, the text since the price before it, the mentions around it. One `PriceContext`
carries them, built once per price, so that no question is handed eight loose arguments and none can change
what the next one sees.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from tracker import patterns as p
from tracker.candidates import Candidate
from tracker.mentions import MentionIndex
from tracker.registry import Registry


@dataclass(frozen=True)
class LineContext:
    """What every price of a line shares."""
    line: str
    start: int  # where the line starts in the document text
    registry: Registry
    family: str | None  # the metal the line is about: what "hydroxide" alone means here
    topic: str | None  # the commodity of the review, section or Related News item
    when: date  # the date the line holds for: the review's, or a Related News item's own
    source: Mapping[str, str]  # document and title, carried by every observation
    about_payables: bool = False  # the review speaks of payables: a bare percentage may be one
    period: str = "week"  # the period the review reports on as its own (tracker.timing.own_period)
    kind: str | None = None  # the price type a heading over the line's list gives it ("PURCHASING")


@dataclass(frozen=True)
class PriceContext:
    """One price candidate in its line: offsets are in the line."""
    line: str
    candidate: Candidate
    index: MentionIndex  # the line's commodity mentions
    sentence_start: int
    sentence_end: int
    full_start: int  # where the sentence starts when ";" is not taken as an end
    window_start: int  # where `before` starts: the sentence, the price before this one, or WINDOW back
    earlier: tuple[tuple[int, int], ...]  # the sentences before this one in the paragraph, nearest first
    previous_skip: str | None  # why the price before this one in its sentence is no level (None: it is one)
    forecast: bool  # a forecast cue governs the price
    time: str | None  # what the time governing the price says: timing.CURRENT, timing.OTHER or None
    level_floor: int = 0  # where the last level before this one in its sentence ended (its sentence start: none)
    day: date | None = None  # the date the governing time writes out ("on 1 October"), when it writes one

    @cached_property
    def before(self) -> str:
        """The text before the price, back to `window_start`."""
        return self.line[self.window_start:self.candidate.start]

    @cached_property
    def clause(self) -> str:
        """The price's own clause, up to the price."""
        return p.CLAUSE_BREAK.split(self.before)[-1]

    @cached_property
    def after(self) -> str:
        """The rest of the sentence after the price."""
        return self.line[self.candidate.end:self.sentence_end]
