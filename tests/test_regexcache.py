"""tracker.regexcache: compiled patterns kept between runs, the same patterns as regex compiles."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import regex

PROBE = """
import sys
from tracker import regexcache
pattern = regexcache.compile(r"(?P<n>\\d+)\\s*(?:yuan|元)/t", regexcache.IGNORECASE | regexcache.VERSION0)
match = pattern.search("Cobalt at 52,000 YUAN/t")
print(match.group("n") if match else None, pattern.flags)
regexcache.save()
"""


def _run(cache: Path | str) -> str:
    env = {**os.environ, "TRACKER_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def test_patterns_come_back_the_same(tmp_path: Path) -> None:
    first = _run(tmp_path)
    files = list(tmp_path.glob("patterns-*.pickle"))
    assert len(files) == 1
    second = _run(tmp_path)  # loaded from the file this time
    assert first == second
    expected = regex.compile(r"(?P<n>\d+)\s*(?:yuan|元)/t", regex.IGNORECASE | regex.VERSION0)
    assert first.split() == ["000", str(expected.flags)]


def test_a_bad_file_only_means_compiling(tmp_path: Path) -> None:
    first = _run(tmp_path)
    (path,) = tmp_path.glob("patterns-*.pickle")
    path.write_bytes(b"not a pickle")
    assert _run(tmp_path) == first
    _run(tmp_path)
    # an entry naming any callable but regex's own compile is refused, not called
    with open(path, "rb") as handle:
        stored = pickle.load(handle)
    assert stored
    path.write_bytes(pickle.dumps({key: pickle.dumps(os.getcwd) for key in stored}))
    assert _run(tmp_path) == first


def test_an_empty_cache_dir_reads_and_writes_nothing(tmp_path: Path) -> None:
    assert _run("") == _run(tmp_path)
    assert not list(Path.cwd().glob("patterns-*.pickle"))
