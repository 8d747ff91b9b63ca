"""A PDF page copied as text with two columns side by side: each column read on its own, the left one first.

"Chinese lithium prices rose sharply this      PRICES" / "week after a major producer suspended         Lithium"
are two columns, prose on the left and a price box on the right; read line by line they are neither prose nor a
table. A fixed-width table's name column is not prose, so it is left alone: a left column is text filled nearly to
the gap on most of its lines, and there are enough such lines with the right column starting at the same place.
"""
from __future__ import annotations

from collections import Counter

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs

_WORD = regex.compile(r"\b[a-z]{2,}\b")  # prose has lower-case words; a table's name column few
MIN_LINES = 6  # lines of a page with text in both columns, at the same place
MIN_REGION = 3  # ... and of each region of it (a page's second half under a heading across both columns)
MIN_LEFT = 28  # the left column is at least this wide (narrower is a table's name column)
WRAPPED = 0.4  # at least this share of a prose column's lines go on with a sentence
FILL = 12  # a line of prose reaches within this many characters of the gap


def columns_apart(text: str) -> str:
    """`text` with each two-column region written as its left column, a blank line, then its right column."""
    lines = text.split("\n")
    columns = _right_columns(lines)
    for at in columns:
        lines = _apart_at(lines, at)
    return "\n".join(lines) if columns else text


def _apart_at(lines: list[str], at: int) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _fits(lines[j], at):
            j += 1
        region = lines[i:j]
        if sum(_splits_at(line, at) for line in region) >= MIN_REGION:
            out.extend(line[:at].rstrip() for line in region)
            out.append("")
            out.extend(line[at:].rstrip() for line in region if line[at:].strip())
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _right_columns(lines: list[str]) -> list[int]:
    """Where the right column starts on the pages of a two-column document (a page or two apart by a character)."""
    starts: Counter[int] = Counter()
    wrapped: Counter[int] = Counter()  # lines going on with a sentence: a table's names start in capitals
    for line in lines:
        # (prose has its words one space apart: only the first gap of a line can end a column of prose)
        text_at = len(line) - len(line.lstrip())
        gap = line.find("   ", text_at)
        if gap < MIN_LEFT - FILL or "  " in line[text_at:gap]:
            continue
        at = len(line) - len(line[gap:].lstrip())
        if at < len(line) and at > MIN_LEFT and _is_prose(line[:gap], at):
            starts[at] += 1
            wrapped[at] += not line[text_at:text_at + 1].isupper()
    return [at for at, count in starts.most_common() if count >= MIN_REGION
            and sum(starts[near] for near in range(at - 2, at + 3)) >= MIN_LINES
            and wrapped[at] >= WRAPPED * count]


def _is_prose(left: str, at: int) -> bool:
    """Text of a column of prose: filled nearly to the gap, words one space apart (a table's cells are not)."""
    text = left.strip()
    return len(text) >= at - FILL and "  " not in text and len(_WORD.findall(text)) >= 3


def _splits_at(line: str, at: int) -> bool:
    return len(line) > at and line[at - 3:at] == "   " and not line[at].isspace() and \
        _is_prose(line[:at].rstrip(), at)


def _fits(line: str, at: int) -> bool:
    """A line of a two-column region: text in the left column only, in the right column only, or in both."""
    return len(line.rstrip()) <= at - 2 or line[at - 2:at] == "  "
