from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tracker.export import neutralise, wide, write_atomic, write_csv, write_json
from tracker.observation import CSV_COLUMNS

BOM = b"\xef\xbb\xbf"


def make_row(day: str = "2024-01-05", low: float = 96000.0, high: float = 96000.0, **fields) -> dict:
    row = {"date": day, "series": "smm.cobalt_sulphate.high-nickel.bid.cny-mt", "publisher": "SMM",
           "commodity": "cobalt_sulphate", "grade": "high-nickel", "price_type": "bid",
           "low": low, "high": high, "mid": (low + high) / 2, "currency": "CNY", "unit": "mt",
           "document": "a.html", "title": "Weekly review", "text": "96,000 yuan/mt",
           "sentence": "Bids at 96,000 yuan/mt.", "sources": "a.html"}
    row.update(fields)
    return row


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_neutralise() -> None:
    assert neutralise('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    for prefix in "=+-@\t\r\n":
        assert neutralise(prefix + "x") == "'" + prefix + "x"
    assert neutralise("cobalt") == "cobalt"
    assert neutralise(-5.0) == -5.0 and isinstance(neutralise(-5.0), float)
    assert neutralise(-5) == -5
    assert neutralise(None) is None


def test_csv_neutralises_text_and_keeps_numbers(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    rows = [make_row(title='=HYPERLINK("http://x","y")', low=-5.0, high=-5.0, text="-5", sentence="@cmd")]
    write_csv(rows, path, CSV_COLUMNS)
    raw = path.read_bytes()
    assert raw.startswith(BOM)
    (row,) = read_csv(path)
    assert row["title"] == '\'=HYPERLINK("http://x","y")'
    assert row["text"] == "'-5" and row["sentence"] == "'@cmd"
    assert row["low"] == "-5" and row["mid"] == "-5"  # numeric, not "'-5"
    assert b",-5,-5,-5," in raw


def test_csv_plain_numbers_and_iso_dates(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv([make_row(day=date(2024, 1, 5), low=96000.0, high=96500.5)], path, CSV_COLUMNS)
    (row,) = read_csv(path)
    assert row["date"] == "2024-01-05"
    assert (row["low"], row["high"], row["mid"]) == ("96000", "96500.5", "96250.25")
    assert list(row) == list(CSV_COLUMNS)


def test_csv_chinese_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    title = "硫酸钴市场周评：价格上涨"
    write_csv([make_row(title=title, grade="电池级")], path, ["date", "grade", "title"])
    assert path.read_bytes().startswith(BOM)
    (row,) = read_csv(path)
    assert row["title"] == title and row["grade"] == "电池级"


def test_csv_to_handles() -> None:
    text = io.StringIO()
    write_csv([make_row()], text, ["date", "low"])
    assert text.getvalue() == "\ufeffdate,low\r\n2024-01-05,96000\r\n"
    binary = io.BytesIO()
    write_csv([make_row()], binary, ["date", "low"])
    assert binary.getvalue() == BOM + b"date,low\r\n2024-01-05,96000\r\n"
    assert not binary.closed
    plain = io.StringIO()
    write_csv([make_row()], plain, ["date", "low"], bom=False)
    assert plain.getvalue().startswith("date,low")


def test_csv_missing_values_are_empty(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv([make_row(grade=None, currency=None, mid=float("nan"))], path, CSV_COLUMNS)
    (row,) = read_csv(path)
    assert (row["grade"], row["currency"], row["mid"]) == ("", "", "")


def test_json_records(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    write_json([make_row(day=date(2024, 1, 5), title="钴 =1", low=-5.0)], path, ["date", "title", "low"])
    raw = path.read_bytes()
    assert not raw.startswith(BOM)
    assert "钴".encode() in raw
    assert json.loads(raw) == [{"date": "2024-01-05", "title": "钴 =1", "low": -5.0}]


def test_wide_one_column_per_series_id() -> None:
    sulphate = "smm.cobalt_sulphate.high-nickel.bid.cny-mt"
    metal = "fastmarkets.refined_cobalt.assessment.usd-lb"
    rows = [
        make_row(day="2024-01-05", low=100.0, high=110.0),
        make_row(day="2024-01-05", low=15.0, high=16.0, series=metal),
        make_row(day="2024-01-12", low=120.0, high=130.0),
        make_row(day="2024-01-19", low=0.5, high=0.5, series="smm.cobalt_intermediate.bid.pct"),
    ]
    columns, table = wide(rows)
    assert columns == ["date", metal, "smm.cobalt_intermediate.bid.pct", sulphate]
    assert [r["date"] for r in table] == ["2024-01-05", "2024-01-12", "2024-01-19"]
    assert [r[sulphate] for r in table] == [105.0, 125.0, None]
    assert table[0][metal] == 15.5


def test_csv_joins_a_list_of_sources(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv([make_row(sources=["a.html", "b.html"])], path, ["date", "sources"])
    assert read_csv(path)[0]["sources"] == "a.html; b.html"


def test_wide_and_csv_accept_a_dataframe(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([make_row(grade=None), make_row(day="2024-01-12", grade=None, low=2.0, high=4.0)])
    frame["date"] = pd.to_datetime(frame["date"])
    columns, table = wide(frame)
    assert columns == ["date", "smm.cobalt_sulphate.high-nickel.bid.cny-mt"]
    assert [r["date"] for r in table] == ["2024-01-05", "2024-01-12"]
    path = tmp_path / "out.csv"
    write_csv(frame, path, ["date", "grade", "low"])
    assert read_csv(path)[0] == {"date": "2024-01-05", "grade": "", "low": "96000"}


def test_wide_is_writable(tmp_path: Path) -> None:
    columns, table = wide([make_row()])
    path = tmp_path / "wide.csv"
    write_csv(table, path, columns)
    assert read_csv(path) == [{"date": "2024-01-05", "smm.cobalt_sulphate.high-nickel.bid.cny-mt": "96000"}]


def test_write_atomic_success_and_replace(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_atomic(path, lambda tmp: write_csv([make_row()], tmp, ["date"]))
    assert read_csv(path) == [{"date": "2024-01-05"}]
    write_atomic(path, lambda tmp: write_csv([make_row(day="2024-02-01")], tmp, ["date"]))
    assert read_csv(path) == [{"date": "2024-02-01"}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_write_atomic_leaves_no_file_on_error(tmp_path: Path) -> None:
    def failing(tmp: Path) -> None:
        tmp.write_text("half a fi")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_atomic(tmp_path / "out.csv", failing)
    assert list(tmp_path.iterdir()) == []

    existing = tmp_path / "keep.csv"
    existing.write_text("old\n")
    with pytest.raises(RuntimeError):
        write_atomic(existing, failing)
    assert existing.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]
