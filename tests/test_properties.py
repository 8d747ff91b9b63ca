"""Property and fuzz tests (hypothesis, bounded example counts so they stay in the normal suite).

For arbitrary text: extraction never raises; every observation has low <= high, a known currency,
unit and price type, and its `text` stands in the (normalised) document at its span; extraction is
deterministic; documents that differ only in the kind of white space or line endings (not in their layout: blank
lines between paragraphs, runs of spaces setting table columns apart) give the same observations.
For arbitrary bytes: decode() and read_document() fail only with DocumentError.
"""
from __future__ import annotations

import math
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker.documents import decode, normalise_text, read_document
from tracker.errors import DocumentError
from tracker.extract import MAX_LINE, extract_text
from tracker.observation import CURRENCIES, PRICE_TYPES, UNITS
from tracker.registry import default_registry

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = date(2025, 11, 6)
EXAMPLES = int(os.environ.get("TRACKER_HYPOTHESIS_EXAMPLES", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Pieces of real reviews, so that generated text is often nearly (or really) a price.
PRICE_FRAGMENTS = [
    "$", "US$", "¥", "Yn", "USD", "RMB", "CNY", "yuan", "元", "万元", "美元", "/", "per ", "a ", "每",
    "mt", "t", "tonne", "tons", "lb", "kg", "dmtu", "吨", "磅", "千克", "yuan/mt", "/lb", "万元/吨", "元/吨",
    "美元/吨", "-", "–", "—", "~", "to", "至", "between", "and", ",", ".", "%", " ", "  ", "\n", "\r\n", "\t",
    "，", "。", "；", ";", ": ", "(", ")", "[", "]", "<", ">",
    "cobalt sulphate", "refined cobalt", "cobalt", "cobalt hydroxide", "lithium carbonate", "spodumene",
    "SC6", "MHP", "nickel sulphate", "硫酸钴", "电解钴", "碳酸锂", "氢氧化锂", "硫酸镍", "钴", "电池级", "工业级",
    "offers", "bids", "transacted at", "assessed at", "was", "were", "rose", "fell", "up", "down", "from",
    "last week", "forecast", "equivalent to", "above", "payable", "made from", "for", "报价", "成交", "上涨",
    "较上周", "high-nickel", "battery-grade", "[SMM Weekly Review]", "Related News", "Published: ",
    "Nov 6, 2025", "2025年11月6日",
]
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**7).map(str),
    st.integers(min_value=0, max_value=10**7).map(lambda n: f"{n:,}"),
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(["1,1,1", "1-1-1", "$1-$1", "0", "00", "0.0", "1,00", "1,0000", "9" * 40, "1e5"]),
)
PRICEY_TEXT = st.lists(st.one_of(st.sampled_from(PRICE_FRAGMENTS), NUMBERS, st.text(max_size=3)),
                       max_size=80).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=1500), PRICEY_TEXT)
COMMODITIES = set(default_registry().labels)


def check_observations(text: str, observations) -> None:
    normalised = normalise_text(text)
    for o in observations:
        assert o.low <= o.high, o
        assert o.unit in UNITS, o
        assert o.currency in CURRENCIES or (o.currency is None and o.unit == "%"), o
        assert o.price_type in PRICE_TYPES, o
        assert o.commodity in COMMODITIES, o
        assert o.date == PUBLISHED
        assert o.text and o.text in normalised, o
        assert normalised[o.start:o.end] == o.text, o


@SETTINGS
@given(text=ANY_TEXT, title=st.one_of(st.just(""), st.sampled_from(PRICE_FRAGMENTS), st.text(max_size=40)))
@example(text="Cobalt sulphate offers were 52,000-53,000 yuan/mt.", title="")
@example(text="硫酸钴报价5.2-5.3万元/吨，电解钴成交41.5万元/吨。", title="")
@example(text="Nickel payable for MHP was 85-86%.", title="")
@example(text="$1-$1-$1-$1-$1/lb cobalt", title="")
def test_extraction_invariants(text: str, title: str) -> None:
    warnings: list[str] = []
    observations = extract_text(text, PUBLISHED, title, warnings=warnings)
    check_observations(text, observations)
    assert warnings == []


@SETTINGS
@given(text=ANY_TEXT)
def test_extraction_is_deterministic(text: str) -> None:
    assert extract_text(text, PUBLISHED) == extract_text(text, PUBLISHED)


def test_extraction_is_deterministic_across_processes() -> None:
    """Hash randomisation (set and dict order of strings) must not change the result."""
    script = (
        "import glob, sys\n"
        "from tracker.documents import read_document\n"
        "from tracker.extract import extract_text\n"
        f"for path in sorted(glob.glob({str(ROOT / 'fixtures')!r} + '/**/*.*', recursive=True)):\n"
        "    if path.endswith(('.txt', '.html', '.htm')):\n"
        "        d = read_document(path)\n"
        "        print(path, extract_text(d.text, d.date, d.title))\n")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1


# Tabs only at the ends of lines: two tabs or more between the words of a line make it a table row.
SPACES = ["\u0020", "\u00a0", "\u3000", "\u2009", "\x0b", "\x0c"]
# a line break, and a paragraph break (a blank line): plain text's layout, kept in each variant
BREAKS = ["\n", "\r\n", "\r", " \n", "\n\t"]
PARAGRAPH_BREAKS = ["\n\n", "\r\n\r\n", "\n \n", "\r\n \r\n"]


@st.composite
def whitespace_variants(draw) -> tuple[str, str]:
    """A text and the same text with every run of white space replaced by another of its kind (a space by a
    space, a line break by a line break, a blank line by a blank line), before and after it any white space."""
    words = draw(st.lists(st.one_of(st.sampled_from([f for f in PRICE_FRAGMENTS if f.strip() == f and f]),
                                    NUMBERS), min_size=1, max_size=60))
    original, variant = [draw(st.sampled_from(["", " ", "\n", "\r\n "]))], [draw(st.sampled_from(["", "\t", "\n\n"]))]
    for word in words:
        original.append(word)
        variant.append(word)
        kind = draw(st.sampled_from(["none", "space", "break", "paragraph"]))
        if kind == "space":
            original.append(draw(st.sampled_from(SPACES)))
            variant.append(draw(st.sampled_from(SPACES)))
        elif kind == "break":
            original.append(draw(st.sampled_from(BREAKS)))
            variant.append(draw(st.sampled_from(BREAKS)))
        elif kind == "paragraph":
            original.append(draw(st.sampled_from(PARAGRAPH_BREAKS)))
            variant.append(draw(st.sampled_from(PARAGRAPH_BREAKS)))
    variant.append(draw(st.sampled_from(["", " ", "\r\n", "\n\n \t"])))
    return "".join(original), "".join(variant)


@SETTINGS
@given(pair=whitespace_variants())
@example(pair=("Cobalt sulphate offers\nwere 52,000-53,000 yuan/mt.", "Cobalt sulphate\toffers\r\n  were "
                                                                    "52,000-53,000 yuan/mt.  \r\n"))
def test_white_space_and_line_endings_do_not_matter(pair: tuple[str, str]) -> None:
    original, variant = pair
    assert normalise_text(original) == normalise_text(variant)
    assert extract_text(original, PUBLISHED) == extract_text(variant, PUBLISHED)


@SETTINGS
@given(text=st.text(max_size=500))
def test_normalise_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


def test_spans_hold_after_long_lines_are_cut() -> None:
    filler = "word " * (MAX_LINE // 5 + 50)  # one line longer than MAX_LINE: cut into pieces
    text = f"Cobalt sulphate review\n{filler}cobalt sulphate offers at 52,000 yuan/mt. {filler}" \
           f"refined cobalt was assessed at 415,000 yuan/mt.\nCobalt sulphate bids at 50,000 yuan/mt."
    observations = extract_text(text, PUBLISHED)
    assert sorted(o.low for o in observations) == [50000, 52000, 415000]
    check_observations(text, observations)


def test_prices_are_finite() -> None:
    observations = extract_text("Cobalt sulphate offers at " + "9" * 400 + " yuan/mt.", PUBLISHED)
    assert all(math.isfinite(o.low) and math.isfinite(o.high) for o in observations)


# --------------------------------------------------------------------------------------------------
# Bytes

MAGIC = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\x89PNG",
         b"PK\x03\x04", b"<html><head><meta charset=gb2312>", b"<meta charset='utf-16'>",
         b"<meta http-equiv=Content-Type content='text/html; charset=shift_jis'>", b"<!doctype html>"]
BYTES = st.one_of(
    st.binary(max_size=3000),
    st.tuples(st.sampled_from(MAGIC), st.binary(max_size=2000)).map(b"".join),
    st.tuples(st.sampled_from(["utf-8", "gb18030", "utf-16", "big5", "cp1252", "latin-1", "utf-32"]),
              PRICEY_TEXT).map(lambda pair: pair[1].encode(pair[0], errors="replace")),
)


@SETTINGS
@given(raw=BYTES)
def test_decode_raises_only_document_error(raw: bytes) -> None:
    try:
        text = decode(raw, "fuzz.txt")
    except DocumentError as error:
        assert error.path == "fuzz.txt" and error.reason
    else:
        assert isinstance(text, str)


HTML_FRAGMENTS = ["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<style>", "</style>", "<nav>",
                  "</nav>", "<head>", "</head>", "<title>", "</title>", "<h1>", "</h1>", "<body>", "<br/>",
                  "<!--", "-->", "<!DOCTYPE html>", "<?xml ?>", "<![CDATA[", "]]>", "<", ">", "</", "/>",
                  "'", '"', "=", "&amp;", "&#", "&#x", ";", "&nbsp;", "<a href=", "<time datetime='2025-11-06'>",
                  "<time datetime=", "</time>", "<svg><path d='M0'/></svg>", "<textarea>", "<iframe>"]
HTML_TEXT = st.lists(st.one_of(st.sampled_from(HTML_FRAGMENTS), st.sampled_from(PRICE_FRAGMENTS), NUMBERS,
                               st.text(max_size=4)), max_size=80).map(lambda parts: "<html>" + "".join(parts))


@SETTINGS
@given(raw=st.one_of(BYTES, HTML_TEXT.map(str.encode)), suffix=st.sampled_from([".txt", ".html", ".md"]))
def test_read_document_raises_only_document_error(tmp_path_factory, raw: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"review-2025-11-06{suffix}"
    path.write_bytes(raw)
    try:
        document = read_document(str(path))
    except DocumentError as error:
        assert error.path == str(path) and error.reason
        return
    assert normalise_text(document.text) == document.text
    assert "\r" not in document.text and "\n\n" not in document.text
    check_observations(document.text, extract_text(document.text, PUBLISHED, document.title))


SECRET = "ScriptOnlyMarker 99,000 yuan/mt"
# complete tokens: after each of them the page is back in plain text state
HTML_TOKENS = ["<p>", "</p>", "<div class='a>b'>", "</div>", "<br/>", "<br>", "<!-- a <b> c -->", "<!---->",
               "<nav>", "</nav>", "<h1>", "</h1>", "<title>", "</title>", "<head>", "</head>", "<body>", "</b>",
               "<!DOCTYPE html>", "<?xml version='1.0'?>", "<a href=\"x\" title='y'>", "</a>", "&amp;", "&lt;",
               "text", " ", "\n", "1 < 2", "3 > 2", "<svg><path d='M0'/></svg>", "</script>", "</style>",
               "<style>p { content: '<script>' }</style>", "<script type='a'>x = '<p>';</script>",
               f"<script>{SECRET}</script>", f"<SCRIPT defer>{SECRET}</script >",
               f"<script>{SECRET}</scripty></script>"]


@SETTINGS
@given(tokens=st.lists(st.sampled_from(HTML_TOKENS), max_size=40), tail=HTML_TEXT,
       unclosed=st.booleans())
def test_script_content_never_shows(tmp_path_factory, tokens: list[str], tail: str, unclosed: bool) -> None:
    page = "<html>" + "".join(tokens) + (f"<script>{SECRET} " + tail if unclosed else "")
    path = tmp_path_factory.mktemp("fuzz") / "page-2025-11-06.html"
    path.write_text(page, encoding="utf-8")
    try:
        text = read_document(str(path)).text
    except DocumentError:
        return
    assert "ScriptOnlyMarker" not in text
