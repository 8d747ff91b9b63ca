"""Issue #11: no document stops a run, and every command answers mistakes the way an analyst expects.

One section per point of the issue: per-document isolation, phantom stores, output paths, files in
folders, Excel-safe CSV, numeric dates, and the tables, formats and messages of prices and latest.
(The grammar fuzzer of point 2 is tests/test_grammar.py.)
"""
from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.documents import parse_document
from tracker.errors import DocumentError
from tracker.store import Store

ROOT = Path(__file__).resolve().parents[1]
SERIES = ROOT / "fixtures" / "series"


def run(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def review(price: str, day: str = "Nov 6, 2025") -> str:
    return f"Cobalt weekly review\nPublished: {day}\nCobalt sulphate offers were {price} yuan/mt.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for name, price in (("a.txt", "50,000"), ("b.txt", "51,000"), ("c.txt", "52,000")):
        (reviews / name).write_text(review(price), encoding="utf-8")
    return reviews


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled series, ingested once: the tests only read it."""
    path = str(tmp_path_factory.mktemp("store") / "store.db")
    assert run("ingest", str(SERIES), "--store", path).exit_code == 0
    return path


# -- 1. per-document isolation -------------------------------------------------------------------

def _fail_on_b(monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.batch

    real = tracker.batch.extract_document

    def extract(document, warnings=None):
        if document.path.endswith("b.txt"):
            raise RuntimeError("boom\nsecond line")
        return real(document, warnings)

    monkeypatch.setattr(tracker.batch, "extract_document", extract)


def test_an_unexpected_failure_is_that_documents_alone(folder: Path, tmp_path: Path, monkeypatch) -> None:
    _fail_on_b(monkeypatch)
    db = tmp_path / "s.db"
    result = run("ingest", str(folder), "--store", str(db))
    assert result.exit_code == 1
    assert f"tracker: {folder / 'b.txt'}: internal error: RuntimeError: boom; rerun with --debug for the traceback" \
        in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and "second line" not in result.stderr
    with Store(db) as opened:
        assert sorted(row["low"] for row in opened.observations()) == [50000, 52000]  # a and c stored

    extracted = run("extract", str(folder), "--format", "json")
    assert extracted.exit_code == 1
    assert sorted(row["low"] for row in json.loads(extracted.stdout)) == [50000, 52000]
    assert "2 observations from 2 documents; 1 failed" in extracted.stderr


def test_debug_shows_the_traceback_and_still_goes_on(folder: Path, monkeypatch) -> None:
    _fail_on_b(monkeypatch)
    result = run("--debug", "extract", str(folder), "--format", "csv")
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr and "RuntimeError: boom" in result.stderr
    assert "rerun with --debug" not in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert sorted(row["low"] for row in rows) == ["50000", "52000"]


def test_reextract_goes_on_past_a_failing_document(folder: Path, tmp_path: Path, monkeypatch) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", str(folder), "--store", db)
    import tracker.extract

    real = tracker.extract.extract_text

    def extract(text, published, title="", *args, **kwargs):
        if "51,000" in text:
            raise ValueError("bad rule")
        return real(text, published, title, *args, **kwargs)

    monkeypatch.setattr(tracker.extract, "extract_text", extract)
    result = run("reextract", "--store", db)
    assert result.exit_code == 1
    assert "b.txt: internal error: ValueError: bad rule" in result.stderr
    assert "2 documents re-extracted" in result.stderr and "1 failed" in result.stderr
    with Store(db) as opened:  # the failing document keeps the observations it had
        assert sorted(row["low"] for row in opened.observations()) == [50000, 51000, 52000]


def test_the_payable_that_stopped_every_run(tmp_path: Path) -> None:
    result = run("extract", "-", "--date", "2026-01-29", "--format", "json",
                 input="Cobalt hydroxide payables rose from 70 to 75%.\n")
    assert result.exit_code == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert (row["commodity"], row["low"], row["high"], row["unit"]) == ("cobalt_intermediate", 75, 75, "%")


# -- 3. no phantom stores ------------------------------------------------------------------------

READING_COMMANDS = sorted(name for name, command in main.commands.items()
                          if name != "ingest" and any(param.name == "store_path" for param in command.params))


def test_every_command_with_a_store_but_ingest_only_reads() -> None:
    assert {"latest", "prices", "export", "plot", "reextract"} <= set(READING_COMMANDS)


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_no_store_no_phantom(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "tracker.db"
    result = run(command, "--store", str(missing))
    assert result.exit_code == 3
    assert result.stderr == f"tracker: no store at {missing} (run 'tracker ingest' first)\n"
    assert list(tmp_path.iterdir()) == []  # no folder, no file
    by_env = run(command, env={"TRACKER_STORE": str(missing)})  # the default store, chosen by the environment
    assert by_env.exit_code == 3 and not missing.parent.exists()


def test_only_ingest_creates_a_store_and_says_so_once(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "new" / "s.db"
    first = run("ingest", str(folder), "--store", str(db))
    assert first.exit_code == 0 and f"created a new store at {db}" in first.stderr
    again = run("ingest", str(folder), "--store", str(db))
    assert again.exit_code == 0 and "created" not in again.stderr


# -- 4. output paths -----------------------------------------------------------------------------

def test_export_creates_missing_folders(store: str, tmp_path: Path) -> None:
    target = tmp_path / "nodir" / "sub" / "p.csv"
    result = run("export", "--store", store, "-o", str(target))
    assert result.exit_code == 0 and target.stat().st_size > 0


@pytest.mark.parametrize(("args", "says"), [
    (["export", "-o", "{tmp}/p.xls"], "not .xls"),  # .xlsx is a workbook (issue #13), .xls no format
    (["export", "-o", "{tmp}/p.json"], "pass --format json"),
    (["export", "--format", "json", "-o", "{tmp}/p.csv"], "pass --format csv"),
    (["plot", "-o", "{tmp}/out.jpg", "cobalt_sulphate"], "give a .png file or a folder"),
])
def test_an_extension_the_command_cannot_write_is_a_usage_error(store: str, tmp_path: Path, args, says) -> None:
    out = tmp_path / "out"
    result = run(*(arg.format(tmp=out) for arg in args), "--store", store)
    assert result.exit_code == 2 and says in result.stderr
    assert not out.exists()


def test_plot_to_one_png(store: str, tmp_path: Path) -> None:
    one = tmp_path / "charts" / "sub" / "cobalt.png"
    result = run("plot", "--store", store, "-o", str(one), "cobalt_sulphate", "--dpi", "20")
    assert result.exit_code == 0 and one.is_file()
    several = run("plot", "--store", store, "-o", str(tmp_path / "all.png"), "--dpi", "20")
    assert several.exit_code == 2 and "give a folder" in several.stderr
    assert not (tmp_path / "all.png").exists()
    folder = run("plot", "--store", store, "-o", str(tmp_path / "charts.2026"), "--dpi", "20", "cobalt_sulphate",
                 "refined_cobalt")
    assert folder.exit_code == 0 and len(list((tmp_path / "charts.2026").glob("*.png"))) == 2


# -- 5. files in folders -------------------------------------------------------------------------

def test_review_formats_in_any_case_and_the_rest_named(tmp_path: Path) -> None:
    for name, price in (("a.txt", "50,000"), ("b.TXT", "51,000"), ("c.text", "52,000"), ("e.markdown", "53,000")):
        (tmp_path / name).write_text(review(price), encoding="utf-8")
    (tmp_path / "f.HTML").write_text(f"<html><body><p>{review('54,000')}</p></body></html>", encoding="utf-8")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    result = run("extract", str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    assert sorted(row["low"] for row in json.loads(result.stdout)) == [50000, 51000, 52000, 53000, 54000]
    assert result.stderr.endswith(f"5 observations from 5 documents; 0 failed; "
                                  f"skipped 1 file not a review format: {tmp_path / 'd.pdf'}\n")


@pytest.mark.parametrize("content", [[], ["d.pdf"]])
def test_nothing_to_read_is_a_failure(tmp_path: Path, content: list[str]) -> None:
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for name in content:
        (reviews / name).write_bytes(b"%PDF-1.7\n")
    for command in (["extract"], ["ingest", "--store", str(tmp_path / "s.db")]):
        result = run(*command, str(reviews))
        assert result.exit_code == 1
        assert "no review files to read" in result.stderr and all(name in result.stderr for name in content)
    assert not (tmp_path / "s.db").exists()


# -- 6. Excel-safe CSV ---------------------------------------------------------------------------

def test_csv_on_standard_output_has_a_bom_and_safe_cells(tmp_path: Path, store: str) -> None:
    text = "=HYPERLINK(\"x\") cobalt weekly price review\nCobalt sulphate offers were 50,000 yuan/mt.\n"
    result = run("extract", "-", "--date", "2026-01-29", "--format", "csv", input=text)
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    [row] = csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig")))
    assert row["title"].startswith("'=") and row["low"] == "50000"
    for command in ("prices", "latest"):
        shown = run(command, "--store", store, "--format", "csv")
        assert shown.stdout_bytes.startswith(b"\xef\xbb\xbf"), command


# -- 7. dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["29/01/2026", "01/29/2026", "29.01.2026", "2026/01/29", "29-01-2026"])
def test_numeric_dates(written: str) -> None:
    document = parse_document("review.txt", review("50,000", written).encode())
    assert document.date == date(2026, 1, 29)


def test_an_undecidable_day_and_month_is_an_error_never_a_guess() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document("review.txt", review("50,000", "03/04/2026").encode())
    assert caught.value.reason == "ambiguous publication date: 03/04/2026 could be 4 March or 3 April 2026"
    assert caught.value.remedy == "date_override"


@pytest.mark.parametrize(("name", "extra", "expected"), [
    ("review.txt", "Earlier note of 15/03/2026.", date(2026, 4, 3)),  # the page writes day first
    ("review.txt", "Apr 3, 2026 headline", date(2026, 4, 3)),  # a written-out date agrees with one reading
    ("review-2026-03-04.txt", "", date(2026, 3, 4)),  # so does the file name
    ("review.txt", "", None),
])
def test_clues_on_the_page_decide_the_order(name: str, extra: str, expected: date | None) -> None:
    content = (review("50,000", "03/04/2026") + extra).encode()
    if expected is None:
        with pytest.raises(DocumentError, match="ambiguous"):
            parse_document(name, content)
    else:
        assert parse_document(name, content).date == expected


def test_the_cli_adds_the_hint_and_names_the_file_once(tmp_path: Path) -> None:
    path = tmp_path / "nodate.txt"
    path.write_text("Cobalt review\nPublished: 03/04/2026\nCobalt sulphate was 1 yuan/mt.\n", encoding="utf-8")
    result = run("extract", str(path))
    line, *_, summary = result.stderr.splitlines()
    assert line == (f"tracker: {path}: ambiguous publication date: 03/04/2026 could be 4 March or 3 April 2026; "
                    "pass --date YYYY-MM-DD")
    assert line.count(str(path)) == 1 and summary == "0 observations from 0 documents; 1 failed"


# -- 8. tables, formats, messages ----------------------------------------------------------------

def test_prices_and_latest_formats_and_limit(store: str) -> None:
    for command in ("prices", "latest"):
        rows = json.loads(run(command, "--store", store, "--format", "json").stdout)
        limited = run(command, "--store", store, "--format", "json", "--limit", "2")
        assert json.loads(limited.stdout) == rows[:2] and f"showing the first 2 of {len(rows)} rows" in limited.stderr
        as_csv = list(csv.DictReader(io.StringIO(run(command, "--store", store, "--format", "csv", "--limit", "3")
                                                 .stdout_bytes.decode("utf-8-sig"))))
        assert len(as_csv) == 3
    prices = json.loads(run("prices", "--store", store, "--format", "json").stdout)
    assert all(os.path.isabs(row["document"]) for row in prices)  # the full path in csv and json


@pytest.mark.parametrize("columns", [80, 200])
def test_the_table_fits_the_terminal_and_shows_file_names(store: str, columns: int) -> None:
    result = run("prices", "--store", store, env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert len(lines) > 10 and max(map(len, lines)) <= columns
    assert str(SERIES) not in result.stdout
    if columns == 200:
        assert "smm-2025-11-06-cobalt-sulphate.txt" in result.stdout


def test_plurals(folder: Path, tmp_path: Path) -> None:
    one = folder / "a.txt"
    result = run("ingest", str(one), "--store", str(tmp_path / "s.db"))
    assert "1 document read: 1 new, 0 unchanged, 0 replaced; 1 observation added; 0 errors" in result.stderr
    assert "1 observation from 1 document; 0 failed" in run("extract", str(one)).stderr


def test_no_library_warning_leaks(store: str, tmp_path: Path) -> None:
    result = run("plot", "--store", store, "cobalt_sulphate", "-o", str(tmp_path / "c.png"),
                 "--width", "2", "--height", "2", "--dpi", "20")
    assert result.exit_code == 0
    assert "UserWarning" not in result.stderr and ".py:" not in result.stderr
    assert "tracker: warning: " in result.stderr and result.stderr.count("too small") == 1


def test_library_reasons_name_no_option() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document("x.txt", b"Cobalt review without a date\n")
    assert "--" not in caught.value.reason and "x.txt" not in caught.value.reason
