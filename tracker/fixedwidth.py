"""Fixed-width tables in plain text (a PDF copy, an e-mail, a terminal's price sheet) as "|" rows.

Columns are set apart by runs of spaces; a row's name may wrap above or under its figures, a group's heading may
stand over its indented rows, and header lines may span several columns. The rows then read as any "|" table
(tracker.tables).
"""
from __future__ import annotations

from collections import Counter

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs

_GAP = regex.compile(r" {2,}")
_MAX_TABLE_WIDTH, _MAX_TABLE_ROWS = 400, 1000  # a fixed-width table is narrow; longer blocks stay text (bounded work)
# a cell holding a number or range, perhaps with its currency and unit: "24.00", "US$800-845/t", "RMB76,000/t"
_NUMBER_CELL = regex.compile(
    r"^[^\w\s]{0,3}(?:[A-Za-z]{1,3}[^\w\s]?)?\s?[+-]?\d[\d,.]*(?:\s?[-–~]\s?[\d,.]+)?(?:\s?\S{0,8})$")
# two columns, a name and a figure: "  Battery-grade lithium carbonate (99.5%)      15.50~15.90" under a unit caption
_NAME_AND_NUMBER = regex.compile(r"^\s*\S.*?\S {3,}[+-]?\d[\d,.]*(?:\s?[-–~～]\s?\d[\d,.]*)?\s*$")


def fixed_width_tables(text: str) -> str:
    """Rows of a fixed-width table (two lines or more in a row, each with columns set apart by runs of spaces,
    one of three or more, and numbers in cells of their own) become "|" rows; cells are set apart by two spaces
    or more, a header over a blank first column moved right (else columns are where every line of the block is
    blank at the same places)."""
    lines = _wrapped_names_joined([_NUMBERS_APART.sub(r"\1  \2", line) if _spaced(line) else line
                                   for line in text.split("\n")])
    gappy = [_is_gappy(line) or _spaced(line) and _NAME_AND_NUMBER.match(line) is not None for line in lines]
    removed: set[int] = set()
    i = 0
    while i < len(lines):
        if not gappy[i]:
            i += 1
            continue
        j = i
        # (a rule under the header, "-----", stays inside the table; so does the rest of a row's name wrapped
        # under it, "Cobalt metal standard   in-whs Rdam   $/lb   20.40   21.30" over "grade 99.8pc")
        # (and a group's heading over indented rows, "Lithium carbonate", stays inside as a line of its own)
        # (so do a row's cells wrapped under their own columns: "(min 30% Co)    grade" under "Cobalt hydroxide
        # CIF China   % of std   95.0", and a header's: "w/w" under "Change")
        tails: dict[int, dict[int, str]] = {}
        headings: set[int] = set()
        while j < len(lines):
            if _group_heading(lines, j):
                headings.add(j)
            elif not (gappy[j] or _RULE.match(lines[j]) and j + 1 < len(lines) and gappy[j + 1]
                      or j > i and gappy[j - 1] and j - 1 not in tails
                      and (_name_tail(lines[j - 1], lines[j]) or _cells_tail(lines[j - 1], lines[j]))):
                break
            elif not gappy[j] and not _RULE.match(lines[j]):
                tails[j] = {0: lines[j].strip()} if _name_tail(lines[j - 1], lines[j]) else \
                    _cells_tail(lines[j - 1], lines[j]) or {}
            j += 1
        # (one line alone is a row when it has four cells or more: the last line of a table whose name cell wrapped)
        # (header lines of two cells above the block, "   Sales volume      Average selling price", are its own)
        while i > 0 and j - i >= 2 and _spanning_header(lines[i - 1]) and i - 1 not in removed:
            i -= 1
        rows = j - i - len(headings)
        alone_row = rows == 1 and len(_GAP.findall(lines[i].strip())) >= 3
        if (2 <= rows <= _MAX_TABLE_ROWS or alone_row) and any(
                _NUMBER_CELL.match(cell) for line in lines[i:j] for cell in _GAP.split(line.strip())[1:]):
            rows_at = [k for k in range(i, j) if not _RULE.match(lines[k]) and k not in tails and k not in headings]
            for k, row in zip(rows_at, _columns([lines[k] for k in rows_at]), strict=True):
                lines[k] = row
            for k, tail in tails.items():  # the cells' rest, back in their row
                lines[k - 1] = _with_tail(lines[k - 1], tail)
            removed.update(tails)
        i = j
    return "\n".join(line for k, line in enumerate(lines) if k not in removed)


# the last two cells of a row, figures, one space apart: "yuan/tonne    92,000-94,000 91,500-93,500"
_FIGURE = r"\d(?:[\d,.]*\d)?(?:-\d(?:[\d,.]*\d)?)?"
_NUMBERS_APART = regex.compile(rf"(?<=\s)({_FIGURE}) ({_FIGURE}\s*)$")


def _name_tail(row: str, line: str) -> bool:
    """Whether `line` is the rest of the name cell of the fixed-width row above it: short, within the name's
    column, starting where the name starts."""
    gap = _GAP.search(row.strip())
    indent = len(row) - len(row.lstrip())
    return gap is not None and bool(line.strip()) and len(line) - len(line.lstrip()) == indent \
        and len(line.rstrip()) <= indent + gap.start() and not _NUMBER_CELL.match(line.strip()) \
        and not _ENDS_IN_FIGURE.search(line)


def _cells_tail(row: str, line: str) -> dict[int, str] | None:
    """The rest of some cells of the fixed-width row above, wrapped under their own columns ("(min 30% Co)
    grade" under "Cobalt hydroxide   CIF China   % of std   95.0   97.0"), by the row's cell (counted from its
    last): each part starts where a cell of the row starts and ends before the next, none is a figure."""
    if not line.strip() or _ENDS_IN_FIGURE.search(line):
        return None
    starts = [cell.start() for cell in _CELL.finditer(row)]
    parts: dict[int, str] = {}
    for cell in _CELL.finditer(line):
        at = next((k for k, start in enumerate(starts) if abs(start - cell.start()) <= 1), None)
        # (each part within its column: "Unit: yuan/mt; hydroxide in USD/lb" under a table is a note of its own)
        if at is None or _NUMBER_CELL.match(cell.group()) or at + 1 < len(starts) and cell.end() + 2 > starts[at + 1]:
            return None
        parts[at - len(starts)] = cell.group()
    return parts


def _with_tail(row: str, tail: dict[int, str]) -> str:
    """A "|" row with the rest of its cells added: its name cell's (key 0), or cells counted from its last."""
    cells = row.split("|")
    for at, rest in tail.items():
        cell = next(k for k, cell in enumerate(cells) if cell.strip()) if at == 0 else len(cells) - 1 + at
        cells[cell] = f"{cells[cell].rstrip()} {rest} "
    return "|".join(cells)


_RULE = regex.compile(r"^\s*[-=_]{3,}\s*$")
_ENDS_IN_FIGURE = regex.compile(r"\d[\d,.]*\s*$")  # a line ending in a figure is a row, not a wrapped name


def _spaced(line: str) -> bool:
    """A line that may be a fixed-width table's row: not too wide, no "|" row yet, a run of spaces inside."""
    return len(line) <= _MAX_TABLE_WIDTH and line.count("|") < 2 and "   " in line.strip()


def _is_gappy(line: str) -> bool:
    """A fixed-width row of three cells or more."""
    return _spaced(line) and len(_GAP.findall(line.strip())) >= 2


def _wrapped_names_joined(lines: list[str]) -> list[str]:
    """A table row whose name cell wrapped ("Lithium carbonate 99.5% battery grade" over "  ex-works China   Yn/t
    91,500   93,000") as one line, so that its cells line up with the other rows'."""
    joined: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if 0 < i < len(lines) - 1 and joined and _under_rows(joined) and not _is_gappy(line) \
                and line.strip() and len(line.strip()) <= 60 and lines[i + 1].startswith("  ") \
                and _is_gappy(lines[i + 1]) and not _group_heading(lines, i):
            joined.append(line.rstrip() + " " + lines[i + 1].lstrip())
            i += 2
            continue
        # a row whose description wraps under its own column, its figures on the last line ("MB-CO-0021   Cobalt
        # hydroxide payable indicator," / "             (low-end)          92-93.5   92-93.5   unchanged")
        if (wrapped := _wrapped_row(lines, i)):
            joined.append(" ".join([lines[i].rstrip(), *(part.strip() for part in lines[i + 1:i + wrapped]),
                                    lines[i + wrapped].lstrip()]))
            i += wrapped + 1
            continue
        # a name wrapped over up to three lines flush with the row ending in its figures (a PDF's price table),
        # under a table's row, header or rule
        name = _wrapped_name(lines, i) if joined and (_is_gappy(joined[-1]) or _RULE.match(joined[-1])) else 0
        if name:
            joined.append(" ".join(part.strip() for part in lines[i:i + name]) + " " + lines[i + name].lstrip())
            i += name + 1
            continue
        joined.append(line)
        i += 1
    return joined


def _wrapped_row(lines: list[str], at: int) -> int:
    """How many lines (one to three) under lines[at] go on with its last cell, indented to where that cell starts,
    the last of them ending in the row's figures; 0 when lines[at] is no such row's start."""
    line = lines[at]
    cells = list(_CELL.finditer(line))
    if len(cells) != 2 or not cells[0].start() == 0 or _ENDS_IN_FIGURE.search(line) or not _spaced(line):
        return 0
    indent = cells[1].start()
    for count in range(1, 4):
        part = lines[at + count] if at + count < len(lines) else ""
        if abs(_indent(part) - indent) > 1 or not part.strip():
            return 0
        if _ENDS_IN_FIGURE.search(part) or _FIGURE_WORD_END.search(part):
            return count if _is_gappy(part) else 0
    return 0


_FIGURE_WORD_END = regex.compile(r"\d[\d,.]*(?:\s*-\s*\d[\d,.]*)?\s{2,}(?:unchanged|nc|n/c|-)\s*$")


def _under_rows(joined: list[str]) -> bool:
    """Whether the next line is under a table's rows (perhaps past a group's heading: "Manganese")."""
    last = joined[-1]
    return _is_gappy(last) or len(joined) > 1 and _is_gappy(joined[-2]) and len(last.split()) <= 2 \
        and not _DIGIT.search(last)


def _group_heading(lines: list[str], at: int) -> bool:
    """Whether lines[at] heads a group of indented rows ("Lithium carbonate" over "  Battery grade 99.5pc ddp China
    Yn/t  121,000  125,000" and "  Battery grade 99.5pc cif CJK $/kg  15.10  15.70") rather than being a row's
    name wrapped over its indented rest: two indented rows follow, or one naming a product of its own."""
    line = lines[at]
    if line.strip().isupper() and len(line.strip()) <= 40 and not _DIGIT.search(line) \
            and not _GAP.search(line.strip()) and at + 1 < len(lines) and _is_gappy(lines[at + 1]):
        return True  # ("LITHIUM" over flush rows: a section of the table)
    below = [row for row in lines[at + 1:at + 3] if row.startswith("  ") and _is_gappy(row)]
    if not line.strip() or _indent(line) or _DIGIT.search(line) or not below:
        return False
    return len(below) == 2 or len(line.split()) <= 2 and below[0].lstrip()[:1].isupper()


_DIGIT = regex.compile(r"\d")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _wrapped_name(lines: list[str], at: int) -> int:
    """How many lines from `at` (one to three, short, no columns) are a name wrapped above the row after them."""
    if not lines[at].lstrip()[:1].isupper() or lines[at].strip().isupper():
        return 0  # ("grade 99.8pc" under a row is the rest of that row's name; "LITHIUM" heads a group of rows)
    for count in range(1, 4):
        part = lines[at + count - 1] if at + count - 1 < len(lines) else ""
        if not part.strip() or len(part) > 80 or _is_gappy(part) or _RULE.match(part) or "   " in part.strip():
            return 0  # (a line with a gap of its own is a row: "Cobalt in MHP sold      742 t Co")
        row = lines[at + count] if at + count < len(lines) else ""
        if _is_gappy(row) and _indent(row) == _indent(lines[at]):  # (an indented row is under a heading)
            return count
    return 0


def _columns(block: list[str]) -> list[str]:
    """The lines of a fixed-width table as "|" rows: cells set apart by two spaces or more, a header over a
    blank first column moved right; where rows have cells left empty, columns are where every line is blank."""
    cells = [_GAP.split(line.strip()) for line in block]
    count = max(len(row) for row in cells)
    cells = [_unit_apart(row) if len(row) == count - 1 else row for row in cells]
    # (a header with fewer cells than the rows under it stands over their last columns: "PRICE  UNIT  5 NOV")
    if all(len(row) == count or line.startswith("  ") or at == 0 and len(block) > 2
           for at, (row, line) in enumerate(zip(cells, block, strict=True))):
        rows = [[""] * (count - len(row)) + row for row in cells]
        full = [line for row, line in zip(cells, block, strict=True) if len(row) == count]
        if count >= 4 and len(full) >= 2:
            # header lines over columns they span: "Sales volume" over "1H2025 | 1H2024", "Six months ended" over
            # "Sales volume | Average selling price": each heading over the columns its text stands above
            spans = _column_spans(full, count)
            rows = [(_over_columns(line, spans) or rows[at]) if len(row) < count and at < block.index(full[0])
                    else rows[at] for at, (row, line) in enumerate(zip(cells, block, strict=True))]
    else:
        width = max(len(line) for line in block)
        blank = [all(at >= len(line) or line[at] == " " for line in block) for at in range(width)]
        cuts: list[tuple[int, int]] = []
        at = 0
        while at < width:  # the runs of two blank places or more that every line has
            end = at
            while end < width and blank[end]:
                end += 1
            if end - at >= 2 and at > 0:
                cuts.append((at, end))
            at = max(end, at + 1)
        starts = [0, *(end for _, end in cuts)]
        ends = [*(start for start, _ in cuts), width]
        rows = [[line[a:b].strip() for a, b in zip(starts, ends, strict=True)] for line in block]
    return ["| " + " | ".join(row) + " |" for row in rows]


_CELL = regex.compile(r"\S+(?: \S+)*")  # a cell of a fixed-width line: words one space apart


def _spanning_header(line: str) -> bool:
    """An indented line of headings over a table's columns: no figures of a price, a gap inside."""
    return line.startswith("  ") and "   " in line.strip() and not _PRICE_FIGURE.search(line) \
        and len(line) <= _MAX_TABLE_WIDTH and line.count("|") < 2


_PRICE_FIGURE = regex.compile(r"\d,\d{3}|\d\.\d")  # (a heading may hold a year: "30 June 2025")


def _column_spans(rows: list[str], count: int) -> list[tuple[int, int]]:
    """Where each of the `count` columns of these full rows stands, as most of them place it (a row whose name
    wrapped and was joined is shifted)."""
    placed: list[Counter[tuple[int, int]]] = [Counter() for _ in range(count)]
    for line in rows:
        for i, cell in enumerate(list(_CELL.finditer(line))[:count]):
            placed[i][(cell.start(), cell.end())] += 1
    spans = [max(counter, key=lambda span: (counter[span], -span[0])) if counter else (0, 0) for counter in placed]
    return [(0, max(0, spans[1][0] - 2)), *spans[1:]]  # (the names' column: all that is left of the figures)


def _over_columns(line: str, spans: list[tuple[int, int]]) -> list[str] | None:
    """A header line's cells placed over the columns they stand above (a heading spanning two fills both); None
    when two would stand over one column (rows whose wrapped names were joined stand shifted: the header then
    stands over the last columns, as padded)."""
    row = [""] * len(spans)
    for cell in _CELL.finditer(line):
        over = [i for i, (a, b) in enumerate(spans) if cell.start() < b + 2 and cell.end() > a - 2]
        for i in over or [min(range(len(spans)), key=lambda i: abs(spans[i][0] - cell.start()))]:
            if row[i]:
                return None
            row[i] = cell.group()
    return row


# a unit cell ("$/t", "yuan/t", "Yn/t", "$/dmtu") that a name as wide as its column left one space from it
# (or a figure: "Lithium carbonate, battery, EXW China (RMB/t) 86,000   88,500")
_FUSED_UNIT = regex.compile(r"^(.*\S) ((?:[A-Za-z]{0,4}\$|yuan|Yn|RMB|CNY|元|€)/[A-Za-z]{1,4}"
                            r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$")


def _unit_apart(row: list[str]) -> list[str]:
    """A row one cell short whose name cell ends in a unit or a figure: "Spherical graphite, fob China $/t" is two
    cells."""
    fused = _FUSED_UNIT.match(row[0]) if row else None
    return [fused.group(1), fused.group(2), *row[1:]] if fused else row
