"""The store's SQLite schema and its migrations, one function per version step."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 4
# Marks the file as a tracker store (PRAGMA application_id), so foreign databases are told apart.
APPLICATION_ID = 0x54524B52  # "TRKR"

_SCHEMA_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    published TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    extractor_version TEXT NOT NULL
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE TABLE observations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    commodity TEXT NOT NULL,
    grade TEXT,
    price_type TEXT NOT NULL,
    low REAL NOT NULL,
    high REAL NOT NULL,
    mid REAL NOT NULL,
    currency TEXT,
    unit TEXT NOT NULL,
    text TEXT NOT NULL,
    sentence TEXT NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    extractor_version TEXT NOT NULL
);
CREATE INDEX observations_commodity_date ON observations(commodity, date);
-- without it every cascading delete scans the whole observations table
CREATE INDEX observations_document ON observations(document_id);
"""

# Version 3: publishers, specs and series. `observations.grade` keeps the words as printed, `spec` their
# normalised form, `own_series` the series they name by themselves and `series_id` the one they were
# resolved to among everything stored (tracker.series.resolve). Identical content at a second path is
# one document with another path (`document_paths`).
_SCHEMA_V3 = """
ALTER TABLE documents ADD COLUMN publisher TEXT NOT NULL DEFAULT '';
ALTER TABLE observations ADD COLUMN publisher TEXT NOT NULL DEFAULT '';
ALTER TABLE observations ADD COLUMN spec TEXT NOT NULL DEFAULT '';
ALTER TABLE observations ADD COLUMN own_series TEXT NOT NULL DEFAULT '';
ALTER TABLE observations ADD COLUMN series_id TEXT NOT NULL DEFAULT '';
CREATE INDEX observations_series_date ON observations(series_id, date);
CREATE INDEX observations_own_series ON observations(own_series);
CREATE TABLE series (
    id TEXT PRIMARY KEY,
    publisher TEXT NOT NULL,
    commodity TEXT NOT NULL,
    spec TEXT NOT NULL,
    price_type TEXT NOT NULL,
    currency TEXT,
    unit TEXT NOT NULL,
    document TEXT NOT NULL DEFAULT ''
);
CREATE TABLE document_paths (
    path TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ingested_at TEXT NOT NULL
);
CREATE INDEX document_paths_document ON document_paths(document_id);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _run(conn: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _migrate_0_to_1(conn: sqlite3.Connection) -> None:
    _run(conn, _SCHEMA_V1)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    # the hash of the file's bytes lets a re-ingest skip unchanged files without decoding them
    conn.execute("ALTER TABLE documents ADD COLUMN source_hash TEXT")


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Add publishers and series; the stored texts say who published them and how prices are graded."""
    from tracker.observation import Series
    from tracker.publishers import default_publishers
    from tracker.series import normalise_spec

    _run(conn, _SCHEMA_V3)
    documents = conn.execute("SELECT id, path, title, text FROM documents").fetchall()
    if not documents:
        return  # a new store: nothing to fill, and the write lock is released at once
    publishers = default_publishers()
    for document_id, path, title, text in documents:
        page = publishers.of_page(text[:100_000], title)
        conn.execute("UPDATE documents SET publisher = ? WHERE id = ?", (page, document_id))
        rows = conn.execute("SELECT id, commodity, grade, price_type, currency, unit, text, sentence "
                            "FROM observations WHERE document_id = ?", (document_id,)).fetchall()
        for row_id, commodity, grade, price_type, currency, unit, price_text, sentence in rows:
            publisher = publishers.of_price(sentence, price_text, page)
            spec = normalise_spec(grade)
            own = Series(publisher, commodity, spec, price_type, currency, unit, "" if publisher else path).id
            conn.execute("UPDATE observations SET publisher = ?, spec = ?, own_series = ?, series_id = ? "
                         "WHERE id = ?", (publisher, spec, own, own, row_id))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('series_resolved', '0')")


def _migrate_3_to_4(conn: sqlite3.Connection) -> None:
    """FX rates the user imports (tracker fx import) for --to CUR/UNIT: one rate per pair and date.

    "USD/CNY" 7.1 on a date: one USD cost 7.1 CNY. Nothing is filled in: tracker bundles no rates.
    """
    conn.execute("CREATE TABLE fx_rates (pair TEXT NOT NULL, date TEXT NOT NULL, rate REAL NOT NULL, "
                 "source TEXT NOT NULL DEFAULT '', imported_at TEXT NOT NULL, PRIMARY KEY (pair, date))")


# MIGRATIONS[n] upgrades a store at version n to version n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: _migrate_0_to_1, 1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4}
