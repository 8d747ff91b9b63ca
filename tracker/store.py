"""The SQLite store: documents and the observations read from them."""
from __future__ import annotations

import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.analysis import by_series, latest_rows
from tracker.errors import StoreError
from tracker.observation import EXPORT_COLUMNS, FX_COLUMNS, SERIES_COLUMNS, Observation, Series
from tracker.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from tracker.selection import iso_date, where_clause

if TYPE_CHECKING:
    import pandas as pd

    from tracker.documents import Document

SQLITE_MAGIC = b"SQLite format 3\x00"

_OBSERVATION_INSERT = """
INSERT INTO observations (document_id, date, commodity, grade, price_type, low, high, mid, currency,
    unit, text, sentence, span_start, span_end, extractor_version, publisher, spec, own_series, series_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_KEY_COLUMNS = ("date", "publisher", "commodity", "grade", "price_type", "currency", "unit", "low", "high")
# a series drawn once a day, week, month or quarter: the typical days between its points, at most
_SPACINGS = ((3, "daily"), (16, "weekly"), (45, "monthly"), (120, "quarterly"), (400, "yearly"))


def default_store_path() -> Path:
    """$TRACKER_STORE if set, else tracker.db in the user data directory."""
    env = os.environ.get("TRACKER_STORE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("tracker")) / "tracker.db"


def _observation_row(document_id: int, obs: Observation, extractor_version: str) -> tuple:
    series = obs.series()
    return (document_id, obs.date.isoformat(), obs.commodity, obs.grade, obs.price_type,
            float(obs.low), float(obs.high), float(obs.mid), obs.currency, obs.unit, obs.text,
            obs.sentence, obs.start, obs.end, extractor_version, obs.publisher, series.spec, series.id, series.id)


def _key(obs: Observation) -> tuple:
    # the stored form of Observation.key(): the date as ISO text, prices as floats
    return (obs.date.isoformat(), obs.publisher, obs.commodity, obs.grade, obs.price_type, obs.currency, obs.unit,
            float(obs.low), float(obs.high))


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
            self._wal()
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
            raise

    # -- opening ---------------------------------------------------------------------------------

    def _wal(self) -> None:
        """Switch to WAL. The switch takes no busy timeout: while another process creates the store
        it is refused at once ("database is locked"), so it is tried again for up to the timeout."""
        deadline = time.monotonic() + 30
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

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
        at_path = self._query("SELECT content_hash FROM documents WHERE path = ? UNION ALL "
                              "SELECT d.content_hash FROM document_paths p JOIN documents d ON d.id = p.document_id "
                              "WHERE p.path = ?", (path, path))
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
        """Store a document and its observations atomically; returns what `classify` said.

        The same content at a second path is stored once, with both paths as its sources.
        """
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction() as conn:
            status = self.classify(document.path, document.content_hash)
            if status == "unchanged":
                conn.execute("INSERT OR IGNORE INTO document_paths (path, document_id, ingested_at) "
                             "SELECT ?, id, ? FROM documents WHERE content_hash = ? AND path != ? "
                             "ORDER BY id LIMIT 1", (document.path, now, document.content_hash, document.path))
                return status
            if status == "replaced":
                conn.execute("DELETE FROM documents WHERE path = ?", (document.path,))
                conn.execute("DELETE FROM document_paths WHERE path = ?", (document.path,))
            cursor = conn.execute(
                "INSERT INTO documents (path, content_hash, title, published, text, ingested_at, "
                "extractor_version, source_hash, publisher) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document.path, document.content_hash, document.title or "", iso_date(document.date),
                 document.text, now, extractor_version, document.source_hash or None, document.publisher))
            document_id = cursor.lastrowid
            assert document_id is not None  # an INSERT always sets it
            conn.executemany(_OBSERVATION_INSERT,
                             (_observation_row(document_id, obs, extractor_version) for obs in observations))
            self._series_changed(conn)
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
            self._series_changed(conn)
        return len(new - old), len(old - new)

    @staticmethod
    def _series_changed(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('series_resolved', '0')")

    def resolve_series(self) -> None:
        """Give every observation the series it continues among everything stored (tracker.series.resolve)
        and rebuild the series table. Runs by itself before reading after a change."""
        from tracker.series import resolve

        with self._transaction() as conn:
            seen: dict[str, Series] = {}
            pairs = []
            for document_id, day, path, own, publisher, commodity, spec, price_type, currency, unit in conn.execute(
                    "SELECT DISTINCT o.document_id, o.date, d.path, o.own_series, o.publisher, o.commodity, o.spec, "
                    "o.price_type, o.currency, o.unit FROM observations o JOIN documents d ON d.id = o.document_id"):
                series = seen.setdefault(own, Series(publisher, commodity, spec, price_type, currency, unit,
                                                     "" if publisher else path))
                pairs.append((f"{document_id}@{day}", series))  # one document's report of one date
            resolved = resolve(pairs)
            conn.executemany("UPDATE observations SET series_id = ? WHERE own_series = ? AND series_id != ?",
                             ((resolved[series].id, own, resolved[series].id) for own, series in seen.items()))
            conn.execute("DELETE FROM series")
            conn.executemany("INSERT OR IGNORE INTO series (id, publisher, commodity, spec, price_type, currency, "
                             "unit, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             ((item.id, item.publisher, item.commodity, item.spec, item.price_type, item.currency,
                               item.unit, item.document) for item in set(resolved.values())))
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('series_resolved', '1')")

    def resolve_series_if_changed(self) -> None:
        """`resolve_series`, when observations changed since it last ran (a re-ingest of unchanged
        files costs no pass over the whole store)."""
        state = self._query("SELECT value FROM meta WHERE key = 'series_resolved'")
        if state and state[0][0] != "1":
            self.resolve_series()

    # -- reading ---------------------------------------------------------------------------------

    def iter_documents(self, batch_size: int = 200) -> Iterator[tuple[int, str, str, date | None, str, str]]:
        """Yield (id, path, title, published, text, publisher) in ingestion order."""
        # keyset batches: no cursor stays open while the caller writes between yields
        last_id = 0
        while True:
            batch = self._query("SELECT id, path, title, published, text, publisher FROM documents WHERE id > ? "
                                "ORDER BY id LIMIT ?", (last_id, batch_size))
            if not batch:
                return
            for doc_id, path, title, published, text, publisher in batch:
                yield (doc_id, path, title, date.fromisoformat(published) if published else None, text, publisher)
            last_id = batch[-1][0]

    def _distinct(self, column: str, table: str = "observations") -> list:
        return [row[0] for row in self._query(
            f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} != '' ORDER BY {column}")]

    def commodities(self) -> list[str]:
        return self._distinct("commodity")

    def publishers(self) -> list[str]:
        return self._distinct("publisher")

    def series_ids(self) -> list[str]:
        self.resolve_series_if_changed()
        return self._distinct("id", "series")

    def _points(self, **filters: Any) -> tuple[list[dict], list[dict]]:
        """(one row per series and date, the conflicts): a value reported by several documents is one
        row with all of them in `sources`; when documents disagree, the later-published one stands
        (then the later ingested) and the others are conflicts, kept as history. One document giving
        two values for one series and date (prices its words did not tell apart) keeps both."""
        self.resolve_series_if_changed()
        where, params = where_clause(self, **filters)
        sql = ("SELECT o.series_id, o.date, o.publisher, o.commodity, s.spec, o.price_type, o.low, o.high, o.mid, "
               "o.currency, o.unit, d.path, d.title, o.text, o.sentence, o.grade, d.id "
               "FROM observations o JOIN documents d ON d.id = o.document_id "
               "JOIN series s ON s.id = o.series_id" + where +
               " ORDER BY o.series_id, o.date, d.published DESC, d.id DESC, o.id")
        found = self._query(sql, params)
        paths: dict[int, list[str]] = defaultdict(list)
        for document_id, path in self._query("SELECT document_id, path FROM document_paths ORDER BY path"):
            paths[document_id].append(path)
        points: dict[tuple, dict] = {}
        standing: dict[tuple[str, str], dict] = {}  # (series, date) -> the first row of the document that stands
        conflicts: list[dict] = []
        for (series_id, day, publisher, commodity, spec, price_type, low, high, mid, currency, unit, path, title,
             text, sentence, printed, document_id) in found:
            sources = [path, *paths.get(document_id, [])]
            first = standing.get((series_id, day))
            kept = points.get((series_id, day, low, high))
            if kept is None and first is not None and first["document_id"] != document_id:
                conflicts.append({"series": series_id, "date": day, "low": first["low"], "high": first["high"],
                                  "document": first["document"], "other_low": low, "other_high": high,
                                  "other_document": path})
            elif kept is None:
                # two values from one document: prices the spec words could not tell apart, both kept
                points[(series_id, day, low, high)] = {
                    "date": day, "series": series_id, "publisher": publisher, "commodity": commodity, "grade": spec,
                    "price_type": price_type, "low": low, "high": high, "mid": mid, "currency": currency,
                    "unit": unit, "document": path, "title": title, "text": text, "sentence": sentence,
                    "printed_grade": printed, "sources": sources}
                standing.setdefault((series_id, day), {**points[(series_id, day, low, high)],
                                                       "document_id": document_id})
            else:
                kept["sources"] += [source for source in sources if source not in kept["sources"]]
        rows = sorted(points.values(), key=lambda row: (row["date"], row["commodity"], row["series"], row["low"]))
        return rows, conflicts

    def observations(self, **filters: Any) -> list[dict]:
        """One row per series and date (EXPORT_COLUMNS), `sources` listing every document that reported it.

        Filters: commodity (any registry name), grade (part of the spec or of the printed words),
        price_type, currency, publisher, series (ids), since, until.
        """
        return self._points(**filters)[0]

    def conflicts(self, **filters: Any) -> list[dict]:
        """Every series and date on which documents disagree: the value kept and the other one."""
        return self._points(**filters)[1]

    def prices(self, *, freq: str | None = None, week_ending: str = "FRI", to: str | None = None,
               ex_vat: float | None = None, **filters: Any) -> pd.DataFrame:
        """The rows of `observations` as a DataFrame, `date` as datetime64; the frame every output uses.

        `to` ("USD/lb", "kg", "USD") converts with the stored FX rates, `ex_vat` takes that percentage of
        VAT off CNY prices, `freq` (W, M, Q, Y; weeks ending on `week_ending`) averages per series and
        period: tracker.analysis.prepare, in that order.
        """
        import pandas as pd

        from tracker.analysis import prepare

        frame = pd.DataFrame(self.observations(**filters), columns=list(EXPORT_COLUMNS))
        frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
        if not (freq or to or ex_vat):
            return frame
        fx = pd.DataFrame(self.fx_rates(), columns=list(FX_COLUMNS)) if to else None
        return prepare(frame, freq=freq, week_ending=week_ending, to=to, ex_vat=ex_vat, fx=fx)

    def save_fx_rates(self, rates: Sequence[tuple[str, str, float]], source: str = "") -> dict[str, int]:
        """Store (date, pair, rate) rows in one transaction: a pair's rate on a date replaces the stored one.

        Returns how many were new, changed and unchanged.
        """
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        counts = {"new": 0, "changed": 0, "unchanged": 0}
        with self._transaction() as conn:
            for day, pair, rate in rates:
                held = conn.execute("SELECT rate FROM fx_rates WHERE pair = ? AND date = ?", (pair, day)).fetchone()
                counts["new" if held is None else "unchanged" if held[0] == rate else "changed"] += 1
                conn.execute("INSERT INTO fx_rates (pair, date, rate, source, imported_at) VALUES (?, ?, ?, ?, ?) "
                             "ON CONFLICT (pair, date) DO UPDATE SET rate = excluded.rate, source = excluded.source, "
                             "imported_at = excluded.imported_at", (pair, day, float(rate), source, now))
        return counts

    def fx_rates(self, pair: str | None = None) -> list[dict]:
        """Stored FX rates (FX_COLUMNS) by pair and date; only `pair`'s when given."""
        where, params = (" WHERE pair = ?", (pair,)) if pair else ("", ())
        return [dict(zip(FX_COLUMNS, row, strict=True)) for row in
                self._query(f"SELECT date, pair, rate FROM fx_rates{where} ORDER BY pair, date", params)]

    def series(self, **filters: Any) -> list[dict]:
        """Per series: its fields, points, first and last date, last mid and typical spacing."""
        result = []
        for rows in by_series(self.observations(**filters)):
            days = [date.fromisoformat(row["date"]) for row in rows]
            gaps = sorted((b - a).days for a, b in zip(days, days[1:], strict=False))
            result.append({**{name: rows[0][name] for name in SERIES_COLUMNS}, "points": len(rows),
                           "first_date": rows[0]["date"], "last_date": rows[-1]["date"], "last_mid": rows[-1]["mid"],
                           "spacing": _spacing(gaps[len(gaps) // 2] if gaps else None)})
        return result

    def latest(self, **filters: Any) -> list[dict]:
        """Per series: last and previous date with their mid, the change and the change in percent."""
        return latest_rows(self.observations(**filters))

    def stats(self) -> dict[str, Any]:
        documents = self._query("SELECT COUNT(*) FROM documents")[0][0]
        observations, first, last = self._query("SELECT COUNT(*), MIN(date), MAX(date) FROM observations")[0]
        return {"path": str(self.path), "documents": documents, "observations": observations,
                "commodities": len(self.commodities()), "series": len(self.series_ids()),
                "first_date": first, "last_date": last}

    def integrity_check(self) -> str:
        return "\n".join(str(row[0]) for row in self._query("PRAGMA integrity_check"))


def _spacing(days: int | None) -> str:
    if days is None:
        return ""
    return next((name for limit, name in _SPACINGS if days <= limit), "irregular")
