"""Concurrency: several `tracker ingest` processes writing one store at once.

Four processes ingest overlapping folders into one (new) store at the same moment. None may fail
with "database is locked", and the result must equal a single-process ingest of the union.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tracker.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
PROCESSES = 4
ROUNDS = 3  # each round starts from a new store, so the race to create the schema is run too


def make_folders(root: Path, count: int = PROCESSES, copies_per_folder: int = 2) -> list[Path]:
    """`count` folders of distinct documents (fixtures/series with shifted years)."""
    folders = []
    sources = sorted((FIXTURES / "series").iterdir())
    for index in range(count):
        folder = root / f"part{index}"
        folder.mkdir(parents=True)
        for copy in range(copies_per_folder):
            year = str(2000 + index * copies_per_folder + copy)
            for source in sources:
                raw = source.read_bytes()
                try:
                    text, encoding = raw.decode("utf-8"), "utf-8"
                except UnicodeDecodeError:
                    text, encoding = raw.decode("gb18030"), "gb18030"
                (folder / source.name.replace("2025", year)).write_bytes(text.replace("2025", year).encode(encoding))
        folders.append(folder)
    return folders


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", *args]


def environment() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("TRACKER_STORE", None)
    return env


def merged(store_path: Path) -> set[tuple]:
    """Observation keys with the set of documents that reported each (order-free)."""
    with Store(store_path) as store:
        assert store.integrity_check() == "ok"
        return {(row["date"], row["commodity"], row["grade"], row["price_type"], row["currency"], row["unit"],
                 row["low"], row["high"], frozenset(row["sources"])) for row in store.observations()}


def documents(store_path: Path) -> set[tuple]:
    with Store(store_path) as store:
        return set(store._query("SELECT path, content_hash FROM documents"))


def test_four_processes_ingest_overlapping_folders(tmp_path: Path) -> None:
    folders = make_folders(tmp_path / "corpus")
    reference = tmp_path / "reference.db"
    single = subprocess.run(command("ingest", *map(str, folders), "--store", str(reference)), cwd=ROOT,
                            env=environment(), capture_output=True, text=True, timeout=300)
    assert single.returncode == 0, single.stderr
    expected_documents, expected = documents(reference), merged(reference)
    assert len(expected_documents) == sum(len(list(folder.iterdir())) for folder in folders)

    for round_ in range(ROUNDS):
        shared = tmp_path / f"shared{round_}.db"
        # process i takes folders i and i+1: every folder is ingested by two processes at once
        jobs = [[folders[i], folders[(i + 1) % PROCESSES]] for i in range(PROCESSES)]
        if round_ % 2:
            jobs = [list(reversed(job)) for job in jobs]
        processes = [subprocess.Popen(command("ingest", *map(str, job), "--store", str(shared)), cwd=ROOT,
                                      env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True) for job in jobs]
        outputs = [process.communicate(timeout=300) for process in processes]
        outcomes = [(process.returncode, out, err) for process, (out, err) in zip(processes, outputs, strict=True)]
        for returncode, _, stderr in outcomes:
            assert "locked" not in stderr.lower(), stderr
            assert "Traceback" not in stderr, stderr
            assert returncode == 0, stderr
        assert documents(shared) == expected_documents
        assert merged(shared) == expected
