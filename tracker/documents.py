"""Reading review documents: files, folders, stdin; encodings; HTML to text; publication dates."""
from __future__ import annotations

import codecs
import hashlib
import os
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import regex

from tracker.dates import date_from_filename, find_publication_date, parse_iso_date
from tracker.errors import DocumentError

SUFFIXES = (".txt", ".html", ".htm", ".md")
HTML_SUFFIXES = (".html", ".htm")
DEFAULT_MAX_SIZE = 50 * 1024 * 1024  # bytes; raise with --max-size

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


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iter_paths(paths: list[str]) -> Iterator[str]:
    """Files named, and every review file below the directories named, in sorted order.

    Directory walks do not follow symbolic links, so a link loop cannot trap them.
    """
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs.sort()
                found += [os.path.join(root, name) for name in files if name.lower().endswith(SUFFIXES)]
            yield from sorted(found)
        else:
            yield path


def read_document(path: str, date_override: date | None = None,
                  max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """Read one file (or "-" for stdin) into a Document. Raises DocumentError naming the file."""
    raw = _read_bytes(path, max_size)
    text = decode(raw, path)
    is_html = path.lower().endswith(HTML_SUFFIXES) or _looks_like_html(text)
    html_dates: list[str] = []
    title = ""
    if is_html:
        page = _HtmlText()
        page.feed(text)
        page.close()
        text, title, html_dates = page.text(), page.title(), page.datetimes
    text = normalise_text(text)
    if not title:
        title = guess_title(text)
    published = date_override or _html_date(html_dates) or find_publication_date(text) \
        or date_from_filename(os.path.basename(path))
    if published is None:
        raise DocumentError(path, f"no publication date in {path}; pass --date")
    return Document(path=path, text=text, title=normalise_text(title), date=published,
                    content_hash=text_hash(text))


def _read_bytes(path: str, max_size: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_size + 1)
    else:
        try:
            if os.path.isdir(path):
                raise DocumentError(path, "is a directory with no review files")
            size = os.path.getsize(path)
            if size > max_size:
                raise DocumentError(path, f"larger than the {max_size // (1024 * 1024)} MB limit, "
                                          "raise it with --max-size")
            with open(path, "rb") as handle:
                data = handle.read(max_size + 1)
        except FileNotFoundError:
            raise DocumentError(path, "no such file") from None
        except PermissionError:
            raise DocumentError(path, "permission denied") from None
        except OSError as error:
            reason = "symbolic link loop" if error.errno == 40 else (error.strerror or str(error))
            raise DocumentError(path, reason.lower()) from None
    if len(data) > max_size:
        raise DocumentError(path, f"larger than the {max_size // (1024 * 1024)} MB limit, "
                                  "raise it with --max-size")
    if not data.strip():
        raise DocumentError(path, "empty file")
    return data


def decode(raw: bytes, path: str = "<bytes>") -> str:
    """Decode review bytes: BOMs first, then strict UTF-8, then a detected encoding.

    Any GB verdict (gb2312, gbk) is decoded as gb18030, their superset.
    """
    for magic, kind in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise DocumentError(path, f"binary file ({kind})")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return _check_text(raw.decode(encoding), path)
            except UnicodeDecodeError:
                raise DocumentError(path, f"invalid {encoding} text") from None
    if b"\x00" in raw[:8192]:
        raise DocumentError(path, "binary file")
    try:
        return _check_text(raw.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    declared = regex.search(rb"(?i)<meta[^>]{0,200}charset=[\"']?([\w-]+)", raw[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    from charset_normalizer import from_bytes  # only non-UTF-8 files pay for the import

    best = from_bytes(raw[:65536]).best()
    if best is not None:
        candidates.append(best.encoding.lower())
    candidates.append("gb18030")  # the commonest non-UTF-8 encoding of the reviews we read
    for encoding in candidates:
        encoding = "gb18030" if encoding.replace("_", "").startswith("gb") else encoding
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "gb18030" and _cjk_share(text) < 0.2:
            continue
        return _check_text(text, path)
    raise DocumentError(path, "not text in any known encoding (tried UTF-8, UTF-16, GB18030)")


def _cjk_share(text: str) -> float:
    letters = [char for char in text[:20000] if not char.isspace() and not char.isascii()]
    if not letters:
        return 1.0
    return sum("\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"
               for char in letters) / len(letters)


def _check_text(text: str, path: str) -> str:
    sample = text[:20000]
    control = sum(1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v")
    if sample and control / len(sample) > 0.01:
        raise DocumentError(path, "binary file")
    return text


_SPACES = regex.compile(r"[^\S\n]+")
_BLANKS = regex.compile(r"\n\s*\n+")


def normalise_text(text: str) -> str:
    """NFKC (full-width digits and commas become ASCII), one space between words, no blank runs.

    Documents that differ only in white space or line endings normalise to the same text.
    """
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def guess_title(text: str) -> str:
    """The line just before the date line near the top, else the first line of some length."""
    lines = text.split("\n")[:80]
    for index, line in enumerate(lines[:60]):
        if find_publication_date(line) and index > 0:
            candidate = lines[index - 1]
            if len(candidate.split()) >= 3 or len(candidate) >= 12 or (len(candidate) >= 6 and not candidate.isascii()):
                return candidate
            break
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


class _HtmlText(HTMLParser):
    """Visible text of a page, one line per block element; scripts, styles and navigation dropped."""

    SKIP = {"script", "style", "nav", "noscript", "template", "svg", "head", "iframe", "button", "form"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
             "section", "article", "aside", "header", "footer", "main", "dt", "dd", "dl", "table",
             "blockquote", "pre", "hr", "figcaption", "title"}
    VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "base", "col"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skip_stack: list[str] = []
        self._title: list[str] = []
        self._h1: list[str] = []
        self._in: dict[str, int] = {"title": 0, "h1": 0}
        self.datetimes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if tag in self.BLOCK:
                self._parts.append("\n")
            return
        if tag in self.SKIP and len(self._skip_stack) < 1000:
            self._skip_stack.append(tag)
        if tag in self._in:
            self._in[tag] += 1
        if tag == "time":
            value = dict(attrs).get("datetime")
            if value:
                self.datetimes.append(value)
        if tag in self.BLOCK:
            self._parts.append("\n")

    def handle_endtag(self, tag):
        if self._skip_stack and tag == self._skip_stack[-1]:
            self._skip_stack.pop()
        elif tag in self._skip_stack:  # unclosed tags inside a skipped element
            while self._skip_stack and self._skip_stack.pop() != tag:
                pass
        if tag in self._in and self._in[tag] > 0:
            self._in[tag] -= 1
        if tag in self.BLOCK:
            self._parts.append("\n")

    def handle_data(self, data):
        if self._in["title"]:
            self._title.append(data)
        if self._skip_stack:
            return
        data = " ".join(data.split()) and f" {' '.join(data.split())} "  # HTML white space is one space
        if self._in["h1"]:
            self._h1.append(data)
        self._parts.append(data)

    def text(self) -> str:
        return "".join(self._parts)

    def title(self) -> str:
        return " ".join("".join(self._h1).split()) or " ".join("".join(self._title).split())
