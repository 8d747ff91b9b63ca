"""Reading review documents: files, folders, stdin; the publication date, title and publisher of each.

The steps live in modules of their own: tracker.decoding (bytes and encodings), tracker.htmltext (HTML
pages as text) and tracker.plaintext (normalised text); their public names are importable from here too.
"""
from __future__ import annotations

import bisect
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.dates import (
    AmbiguousDate,
    date_from_filename,
    find_dates,
    find_publication_date,
    is_forwarded,
    parse_iso_date,
)
from tracker.decoding import DEFAULT_MAX_SIZE, decode, read_bytes
from tracker.errors import DocumentError
from tracker.htmltext import html_to_text
from tracker.plaintext import check_expansion, normalise_text
from tracker.publishers import default_publishers

__all__ = ["DATE_SEARCH_SPAN", "DEFAULT_MAX_SIZE", "HTML_SUFFIXES", "MAX_TITLE", "SUFFIXES", "Document", "decode",
           "guess_title", "html_to_text", "iter_paths", "normalise_text", "parse_document", "read_bytes",
           "read_document", "text_hash"]

SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown")  # matched case-insensitively
HTML_SUFFIXES = (".html", ".htm")
DATE_SEARCH_SPAN = 100_000  # characters at the top of a document searched for its publication date
MAX_TITLE = 300  # characters


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
    check_expansion(text, path)
    text = normalise_text(text, plain=not is_html)
    if not title:
        title = guess_title(text)
    try:
        # reviews print their date near the top; a bounded head keeps a page of a million dates fast; the file
        # name's date is looked for only when needed
        published = date_override or _html_date(html_dates) or find_publication_date(text[:DATE_SEARCH_SPAN]) \
            or date_from_filename(os.path.basename(path))
    except AmbiguousDate as error:
        named = date_from_filename(os.path.basename(path))
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

_BYLINE = regex.compile(r"(?i)^(?:by|source|author|reporter|editor|来源|作者)\b")


_SUBJECT = regex.compile(r"(?im)^(?:subject|主题)\s*[:：]\s*(?:(?:FW|FWD|RE|转发|回复)\s*[:：]\s*)*(.{6,})$")


def guess_title(text: str) -> str:
    """An e-mail's subject (the original message's, when forwarded); else the line just before the date line near
    the top, else the first line of some length."""
    lines = text.split("\n", 80)[:80]
    head = "\n".join(lines[:60])
    subjects = _SUBJECT.findall(head)
    if subjects:  # (a reply quotes the message it answers below it: its own subject is the first)
        return (subjects[-1] if is_forwarded(head) else subjects[0]).strip()
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
