"""The Excel workbook: a latest sheet, the tidy prices table, a sheet and native charts per commodity.

Written with XlsxWriter: it writes native Excel line charts the analyst can restyle, and it types every
cell, so text is written with write_string and can never become a formula however it starts ("=", "+",
"-", "@"); the workbook options switch off its guessing of formulas, numbers and URLs from strings as a
second guard. Its constant-memory mode is not used because it cannot write Excel tables (the prices
sheet is one), and a workbook of one row per series and date stays small.
"""
from __future__ import annotations

import math
import numbers
import os
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tracker.observation import (
    COUNT_COLUMNS,
    DATE_COLUMNS,
    LATEST_COLUMNS,
    MONEY_COLUMNS,
    PERCENT_COLUMNS,
    RATE_COLUMNS,
)

if TYPE_CHECKING:
    import pandas as pd
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

MAX_TEXT = 32_767  # Excel's limit for one cell; longer text is cut with an ellipsis rather than refused
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_RESERVED = {"latest", "prices", "about", "history"}  # our sheets, and a name Excel keeps for itself
_WIDTHS = {"date": 11, "money": 13, "count": 7, "percent": 9, "rate": 9}
CHART_ROWS = 20  # rows one chart covers on a commodity sheet, so several stack without overlapping


class _Cells:
    """Typed cell writing: one format per kind of column, text always as text."""

    def __init__(self, workbook: Workbook):
        self.formats = {"date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
                        "money": workbook.add_format({"num_format": "#,##0.00"}),
                        "count": workbook.add_format({"num_format": "0"}),
                        "percent": workbook.add_format({"num_format": "0.00%"}),
                        "rate": workbook.add_format({"num_format": "0.0000"}),
                        "header": workbook.add_format({"bold": True})}

    @staticmethod
    def kind(column: str) -> str:
        for kind, names in (("date", DATE_COLUMNS), ("money", MONEY_COLUMNS), ("count", COUNT_COLUMNS),
                            ("percent", PERCENT_COLUMNS), ("rate", RATE_COLUMNS)):
            if column in names:
                return kind
        return "text"

    def write(self, sheet: Worksheet, row: int, col: int, kind: str, value: Any) -> None:
        if _missing(value):
            sheet.write_blank(row, col, None)
        elif kind == "date":
            sheet.write_datetime(row, col, _datetime(value), self.formats["date"])
        elif kind != "text" and isinstance(value, numbers.Real) and not isinstance(value, bool):
            number = float(value) / 100 if kind == "percent" else float(value)  # Excel percentages are fractions
            if math.isfinite(number):  # Excel has no NaN or infinity: such a cell stays empty
                sheet.write_number(row, col, number, self.formats[kind])
            else:
                sheet.write_blank(row, col, None)
        else:
            sheet.write_string(row, col, _text(value))


def _missing(value: Any) -> bool:
    if value is None or isinstance(value, (list, tuple)):
        return value is None
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):
        return False


def _datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def _text(value: Any) -> str:
    text = "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def _table_sheet(workbook: Workbook, cells: _Cells, name: str, frame: pd.DataFrame,
                 columns: Sequence[str]) -> None:
    """`frame` as an Excel table named `name`: header frozen, a filter button on every column."""
    sheet = workbook.add_worksheet(name)
    kinds = [cells.kind(column) for column in columns]
    for row, values in enumerate(frame[list(columns)].itertuples(index=False, name=None), start=1):
        for col, (kind, value) in enumerate(zip(kinds, values, strict=True)):
            cells.write(sheet, row, col, kind, value)
    # Excel needs a data row in a table: an empty selection gets one empty row under the header
    sheet.add_table(0, 0, max(len(frame), 1), len(columns) - 1, {
        "name": name, "style": "Table Style Medium 2",
        "columns": [{"header": column} for column in columns]})
    sheet.freeze_panes(1, 0)
    for col, (column, kind) in enumerate(zip(columns, kinds, strict=True)):
        sheet.set_column(col, col, _width(column, kind, frame[column] if len(frame) else []))


def _width(column: str, kind: str, values: Any) -> float:
    if kind in _WIDTHS:
        return max(_WIDTHS[kind], len(column) + 3)  # room for the filter button
    longest = max((len(_text(value)) for value in list(values)[:500] if not _missing(value)), default=0)
    return min(max(len(column) + 3, longest + 1), 60)


def sheet_names(commodities: Sequence[str]) -> dict[str, str]:
    """A valid, unique sheet name per commodity (31 characters, none of []:*?/\\, not one of ours)."""
    names: dict[str, str] = {}
    taken = set(_RESERVED)
    for commodity in commodities:
        base = _SHEET_NAME_BAD.sub("_", commodity).strip("'")[:31] or "commodity"
        name, number = base, 1
        while name.casefold() in taken:
            number += 1
            name = f"{base[:31 - len(str(number)) - 1]}_{number}"
        taken.add(name.casefold())
        names[commodity] = name
    return names


def _money_label(currency: Any, unit: str) -> str:
    if _missing(currency) or not currency:
        return "% payable" if unit == "%" else unit
    return f"{currency}/{unit}"


def _commodity_sheet(workbook: Workbook, cells: _Cells, name: str, commodity: str, frame: pd.DataFrame) -> None:
    """Dates down, a column of mids per series, and one line chart per currency and unit beside them."""
    from tracker.registry import default_registry

    keyed = frame.assign(_money=[_money_label(c, u) for c, u in zip(frame["currency"], frame["unit"], strict=True)])
    groups = [(money, sorted(rows["series"].unique())) for money, rows in keyed.groupby("_money", sort=True)]
    order = [series for _, names in groups for series in names]
    # one value per series and date; two from one document (spec words that did not tell them apart) average
    table = keyed.pivot_table(index="date", columns="series", values="mid", aggfunc="mean").reindex(columns=order)
    sheet = workbook.add_worksheet(name)
    sheet.write_string(0, 0, "date", cells.formats["header"])
    for col, series in enumerate(order, start=1):
        sheet.write_string(0, col, series, cells.formats["header"])
    for row, (day, values) in enumerate(zip(table.index, table.itertuples(index=False, name=None),
                                            strict=True), start=1):
        cells.write(sheet, row, 0, "date", day)
        for col, value in enumerate(values, start=1):
            cells.write(sheet, row, col, "money", value)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, _WIDTHS["date"])
    sheet.set_column(1, len(order), min(max((len(series) for series in order), default=10), 45))
    label = default_registry().label(commodity)
    legends = _legends(frame)
    last = len(table)
    for number, (money, names) in enumerate(groups):
        # never two units on one axis: each currency and unit gets a chart of its own
        chart = workbook.add_chart({"type": "line"})
        for series in names:
            col = order.index(series) + 1
            chart.add_series({"name": legends[series], "categories": [name, 1, 0, last, 0],
                              "values": [name, 1, col, last, col], "marker": {"type": "circle", "size": 4}})
        biggest = table[names].abs().max().max()
        chart.set_title({"name": f"{label} · {money}"})
        chart.set_x_axis({"date_axis": True, **_date_ticks(table.index), "major_gridlines": {"visible": False}})
        chart.set_y_axis({"name": money, "num_format": "#,##0" if biggest >= 100 else "#,##0.00",
                          "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
        chart.set_legend({"position": "bottom"})
        chart.show_blanks_as("span")  # series priced on different days still draw as lines
        chart.set_size({"width": 760, "height": 380})
        sheet.insert_chart(1 + number * CHART_ROWS, len(order) + 2, chart)


def _legends(frame: pd.DataFrame) -> dict[str, str]:
    """A short legend per series of one commodity ("SMM · high-nickel · bid"); the full id where two would match."""
    publishers = frame["publisher"].nunique(dropna=True) > 1
    short: dict[str, str] = {}
    for series, rows in frame.groupby("series", sort=True):
        first = rows.iloc[0]
        parts = [first["publisher"] if publishers else "", first["grade"], first["price_type"]]
        text = " · ".join(str(part) for part in parts if not _missing(part) and part)
        if "converted_from" in rows.columns and not _missing(first["converted_from"]):
            text += f" ({series.rpartition('>')[2]})"
        short[series] = text
    counts = list(short.values())
    return {series: text if counts.count(text) == 1 else series for series, text in short.items()}


def _date_ticks(dates: Any) -> dict[str, Any]:
    """Ticks a week, a month or a year apart, whichever keeps about a dozen labels under the chart."""
    days = (max(dates) - min(dates)).days if len(dates) > 1 else 0
    if days <= 100:
        return {"num_format": "dd mmm yy", "base_unit": "days", "major_unit": 7, "major_unit_type": "days"}
    if days <= 3 * 366:
        return {"num_format": "mmm yy", "base_unit": "days", "major_unit": max(1, days // 366 * 3 or 1),
                "major_unit_type": "months"}
    return {"num_format": "yyyy", "base_unit": "days", "major_unit": 1, "major_unit_type": "years"}


def write_workbook(path: str | os.PathLike[str], prices: pd.DataFrame, latest: pd.DataFrame, *,
                   columns: Sequence[str], about: Sequence[tuple[str, str]] = ()) -> None:
    """Write the workbook: `latest` (tracker.analysis.latest), `prices` in `columns`, a sheet per commodity.

    `about` adds a last sheet of (label, text) lines saying what was selected and how it was converted.
    """
    import xlsxwriter

    workbook = xlsxwriter.Workbook(os.fspath(path), {
        "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
        "default_date_format": "yyyy-mm-dd"})
    cells = _Cells(workbook)
    latest_columns = [column for column in (*LATEST_COLUMNS, "converted_from") if column in latest.columns]
    _table_sheet(workbook, cells, "latest", latest, latest_columns)
    _table_sheet(workbook, cells, "prices", prices, columns)
    commodities = sorted(prices["commodity"].dropna().unique()) if len(prices) else []
    names = sheet_names(commodities)
    for commodity in commodities:
        _commodity_sheet(workbook, cells, names[commodity], commodity, prices[prices["commodity"] == commodity])
    if about:
        sheet = workbook.add_worksheet("about")
        for row, (label, text) in enumerate(about):
            sheet.write_string(row, 0, label, cells.formats["header"])
            sheet.write_string(row, 1, _text(text))
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 1, 100)
    workbook.set_properties({"title": "Commodity prices", "comments": "Written by tracker"})
    # the file appears only here; on an error before it nothing is written (and write_atomic cleans up)
    workbook.close()
