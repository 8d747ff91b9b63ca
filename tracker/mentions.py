"""Commodity mentions in a line, and the questions extraction asks of them, answered fast."""
from __future__ import annotations

from bisect import bisect_left

from tracker import patterns as p
from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.registry import Mention


def is_context_only(text: str, mention: Mention) -> bool:
    """Feedstock ("made from MHP") or an industry ("Co3O4 makers"): not the commodity priced."""
    before = text[max(0, mention.start - 40):mention.start]
    after = text[mention.end:mention.end + 60]
    return bool(p.FEEDSTOCK_BEFORE.search(before) or p.FEEDSTOCK_AFTER.match(after) and not p.FEED_BOUGHT.match(after)
                or p.INDUSTRY_AFTER.match(after) or _IMPURITY_LIMIT.match(after))


# "nickel sulphate min 21%; cobalt 10ppm max": a limit on an impurity, no commodity priced
_IMPURITY_LIMIT = regex.compile(r"\s*(?:[≤<]=?\s*)?\d+(?:\.\d+)?\s*(?:ppm|%)\s*(?:max|maximum)\b", regex.IGNORECASE)


_JOINER = regex.compile(rf"\s*(?:{p.W('clause.joiners')})\s*$", p.FLAGS)


class MentionIndex:
    """The mentions of one line, with what each price asks of them answered by bisection.

    What depends on a mention alone (context-only? feedstock?) is computed once per line, so a
    line dense with prices and names costs n log n, not n squared.
    """

    def __init__(self, line: str, mentions: list[Mention]):
        self.mentions = mentions  # in text order, not overlapping
        self.starts = [m.start for m in mentions]
        self.usable = [not is_context_only(line, m) for m in mentions]
        feeds = [bool(p.FEEDSTOCK_BEFORE.search(line[max(0, m.start - 40):m.start])
                      or p.FEEDSTOCK_AFTER.match(line[m.end:m.end + 16])) for m in mentions]
        for i in range(1, len(mentions)):
            # "made from MHP and black mass", "原料以MHP和高冰镍为主": the feedstock listed on is feedstock too
            if feeds[i - 1] and _JOINER.match(line, mentions[i - 1].end, mentions[i].start):
                self.usable[i], feeds[i] = False, True
        strong = [u and not m.weak for u, m in zip(self.usable, mentions, strict=True)]
        self._previous = {False: self._scan(self.usable, -1), True: self._scan(strong, -1)}
        self._next = {False: self._scan(self.usable, 1), True: self._scan(strong, 1)}
        self._feedstock: dict[str, tuple[list[int], list[Mention]]] = {}  # by commodity, in text order
        for m, feed in zip(mentions, feeds, strict=True):
            if feed:
                starts, found = self._feedstock.setdefault(m.commodity, ([], []))
                starts.append(m.start)
                found.append(m)

    @staticmethod
    def _scan(flags: list[bool], step: int) -> list[int]:
        """For each i in 0..n: step -1, the last j < i with flags[j] (or -1); step 1, the first j >= i (or n)."""
        n = len(flags)
        result = [0] * (n + 1)
        nearest = -1 if step < 0 else n
        for i in (range(n + 1) if step < 0 else range(n, -1, -1)):
            if step > 0 and i < n and flags[i]:
                nearest = i
            result[i] = nearest
            if step < 0 and i < n and flags[i]:
                nearest = i
        return result

    def last(self, start: int, end: int, strong: bool) -> Mention | None:
        """The last usable mention (strong: and not weak) that starts in [start, end)."""
        j = self._previous[strong][bisect_left(self.starts, end)]
        return self.mentions[j] if j >= 0 and self.starts[j] >= start else None

    def first(self, start: int, end: int, strong: bool) -> Mention | None:
        """The first usable mention (strong: and not weak) that starts in [start, end)."""
        j = self._next[strong][bisect_left(self.starts, start)]
        return self.mentions[j] if j < len(self.mentions) and self.starts[j] < end else None

    def between(self, start: int, end: int) -> range:
        """Indexes of the mentions that start in [start, end)."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, max(start, end)))

    def feedstock(self, start: int, end: int) -> list[Mention]:
        """The first feedstock mention of each commodity named in [start, end), in text order."""
        found = []
        for starts, mentions in self._feedstock.values():
            i = bisect_left(starts, start)
            if i < len(starts) and starts[i] < end:
                found.append(mentions[i])
        return sorted(found, key=lambda m: m.start)
