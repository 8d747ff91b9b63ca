"""Crash safety: `tracker ingest` killed with SIGKILL at random points never leaves a damaged store.

After every kill the store passes PRAGMA integrity_check and no document has a partial set of
observations (one transaction per document); ingesting again then reaches exactly the state of an
uninterrupted run.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracker.extract import extract_text
from tracker.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
COPIES = 10  # x 40 series documents = 400
KILLS = 5
SEED = 20251106

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def make_corpus(folder: Path, copies: int = COPIES) -> list[Path]:
    """Copies of fixtures/series with the year shifted in names and text, so every document differs."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for copy in range(copies):
        year = str(2010 + copy)
        for source in sorted((FIXTURES / "series").iterdir()):
            raw = source.read_bytes()
            try:
                text, encoding = raw.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, encoding = raw.decode("gb18030"), "gb18030"
            target = folder / source.name.replace("2025", year)
            target.write_bytes(text.replace("2025", year).encode(encoding))
            written.append(target)
    return written


def tracker(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("TRACKER_STORE", None)
    return subprocess.Popen([sys.executable, "-m", "tracker", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def run(*args: str) -> subprocess.CompletedProcess:
    process = tracker(*args)
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def document_count(store: Path) -> int:
    """Documents committed so far, read without disturbing the writer (WAL readers do not block)."""
    if not store.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0
    finally:
        conn.close()


def check_consistent(store_path: Path) -> int:
    """integrity_check is ok and every stored document has exactly its full set of observations."""
    with Store(store_path) as store:
        assert store.integrity_check() == "ok"
        counts = dict(store._query("SELECT document_id, COUNT(*) FROM observations GROUP BY document_id"))
        documents = 0
        for document_id, path, title, published, text, _ in store.iter_documents():
            expected = len(extract_text(text, published, title))
            assert counts.get(document_id, 0) == expected, f"partial observation set for {path}"
            documents += 1
        orphans = store._query("SELECT COUNT(*) FROM observations WHERE document_id NOT IN "
                               "(SELECT id FROM documents)")[0][0]
        assert orphans == 0
    return documents


def state(store_path: Path) -> tuple[list, list]:
    with Store(store_path) as store:
        documents = sorted(store._query("SELECT path, content_hash, title, published, text, extractor_version "
                                        "FROM documents"))
        return documents, store.observations()


def test_sigkill_during_ingest_loses_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    files = make_corpus(corpus)
    reference, crashed = tmp_path / "reference.db", tmp_path / "crashed.db"

    started = time.monotonic()
    done = run("ingest", str(corpus), "--store", str(reference))
    uninterrupted = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    total = check_consistent(reference)
    assert total == len(files)

    rng = random.Random(SEED)
    kills = 0
    progress = []  # documents in the crashed store after each kill
    for attempt in range(KILLS):
        process = tracker("ingest", str(corpus), "--store", str(crashed))
        try:
            if attempt == 0:
                # the first kill lands anywhere from start-up (imports, store creation) on
                time.sleep(rng.uniform(0.05, uninterrupted * 0.5))
            else:
                # later ones once the run has committed a random number more documents, plus a
                # random few milliseconds, so they fall inside reading, extracting or a transaction
                target = min(total - 1, document_count(crashed) + rng.randint(1, total // (KILLS + 1)))
                deadline = time.monotonic() + 120
                while process.poll() is None and document_count(crashed) < target and time.monotonic() < deadline:
                    time.sleep(0.002)
                time.sleep(rng.uniform(0, 0.02))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                kills += 1
        finally:
            process.communicate(timeout=60)
        progress.append(check_consistent(crashed))
    print(f"{kills} kills; documents stored after each: {progress} of {total}")
    assert kills >= KILLS - 1, f"only {kills} of {KILLS} kills hit a running ingest: {progress}"
    assert progress == sorted(progress) and progress[-1] < total, progress

    resumed = run("ingest", str(corpus), "--store", str(crashed))
    assert resumed.returncode == 0, resumed.stderr
    assert "Traceback" not in resumed.stderr
    assert check_consistent(crashed) == total
    assert state(crashed) == state(reference)
