"""Reading review documents: encodings, HTML, publication dates, directories, and files that are not reviews."""
from __future__ import annotations

import codecs
import os
from datetime import date
from pathlib import Path

import pytest

from tracker.documents import decode, guess_title, iter_paths, normalise_text, read_document
from tracker.errors import DocumentError
from tracker.extract import extract_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ENCODINGS = FIXTURES / "encodings"

REVIEW = ("【SMM碳酸锂周评】现货成交重心上移\n2025年11月20日 17:05\n"
          "电池级碳酸锂报8.42-8.60万元/吨；工业级碳酸锂报8.20-8.34万元/吨。锂辉石价格为985-1015美元/吨。")


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return str(path)


def prices(path: str) -> list[tuple]:
    document = read_document(path)
    return [(o.date, o.commodity, o.price_type, o.low, o.high, o.currency, o.unit)
            for o in extract_text(document.text, document.date, document.title)]


# --------------------------------------------------------------------------------------------------
# Encodings

@pytest.mark.parametrize("name", ["review-utf8.txt", "review-utf8-bom.txt", "review-utf16.txt",
                                  "review-gb18030.txt"])
def test_fixture_encodings_read_alike(name: str) -> None:
    twin = read_document(str(ENCODINGS / "review-utf8.txt"))
    document = read_document(str(ENCODINGS / name))
    assert document.text == twin.text and not document.text.startswith("\ufeff")
    assert document.title == twin.title == "【SMM碳酸锂周评】现货成交重心上移 下游补库意愿回升"
    assert document.date == date(2025, 11, 20)
    assert document.content_hash == twin.content_hash


def test_gb18030_fixture_gives_the_observations_of_its_utf8_twin() -> None:
    expected = prices(str(ENCODINGS / "review-utf8.txt"))
    assert len(expected) == 5
    assert prices(str(ENCODINGS / "review-gb18030.txt")) == expected


@pytest.mark.parametrize(("encoding", "bom"), [
    pytest.param("utf-8", b"", id="utf-8"),
    pytest.param("utf-8", codecs.BOM_UTF8, id="utf-8-bom"),
    pytest.param("utf-16-le", codecs.BOM_UTF16_LE, id="utf-16-le-bom"),
    pytest.param("utf-16-be", codecs.BOM_UTF16_BE, id="utf-16-be-bom"),
    pytest.param("gb18030", b"", id="gb18030"),
    pytest.param("gbk", b"", id="gbk"),
])
def test_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = write(tmp_path, "review.txt", bom + REVIEW.encode(encoding))
    document = read_document(path)
    assert document.text == normalise_text(REVIEW)
    assert document.date == date(2025, 11, 20)
    assert prices(path) == [
        (date(2025, 11, 20), "lithium_carbonate", "assessment", 84200, 86000, "CNY", "mt"),
        (date(2025, 11, 20), "lithium_carbonate", "assessment", 82000, 83400, "CNY", "mt"),
        (date(2025, 11, 20), "spodumene", "assessment", 985, 1015, "USD", "mt"),
    ]


def test_decode_drops_the_bom() -> None:
    assert decode(codecs.BOM_UTF8 + "钴 cobalt".encode()) == "钴 cobalt"
    assert decode(codecs.BOM_UTF16_LE + "钴 cobalt".encode("utf-16-le")) == "钴 cobalt"


def test_decode_html_declaring_gb2312() -> None:
    page = ('<html><head><meta charset="gb2312"><title>硫酸钴周评</title></head>'
            '<body><p>硫酸钴价格上涨</p></body></html>')
    assert decode(page.encode("gb2312"), "page.html") == page


# --------------------------------------------------------------------------------------------------
# HTML

PAGE = """<!DOCTYPE html>
<html><head><title>Cobalt &amp; more | SMM</title>
<style>p { color: red } .price:after { content: "88,000 yuan/mt" }</style>
<script>var p = "99,000 yuan/mt"; var q = "$23.9/lb";</script></head>
<body><nav>Home &middot; Base Metals &middot; Cobalt</nav>
<h1>Refined cobalt &amp; intermediates steady</h1>
<time datetime="2025-11-06T17:40:00+08:00">Nov 6, 2025</time>
<p>Refined cobalt prices were assessed at 415,000&ndash;420,000 yuan/mt.&nbsp;Cobalt hydroxide was
   $24.0&#8211;24.5/lb.</p>
<footer>&copy; SMM 2025</footer></body></html>"""


def test_html_visible_text_only(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "page.html", PAGE))
    assert "99,000" not in document.text and "23.9" not in document.text  # <script>
    assert "color" not in document.text and "88,000" not in document.text  # <style>
    assert "Base Metals" not in document.text  # <nav>
    assert "415,000–420,000 yuan/mt" in document.text  # &ndash;
    assert "$24.0–24.5/lb" in document.text  # &#8211;
    assert "© SMM 2025" in document.text and "&" not in document.text.replace("Refined cobalt & ", "")
    assert document.title == "Refined cobalt & intermediates steady"  # <h1> before <title>
    assert document.date == date(2025, 11, 6)


def test_html_extraction_ignores_script_prices(tmp_path: Path) -> None:
    assert prices(write(tmp_path, "page.html", PAGE)) == [
        (date(2025, 11, 6), "refined_cobalt", "assessment", 415000, 420000, "CNY", "mt"),
        (date(2025, 11, 6), "cobalt_intermediate", "assessment", 24.0, 24.5, "USD", "lb"),
    ]


def test_html_title_without_h1(tmp_path: Path) -> None:
    page = "<html><head><title>Lithium weekly &ndash; prices firm</title></head><body><p>x</p></body></html>"
    document = read_document(write(tmp_path, "lithium-2025-01-02.htm", page))
    assert document.title == "Lithium weekly – prices firm"


def test_html_time_beats_text_date(tmp_path: Path) -> None:
    page = ("<html><body><p>Published: Jan 2, 2025</p><time datetime=\"2025-11-06\">yesterday</time>"
            "</body></html>")
    assert read_document(write(tmp_path, "page.html", page)).date == date(2025, 11, 6)


def test_html_recognised_by_content(tmp_path: Path) -> None:
    page = "<!doctype html><html><head><script>var a = 1;</script></head><body><h1>Cobalt review</h1>" \
           "<p>Published: Dec 18, 2025</p></body></html>"
    document = read_document(write(tmp_path, "saved-page.txt", page))
    assert "var a" not in document.text and document.title == "Cobalt review"


# --------------------------------------------------------------------------------------------------
# Publication dates

DATE_LINES = [
    pytest.param("Published: Dec 18, 2025 17:46", date(2025, 12, 18), id="published-colon"),
    pytest.param("Jul 03, 2025, at 5:29 pm", date(2025, 7, 3), id="month-first-at-time"),
    pytest.param("iconNov 6, 2025 18:17", date(2025, 11, 6), id="icon-glued"),
    pytest.param("  • Nov 27, 2025, at 5:35 pm", date(2025, 11, 27), id="bullet"),
    pytest.param("Published date: 6 November 2025", date(2025, 11, 6), id="argus-day-first"),
    pytest.param("2025-11-06 16:45", date(2025, 11, 6), id="iso"),
    pytest.param("2025-11-06T16:45:00+08:00", date(2025, 11, 6), id="iso-datetime"),
    pytest.param("2025年12月18日 17:02", date(2025, 12, 18), id="chinese"),
    pytest.param("２０２５年１２月１８日", date(2025, 12, 18), id="chinese-full-width"),
    pytest.param("2025年1月8日 来源：SMM", date(2025, 1, 8), id="chinese-one-digit"),
    pytest.param("17-Feb-2025 (Mon)   close of business Shanghai", date(2025, 2, 17), id="day-month-year-hyphens"),
]


@pytest.mark.parametrize(("line", "expected"), DATE_LINES)
def test_publication_date_forms(tmp_path: Path, line: str, expected: date) -> None:
    path = write(tmp_path, "review.txt", f"Cobalt sulphate weekly review\n{line}\nCobalt sulphate was steady.\n")
    assert read_document(path).date == expected


def test_date_glued_to_the_headline(tmp_path: Path) -> None:
    text = "[SMM Weekly Review] Cobalt sulphate buying resumesiconDec 11, 2025 18:05\nBody.\n"
    assert read_document(write(tmp_path, "review.txt", text)).date == date(2025, 12, 11)


def test_published_line_beats_an_earlier_date(tmp_path: Path) -> None:
    text = "Cobalt review for the week to Dec 12, 2025\nPublished: Dec 18, 2025 17:46\nBody.\n"
    assert read_document(write(tmp_path, "review.txt", text)).date == date(2025, 12, 18)


def test_date_override_beats_the_document(tmp_path: Path) -> None:
    path = write(tmp_path, "review-2025-01-01.txt", "Cobalt review\nPublished: Dec 18, 2025 17:46\nBody.\n")
    assert read_document(path, date_override=date(2024, 3, 4)).date == date(2024, 3, 4)


def test_date_override_for_an_undated_document(tmp_path: Path) -> None:
    path = write(tmp_path, "review.txt", "Cobalt review\nno date here\n")
    assert read_document(path, date_override=date(2024, 3, 4)).date == date(2024, 3, 4)


@pytest.mark.parametrize(("name", "expected"), [
    pytest.param("smm-2025-03-04-cobalt.txt", date(2025, 3, 4), id="dashes"),
    pytest.param("review_20250304.txt", date(2025, 3, 4), id="compact"),
    pytest.param("2025_03_04 review.txt", date(2025, 3, 4), id="underscores"),
])
def test_date_from_the_file_name_as_fallback(tmp_path: Path, name: str, expected: date) -> None:
    assert read_document(write(tmp_path, name, "Cobalt review\nno date here\n")).date == expected


def test_document_date_beats_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "smm-2025-03-04-cobalt.txt", "Cobalt review\nPublished: Dec 18, 2025 17:46\n")
    assert read_document(path).date == date(2025, 12, 18)


def test_no_date_anywhere(tmp_path: Path) -> None:
    path = write(tmp_path, "undated-review.txt", "Cobalt review\nCobalt sulphate was 92,000 yuan/mt.\n")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: no publication date found"  # the file once, no CLI option
    assert caught.value.path == path and caught.value.remedy == "date_override"


# --------------------------------------------------------------------------------------------------
# Titles and normalisation

TITLES = [
    pytest.param("Cobalt weekly review\nPublished: Dec 18, 2025 17:46\nBody text here.", "Cobalt weekly review",
                 id="line-before-date"),
    pytest.param("Sign In\nBase Metals\nCobalt\n[SMM Weekly Review] Cobalt sulphate firms as smelters lift quotes"
                 "\nPublished: Nov 6, 2025 17:40\nBody.",
                 "[SMM Weekly Review] Cobalt sulphate firms as smelters lift quotes", id="after-site-menu"),
    pytest.param("【SMM碳酸锂周评】现货成交重心上移\n2025-11-20 17:05 来源：SMM\n正文",
                 "【SMM碳酸锂周评】现货成交重心上移", id="chinese-headline"),
    pytest.param("硫酸钴周评价格上涨\n2025年12月18日 17:02\n正文", "硫酸钴周评价格上涨", id="short-chinese-headline")
]


@pytest.mark.parametrize(("text", "title"), TITLES)
def test_guess_title(text: str, title: str) -> None:
    assert guess_title(normalise_text(text)) == title


def test_normalise_text() -> None:
    assert normalise_text("７５，６００元／吨") == "75,600元/吨"
    assert normalise_text("a \t b\r\n\r\n\r\n  c  \rd") == "a b\nc\nd"
    assert normalise_text("\u3000钴\u00a0价格 ") == "钴 价格"
    assert normalise_text(normalise_text("x\n\n y")) == normalise_text("x\n\n y")


def test_tab_separated_rows_keep_their_columns() -> None:
    assert normalise_text("Product\tLow\tHigh\nCobalt sulphate\t45,000\t\tyuan/mt\nsay\thi") == \
        "Product | Low | High\nCobalt sulphate | 45,000 | | yuan/mt\nsay hi"


# --------------------------------------------------------------------------------------------------
# Directories

def test_directory_expansion_is_sorted(tmp_path: Path) -> None:
    for name in ["b.txt", "a.html", "sub/c.md", "sub/z/d.htm", "sub/Y.TXT", "notes.csv", "image.png", "sub/e.json"]:
        write(tmp_path, name, "x")
    root = str(tmp_path)
    assert list(iter_paths([root])) == [os.path.join(root, name) for name in
                                        ["a.html", "b.txt", "sub/Y.TXT", "sub/c.md", "sub/z/d.htm"]]


def test_named_files_keep_their_order(tmp_path: Path) -> None:
    first, second = write(tmp_path, "z.txt", "x"), write(tmp_path, "dir/a.txt", "x")
    assert list(iter_paths([first, str(tmp_path / "dir"), "-", "missing.txt"])) == [first, second, "-",
                                                                                   "missing.txt"]


def test_directory_walk_does_not_follow_link_loops(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "x")
    os.symlink(tmp_path, tmp_path / "loop")
    assert list(iter_paths([str(tmp_path)])) == [str(tmp_path / "a.txt")]


# --------------------------------------------------------------------------------------------------
# Files that are not reviews

NOT_TEXT = [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b" \n\r\n\t ", "empty", id="white-space-only"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(64), "binary", id="png"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary", id="pdf"),
    pytest.param(b"PK\x03\x04" + bytes(64), "binary", id="zip"),
    pytest.param(b"\x1f\x8b\x08\x00" + bytes(64), "binary", id="gzip"),
    pytest.param(b"Cobalt\x00\x01\x02\x03" * 50, "binary", id="nul-bytes"),
    pytest.param(bytes(range(1, 32)) * 40, "binary", id="control-characters"),
]


@pytest.mark.parametrize(("content", "reason"), NOT_TEXT)
def test_not_a_review(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path, "review-2025-01-02.txt", content)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert reason in caught.value.reason and str(caught.value).startswith(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_document(str(tmp_path / "missing.txt"))


def test_directory_without_reviews(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="directory"):
        read_document(str(tmp_path))


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big-2025-01-02.txt", "Cobalt review\n" * 100)
    with pytest.raises(DocumentError, match="larger than the 100 byte limit") as caught:
        read_document(path, max_size=100)
    assert caught.value.remedy == "max_size"


def test_folder_notes_are_not_taken_for_reviews(tmp_path: Path) -> None:
    for name in ["README.md", "SOURCES.md", "review-2025-11-06.md", "readme-2025.txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [Path(p).name for p in iter_paths([str(tmp_path)])] == ["readme-2025.txt", "review-2025-11-06.md"]
    assert list(iter_paths([str(tmp_path / "README.md")])) == [str(tmp_path / "README.md")]
