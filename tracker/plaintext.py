"""Text as extraction reads it: NFKC, one space between words, tables as "|" rows, wrapped paragraphs joined."""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.errors import DocumentError

MAX_EXPANSION = 3  # NFKC may make text at most this many times longer ("\ufdfa" alone becomes 18 characters)


@lru_cache(maxsize=65536)
def _growth(char: str) -> int:
    return 0 if char.isascii() else len(unicodedata.normalize("NFKC", char)) - 1


def check_expansion(text: str, path: str) -> None:
    """Refuse text that Unicode normalisation would blow up, so memory stays bounded by the size limit."""
    if unicodedata.is_normalized("NFKC", text):
        return
    # each distinct character's growth, remembered (a page of Chinese has hundreds, the same from page to page);
    # only the few that grow are counted
    growing = [char for char in set(text) if _growth(char)]
    growth = sum(text.count(char) * _growth(char) for char in growing)
    if growth > (MAX_EXPANSION - 1) * len(text) + 4096:
        raise DocumentError(path, f"text grows more than {MAX_EXPANSION}-fold under Unicode normalisation "
                                  "(NFKC); not a review")

# a run of white space other than a single space: replacing every single space as well costs more than the NFKC
_TABS = regex.compile(r" *\t *")  # one column per tab: an empty cell keeps the columns under their headers


def _tab_columns(line: str) -> str:
    """A line with two tabs or more between its words is a row of a tab-separated table: cells as "|" cells."""
    inner = line.strip()
    return _TABS.sub(" | ", inner) if inner.count("\t") >= 2 else line
_SPACES = regex.compile(r"[^\S\n]{2,}|[^\S\n ]")
_BOX_DRAWING = str.maketrans({**dict.fromkeys("│┃║", "|"), **dict.fromkeys("─━═", "-"),
                              **dict.fromkeys("┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝┏┳┓┣╋┫┗┻┛", "+")})
_SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")  # white space to str.isspace, not to regex's \s


_GAP = regex.compile(r" {2,}")
_MAX_TABLE_WIDTH, _MAX_TABLE_ROWS = 400, 1000  # a fixed-width table is narrow; longer blocks stay text (bounded work)
# a cell holding a number or range, perhaps with its currency and unit: "24.00", "US$800-845/t", "RMB76,000/t"
_NUMBER_CELL = regex.compile(
    r"^[^\w\s]{0,3}(?:[A-Za-z]{1,3}[^\w\s]?)?\s?[+-]?\d[\d,.]*(?:\s?[-–~]\s?[\d,.]+)?(?:\s?\S{0,8})$")
_BULLET = regex.compile(r"^\s*(?:[*•·>–—-]|\d{1,2}[.)])\s")
# two columns, a name and a figure: "  Battery-grade lithium carbonate (99.5%)      15.50~15.90" under a unit caption
_NAME_AND_NUMBER = regex.compile(r"^\s*\S.*?\S {3,}[+-]?\d[\d,.]*(?:\s?[-–~～]\s?\d[\d,.]*)?\s*$")


def _fixed_width_tables(text: str) -> str:
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
        tails: dict[int, str] = {}
        headings: set[int] = set()
        while j < len(lines):
            if _group_heading(lines, j):
                headings.add(j)
            elif not (gappy[j] or _RULE.match(lines[j]) and j + 1 < len(lines) and gappy[j + 1]
                      or j > i and gappy[j - 1] and _name_tail(lines[j - 1], lines[j])):
                break
            elif not gappy[j] and not _RULE.match(lines[j]):
                tails[j] = lines[j].strip()
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
            for k, tail in tails.items():  # the name cell's rest, back in its row
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


def _with_tail(row: str, tail: str) -> str:
    cells = row.split("|")
    named = next(at for at, cell in enumerate(cells) if cell.strip())
    cells[named] = f"{cells[named].rstrip()} {tail} "
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
    below = [row for row in lines[at + 1:at + 3] if row.startswith("  ") and _is_gappy(row)]
    if not line.strip() or _indent(line) or _DIGIT.search(line) or not below:
        return False
    return len(below) == 2 or len(line.split()) <= 2 and below[0].lstrip()[:1].isupper()


_DIGIT = regex.compile(r"\d")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _wrapped_name(lines: list[str], at: int) -> int:
    """How many lines from `at` (one to three, short, no columns) are a name wrapped above the row after them."""
    if not lines[at].lstrip()[:1].isupper():
        return 0  # ("grade 99.8pc" under a row is the rest of that row's name)
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
            rows = [_over_columns(line, spans) if len(row) < count and at < block.index(full[0]) else rows[at]
                    for at, (row, line) in enumerate(zip(cells, block, strict=True))]
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


def _over_columns(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """A header line's cells placed over the columns they stand above (a heading spanning two fills both)."""
    row = [""] * len(spans)
    for cell in _CELL.finditer(line):
        over = [i for i, (a, b) in enumerate(spans) if cell.start() < b + 2 and cell.end() > a - 2]
        for i in over or [min(range(len(spans)), key=lambda i: abs(spans[i][0] - cell.start()))]:
            row[i] = f"{row[i]} {cell.group()}".strip()
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


_SENTENCE_END = ("." , "!", "?", "。", "！", "？", ":", "：")


def _unwrap(text: str) -> str:
    """Hard-wrapped paragraphs (plain-text reviews and PDF copies wrapped at a fixed width of 60 to 120
    characters, a PDF page of two columns at 40) become one line each, as a web page has them. A paragraph starts
    at a line nearly as long as the widest of its block; the next line continues it when it starts in lower case
    (or with a figure), or when the line before it stops mid-sentence and it is no heading (a short line without a
    full stop). Bullets and table rows stand alone; a break at a sentence's end is harmless, so nothing else is
    joined."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        # a paragraph on one line (the usual block) is left as it is before its width is even looked at
        widest = max(len(line.strip()) for line in block) if len(block) >= 2 else 0
        if widest and _is_chinese(block):
            out.extend(_unwrap_chinese(block))
            block.clear()
            return
        if not 40 <= widest <= 120:
            out.extend(block)
            block.clear()
            return
        run: list[str] = []
        ragged = False  # the run's last line is short and stops mid-sentence: only a lower-case line goes on
        in_item = False  # the run opened with a bullet: an indented line under it is its continuation
        for raw in block:
            line = raw.strip()
            full = len(line) >= widest - 12
            alone = line.count("|") >= 2 or not regex.search(r"\w", line)
            # (an item of a list of its own: "Last done: ...", "Ni sulphate 22% Ni EXW:    offer ...")
            label = _LABEL_ITEM.match(line)
            bullet = bool(_BULLET.match(line) or label and ". " not in label.group()) or "   " in raw.strip()
            continues = bool(run) and not alone and not bullet and (
                (_RAGGED_CONTINUATION if ragged else _CONTINUATION).match(line) is not None
                or bool(_ENDS_MID_CLAUSE.search(run[-1]))  # ("... 36.5%min is" / "USD3.85-3.90/dmtu ...")
                or run[-1].count("(") > run[-1].count(")")  # ("... nickel (Q2 2025:" / "US$12,540/t), ...")
                or in_item and raw.startswith("  ")  # ("- Price deck: carbonate ...;" / "  RMB 5,000/t ...")
                or not ragged and not run[-1].endswith(_SENTENCE_END) and (full or line.endswith(_SENTENCE_END)))
            if continues:
                run.append(line)
                ragged = not full and not line.endswith(_SENTENCE_END)
                if not full and not ragged:  # the paragraph's last line
                    out.append(" ".join(run))
                    run = []
                continue
            if run:
                out.append(" ".join(run))
                run = []
            # ("... price rose to" / "$1,540 ..."; a bullet goes on in lower case only: it may be a headline)
            if (full or _ENDS_MID_CLAUSE.search(line)) and not alone:
                # (a bullet that stops on a word, not on a date or a figure: "... hydroxide at a")
                run, ragged, in_item = [line], not full or bullet, bullet and _MID_WORD_END.search(line) is not None
            else:
                out.append(line)
        if run:
            out.append(" ".join(run))
        block.clear()

    for line in text.split("\n"):
        if line.strip():
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


_CJK = regex.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_CHINESE_SENTENCE_END = ("。", "！", "？", "；", "：", ":")
_NEW_ITEM = regex.compile(r"^(?:[·•>*【\[（(-]|[一二三四五六七八九十]+[、.]|\d{1,2}[.、)）](?!\d)|\d{1,2}月\d{1,2}日"
                          r"|\d{4}[-/年])")


def _is_chinese(block: list[str]) -> bool:
    text = "".join(block)
    return len(_CJK.findall(text)) > 0.3 * len(text.replace(" ", ""))


def _width(line: str) -> int:
    """A line's width on the page: a Chinese character takes two columns."""
    return len(line) + len(_CJK.findall(line))


def _unwrap_chinese(block: list[str]) -> list[str]:
    """A Chinese paragraph wrapped at a fixed width (a PDF copy) as one line: a line as wide as the widest of its
    block that does not end a sentence goes on with the next, glued (Chinese has no spaces between words)."""
    lines = [line.strip() for line in block]
    widest = max(_width(line) for line in lines)
    if widest < 50:
        return block
    out: list[str] = []
    run = ""
    for line in lines:
        layout = "|" in line or "  " in line  # a table row, a page header or footer
        if layout:
            if run:
                out.append(run)
                run = ""
            out.append(line)
            continue
        if run and _NEW_ITEM.match(line):  # "· 2月25日 ...", "二、锂", "2. 钴中间品": an item or heading of its own
            out.append(run)
            run = ""
        run += line
        if _width(line) < widest - 4 or line.endswith(_CHINESE_SENTENCE_END):
            out.append(run)
            run = ""
    if run:
        out.append(run)
    return out


_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
# a line that stops on a word no sentence ends with: a shorter line of a ragged wrap, continued below
_ENDS_MID_CLAUSE = regex.compile(r"\s(?:to|at|of|from|between|by|was|were|is|are|around|about|approximately|"
                                 r"the|and)$", regex.IGNORECASE)
_CONTINUATION = regex.compile(r"[a-z0-9$¥(]")  # a wrapped sentence goes on in lower case or with a figure
_LABEL_ITEM = regex.compile(r"^[A-Z][\w%./&()'-]*(?:\s+[\w%./&()'-]+){0,5}\s*:\s")
_MID_WORD_END = regex.compile(r"[A-Za-z,;:]$")  # ("... Platts SC6 CIF" / "  China at $925/t.", "... EXW China:")
_RAGGED_CONTINUATION = regex.compile(r"[a-z$¥]")  # (after a short line: not a figure, which may be a list's date)


def normalise_text(text: str, plain: bool = True) -> str:
    """NFKC (full-width digits and commas become ASCII), one space between words, no blank runs; tab-separated
    and fixed-width tables as "|" rows; in plain text (`plain`, not a page's text read from HTML, whose lines
    are its blocks), hard-wrapped paragraphs as one line each.

    Documents that differ only in the kind of white space or line endings normalise to the same text (not in their
    layout: blank lines between paragraphs and runs of spaces between table columns are plain text's structure).
    """
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    if any(bar in text for bar in "│┃║"):  # a table drawn with box characters: "|" rows under "+---+" rules
        text = text.translate(_BOX_DRAWING)
    if "\t" in text:  # a tab-separated table keeps its columns, as a "|" table
        text = "\n".join(_tab_columns(line) for line in text.split("\n"))
    if "   " in text:
        text = _fixed_width_tables(text)
    if plain and _BLANK_LINE.search(text.strip()):  # paragraphs apart: raw text (normalised text has no blank lines)
        text = _unwrap(text)
    if any(separator in text for separator in _SEPARATORS):
        text = _SPACES.sub(" ", text)
        lines = (line.strip() for line in text.split("\n"))
        return "\n".join(line for line in lines if line)
    # the same without a regular expression, three times faster: str.split() splits at the white space of
    # _SPACES and at the four separators above (which are white space to str, not to regex), absent here
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
