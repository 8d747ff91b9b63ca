from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tracker import store as store_module
from tracker.documents import Document, text_hash
from tracker.errors import SelectionError, StoreError, TrackerError
from tracker.observation import EXPORT_COLUMNS, Observation
from tracker.store import SCHEMA_VERSION, Store, default_store_path

VERSION = "test-1"


def make_doc(path: str = "reviews/a.html", text: str = "Cobalt sulphate bids at 30,000-31,000 yuan/mt.",
             title: str = "Weekly review", day: date = date(2024, 1, 5)) -> Document:
    return Document(path=path, text=text, title=title, date=day, content_hash=text_hash(text))


def make_obs(day: date = date(2024, 1, 5), low: float = 30000.0, high: float = 31000.0, *,
             commodity: str = "cobalt_sulphate", grade: str | None = "high-nickel", price_type: str = "bid",
             currency: str | None = "CNY", unit: str = "mt", text: str = "30,000-31,000 yuan/mt",
             sentence: str = "Cobalt sulphate bids at 30,000-31,000 yuan/mt.", publisher: str = "SMM") -> Observation:
    return Observation(date=day, commodity=commodity, grade=grade, price_type=price_type, low=low, high=high,
                       currency=currency, unit=unit, text=text, sentence=sentence, start=24, end=45,
                       publisher=publisher)


def counts(store: Store) -> tuple[int, int]:
    stats = store.stats()
    return stats["documents"], stats["observations"]


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "sub" / "tracker.db") as opened:
        yield opened


def test_creates_parent_dirs_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "tracker.db"
    with Store(path) as st:
        assert st.integrity_check() == "ok"
        assert counts(st) == (0, 0)
    assert path.exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(path) as st:  # reopening an up-to-date store works
        assert counts(st) == (0, 0)


def test_default_store_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRACKER_STORE", str(tmp_path / "x.db"))
    assert default_store_path() == tmp_path / "x.db"
    monkeypatch.delenv("TRACKER_STORE")
    assert default_store_path().name == "tracker.db"


def test_ingest_twice_changes_nothing(store: Store) -> None:
    doc = make_doc()
    assert store.classify(doc.path, doc.content_hash) == "new"
    assert store.save(doc, [make_obs(), make_obs(low=29000.0)], VERSION) == "new"
    before = counts(store)
    assert store.classify(doc.path, doc.content_hash) == "unchanged"
    assert store.save(doc, [make_obs(), make_obs(low=29000.0)], VERSION) == "unchanged"
    assert counts(store) == before == (1, 2)
    # the same text under another name is not ingested again
    assert store.save(make_doc(path="copy.html"), [make_obs()], VERSION) == "unchanged"
    assert counts(store) == (1, 2)


def test_changed_document_replaces_its_rows(store: Store) -> None:
    store.save(make_doc(), [make_obs(), make_obs(low=29000.0)], VERSION)
    store.save(make_doc(path="other.html", text="other"), [make_obs(day=date(2024, 1, 6))], VERSION)
    changed = make_doc(text="Cobalt sulphate bids at 32,000 yuan/mt.")
    assert store.classify(changed.path, changed.content_hash) == "replaced"
    assert store.save(changed, [make_obs(low=32000.0, high=32000.0)], VERSION) == "replaced"
    assert counts(store) == (2, 2)
    rows = store.observations(until="2024-01-05")
    assert [(r["low"], r["document"]) for r in rows] == [(32000.0, "reviews/a.html")]
    assert store.integrity_check() == "ok"


def test_same_observation_from_two_documents_is_one_row(store: Store) -> None:
    store.save(make_doc(path="first.html", text="one", title="First"), [make_obs()], VERSION)
    store.save(make_doc(path="second.html", text="two", title="Second"), [make_obs(), make_obs(low=1.0)],
               VERSION)
    rows = store.observations()
    assert len(rows) == 2
    merged = next(r for r in rows if r["low"] == 30000.0)
    assert list(merged) == list(EXPORT_COLUMNS)
    # the later-ingested of two documents published the same day stands; both are its sources
    assert merged["sources"] == ["second.html", "first.html"]
    assert merged["document"] == "second.html" and merged["title"] == "Second"
    assert merged["mid"] == 30500.0 and merged["date"] == "2024-01-05"
    # the only grade this store knows for the product tells nothing apart: it is left out of the series
    assert merged["series"] == "smm.cobalt_sulphate.bid.cny-mt" and merged["printed_grade"] == "high-nickel"


def test_failure_halfway_leaves_no_partial_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    original = store_module._observation_row
    calls = {"n": 0}

    def failing(*args):
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("disk on fire")
        return original(*args)

    store.save(make_doc(), [make_obs()], VERSION)
    monkeypatch.setattr(store_module, "_observation_row", failing)
    with pytest.raises(RuntimeError):
        store.save(make_doc(path="new.html", text="new"), [make_obs(low=1.0), make_obs(low=2.0)], VERSION)
    calls["n"] = 0
    with pytest.raises(RuntimeError):  # a failed replacement keeps the old version
        store.save(make_doc(text="changed"), [make_obs(low=3.0), make_obs(low=4.0)], VERSION)
    assert counts(store) == (1, 1)
    assert store.observations()[0]["low"] == 30000.0
    assert store.integrity_check() == "ok"
    monkeypatch.setattr(store_module, "_observation_row", original)
    assert store.save(make_doc(path="new.html", text="new"), [make_obs(low=1.0)], VERSION) == "new"


def _ingest_worker(path: str, worker: int, start) -> None:
    start.wait(30)
    with Store(path) as st:
        for i in range(50):
            text = f"worker {worker} document {i}"
            day = date(2024, 1, 1 + i % 28)
            obs = [make_obs(day=day, low=float(worker * 1000 + i), high=float(worker * 1000 + i + j))
                   for j in range(3)]
            assert st.save(make_doc(path=f"w{worker}/{i}.html", text=text), obs, VERSION) == "new"


@pytest.mark.slow
def test_two_processes_ingest_at_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"  # not created beforehand: both processes race to create it
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    workers = [ctx.Process(target=_ingest_worker, args=(str(path), w, start)) for w in (1, 2)]
    for process in workers:
        process.start()
    start.set()
    for process in workers:
        process.join(120)
    assert [p.exitcode for p in workers] == [0, 0]
    with Store(path) as st:
        assert counts(st) == (100, 300)
        # one series, 28 dates: per date the later document's three values stand, the rest are conflicts
        assert len(st.observations()) + len(st.conflicts()) == 300
        assert st.integrity_check() == "ok"


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir()}


def test_refuses_foreign_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('x')")
    conn.close()
    before = _snapshot(tmp_path)
    with pytest.raises(StoreError, match="not a tracker store") as info:
        Store(path)
    assert str(path) in str(info.value)
    assert _snapshot(tmp_path) == before


def test_refuses_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n" * 100)
    before = _snapshot(tmp_path)
    with pytest.raises(StoreError, match="not an SQLite database") as info:
        Store(path)
    assert str(path) in str(info.value)
    assert _snapshot(tmp_path) == before


def test_refuses_newer_store(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    with Store(path) as st:
        st.save(make_doc(), [make_obs()], VERSION)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer") as info:
        Store(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(make_doc(path="a.html", text="a", day=date(2024, 1, 5)), [
        make_obs(day=date(2024, 1, 5), low=100.0, high=110.0),
        make_obs(day=date(2024, 1, 5), low=200.0, high=200.0, grade="low-nickel", price_type="offer"),
        make_obs(day=date(2024, 1, 5), low=15.0, high=16.0, commodity="cobalt_metal", grade=None,
                 price_type="assessment", currency="USD", unit="lb"),
    ], VERSION)
    store.save(make_doc(path="b.html", text="b", day=date(2024, 1, 12)), [
        make_obs(day=date(2024, 1, 12), low=120.0, high=130.0),
        make_obs(day=date(2024, 1, 12), low=17.0, high=18.0, commodity="cobalt_metal", grade=None,
                 price_type="assessment", currency="USD", unit="lb"),
        make_obs(day=date(2024, 1, 12), low=80.0, high=90.0, commodity="lithium_carbonate",
                 grade="battery-grade", price_type="transaction"),
    ], VERSION)
    return store


def test_filters(filled: Store) -> None:
    rows = filled.observations()
    assert len(rows) == 6
    order = [(r["date"], r["commodity"], r["grade"] or "", r["price_type"], r["low"]) for r in rows]
    assert order == sorted(order)
    assert {r["commodity"] for r in filled.observations(commodity="COBALT_SULPHATE")} == {"cobalt_sulphate"}
    with pytest.raises(SelectionError, match="did you mean"):  # a name, not a part of one
        filled.observations(commodity="cobalt")
    assert {r["commodity"] for r in filled.observations(commodity="Cobalt Sulfate")} == {"cobalt_sulphate"}
    assert {r["commodity"] for r in filled.observations(commodity="硫酸钴")} == {"cobalt_sulphate"}
    assert {r["grade"] for r in filled.observations(grade="High-Nickel")} == {"high-nickel"}
    assert {r["grade"] for r in filled.observations(grade="nickel")} == {"high-nickel", "low-nickel"}
    assert filled.observations(grade="zinc") == []
    assert [r["low"] for r in filled.observations(price_type="offer")] == [200.0]
    assert {r["commodity"] for r in filled.observations(currency="USD")} == {"cobalt_metal"}
    assert {r["date"] for r in filled.observations(since="2024-01-12")} == {"2024-01-12"}
    assert {r["date"] for r in filled.observations(until=date(2024, 1, 5))} == {"2024-01-05"}
    assert len(filled.observations(since="2024-01-05", until="2024-01-12")) == 6
    assert filled.observations(since="2024-01-06", until="2024-01-11") == []
    with pytest.raises(TrackerError):
        filled.observations(since="last week")
    assert filled.commodities() == ["cobalt_metal", "cobalt_sulphate", "lithium_carbonate"]


def test_prices_dataframe(filled: Store) -> None:
    frame = filled.prices(commodity="cobalt_metal")
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    assert str(frame["date"].dtype).startswith("datetime64")
    assert len(frame) == 2
    assert str(filled.prices(since="2030-01-01")["date"].dtype).startswith("datetime64")
    with pytest.raises(SelectionError):
        filled.prices(commodity="none")


def test_latest_change_and_pct_change(filled: Store) -> None:
    latest = {(r["commodity"], r["grade"], r["price_type"]): r for r in filled.latest()}
    sulphate = latest[("cobalt_sulphate", "high-nickel", "bid")]
    assert sulphate["date"] == "2024-01-12" and sulphate["mid"] == 125.0
    assert sulphate["previous_date"] == "2024-01-05" and sulphate["previous_mid"] == 105.0
    assert sulphate["change"] == 20.0
    assert sulphate["pct_change"] == pytest.approx(20.0 / 105.0 * 100)
    metal = latest[("cobalt_metal", "", "assessment")]
    assert metal["change"] == 2.0 and metal["currency"] == "USD" and metal["unit"] == "lb"
    lithium = latest[("lithium_carbonate", "", "transaction")]  # its only grade: no spec needed
    assert lithium["previous_date"] is None and lithium["change"] is None and lithium["pct_change"] is None
    assert [r["commodity"] for r in filled.latest(commodity="cobalt_metal")] == ["cobalt_metal"]


def test_replace_observations_and_iter_documents(filled: Store) -> None:
    docs = list(filled.iter_documents(batch_size=1))
    assert [(d[1], d[3]) for d in docs] == [("a.html", date(2024, 1, 5)), ("b.html", date(2024, 1, 12))]
    doc_id, _, title, _, text, publisher = docs[0]
    assert publisher == ""
    assert (title, text) == ("Weekly review", "a")
    new = [make_obs(day=date(2024, 1, 5), low=100.0, high=110.0), make_obs(day=date(2024, 1, 5), low=1.0)]
    assert filled.replace_observations(doc_id, new, "test-2") == (1, 2)
    assert filled.replace_observations(doc_id, new, "test-2") == (0, 0)
    assert counts(filled) == (2, 5)
    with pytest.raises(StoreError):
        filled.replace_observations(999, new, "test-2")


def test_lookups_use_indexes(store: Store) -> None:
    plans = [" ".join(str(row[-1]) for row in store._conn.execute("EXPLAIN QUERY PLAN " + sql, params))
             for sql, params in (("SELECT 1 FROM documents WHERE content_hash = ?", ("x",)),
                                 ("SELECT content_hash FROM documents WHERE path = ?", ("x",)),
                                 ("SELECT * FROM observations WHERE commodity IN (?) AND date >= ?",
                                  ("x", "y")),
                                 ("SELECT * FROM observations WHERE document_id = ?", (1,)))]
    assert all("USING" in plan and "INDEX" in plan for plan in plans), plans


def test_a_version_2_store_is_upgraded_with_publishers_and_series(tmp_path: Path) -> None:
    from tracker.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for version in (0, 1):
        MIGRATIONS[version](conn)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO documents (path, content_hash, title, published, text, ingested_at, extractor_version) "
                 "VALUES ('smm.txt', 'h', 'Review', '2024-01-05', 'Source: SMM\nBids at 30,000 yuan/mt.', 'now', "
                 "'2')")
    conn.execute("INSERT INTO observations (document_id, date, commodity, grade, price_type, low, high, mid, currency, "
                 "unit, text, sentence, extractor_version) VALUES (1, '2024-01-05', 'cobalt_sulphate', "
                 "'battery grade', 'bid', 30000, 30000, 30000, 'CNY', 'mt', '30,000 yuan/mt', "
                 "'Bids at 30,000 yuan/mt.', '2')")
    conn.commit()
    conn.close()
    with Store(path) as upgraded:
        rows = upgraded.observations()
        assert len(rows) == 1 and rows[0]["low"] == 30000.0  # nothing lost
        assert rows[0]["publisher"] == "SMM" and rows[0]["series"] == "smm.cobalt_sulphate.bid.cny-mt"
        assert rows[0]["printed_grade"] == "battery grade"
        assert upgraded.series_ids() == ["smm.cobalt_sulphate.bid.cny-mt"]


def test_documents_that_disagree_are_a_conflict_and_the_later_published_stands(store: Store) -> None:
    # a correction published later, ingested first: publication date decides, not the order of ingest
    store.save(make_doc(path="correction.html", text="b", day=date(2024, 1, 6)), [make_obs(low=31000.0)], VERSION)
    store.save(make_doc(path="first.html", text="a", day=date(2024, 1, 5)), [make_obs(low=30000.0)], VERSION)
    rows = store.observations()
    assert [(r["low"], r["document"]) for r in rows] == [(31000.0, "correction.html")]  # one value, not averaged
    [conflict] = store.conflicts()
    assert (conflict["low"], conflict["document"]) == (31000.0, "correction.html")
    assert (conflict["other_low"], conflict["other_document"]) == (30000.0, "first.html")
    assert store.latest()[0]["mid"] == rows[0]["mid"]
