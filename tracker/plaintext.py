"""Text as extraction reads it: NFKC, one space between words, tables as "|" rows, wrapped paragraphs joined."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker import vocabulary
from tracker.errors import DocumentError
from tracker.fixedwidth import fixed_width_tables
from tracker.textcolumns import columns_apart

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


_BULLET = regex.compile(r"^\s*(?:[*•·>–—-]|\d{1,2}[.)])\s")
# an item of a dated list: "2025-09-10  Chinese manganese ore port inventories fall" (prose wraps no ISO date)
_DATED_ITEM = regex.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s")

_SENTENCE_END = ("." , "!", "?", "。", "！", "？", ":", "：")


_BROKEN_WORD = regex.compile(r"(?<![\w-])([A-Za-z]+)-$")
_WORD_START = regex.compile(r"[a-z]+")
_BROKEN_RANGE = regex.compile(r"\d[-–]$")  # "bids at 93-" / "94% of the price": one range


@lru_cache(maxsize=1)
def _hyphenated() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(vocabulary.words("hyphen.prefixes")), frozenset(vocabulary.words("hyphen.suffixes"))


def _join(run: list[str]) -> str:
    """The lines of a paragraph as one line; a word broken over two lines ("car-" / "bonate") is one word again."""
    text = run[0]
    prefixes, suffixes = _hyphenated()
    for line in run[1:]:
        broken, rest = _BROKEN_WORD.search(text), _WORD_START.match(line)
        if _BROKEN_RANGE.search(text) and line[:1].isdigit():
            text += line
        elif not (broken and rest):
            text += " " + line
        elif broken.group(1).lower() in prefixes or rest.group() in suffixes:
            text += line  # ("ex-" / "works": "ex-works")
        else:
            text = text[:-1] + line
    return text


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
            bullet = bool(_BULLET.match(line) or _DATED_ITEM.match(line) or label and ". " not in label.group()) \
                or "   " in raw.strip()
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
                    out.append(_join(run))
                    run = []
                continue
            if run:
                out.append(_join(run))
                run = []
            # ("... price rose to" / "$1,540 ..."; a bullet goes on in lower case only: it may be a headline)
            if (full or _ENDS_MID_CLAUSE.search(line)) and not alone:
                # (a bullet that stops on a word, not on a date or a figure: "... hydroxide at a")
                run, ragged, in_item = [line], not full or bullet, bullet and _MID_WORD_END.search(line) is not None
            else:
                out.append(line)
        if run:
            out.append(_join(run))
        block.clear()

    for line in text.split("\n"):
        if line.strip():
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


_ENDS_IN_DATE = regex.compile(r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}月\d{1,2}日)\s*$")
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
        # (a headline ending in its date is an item's line of its own: its teaser is below it)
        if _width(line) < min(widest - 4, widest * 0.8) or line.endswith(_CHINESE_SENTENCE_END) \
                or _ENDS_IN_DATE.search(line):
            out.append(run)
            run = ""
    if run:
        out.append(run)
    return out


_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
# a line that stops on a word no sentence ends with: a shorter line of a ragged wrap, continued below
# (or mid-range: "... were reported at 93-" / "94% of the price")
_ENDS_MID_CLAUSE = regex.compile(r"\s(?:to|at|of|from|between|by|was|were|is|are|around|about|approximately|"
                                 rf"the|and)$|{_BROKEN_RANGE.pattern}", regex.IGNORECASE)
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
        text = fixed_width_tables(columns_apart(text))
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
