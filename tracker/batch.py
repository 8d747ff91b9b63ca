"""Many documents at once: read and extract on every core, results in input order, store them.

Reading and extraction are pure per file, so worker processes do them; the calling process keeps
the order of the input and is the only one that writes to the store.
"""
from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import partial
from operator import attrgetter

from tracker.documents import DEFAULT_MAX_SIZE, Document, parse_document, read_bytes
from tracker.errors import DocumentError, StoreError
from tracker.observation import Observation

PARALLEL_FROM = 32  # fewer files than this are not worth starting worker processes for
BATCH_FILES = 64  # files read ahead for the workers when ingesting...
BATCH_BYTES = 64 * 1024 * 1024  # ...or this many bytes, whichever comes first: memory stays bounded
CHUNK_FILES = 64  # at most this many files handed to an extract worker at once


@dataclass
class Result:
    path: str  # as given
    status: str  # "extracted", "new", "replaced", "unchanged" or "failed"
    document: Document | None = None
    observations: list[Observation] = field(default_factory=list)
    error: DocumentError | None = None
    warnings: list[str] = field(default_factory=list)
    prepared: list = field(default_factory=list)  # extract_paths(prepare=...): what the workers made of them


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


@contextmanager
def _pool(jobs: int | None, count: int):
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or count < PARALLEL_FROM:
        yield None
        return
    import multiprocessing  # here: a run of one file, or thirty, never needs it (7 ms of start-up)

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(min(jobs, count)) as pool:
        yield pool


def unexpected_failure(path: str, error: Exception) -> DocumentError:
    """Any other failure is this document's too: a reason on one line, the traceback kept for --debug."""
    reason = f"internal error: {type(error).__name__}: {error}".splitlines()[0]
    return DocumentError(path, reason, details=traceback.format_exc())


def extract_document(document: Document, warnings: list[str]) -> list[Observation]:
    """tracker.extract's, imported on first use: a re-ingest of unchanged files never compiles its patterns."""
    from tracker import regexcache
    from tracker.extract import extract_document as extract

    try:
        return extract(document, warnings)
    finally:
        regexcache.save()  # what this process compiled, for the next run (pool workers end without atexit)


def _parse_and_extract(item: tuple[str, bytes, date | None, str | None]) -> tuple:
    """Worker: (path, document, observations, error, warnings). Plain data, so it pickles."""
    path, raw, date_override, publisher = item
    try:
        document = parse_document(path, raw, date_override, publisher)
        warnings: list[str] = []
        return path, document, extract_document(document, warnings), None, warnings
    except DocumentError as error:
        return path, None, [], error, []
    except Exception as error:  # noqa: BLE001 - one document must never stop the others
        return path, None, [], unexpected_failure(path, error), []


def _read_and_extract(item: tuple[str, date | None, int, str | None]) -> tuple:
    path, date_override, max_size, publisher = item
    try:
        raw = read_bytes(path, max_size)
    except DocumentError as error:
        return path, None, [], error, []
    except Exception as error:  # noqa: BLE001
        return path, None, [], unexpected_failure(path, error), []
    path, _, observations, failure, warnings = _parse_and_extract((path, raw, date_override, publisher))
    return path, None, observations, failure, warnings  # the caller needs no text back: less to send between processes


def _result(done: tuple, status: str) -> Result:
    path, document, observations, error, warnings = done
    if error is not None:
        return Result(path, "failed", error=error)
    return Result(path, status, document, observations, warnings=warnings)


# An observation crosses between processes as the tuple of its fields: a tuple pickles and unpickles several
# times faster than a dataclass instance, and the parent, which unpickles every result, has one core at most.
_FIELDS = tuple(f.name for f in fields(Observation))
_values = attrgetter(*_FIELDS)


def _extract_chunk(chunk: list[tuple[str, date | None, int, str | None]],
                   prepare: Callable[[list[Observation]], list] | None = None) -> list[tuple]:
    """Worker: a run of files read and extracted, the observations as tuples of their fields (or prepared)."""
    done = []
    for item in chunk:
        path, _, observations, failure, warnings = _read_and_extract(item)
        done.append((path, failure, warnings, prepare(observations) if prepare else
                     [_values(observation) for observation in observations]))
    return done


def _chunks(items: list, jobs: int) -> Iterator[list]:
    """Runs of items for the workers: long ones first (few messages for the parent to handle), shorter towards
    the end, so that no worker is left with a long run when the others have finished (guided scheduling)."""
    at = 0
    while at < len(items):
        size = max(1, min(CHUNK_FILES, (len(items) - at) // (4 * jobs)))
        yield items[at:at + size]
        at += size


def extract_paths(paths: list[str], date_override: date | None = None, max_size: int = DEFAULT_MAX_SIZE,
                  jobs: int | None = None, publisher: str | None = None,
                  prepare: Callable[[list[Observation]], list] | None = None) -> Iterator[Result]:
    """Read and extract every file, on `jobs` processes (default: every core), in input order.

    Results carry the observations, not the documents they were read from; with `prepare` (a module-level
    function, so that it pickles), they carry instead what it makes of each file's observations in the worker
    (`Result.prepared`), so that the parent process has less to do. The parent only hands out runs of file
    names and unpacks what comes back: the workers have the cores to themselves.
    """
    if "-" in paths:
        jobs = 1  # standard input belongs to this process
    items = [(path, date_override, max_size, publisher) for path in paths]
    with _pool(jobs, len(paths)) as pool:
        if pool is None and prepare is None:
            for item in items:
                yield _result(_read_and_extract(item), "extracted")
            return
        if pool is None:
            done: Iterable[list[tuple]] = (_extract_chunk([item], prepare) for item in items)
        else:
            done = pool.imap(partial(_extract_chunk, prepare=prepare),
                             _chunks(items, default_jobs() if jobs is None else jobs))
        for chunk in done:
            for path, failure, warnings, values in chunk:
                if failure is not None:
                    yield Result(path, "failed", error=failure)
                elif prepare:
                    yield Result(path, "extracted", warnings=warnings, prepared=values)
                else:
                    yield Result(path, "extracted", observations=[Observation(*row) for row in values],
                                 warnings=warnings)


def store_path(path: str, document: Document | None = None) -> str:
    """How the store knows a document: its absolute path; standard input by its content."""
    if path == "-":
        return f"stdin:{document.content_hash[:16]}" if document else "-"
    return os.path.abspath(path)


def ingest_paths(store, paths: list[str], date_override: date | None = None, max_size: int = DEFAULT_MAX_SIZE,
                 jobs: int | None = None, publisher: str | None = None) -> Iterator[Result]:
    """Ingest every file into `store`, one transaction per document, yielding what happened to each.

    A file whose bytes were ingested before is skipped unread; a changed file replaces its rows.
    """
    if "-" in paths:
        jobs = 1
    with _pool(jobs, len(paths)) as pool:
        for batch in _batches(paths, max_size):
            todo, results = [], {}
            for path, raw, failure in batch:
                if failure is not None:
                    results[path] = Result(path, "failed", error=failure)
                elif path != "-" and store.source_unchanged(store_path(path), hashlib.sha256(raw).hexdigest()):
                    results[path] = Result(path, "unchanged")
                else:
                    todo.append((path, raw, date_override, publisher))
            done = pool.imap(_parse_and_extract, todo, chunksize=4) if pool and len(todo) > 1 else \
                map(_parse_and_extract, todo)
            for item in done:
                result = _result(item, "failed")
                if result.document is not None:
                    try:
                        result = _save(store, result)
                    except StoreError:
                        raise  # the store, not this document: no point going on
                    except Exception as error:  # noqa: BLE001 - the transaction rolled back; only this document
                        result = Result(result.path, "failed", error=unexpected_failure(result.path, error))
                results[result.path] = result
            for path, _, _ in batch:  # report in input order
                yield results[path]


def _save(store, result: Result) -> Result:
    assert result.document is not None  # only documents read are saved
    key = store_path(result.path, result.document)
    document = replace(result.document, path=key)
    observations = [replace(observation, document=key) for observation in result.observations]
    from tracker.extract import EXTRACTOR_VERSION

    status = store.save(document, observations, EXTRACTOR_VERSION)
    return replace(result, status=status, document=document, observations=observations)


def _batches(paths: Iterable[str], max_size: int) -> Iterator[list[tuple[str, bytes, DocumentError | None]]]:
    batch: list[tuple[str, bytes, DocumentError | None]] = []
    size = 0
    for path in paths:
        try:
            raw = read_bytes(path, max_size)
            batch.append((path, raw, None))
            size += len(raw)
        except DocumentError as error:
            batch.append((path, b"", error))
        except Exception as error:  # noqa: BLE001
            batch.append((path, b"", unexpected_failure(path, error)))
        if len(batch) >= BATCH_FILES or size >= BATCH_BYTES:
            yield batch
            batch = []
            size = 0
    if batch:
        yield batch
