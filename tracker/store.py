"""The SQLite store: documents and the observations read from them."""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import StoreError, TrackerError
from tracker.observation import CSV_COLUMNS, Observation

if TYPE_CHECKING:
    import pandas as pd

    from tracker.documents import Document

SCHEMA_VERSION = 2
# Marks the file as a tracker store (PRAGMA application_id), so foreign databases are told apart.
APPLICATION_ID = 0x54524B52  # "TRKR"
SQLITE_MAGIC = b"SQLite format 3\x00"

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


def _migrate_0_to_1(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA_V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    # the hash of the file's bytes lets a re-ingest skip unchanged files without decoding them
    conn.execute("ALTER TABLE documents ADD COLUMN source_hash TEXT")


# MIGRATIONS[n] upgrades a store at version n to version n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _migrate_0_to_1, 1: _migrate_1_to_2}

_OBSERVATION_INSERT = """
INSERT INTO observations (document_id, date, commodity, grade, price_type, low, high, mid, currency,
    unit, text, sentence, span_start, span_end, extractor_version)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_SERIES_COLUMNS = ("commodity", "grade", "price_type", "currency", "unit")
_KEY_COLUMNS = ("date", "commodity", "grade", "price_type", "currency", "unit", "low", "high")


def default_store_path() -> Path:
    """$TRACKER_STORE if set, else tracker.db in the user data directory."""
    env = os.environ.get("TRACKER_STORE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("tracker")) / "tracker.db"


def _observation_row(document_id: int, obs: Observation, extractor_version: str) -> tuple:
    return (document_id, obs.date.isoformat(), obs.commodity, obs.grade, obs.price_type,
            float(obs.low), float(obs.high), float(obs.mid), obs.currency, obs.unit, obs.text,
            obs.sentence, obs.start, obs.end, extractor_version)


def _key(obs: Observation) -> tuple:
    # the stored form of Observation.key(): the date as ISO text, prices as floats
    return (obs.date.isoformat(), obs.commodity, obs.grade, obs.price_type, obs.currency, obs.unit,
            float(obs.low), float(obs.high))


def _iso_date(value: date | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise TrackerError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


class Store:
    """One SQLite file holding documents and observations. Use as a context manager."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path).expanduser()
        self._check_file()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        try:
            self._conn.execute("PRAGMA busy_timeout = 30000")
            self._check_database()
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
            raise

    # -- opening ---------------------------------------------------------------------------------

    def _check_file(self) -> None:
        if not self.path.exists():
            return
        if not self.path.is_file():
            raise StoreError(f"{self.path}: not a file, cannot be used as a tracker store")
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read store: {exc}") from exc
        if head and head != SQLITE_MAGIC:
            raise StoreError(f"{self.path}: not an SQLite database, refusing to use it as a tracker store")

    def _check_database(self) -> None:
        """Refuse foreign or newer databases before anything is written to them."""
        try:
            tables = {row[0] for row in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not an SQLite database ({exc})") from exc
        ours = app_id == APPLICATION_ID or (app_id == 0 and {"documents", "observations"} <= tables)
        if not ours and (tables or version or app_id):
            raise StoreError(f"{self.path}: an SQLite database but not a tracker store; "
                             "refusing to modify it")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema version {version} is newer than this "
                             f"tracker supports ({SCHEMA_VERSION}); upgrade tracker")

    def _migrate(self) -> None:
        if self._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        with self._transaction():
            # read again under the write lock: another process may have migrated meanwhile
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](self._conn)
                version += 1
                self._conn.execute(f"PRAGMA user_version = {version}")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write to store: {exc}") from exc
        try:
            yield self._conn
        except BaseException as exc:
            self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: write failed, nothing saved: {exc}") from exc
            raise
        try:
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: commit failed, nothing saved: {exc}") from exc

    def _query(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: read failed: {exc}") from exc

    # -- writing ---------------------------------------------------------------------------------

    def classify(self, path: str, content_hash: str) -> str:
        """"unchanged", "replaced" or "new": what `save` would do with this document."""
        at_path = self._query("SELECT content_hash FROM documents WHERE path = ?", (path,))
        if at_path and at_path[0][0] != content_hash:
            # stale content at this path is replaced even when the new text is held elsewhere
            return "replaced"
        if at_path or self._query("SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1",
                                  (content_hash,)):
            return "unchanged"
        return "new"

    def source_unchanged(self, path: str, source_hash: str) -> bool:
        """Whether the file at `path` was ingested with exactly these bytes (no need to read it again)."""
        return bool(self._query("SELECT 1 FROM documents WHERE path = ? AND source_hash = ?", (path, source_hash)))

    def save(self, document: Document, observations: list[Observation], extractor_version: str) -> str:
        """Store a document and its observations atomically; returns what `classify` said."""
        with self._transaction() as conn:
            status = self.classify(document.path, document.content_hash)
            if status == "unchanged":
                return status
            if status == "replaced":
                conn.execute("DELETE FROM documents WHERE path = ?", (document.path,))
            cursor = conn.execute(
                "INSERT INTO documents (path, content_hash, title, published, text, ingested_at, "
                "extractor_version, source_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (document.path, document.content_hash, document.title or "", _iso_date(document.date),
                 document.text, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 extractor_version, document.source_hash or None))
            document_id = cursor.lastrowid
            conn.executemany(_OBSERVATION_INSERT,
                             (_observation_row(document_id, obs, extractor_version) for obs in observations))
        return status

    def replace_observations(self, document_id: int, observations: list[Observation],
                             extractor_version: str) -> tuple[int, int]:
        """Swap a document's observations for a new extraction; returns (added, removed) by key."""
        with self._transaction() as conn:
            if not conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone():
                raise StoreError(f"{self.path}: no document with id {document_id}")
            old = set(conn.execute(f"SELECT {', '.join(_KEY_COLUMNS)} FROM observations "
                                   "WHERE document_id = ?", (document_id,)))
            new = {_key(obs) for obs in observations}
            conn.execute("DELETE FROM observations WHERE document_id = ?", (document_id,))
            conn.executemany(_OBSERVATION_INSERT,
                             (_observation_row(document_id, obs, extractor_version) for obs in observations))
            conn.execute("UPDATE documents SET extractor_version = ? WHERE id = ?",
                         (extractor_version, document_id))
        return len(new - old), len(old - new)

    # -- reading ---------------------------------------------------------------------------------

    def iter_documents(self, batch_size: int = 200) -> Iterator[tuple[int, str, str, date | None, str]]:
        """Yield (id, path, title, published, text) in ingestion order."""
        # keyset batches: no cursor stays open while the caller writes between yields
        last_id = 0
        while True:
            batch = self._query("SELECT id, path, title, published, text FROM documents WHERE id > ? "
                                "ORDER BY id LIMIT ?", (last_id, batch_size))
            if not batch:
                return
            for doc_id, path, title, published, text in batch:
                yield (doc_id, path, title, date.fromisoformat(published) if published else None, text)
            last_id = batch[-1][0]

    def _distinct(self, column: str) -> list:
        return [row[0] for row in self._query(
            f"SELECT DISTINCT {column} FROM observations WHERE {column} IS NOT NULL ORDER BY {column}")]

    def commodities(self) -> list[str]:
        return self._distinct("commodity")

    def observations(self, commodity: str | None = None, grade: str | None = None,
                     price_type: str | None = None, currency: str | None = None,
                     since: date | str | None = None, until: date | str | None = None) -> list[dict]:
        """Merged observations: one row per key, with every document that reported it in `sources`."""
        where: list[str] = []
        params: list[Any] = []
        # case-insensitive matching is resolved here against the few distinct names, so the
        # SQL stays an exact IN that can use the (commodity, date) index
        for column, wanted, substring in (("commodity", commodity, False), ("grade", grade, True)):
            if wanted is None:
                continue
            needle = wanted.casefold()
            names = [name for name in self._distinct(column)
                     if (needle in name.casefold() if substring else needle == name.casefold())]
            if not names:
                return []
            where.append(f"o.{column} IN ({', '.join('?' * len(names))})")
            params.extend(names)
        if price_type is not None:
            where.append("o.price_type = ?")
            params.append(price_type.lower())
        if currency is not None:
            where.append("o.currency = ?")
            params.append(currency.upper())
        if since is not None:
            where.append("o.date >= ?")
            params.append(_iso_date(since))
        if until is not None:
            where.append("o.date <= ?")
            params.append(_iso_date(until))
        sql = ("SELECT o.date, o.commodity, o.grade, o.price_type, o.currency, o.unit, o.low, o.high, "
               "o.mid, d.path, d.title, o.text, o.sentence FROM observations o "
               "JOIN documents d ON d.id = o.document_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY o.date, o.commodity, o.grade, o.price_type, o.low, d.id, o.id")
        merged: dict[tuple, dict] = {}
        for row in self._query(sql, params):
            key = row[:8]
            found = merged.get(key)
            if found is None:
                (day, commodity_, grade_, price_type_, currency_, unit, low, high, mid, path, title,
                 text, sentence) = row
                merged[key] = {
                    "date": day, "commodity": commodity_, "grade": grade_, "price_type": price_type_,
                    "low": low, "high": high, "mid": mid, "currency": currency_, "unit": unit,
                    "document": path, "title": title, "text": text, "sentence": sentence,
                    "sources": [path],
                }
            elif row[9] not in found["sources"]:
                found["sources"].append(row[9])
        rows = list(merged.values())
        for item in rows:
            item["sources"] = "; ".join(item["sources"])
        return rows

    def prices(self, **filters: Any) -> pd.DataFrame:
        """The rows of `observations` as a DataFrame, `date` as datetime64."""
        import pandas as pd

        frame = pd.DataFrame(self.observations(**filters), columns=[*CSV_COLUMNS, "sources"])
        frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
        return frame

    def latest(self, **filters: Any) -> list[dict]:
        """Per series: last and previous date with their mid, the change and the change in percent."""
        by_series: dict[tuple, dict[str, list[float]]] = {}
        for row in self.observations(**filters):
            series = (row["commodity"], row["grade"], row["price_type"], row["currency"], row["unit"])
            by_series.setdefault(series, {}).setdefault(row["date"], []).append(row["mid"])
        result = []
        for series, days in by_series.items():
            dates = sorted(days)
            # distinct observations of one series on one day (sources disagreeing) are averaged
            last = sum(days[dates[-1]]) / len(days[dates[-1]])
            previous = sum(days[dates[-2]]) / len(days[dates[-2]]) if len(dates) > 1 else None
            change = last - previous if previous is not None else None
            pct = change / previous * 100 if change is not None and previous else None
            result.append(dict(zip(_SERIES_COLUMNS, series, strict=True),
                               date=dates[-1], mid=last,
                               previous_date=dates[-2] if len(dates) > 1 else None,
                               previous_mid=previous, change=change, pct_change=pct))
        result.sort(key=lambda r: tuple((r[c] is not None, r[c] or "") for c in _SERIES_COLUMNS))
        return result

    def stats(self) -> dict[str, Any]:
        documents = self._query("SELECT COUNT(*) FROM documents")[0][0]
        observations, first, last = self._query("SELECT COUNT(*), MIN(date), MAX(date) FROM observations")[0]
        return {"path": str(self.path), "documents": documents, "observations": observations,
                "commodities": len(self.commodities()), "first_date": first, "last_date": last}

    def integrity_check(self) -> str:
        return "\n".join(str(row[0]) for row in self._query("PRAGMA integrity_check"))
