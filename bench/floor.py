#!/usr/bin/env python
"""The floor of the benchmark: what any reader of these reviews must do, and nothing else.

    python bench/floor.py DIR [--jobs N]     # a whole process: read, decode, HTML to text, NFKC; prints a count

Every review file below DIR (tracker's suffixes) is read, decoded (UTF-8, else GB18030), turned into text if it
is HTML (lxml, as tracker does, with the fastest of its interfaces: a parser target gets the elements and text as
libxml2 reads them, no tree is built) and NFKC-normalised, on N processes (default: as tracker, every core up to
8), handed out in runs of files as tracker hands them out.

`minimal_text` goes one step further, to the text tracker's documents hold (white space collapsed, blank lines
dropped): the reference for tracker's own front end (bench/run.py compares the two file by file).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata

import lxml.etree

SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
# the elements tracker's HTML reader drops, and those that are lines of their own (tracker/htmltext.py)
SKIP = {"script", "style", "nav", "noscript", "template", "svg", "head", "iframe", "button", "form",
        "xmp", "noembed", "noframes", "title"}
BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
         "section", "article", "aside", "header", "footer", "main", "dt", "dd", "dl", "table",
         "blockquote", "pre", "hr", "figcaption", "title"}
CHUNK_FILES = 64


class _Text:
    """lxml parser target: the visible text, a line break around each block, " | " after each table cell."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skipping = 0

    def start(self, tag: str, attrib: dict) -> None:
        self.skipping += tag in SKIP
        if tag in BLOCK:
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        self.skipping -= tag in SKIP
        if tag in BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th") and not self.skipping:
            self.parts.append(" | ")

    def data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(f" {data} ")

    def comment(self, text: str) -> None:
        pass

    def close(self) -> str:
        return "".join(self.parts)


def html_text(markup: str) -> str:
    parser = lxml.etree.HTMLParser(target=_Text(), encoding="utf-8", remove_comments=True, remove_pis=True)
    return lxml.etree.fromstring(markup.encode("utf-8", "surrogatepass"), parser)


def floor_text(path: str) -> str:
    """Read, decode, HTML to text, NFKC: nothing else."""
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    if path.lower().endswith(HTML_SUFFIXES):
        text = html_text(text)
    return unicodedata.normalize("NFKC", text)


# white space but the line break, as tracker's normalised text has it (regex's \s, which leaves out \x1c-\x1f)
_SPACES = re.compile("[\t\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def minimal_text(path: str) -> str:
    """floor_text, then the white space of tracker's text: one space between words, no empty lines."""
    text = _SPACES.sub(" ", floor_text(path).replace("\r\n", "\n"))
    return "\n".join(line for line in (line.strip(" ") for line in text.split("\n")) if line)


def review_files(folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found += [os.path.join(root, name) for name in files if name.lower().endswith(SUFFIXES)]
    return sorted(found)


def _chunk(paths: list[str]) -> int:
    return sum(len(floor_text(path)) for path in paths)


def _chunks(items: list[str], jobs: int):
    at = 0
    while at < len(items):  # long runs first, shorter towards the end, as tracker.batch hands them out
        size = max(1, min(CHUNK_FILES, (len(items) - at) // (4 * jobs)))
        yield items[at:at + size]
        at += size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--jobs", type=int, default=max(1, min(os.cpu_count() or 1, 8)))
    args = parser.parse_args(argv)
    paths = review_files(args.folder)
    if args.jobs <= 1:
        total = _chunk(paths)
    else:
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        with multiprocessing.get_context(method).Pool(args.jobs) as pool:
            total = sum(pool.imap(_chunk, _chunks(paths, args.jobs)))
    print(f"{len(paths)} files, {total} characters of text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
