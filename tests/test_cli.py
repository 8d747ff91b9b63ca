"""The command line: help for everything, exit codes, and extract == ingest + export."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tracker.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SERIES = FIXTURES / "series"
SEED_LIKE = FIXTURES / "seed-like"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_has_help(name):
    command = main.commands[name]
    assert command.help and len(command.help.split()) >= 5, f"{name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help text"
    result = run(name, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def _key(row: dict) -> tuple:
    return (row["date"], row["commodity"], row["grade"], row["price_type"], float(row["low"]),
            float(row["high"]), row["currency"], row["unit"], Path(row["document"]).name)


def test_extract_then_ingest_then_export_give_the_same_observations(tmp_path):
    extracted = run("extract", str(SERIES), str(SEED_LIKE), "--format", "csv")
    assert extracted.exit_code == 0
    store = str(tmp_path / "t.db")
    assert run("ingest", str(SERIES), str(SEED_LIKE), "--store", store).exit_code == 0
    out = tmp_path / "out.csv"
    assert run("export", "--store", store, "--output", str(out)).exit_code == 0
    exported = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert extracted.stdout.startswith("\ufeff")  # a BOM on standard output too: `> prices.csv` opens in Excel
    extracted_rows = list(csv.DictReader(io.StringIO(extracted.stdout[1:])))
    assert len(extracted_rows) > 100
    assert sorted(map(_key, exported)) == sorted(map(_key, extracted_rows))


def test_ingest_twice_reports_unchanged(tmp_path):
    store = str(tmp_path / "t.db")
    run("ingest", str(SEED_LIKE), "--store", store)
    again = run("ingest", str(SEED_LIKE), "--store", store)
    assert "0 new, 1 unchanged" in again.stderr


def test_a_failing_file_is_reported_and_the_rest_extracted(tmp_path):
    (tmp_path / "a.txt").write_text("Cobalt sulphate offers rose to 96,000 yuan/mt.\n")
    (tmp_path / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = run("extract", str(tmp_path / "a.txt"), str(tmp_path / "b.png"), "--date", "2026-01-01",
                 "--format", "csv")
    assert result.exit_code == 1
    assert "b.png: binary file" in result.stderr
    assert "96000" in result.stdout and "Traceback" not in result.stderr


def test_a_document_without_date_names_the_file(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text("Cobalt sulphate offers rose to 96,000 yuan/mt.\n")
    result = run("extract", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"tracker: {path}: no publication date found; pass --date YYYY-MM-DD"


def test_standard_input(tmp_path):
    result = run("extract", "-", "--date", "2026-02-05", "--format", "json",
                 input="Refined cobalt deals were done at 415,000-420,000 yuan/mt.\n")
    assert result.exit_code == 0 and '"refined_cobalt"' in result.stdout


def test_a_foreign_database_is_a_clear_error_without_traceback(tmp_path):
    path = tmp_path / "other.db"
    path.write_text("not a database at all, just text\n")
    result = CliRunner().invoke(main, ["prices", "--store", str(path)])
    assert result.exit_code == 3
    assert "not an SQLite database" in result.stderr and "Traceback" not in result.stderr


def test_bad_date_option_is_a_usage_error():
    result = CliRunner().invoke(main, ["extract", "x.txt", "--date", "05/02/2026"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_the_cli_does_not_import_pandas_or_matplotlib_for_extract():
    code = ("import sys; from tracker.cli import main\n"
            "try:\n    main(['extract', '-', '--date', '2026-01-01'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], input="Cobalt sulphate at 1 yuan/mt.",
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]")


SHARED = ROOT.parent / "shared"
CORPUS_DIRS = [SHARED / "corpus" / "cobalt", SHARED / "corpus" / "wide"]
needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                                  reason="../shared (development corpus) is not present in this checkout")


def _score(csv_path: Path) -> str:
    labels = [arg for d in CORPUS_DIRS for arg in ("--labels", str(d / "labels.jsonl"))]
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), *labels, "--csv", str(csv_path)],
                            capture_output=True, text=True, check=True)
    return "\n".join(line for line in result.stdout.splitlines() if line.startswith(("price", "kind", "value")))


@needs_shared
def test_corpus_scores_the_same_after_ingest_and_export(tmp_path):
    extracted = run("extract", *map(str, CORPUS_DIRS), "--format", "csv")
    (tmp_path / "extract.csv").write_text(extracted.stdout, encoding="utf-8")
    store = str(tmp_path / "t.db")
    assert run("ingest", *map(str, CORPUS_DIRS), "--store", store).exit_code == 0
    assert run("export", "--store", store, "--output", str(tmp_path / "export.csv")).exit_code == 0
    assert _score(tmp_path / "extract.csv") == _score(tmp_path / "export.csv")


def test_series_of_the_main_job(tmp_path):
    """The README's main job: the fixtures were written with 31 series (fixtures/README.md)."""
    store = str(tmp_path / "t.db")
    assert run("ingest", str(FIXTURES), "--store", store).exit_code == 0
    listed = run("series", "--store", store, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(listed.stdout.lstrip("\ufeff"))))
    assert len(rows) == 31 and "31 series" in listed.stderr
    assert {"smm.cobalt_sulphate.high-nickel.bid.cny-mt", "argus.spodumene.6%+cif-china.assessment.usd-mt"} <= {
        row["series"] for row in rows}
    weekly = next(row for row in rows if row["series"] == "smm.cobalt_sulphate.high-nickel.bid.cny-mt")
    assert (weekly["points"], weekly["spacing"]) == ("9", "weekly")
    assert "no conflicts" in run("series", "--conflicts", "--store", store).stderr
    one = run("prices", "--store", store, "--series", "smm.cobalt_sulphate.high-nickel.bid.cny-mt", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(one.stdout.lstrip("\ufeff"))))) == 9
    by_alias = run("latest", "--store", store, "--commodity", "Cobalt Sulfate", "--publisher", "smm", "--format",
                   "csv")
    assert {row["commodity"] for row in csv.DictReader(io.StringIO(by_alias.stdout.lstrip("\ufeff")))} == {
        "cobalt_sulphate"}


@pytest.mark.parametrize("option", [("--commodity", "cobalt sulphat"), ("--series", "smm.cobalt"),
                                    ("--publisher", "Fastmarkets")])
def test_a_name_that_matches_nothing_is_a_usage_error_with_close_matches(tmp_path, option):
    store = str(tmp_path / "t.db")
    run("ingest", str(SEED_LIKE), "--store", store)
    for command in ("prices", "latest", "series", "export"):
        result = run(command, "--store", store, *option)
        assert result.exit_code == 2, (command, result.output)
        assert f"no {option[0][2:]} {option[1]!r} in the store" in result.stderr


def test_a_second_path_with_the_same_content_is_another_source(tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    original = next(SEED_LIKE.iterdir())
    (copy / "same.txt").write_bytes(original.read_bytes())
    store = str(tmp_path / "t.db")
    run("ingest", str(SEED_LIKE), "--store", store)
    run("ingest", str(copy), "--store", store)
    exported = run("export", "--store", store, "--format", "json")
    import json

    rows = json.loads(exported.stdout)
    assert rows and all(len(row["sources"]) == 2 for row in rows)


def test_the_publisher_option_overrides_the_page(tmp_path):
    page = tmp_path / "review.txt"
    page.write_text("Source: SMM\nPublished: Nov 6, 2025\nCobalt sulphate offers rose to 96,000 yuan/mt. "
                    "According to Fastmarkets, hydroxide payables were 70-72%.\n", encoding="utf-8")
    result = run("extract", str(page), "--format", "csv", "--publisher", "mysteel")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    # the page is Mysteel's as told; a price its sentence credits to another agency stays that agency's
    assert [row["publisher"] for row in rows] == ["Mysteel", "Fastmarkets"]
    assert run("extract", str(SEED_LIKE), "--publisher", "nobody").exit_code == 2
