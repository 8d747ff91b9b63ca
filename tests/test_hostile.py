"""Hostile input: bad files get one plain error line each and the rest is still ingested; no input can
hang the reader or the extractor; foreign stores are refused untouched; exports are spreadsheet-safe
and written atomically.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import multiprocessing
import os
import random
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker import documents
from tracker.cli import main
from tracker.documents import decode, iter_paths, read_document
from tracker.errors import DocumentError
from tracker.export import FORMULA_PREFIXES
from tracker.extract import extract_text
from tracker.store import SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parents[1]
SERIES = ROOT / "fixtures" / "series"
GOOD = ["argus-2025-11-06-lithium-weekly.txt", "smm-2025-11-06-cobalt-sulphate.txt",
        "smm-2025-11-06-refined-cobalt.html", "smm-2025-11-06-nickel-sulphate-zh.txt"]
HANG_GUARD = 30.0  # seconds: a hang check, not a speed test (bench/nearmiss.py shows the real times)


def _read_permission_is_enforced() -> bool:
    """False when running as root (or with CAP_DAC_OVERRIDE): such a process reads files mode 0000."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"x")
        os.chmod(probe, 0)
        try:
            probe.read_bytes()
        except PermissionError:
            return True
        finally:
            os.chmod(probe, 0o600)
    return False


IS_ROOT = not _read_permission_is_enforced()
ROOT_SKIP = pytest.mark.skipif(IS_ROOT, reason="running as root: root reads files without read permission "
                                                "(the reason is checked by test_permission_denied_is_reported)")


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("TRACKER_STORE", None)
    return subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def garbage(size: int = 4096, seed: int = 7) -> bytes:
    """High bytes mixed with control bytes: not UTF-8 and no encoding turns it into text."""
    rng = random.Random(seed)
    alphabet = list(range(0x80, 0x100)) + [0x01, 0x02, 0x03, 0x1B, 0x7F]
    return bytes(rng.choice(alphabet) for _ in range(size))


# (an unclosed <title> swallows the rest of the page in browsers and in libxml2 alike, so it is closed)
TRICKY_HTML = """<!doctype html><html><head><title>Cobalt weekly</title>
<script>var p = "99,000 yuan/mt"; var q = "$23.9/lb";</script>
<body><div><p>Published: Nov 6, 2025<p>Cobalt sulphate offers were at 52,000-53,000 yuan/mt.
<div><span><b>Refined cobalt was assessed at 415,000 yuan/mt.<table><tr><td>unclosed
<script>document.write("88,888 yuan/mt")"""


# --------------------------------------------------------------------------------------------------
# One ingest over a folder of good and bad files

def build_hostile_folder(folder: Path) -> dict[str, str]:
    """Good reviews plus every kind of bad file; returns {path as reported: expected reason}."""
    folder.mkdir()
    for name in GOOD:
        (folder / name).write_bytes((SERIES / name).read_bytes())
    (folder / "tricky-2025-11-06.html").write_text(TRICKY_HTML, encoding="utf-8")
    bad: dict[str, str] = {}

    def expect(name: str, reason: str) -> None:
        bad[os.path.join(str(folder), name)] = reason

    (folder / "empty.txt").write_bytes(b"")
    expect("empty.txt", "empty file")
    (folder / "chart.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    expect("chart.txt", "binary file (PNG image)")
    with zipfile.ZipFile(folder / "archive.md", "w") as archive:
        archive.writestr("review.txt", "Cobalt sulphate offers at 50,000 yuan/mt.")
    expect("archive.md", "binary file (zip archive)")
    (folder / "garbage.txt").write_bytes(garbage())
    expect("garbage.txt", "not text in any known encoding")
    with open(folder / "huge.txt", "wb") as handle:  # sparse: 200 MB of size, no 200 MB written
        handle.truncate(200 * 1024 * 1024)
    expect("huge.txt", "larger than the 50 MB limit")
    os.symlink("loop.txt", folder / "loop.txt")
    expect("loop.txt", "symbolic link loop")
    os.symlink("..", folder / "parent")  # a directory link: the walk must not follow it
    (folder / "x.txt").mkdir()
    expect("x.txt", "is a directory")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")  # opening it for reading must not wait for a writer
        expect("pipe.txt", "not a regular file")
    if not IS_ROOT:
        (folder / "secret.txt").write_text("Cobalt review\nPublished: Nov 6, 2025\n", encoding="utf-8")
        os.chmod(folder / "secret.txt", 0)
        expect("secret.txt", "permission denied")
    return bad


def test_ingest_over_a_folder_of_good_and_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    bad = build_hostile_folder(folder)
    store_path = tmp_path / "store.db"
    result = cli("ingest", str(folder), "--store", str(store_path), timeout=120)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    for path, reason in bad.items():
        reported = [line for line in lines if line.startswith(f"tracker: {path}: ")]
        assert len(reported) == 1, (path, result.stderr)
        assert reason in reported[0], (reason, reported[0])
    assert f"{len(bad)} errors" in result.stderr
    with Store(store_path) as store:
        assert store.integrity_check() == "ok"
        stored = {Path(row[0]).name for row in store._query("SELECT path FROM documents")}
        assert stored == {*GOOD, "tricky-2025-11-06.html"}
        tricky = [row for row in store.observations() if row["document"].endswith("tricky-2025-11-06.html")]
    prices = sorted((row["commodity"], row["low"], row["high"]) for row in tricky)
    assert prices == [("cobalt_sulphate", 52000, 53000), ("refined_cobalt", 415000, 415000)]


def test_every_bad_file_has_a_plain_reason(tmp_path: Path) -> None:
    bad = build_hostile_folder(tmp_path / "reviews")
    for path, reason in bad.items():
        with pytest.raises(DocumentError) as caught:
            read_document(path)
        assert reason in caught.value.reason and caught.value.path == path


def test_walk_reports_loops_and_misnamed_directories_but_does_not_follow_links(tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    bad = build_hostile_folder(folder)
    (folder / "sub.txt").mkdir()  # named like a file but holding a review: walked, not reported
    (folder / "sub.txt" / "inner.txt").write_text("x", encoding="utf-8")
    paths = list(iter_paths([str(folder)]))
    assert len(paths) == len(set(paths))
    assert set(bad) <= set(paths)
    assert str(folder / "sub.txt" / "inner.txt") in paths and str(folder / "sub.txt") not in paths
    assert not any(f"{os.sep}parent{os.sep}" in path for path in paths)


# --------------------------------------------------------------------------------------------------
# Size limit and permissions

def test_size_limit_is_documented_and_can_be_raised(tmp_path: Path) -> None:
    assert "--max-size" in invoke("ingest", "--help").output
    assert documents.DEFAULT_MAX_SIZE == 50 * 1024 * 1024
    review = (SERIES / GOOD[1]).read_text(encoding="utf-8")
    big = tmp_path / "big-2025-11-06.txt"
    big.write_text(review + "\n" + "filler line of a long appendix\n" * (2 * 1024 * 1024 // 31), encoding="utf-8")
    assert 2 * 1024 * 1024 < big.stat().st_size < 3 * 1024 * 1024

    refused = cli("ingest", str(big), "--store", str(tmp_path / "a.db"), "--max-size", "1")
    assert refused.returncode == 1
    # the library says what is wrong, the command which of its options changes it
    assert f"tracker: {big}: larger than the 1 MB limit; raise it with --max-size" in refused.stderr
    accepted = cli("ingest", str(big), "--store", str(tmp_path / "a.db"), "--max-size", "3")
    assert accepted.returncode == 0, accepted.stderr
    assert "1 new" in accepted.stderr


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError, match="larger than the 50 MB limit"):
            read_document(str(huge))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # nothing of the file was loaded


def test_standard_input_is_read_no_further_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    requested: list[int] = []

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            requested.append(size)
            assert 0 <= size <= 1024 * 1024 + 1, "read without a bound"
            return b"x" * size

    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": Endless()})())
    with pytest.raises(DocumentError, match="larger than the 1 MB limit"):
        read_document("-", max_size=1024 * 1024)
    assert requested == [1024 * 1024 + 1]


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "review.txt"
    path.write_text("Cobalt review\nPublished: Nov 6, 2025\n", encoding="utf-8")
    real_open = os.open

    def denied(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(documents.os, "open", denied)
    with pytest.raises(DocumentError) as caught:
        read_document(str(path))
    assert caught.value.reason == "permission denied"


@ROOT_SKIP
def test_unreadable_file_and_directory(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("x", encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text("x", encoding="utf-8")
    os.chmod(secret, 0)
    os.chmod(closed, 0)
    try:
        with pytest.raises(DocumentError, match="permission denied"):
            read_document(str(secret))
        assert str(closed) in list(iter_paths([str(tmp_path)]))
        with pytest.raises(DocumentError, match="permission denied"):
            read_document(str(closed))
    finally:
        os.chmod(closed, 0o755)


# --------------------------------------------------------------------------------------------------
# Encodings that are no text

@pytest.mark.parametrize("seed", range(8))
def test_garbage_bytes_are_refused_plainly(seed: int) -> None:
    raw = garbage(size=random.Random(seed).choice([500, 4096, 70000]), seed=seed)
    with pytest.raises(DocumentError) as caught:
        decode(raw, "garbage.txt")
    assert caught.value.reason.startswith(("not text in any known encoding", "binary file"))


@pytest.mark.parametrize("charset", ["undefined", "idna", "punycode", "unicode_escape", "raw_unicode_escape",
                                     "utf-7", "rot13", "base64", "hex", "zlib", "nonsense-42", "x" * 60])
def test_declared_charsets_that_are_no_text_encoding(charset: str) -> None:
    raw = f'<html><head><meta charset="{charset}"></head><body>'.encode() + b"\xff\xfe\x80 \\N{x} +AGEA-" * 40
    try:
        decode(raw, "page.html")
    except DocumentError:
        pass


def test_normalisation_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb-2025-11-06.txt"
    path.write_text("\ufdfa" * 200_000, encoding="utf-8")  # each becomes 18 characters under NFKC
    with pytest.raises(DocumentError, match="normalisation"):
        read_document(str(path))


def test_a_page_without_line_breaks_gets_a_short_title(tmp_path: Path) -> None:
    path = tmp_path / "one-line-2025-11-06.txt"
    path.write_text("cobalt sulphate offers at 52,000 yuan/mt " * 20_000, encoding="utf-8")
    document = read_document(str(path))
    assert 0 < len(document.title) <= documents.MAX_TITLE
    assert document.text.startswith(document.title)


# --------------------------------------------------------------------------------------------------
# HTML that is broken on purpose

@pytest.mark.parametrize(("page", "visible", "hidden"), [
    pytest.param(TRICKY_HTML, ["52,000-53,000 yuan/mt", "415,000 yuan/mt", "unclosed"], ["99,000", "23.9", "88,888"],
                 id="unclosed-tags-and-script"),
    pytest.param("<html><head><title>T</title><body><p>Cobalt 1 yuan/mt", ["Cobalt 1 yuan/mt"], [],
                 id="unclosed-head"),
    pytest.param("<html><body><p>a<script>x = '</scr' + 'ipt>'; p = '7 yuan/mt'</script><p>b", ["a", "b"],
                 ["7 yuan/mt"], id="script-end-split"),
    pytest.param("<html><body><p>a <!-- 5 yuan/mt", ["a"], ["5 yuan/mt"], id="unclosed-comment"),
    pytest.param("<html><body><p>a <a href='x>y' title=\"6 yuan/mt\">b</a>", ["a", "b"], ["6 yuan/mt", "x>y"],
                 id="quoted-angle-bracket"),
    pytest.param("<html><body><p>1 < 2 and 3 <b>> 2</b>", ["1 < 2 and 3", "> 2"], [], id="stray-angles"),
    pytest.param("<html><body><p>a</p><p b='" + "<" * 5000, ["a"], [], id="tag-open-at-the-end"),
    pytest.param("<html><body>" + "<nav>" * 2000 + "</nav>" * 2000 + "after", ["after"], [], id="deep-skip"),
])
def test_broken_html(tmp_path: Path, page: str, visible: list[str], hidden: list[str]) -> None:
    path = tmp_path / "page-2025-11-06.html"
    path.write_text(page, encoding="utf-8")
    text = read_document(str(path)).text
    for fragment in visible:
        assert fragment in text
    for fragment in hidden:
        assert fragment not in text


# --------------------------------------------------------------------------------------------------
# Near-miss input cannot hang the reader or the extractor

def _near_miss_module():
    spec = importlib.util.spec_from_file_location("nearmiss", ROOT / "bench" / "nearmiss.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NEAR_MISS = _near_miss_module()
MB = 1024 * 1024
# the inputs the issue names, at 1 MB, and more in the same spirit (bench/nearmiss.py)
ISSUE_INPUTS = ["commas", "dollar_dash", "digit_dash", "digits_dashes_long", "thousands_no_break", "yuan_mt",
                "number_yuan_mt", "wan_yuan", "between_and", "decimals", "spaces_then_dash", "cobalt_words",
                "brackets", "parens", "nested_tags", "unclosed_tags", "open_angles", "unclosed_comment",
                "script_prices", "many_lines", "dates", "chinese_dates", "nfkc_growth"]
# a line packed with prices and commodity names: the extractor's cost per price must not grow with the line
DENSE_INPUTS = ["cjk_prices", "distinct_prices", "english_prices", "feedstock_prices", "payables",
                "comparison_chain"]


def _read_and_extract(names: list[str], size: int, folder: str, queue) -> None:
    inputs = NEAR_MISS.near_miss_inputs(size)
    for name in names:
        suffix, text = inputs[name]
        path = os.path.join(folder, name + suffix)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        started = time.perf_counter()
        try:
            document = read_document(path)
        except DocumentError as error:
            if "publication date" not in error.reason:
                queue.put((name, time.perf_counter() - started, error.reason))
                continue
            document = read_document(path, date(2025, 11, 6))
        warnings: list[str] = []
        extract_text(document.text, document.date, document.title, warnings=warnings)
        queue.put((name, time.perf_counter() - started, warnings))


def run_guarded(names: list[str], size: int, folder: Path, seconds: float) -> dict:
    """Read and extract each input in a child process; fail if they are not all done within `seconds`."""
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    queue = context.Queue()
    child = context.Process(target=_read_and_extract, args=(names, size, str(folder), queue), daemon=True)
    child.start()
    results: dict = {}
    deadline = time.monotonic() + seconds
    while len(results) < len(names) and time.monotonic() < deadline:
        try:
            name, elapsed, detail = queue.get(timeout=max(0.01, min(1.0, deadline - time.monotonic())))
            results[name] = (elapsed, detail)
        except Exception:  # queue.Empty
            if not child.is_alive() and queue.empty():
                break
    if child.is_alive():
        child.kill()
    child.join(10)
    missing = [name for name in names if name not in results]
    assert not missing, f"still running after {seconds:.0f} s (or crashed): {missing}; done: {results}"
    return results


def test_html_nested_thousands_deep_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "page-2025-11-06.html"
    path.write_text("<html><body>" + "<div>" * 10000 + "deep" + "</div>" * 9000, encoding="utf-8")
    with pytest.raises(DocumentError, match="nested too deeply"):
        read_document(str(path))


# pages that are all markup and no text are refused with a plain reason rather than read
PLAIN_HTML_REFUSALS = ("nested too deeply", "no visible text")


@pytest.mark.parametrize("name", ISSUE_INPUTS)
def test_near_miss_input_finishes(tmp_path: Path, name: str) -> None:
    elapsed, detail = run_guarded([name], MB, tmp_path, HANG_GUARD)[name]
    assert elapsed < HANG_GUARD
    if name == "nfkc_growth":
        assert "normalisation" in detail
    elif isinstance(detail, str):
        assert any(reason in detail for reason in PLAIN_HTML_REFUSALS), detail
    else:
        assert detail == [], detail  # no pattern came near its timeout


def test_dense_price_lines_finish(tmp_path: Path) -> None:
    results = run_guarded(DENSE_INPUTS, 100_000, tmp_path, HANG_GUARD)
    assert all(elapsed < HANG_GUARD for elapsed, _ in results.values())


def test_regex_timeout_is_a_warning_naming_the_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker import patterns

    real = patterns.PRICE

    class Hanging:  # stands in for a pattern that hit its timeout= on one line
        def __getattr__(self, name):
            return getattr(real, name)

        def finditer(self, string, *args, **kwargs):
            if "HANG" in string:
                raise TimeoutError("regex timed out")
            return real.finditer(string, *args, **kwargs)

    monkeypatch.setattr(patterns, "PRICE", Hanging())
    folder = tmp_path / "reviews"
    folder.mkdir()
    slow = folder / "a-2025-11-06.txt"
    slow.write_text("Cobalt sulphate weekly\nHANG 1 yuan/mt\nCobalt sulphate offers at 50,000 yuan/mt.\n",
                    encoding="utf-8")
    (folder / "b.txt").write_bytes((SERIES / GOOD[1]).read_bytes())
    result = invoke("ingest", str(folder), "--store", str(tmp_path / "s.db"))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"tracker: warning: {slow}: ")
    assert "timed out" in warnings[0]
    with Store(tmp_path / "s.db") as store:
        assert store.stats()["documents"] == 2
        assert any(row["low"] == 50000 for row in store.observations())  # the rest of the document went on


# --------------------------------------------------------------------------------------------------
# Store hygiene

def _snapshot(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.iterdir() if path.is_file()}


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO accounts (name) VALUES ('x')")
    conn.close()


def _newer(path: Path) -> None:
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


STORES = [
    pytest.param(lambda path: path.write_text("name,price\ncobalt,1\n", encoding="utf-8"),
                 "not an SQLite database", id="csv-file"),
    pytest.param(lambda path: path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(1000)), "not an SQLite database",
                 id="png"),
    pytest.param(lambda path: path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8),
                 "not an SQLite database", id="damaged-sqlite"),
    pytest.param(_foreign, "not a tracker store", id="foreign-sqlite"),
    pytest.param(_newer, "newer than this tracker supports", id="newer-schema"),
]


@pytest.mark.parametrize(("make", "message"), STORES)
def test_foreign_or_newer_store_is_refused_untouched(tmp_path: Path, make, message: str) -> None:
    folder = tmp_path / "stores"
    folder.mkdir()
    store_path = folder / "tracker.db"
    make(store_path)
    before = _snapshot(folder)
    for args in (["ingest", str(SERIES / GOOD[1])], ["export"], ["prices"], ["reextract"]):
        result = cli(*args, "--store", str(store_path))
        assert result.returncode == 3, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
    assert _snapshot(folder) == before
    assert sorted(path.name for path in folder.iterdir()) == ["tracker.db"]  # no -wal, -shm or -journal left


# --------------------------------------------------------------------------------------------------
# Export: formula cells neutralised, output written atomically

FORMULA_REVIEW = """=HYPERLINK("http://example.com","weekly cobalt review")
Published: Nov 6, 2025
@SUM(1+1) Cobalt sulphate offers were at 52,000-53,000 yuan/mt.
+cmd|'/C calc'!A0 cobalt sulphate bids at 50,000 yuan/mt.
-2+3 high-nickel cobalt sulphate transactions at 51,000 yuan/mt.
"""


@pytest.fixture
def formula_store(tmp_path: Path) -> Path:
    review = tmp_path / "=cmd review-2025-11-06.txt"
    review.write_text(FORMULA_REVIEW, encoding="utf-8")
    store_path = tmp_path / "formula.db"
    assert invoke("ingest", str(review), "--store", str(store_path)).exit_code == 0
    return store_path


@pytest.mark.parametrize("wide", [False, True], ids=["long", "wide"])
def test_export_neutralises_formula_cells_in_every_text_column(formula_store: Path, tmp_path: Path,
                                                               wide: bool) -> None:
    with Store(formula_store) as store:
        rows = store.observations()
    assert rows and any(str(value).startswith(FORMULA_PREFIXES) for row in rows for value in row.values())
    output = tmp_path / "out.csv"
    result = invoke("export", "--store", str(formula_store), "--output", str(output), *(["--wide"] if wide else []))
    assert result.exit_code == 0, result.output
    with open(output, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert len(table) > 1
    for row in table:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES), cell
    if not wide:
        header = table[0]
        titles = {row[header.index("title")] for row in table[1:]}
        assert titles == {"'=HYPERLINK(\"http://example.com\",\"weekly cobalt review\")"}


class Interrupted(BaseException):
    """Stands in for a kill or Ctrl-C in the middle of writing."""


def test_interrupted_export_leaves_no_half_csv(formula_store: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker import export

    out = tmp_path / "out"
    out.mkdir()
    previous = out / "prices.csv"
    previous.write_text("the previous export\n", encoding="utf-8")
    fresh = out / "fresh.csv"

    def half_then_interrupted(rows, target, columns=None, **kwargs):
        with open(target, "w", encoding="utf-8") as handle:
            handle.write("date,commodity\n2025-11-06,cob")
        raise Interrupted

    monkeypatch.setattr(export, "write_csv", half_then_interrupted)
    for target in (previous, fresh):
        with pytest.raises(Interrupted):
            CliRunner().invoke(main, ["export", "--store", str(formula_store), "--output", str(target)],
                               catch_exceptions=False)
    assert previous.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(path.name for path in out.iterdir()) == ["prices.csv"]  # no fresh.csv, no temporary file


def test_export_killed_mid_write_leaves_old_file(formula_store: Path, tmp_path: Path) -> None:
    """A SIGKILL while the CSV is being written: the target still holds the old, whole file."""
    target = tmp_path / "prices.csv"
    target.write_text("the previous export\n", encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "from tracker import export\n"
        "real = export.write_csv\n"
        "def write_then_die(rows, target, *args, **kwargs):\n"
        "    real(rows, target, *args, **kwargs)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "export.write_csv = write_then_die\n"
        "from tracker.cli import main\n"
        f"sys.argv = ['tracker', 'export', '--store', {str(formula_store)!r}, '--output', {str(target)!r}]\n"
        "main()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, timeout=120)
    assert result.returncode == -9
    assert target.read_text(encoding="utf-8") == "the previous export\n"


def test_interrupted_plot_leaves_no_half_png(formula_store: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    def half_then_interrupted(self, target, *args, **kwargs):
        with open(target, "wb") as handle:
            handle.write(b"\x89PNG\r\n\x1a\n half")
        raise Interrupted

    monkeypatch.setattr(Figure, "savefig", half_then_interrupted)
    chart = tmp_path / "charts" / "cobalt.png"
    with pytest.raises(Interrupted):
        CliRunner().invoke(main, ["plot", "--store", str(formula_store), "--output", str(chart)],
                           catch_exceptions=False)
    assert not chart.exists()
    assert list(chart.parent.iterdir()) == []
