"""Reading review documents: files, folders, stdin; encodings; HTML to text; publication dates."""
from __future__ import annotations

import bisect
import codecs
import errno
import hashlib
import os
import stat
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import regex

from tracker.dates import AmbiguousDate, date_from_filename, find_dates, find_publication_date, parse_iso_date
from tracker.errors import DocumentError
from tracker.publishers import default_publishers

SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown")  # matched case-insensitively
HTML_SUFFIXES = (".html", ".htm")
DEFAULT_MAX_SIZE = 50 * 1024 * 1024  # bytes; raise with --max-size
DATE_SEARCH_SPAN = 100_000  # characters at the top of a document searched for its publication date
MAX_TITLE = 300  # characters
MAX_EXPANSION = 3  # NFKC may make text at most this many times longer ("\ufdfa" alone becomes 18 characters)

_BINARY_MAGIC = {b"\x89PNG": "PNG image", b"PK\x03\x04": "zip archive", b"%PDF": "PDF file",
                 b"\x1f\x8b": "gzip archive", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
                 b"SQLite format 3": "SQLite database"}


@dataclass(frozen=True)
class Document:
    path: str  # as the user gave it ("-" for standard input)
    text: str  # normalised plain text: what extraction reads and the store keeps
    title: str
    date: date  # publication date
    content_hash: str  # sha256 of `text`
    source_hash: str = ""  # sha256 of the file's bytes
    publisher: str = ""  # the agency whose page this is (tracker.publishers), "" when the page does not say


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iter_paths(paths: list[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Files named, and every review file below the directories named, in sorted order.

    Other files found in the directories are added to `skipped`, so a caller can say what it passed
    over (hidden files such as .DS_Store and folder notes such as README.md are not counted).

    Directory walks do not follow symbolic links, so a link loop cannot trap them. Two things in a
    walk are passed on as paths although they hold no review, so that reading them reports why:
    a directory named like a review file (`x.txt/`) with no review file below it, and a directory
    the walk could not enter (permission denied).
    """
    for path in paths:
        if path != "-" and os.path.isdir(path):
            yield from _walk(path, skipped if skipped is not None else [])
        else:
            yield path


# A folder of reviews often carries its own notes (README.md, SOURCES.md); they are not reviews.
# Named on the command line, they are read like any file.
_PROJECT_NOTES = regex.compile(r"(?i)(?:readme|sources|labels|license|changelog|contributing|notes)\.(?:md|txt)$")


def _walk(top: str, skipped: list[str]) -> list[str]:
    found: list[str] = []
    unreadable: list[str] = []
    suspicious: list[str] = []  # directories named like review files
    for root, dirs, files in os.walk(top, onerror=lambda error: unreadable.append(error.filename)):
        dirs.sort()
        suspicious += [os.path.join(root, name) for name in dirs if name.lower().endswith(SUFFIXES)
                       and not os.path.islink(os.path.join(root, name))]
        found += [os.path.join(root, name) for name in files
                  if name.lower().endswith(SUFFIXES) and not _PROJECT_NOTES.match(name)]
        skipped += sorted(os.path.join(root, name) for name in files
                          if not name.lower().endswith(SUFFIXES) and not name.startswith("."))
    found.sort()
    for directory in suspicious:
        prefix = directory + os.sep
        at = bisect.bisect_left(found, prefix)
        if not (at < len(found) and found[at].startswith(prefix)) and directory not in unreadable:
            found.append(directory)
    found += [name for name in unreadable if name]  # reading them says "permission denied"
    return sorted(set(found))


def read_document(path: str, date_override: date | None = None, max_size: int = DEFAULT_MAX_SIZE,
                  publisher_override: str | None = None) -> Document:
    """Read one file (or "-" for stdin) into a Document. Raises DocumentError naming the file."""
    return parse_document(path, read_bytes(path, max_size), date_override, publisher_override)


def parse_document(path: str, raw: bytes, date_override: date | None = None,
                   publisher_override: str | None = None) -> Document:
    """A Document from a file's bytes: decoded, HTML turned into text, normalised, dated and attributed."""
    text = decode(raw, path)
    is_html = path.lower().endswith(HTML_SUFFIXES) or _looks_like_html(text)
    html_dates: list[str] = []
    site_hints: list[str] = []
    title = ""
    if is_html:
        text, title, html_dates, site_hints = html_to_text(text, path)
        if not text.strip():
            raise DocumentError(path, "no visible text in the HTML page")
    _check_expansion(text, path)
    text = normalise_text(text, plain=not is_html)
    if not title:
        title = guess_title(text)
    named = date_from_filename(os.path.basename(path))
    try:
        # reviews print their date near the top; a bounded head keeps a page of a million dates fast
        published = date_override or _html_date(html_dates) or find_publication_date(text[:DATE_SEARCH_SPAN]) \
            or named
    except AmbiguousDate as error:
        if named not in error.readings:  # a file name dated like one reading settles it
            raise DocumentError(path, f"ambiguous publication date: {error}", remedy="date_override") from None
        published = named
    if published is None:
        raise DocumentError(path, "no publication date found", remedy="date_override")
    title = _short(normalise_text(title))
    publisher = publisher_override if publisher_override is not None else \
        default_publishers().of_page(text[:DATE_SEARCH_SPAN], title, site_hints)
    return Document(path=path, text=text, title=title, date=published, content_hash=text_hash(text),
                    source_hash=hashlib.sha256(raw).hexdigest(), publisher=publisher)


def _short(title: str) -> str:
    """A title is a line, not a page: one that long (a page without line breaks) is cut at a word."""
    if len(title) <= MAX_TITLE:
        return title
    cut = title.rfind(" ", 0, MAX_TITLE + 1)
    return title[:cut if cut > MAX_TITLE // 2 else MAX_TITLE].rstrip()


def _check_expansion(text: str, path: str) -> None:
    """Refuse text that Unicode normalisation would blow up, so memory stays bounded by the size limit."""
    if unicodedata.is_normalized("NFKC", text):
        return
    growth = sum(count * (len(unicodedata.normalize("NFKC", char)) - 1)
                 for char, count in Counter(text).items() if not char.isascii())
    if growth > (MAX_EXPANSION - 1) * len(text) + 4096:
        raise DocumentError(path, f"text grows more than {MAX_EXPANSION}-fold under Unicode normalisation "
                                  "(NFKC); not a review")


def _too_large(path: str, max_size: int) -> DocumentError:
    mb = 1024 * 1024
    limit = f"{max_size // mb} MB" if max_size >= mb and max_size % mb == 0 else f"{max_size:,} byte"
    return DocumentError(path, f"larger than the {limit} limit", remedy="max_size")


def read_bytes(path: str, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The file's bytes; never reads more than max_size + 1 of them, so memory is bounded by the limit."""
    if path == "-":
        data = sys.stdin.buffer.read(max_size + 1)
    else:
        try:
            if os.path.isdir(path):
                os.listdir(path)  # permission denied is the better reason, if that is what it is
                raise DocumentError(path, "is a directory with no review files")
            # O_NONBLOCK: opening a FIFO (named pipe) must not wait for a writer
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            with os.fdopen(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise DocumentError(path, "not a regular file")
                if info.st_size > max_size:  # the size check happens before anything is read
                    raise _too_large(path, max_size)
                data = handle.read(max_size + 1)
        except FileNotFoundError:
            raise DocumentError(path, "no such file") from None
        except PermissionError:
            raise DocumentError(path, "permission denied") from None
        except IsADirectoryError:
            raise DocumentError(path, "is a directory with no review files") from None
        except OSError as error:
            reason = "symbolic link loop" if error.errno == errno.ELOOP else (error.strerror or str(error))
            raise DocumentError(path, reason.lower()) from None
    if len(data) > max_size:  # grew while being read, or standard input
        raise _too_large(path, max_size)
    if not data.strip():
        raise DocumentError(path, "empty file")
    return data


def decode(raw: bytes, path: str = "<bytes>") -> str:
    """Decode review bytes: BOMs first, then strict UTF-8, then a declared or detected encoding.

    Any GB verdict (gb2312, gbk) is decoded as gb18030, their superset. A guessed encoding must
    give plausible text (hardly any control, private-use or unassigned characters); bytes that no
    encoding turns into text are refused with a plain reason. Raises only DocumentError.
    """
    for magic, kind in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise DocumentError(path, f"binary file ({kind})")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeError:
                raise DocumentError(path, f"invalid {encoding} text") from None
            if not _plausible(text):  # a byte-order mark followed by anything but text
                raise DocumentError(path, "binary file")
            return _check_text(text, path)
    if b"\x00" in raw[:8192]:
        raise DocumentError(path, "binary file")
    try:
        return _check_text(raw.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    declared = regex.search(rb"(?i)<meta[^>]{0,200}charset=[\"']?([\w-]{1,40})", raw[:4096])
    candidates: list[str] = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in candidates + ["gb18030"]:  # the commonest non-UTF-8 encoding of the reviews we read
        decoded = _try_decode(raw, encoding)
        if decoded is not None:
            return decoded
    from charset_normalizer import from_bytes  # only files that are neither pay for the detector

    try:
        best = from_bytes(raw[:65536]).best()
    except Exception:  # noqa: BLE001 - a detector failure only means one candidate fewer
        best = None
    if best is not None and best.encoding:
        candidates.append(best.encoding.lower())
    for encoding in candidates:
        decoded = _try_decode(raw, encoding)
        if decoded is not None:
            return decoded
    raise DocumentError(path, "not text in any known encoding (tried UTF-8, UTF-16, GB18030 and a detected "
                              "encoding)")


def _try_decode(raw: bytes, encoding: str) -> str | None:
    """The text if `encoding` turns the bytes into plausible writing, else None."""
    encoding = "gb18030" if encoding.replace("_", "").startswith("gb") else encoding
    if not _is_text_encoding(encoding):
        return None
    try:
        text = raw.decode(encoding)
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None
    if encoding == "gb18030" and _cjk_share(text) < 0.2:
        return None
    return text if _plausible(text) else None


# Codecs that decode bytes but are no character set a page would be written in.
_NOT_CHARSETS = {"undefined", "idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf_7",
                 "palmos", "mbcs", "oem"}


def _is_text_encoding(name: str) -> bool:
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return False
    return getattr(info, "_is_text_encoding", True) and info.name.replace("-", "_") not in _NOT_CHARSETS


_ODD = regex.compile(r"[\p{Co}\p{Cn}\p{Cs}\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _plausible(text: str) -> bool:
    """Text a guessed encoding gave looks like writing: few private-use, unassigned or odd characters."""
    sample = text[:20000]
    if not sample:
        return False
    return len(_ODD.findall(sample)) <= len(sample) * 0.005


_LETTER_NOT_ASCII = regex.compile(r"[^\x00-\x7f\s]")
_CJK_LETTER = regex.compile(r"[\u4e00-\u9fff\u3001-\u303f\uff00-\uffef]")  # U+3000 is a space


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    letters = len(_LETTER_NOT_ASCII.findall(sample))
    if not letters:
        return 1.0
    return len(_CJK_LETTER.findall(sample)) / letters


_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _check_text(text: str, path: str) -> str:
    sample = text[:20000]
    control = len(_CONTROL.findall(sample))
    if sample and control / len(sample) > 0.01:
        raise DocumentError(path, "binary file")
    return text


# a run of white space other than a single space: replacing every single space as well costs more than the NFKC
_TABS = regex.compile(r" *\t *")  # one column per tab: an empty cell keeps the columns under their headers


def _tab_columns(line: str) -> str:
    """A line with two tabs or more between its words is a row of a tab-separated table: cells as "|" cells."""
    inner = line.strip()
    return _TABS.sub(" | ", inner) if inner.count("\t") >= 2 else line
_SPACES = regex.compile(r"[^\S\n]{2,}|[^\S\n ]")


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
    lines = text.split("\n")
    gappy = [len(line) <= _MAX_TABLE_WIDTH and line.count("|") < 2 and "   " in line.strip()
             and (len(_GAP.findall(line.strip())) >= 2 or _NAME_AND_NUMBER.match(line) is not None) for line in lines]
    i = 0
    while i < len(lines):
        if not gappy[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and gappy[j]:
            j += 1
        if 2 <= j - i <= _MAX_TABLE_ROWS and any(_NUMBER_CELL.match(cell) for line in lines[i:j]
                                                  for cell in _GAP.split(line.strip())[1:]):
            lines[i:j] = _columns(lines[i:j])
        i = j
    return "\n".join(lines)


def _columns(block: list[str]) -> list[str]:
    """The lines of a fixed-width table as "|" rows: cells set apart by two spaces or more, a header over a
    blank first column moved right; where rows have cells left empty, columns are where every line is blank."""
    cells = [_GAP.split(line.strip()) for line in block]
    count = max(len(row) for row in cells)
    if all(len(row) == count or line.startswith("  ") for row, line in zip(cells, block, strict=True)):
        rows = [[""] * (count - len(row)) + row for row in cells]
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


_SENTENCE_END = ("." , "!", "?", "。", "！", "？", ":", "：")


def _unwrap(text: str) -> str:
    """Hard-wrapped paragraphs (plain-text reviews wrapped at a fixed width of 60 to 100 characters) become one
    line each, as a web page has them. A paragraph starts at a line nearly as long as the widest of its block;
    the next line continues it when it starts in lower case (or with a figure), or when the line before it
    stops mid-sentence and it is no heading (a short line without a full stop). Bullets and table rows stand
    alone; a break at a sentence's end is harmless, so nothing else is joined."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        widest = max((len(line.strip()) for line in block), default=0)
        if len(block) < 2 or not 60 <= widest <= 100:
            out.extend(block)
            block.clear()
            return
        run: list[str] = []
        for line in block:
            line = line.strip()
            full = len(line) >= widest - 12
            alone = line.count("|") >= 2 or bool(_BULLET.match(line)) or not regex.search(r"\w", line)
            continues = bool(run) and not alone and (
                _CONTINUATION.match(line) is not None
                or not run[-1].endswith(_SENTENCE_END) and (full or line.endswith(_SENTENCE_END)))
            if continues:
                run.append(line)
                if not full:  # the paragraph's last line
                    out.append(" ".join(run))
                    run = []
                continue
            if run:
                out.append(" ".join(run))
                run = []
            if full and not alone:
                run = [line]
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


_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
_CONTINUATION = regex.compile(r"[a-z0-9$¥(]")  # a wrapped sentence goes on in lower case or with a figure


def normalise_text(text: str, plain: bool = True) -> str:
    """NFKC (full-width digits and commas become ASCII), one space between words, no blank runs; tab-separated
    and fixed-width tables as "|" rows; in plain text (`plain`, not a page's text read from HTML, whose lines
    are its blocks), hard-wrapped paragraphs as one line each.

    Documents that differ only in the kind of white space or line endings normalise to the same text (not in their
    layout: blank lines between paragraphs and runs of spaces between table columns are plain text's structure).
    """
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:  # a tab-separated table keeps its columns, as a "|" table
        text = "\n".join(_tab_columns(line) for line in text.split("\n"))
    if "   " in text:
        text = _fixed_width_tables(text)
    if plain and _BLANK_LINE.search(text.strip()):  # paragraphs apart: raw text (normalised text has no blank lines)
        text = _unwrap(text)
    text = _SPACES.sub(" ", text)
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_BYLINE = regex.compile(r"(?i)^(?:by|source|author|reporter|editor|来源|作者)\b")


def guess_title(text: str) -> str:
    """The line just before the date line near the top, else the first line of some length."""
    lines = text.split("\n", 80)[:80]
    head = "\n".join(line[:2000] for line in lines[:60])
    dates = find_dates(head)
    if dates:
        index = head.count("\n", 0, dates[0][0])
        candidate = lines[index - 1] if index > 0 else ""
        if _BYLINE.match(candidate) and index > 1:
            candidate = lines[index - 2]
        if len(candidate.split()) >= 3 or len(candidate) >= 12 or (len(candidate) >= 6 and not candidate.isascii()):
            return candidate
    for line in lines:
        if len(line.split()) >= 5 or (len(line) >= 12 and not line.isascii()):
            return line
    return lines[0] if lines else ""


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _html_date(values: list[str]) -> date | None:
    for value in values:
        parsed = parse_iso_date(value)
        if parsed:
            return parsed
    return None


# -- HTML to text -------------------------------------------------------------------------------
#
# lxml (libxml2's HTML parser) rather than html.parser: it recovers from malformed markup the way
# browsers do and stays linear on hostile pages, where html.parser takes quadratic time (a long
# run of "<a " or an unclosed comment).

SKIP = {"script", "style", "nav", "noscript", "template", "svg", "head", "iframe", "button", "form",
        "xmp", "noembed", "noframes", "title"}
BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
         "section", "article", "aside", "header", "footer", "main", "dt", "dd", "dl", "table",
         "blockquote", "pre", "hr", "figcaption", "title"}


def html_to_text(markup: str, path: str = "<html>") -> tuple[str, str, list[str], list[str]]:
    """(visible text with one line per block element, title, <time datetime> values, site hints) of a page.

    Site hints are what the page says about the site it is from: og:site_name, application-name,
    canonical link, og:url and the <title> (its "- Site Name" tail is often cut from the <h1>).

    Scripts, styles and navigation are dropped; entities are decoded by the parser.
    """
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return "", "", [], []  # nothing visible: the reader reports the empty document
    if any("depth" in entry.message.lower() for entry in parser.error_log):
        raise DocumentError(path, "HTML nested too deeply to read (thousands of open tags)")
    title = " ".join(root.findtext(".//title", default="").split())
    hints = [title] if title else []
    heading = root.find(".//h1")
    if heading is not None and heading.text_content().strip():
        title = " ".join(heading.text_content().split())
    # the page's own date first (its meta tags), then <time>s outside cards of other articles
    published: list[str] = []
    times = [(element.get("datetime"), _in_other_item(element)) for element in root.iter("time")
             if element.get("datetime")]
    for element in root.iter("meta", "link"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or element.get("rel")
               or "").casefold()
        if key in _SITE_KEYS:
            hints.append(" ".join((element.get("content") or element.get("href") or "").split()))
        elif key in _PUBLISHED_KEYS and element.get("content"):
            published.append(element.get("content"))
    datetimes = published + [value for value, other in times if not other] + [value for value, other in times if other]
    for table in root.iter("table"):
        _expand_spans(table)
    parts: list[str] = []
    skipping = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            skipping += tag in SKIP
            if tag in BLOCK:
                parts.append("\n")
            if not skipping and element.text:
                parts.append(_html_space(element.text))
        else:
            skipping -= tag in SKIP
            if tag in BLOCK:
                parts.append("\n")
            elif tag in ("td", "th") and not skipping:
                parts.append(" | ")  # a table row stays one line, its cells separated as in pasted tables
            if not skipping and element.tail:
                parts.append(_html_space(element.tail))
    return "".join(parts), title, datetimes, [hint for hint in hints if hint]


_MAX_SPAN = 50  # a cell spans at most this many rows or columns (a hostile colspan="1000000" is 50)


def _span(cell, name: str) -> int:
    try:
        return max(1, min(_MAX_SPAN, int(cell.get(name) or 1)))
    except ValueError:
        return 1


def _expand_spans(table) -> None:
    """A data table's cells spanning rows or columns are repeated in every row and column they span, so each
    row reads as one line of cells under its own headers ("Offers" over "Low | High", a rowspan "Product").
    Tables holding other tables or blocks (page layout) are left as they are."""
    if not any(cell.get("colspan") or cell.get("rowspan") for cell in table.iter("td", "th")) or \
            any(element is not table for element in table.iter("table", "p", "div", "ul", "ol")):
        return
    pending: dict[int, tuple[int, object]] = {}  # column -> (rows still to fill, the cell)
    for row in list(table.iter("tr"))[:2000]:
        cells = [cell for cell in row if cell.tag in ("td", "th")]
        for cell in cells:
            row.remove(cell)
        laid: list = []
        column = 0
        while cells or column in pending:
            if column in pending:
                left, above = pending[column]
                laid.append(_copy_cell(above))
                if left > 1:
                    pending[column] = (left - 1, above)
                else:
                    del pending[column]
                column += 1
                continue
            cell = cells.pop(0)
            rows, columns = _span(cell, "rowspan"), _span(cell, "colspan")
            for k in range(columns):
                laid.append(cell if k == 0 else _copy_cell(cell))
                if rows > 1:
                    pending[column] = (rows - 1, cell)
                column += 1
        for cell in laid:
            row.append(cell)


def _copy_cell(cell):
    import copy

    twin = copy.deepcopy(cell)
    twin.attrib.pop("rowspan", None)
    twin.attrib.pop("colspan", None)
    twin.tail = None
    return twin


_PUBLISHED_KEYS = {"article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                   "publish_date", "publication_date", "dc.date.issued", "dcterms.issued", "sailthru.date"}
# where cards of other articles stand: related/recommended blocks, sidebars, footers
_OTHER_ITEMS = ("related", "recommend", "sidebar", "card", "teaser", "more-", "trending", "popular")


def _in_other_item(element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("aside", "footer", "nav"):
            return True
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".casefold()
        if any(word in names for word in _OTHER_ITEMS):
            return True
    return False


_SITE_KEYS = {"og:site_name", "application-name", "publisher", "article:publisher", "og:url", "canonical",
              "copyright", "dc.publisher", "author"}


def _html_space(data: str) -> str:
    """HTML white space is one space; the line structure comes from the block elements."""
    words = " ".join(data.split())
    return f" {words} " if words else ""
