"""Writers for exported rows: CSV (spreadsheet-safe), JSON, wide tables, atomic files."""
from __future__ import annotations

import csv
import io
import json
import math
import numbers
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Union

from tracker.errors import OutputError

Target = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]

# A cell starting with one of these is read as a formula by spreadsheets (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: Any) -> Any:
    """Prefix text that a spreadsheet would evaluate with a single quote; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _is_missing(value: Any) -> bool:
    # NaN and NaT are the only values unequal to themselves
    return value is None or (isinstance(value, (float, datetime)) and value != value)


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _number(value: numbers.Real) -> float | int | None:
    if isinstance(value, numbers.Integral):
        return int(value)
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        return None
    return number


def _csv_cell(value: Any) -> str:
    kind = type(value)  # exact types first: the checks below go through the numbers ABCs, which are slow
    if kind is str:
        return neutralise(value)
    if kind is float and math.isfinite(value):
        return _float_text(value)
    if _is_missing(value):
        return ""
    if kind is list:  # several sources of one observation
        return neutralise("; ".join(str(item) for item in value))
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, numbers.Real):
        number = _number(value)
        if number is None:
            return ""
        return _float_text(number) if isinstance(number, float) else repr(number)
    return str(neutralise(_iso(value)))


def _float_text(number: float) -> str:
    """Whole numbers without ".0"; otherwise the shortest round-trip form, never a thousands separator."""
    return str(int(number)) if number.is_integer() and abs(number) < 1e16 else repr(number)


def _records(rows: Any) -> list[Mapping[str, Any]]:
    if hasattr(rows, "to_dict"):  # a pandas DataFrame: it turns missing text into NaN
        return [{name: None if _is_missing(value) else value for name, value in record.items()}
                for record in rows.to_dict("records")]
    return list(rows)


@contextmanager
def _text_output(target: Target, encoding: str) -> Iterator[IO[str]]:
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding=encoding, newline="") as handle:
            yield handle
    elif isinstance(target, (io.RawIOBase, io.BufferedIOBase)):
        wrapper = io.TextIOWrapper(target, encoding=encoding, newline="", write_through=True)
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()  # leave the caller's binary handle open
    else:
        yield target  # type: ignore[misc]


def write_csv(rows: Iterable[Mapping[str, Any]], handle_or_path: Target,
              columns: Sequence[str] | None = None, *, bom: bool = True) -> None:
    """CSV for spreadsheets: UTF-8 with BOM, ISO dates, plain numbers, formula-like text neutralised."""
    records = _records(rows)
    if columns is None:
        columns = list(records[0]) if records else []
    write_csv_cells((csv_cells(record, columns) for record in records), handle_or_path, columns, bom=bom)


def csv_cells(record: Mapping[str, Any], columns: Sequence[str]) -> list[str]:
    """One row's cells as write_csv writes them (text neutralised, numbers plain, dates ISO)."""
    return [_csv_cell(record.get(name)) for name in columns]


def write_csv_cells(rows: Iterable[list[str]], handle_or_path: Target, columns: Sequence[str], *,
                    bom: bool = True) -> None:
    """write_csv of rows already made cells (csv_cells): where they were made elsewhere, in worker processes."""
    with _text_output(handle_or_path, "utf-8-sig" if bom else "utf-8") as handle:
        encoding = (getattr(handle, "encoding", None) or "utf-8").lower().replace("_", "-")
        # a path or binary handle gets its BOM from the codec; a text handle needs one written
        if bom and encoding in ("utf-8", "utf8"):
            handle.write("\ufeff")
        writer = csv.writer(handle)
        writer.writerow([neutralise(name) for name in columns])
        writer.writerows(rows)


def _json_value(value: Any) -> Any:
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Real):
        return _number(value)
    if isinstance(value, (date, datetime)):
        return _iso(value)
    return value if isinstance(value, (str, list, dict)) else str(value)


def write_json(rows: Iterable[Mapping[str, Any]], handle_or_path: Target,
               columns: Sequence[str] | None = None) -> None:
    """A JSON list of records (UTF-8, no BOM), in `columns` order when given."""
    records = [
        {name: _json_value(value) for name, value in
         ((name, record.get(name)) for name in (columns if columns is not None else record))}
        for record in _records(rows)
    ]
    with _text_output(handle_or_path, "utf-8") as handle:
        json.dump(records, handle, ensure_ascii=False, indent=2, allow_nan=False)
        handle.write("\n")


def wide(rows: Iterable[Mapping[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """One row per date, one column per series id, the mid as value: (columns, rows).

    A series has one value per date (the store settles disagreements), so nothing is averaged.
    """
    cells: dict[str, dict[str, Any]] = {}
    names: set[str] = set()
    for row in _records(rows):
        names.add(row["series"])
        cells.setdefault(str(_iso(row["date"])), {})[row["series"]] = row["mid"]
    columns = ["date", *sorted(names)]
    return columns, [{"date": day, **{name: cells[day].get(name) for name in columns[1:]}} for day in sorted(cells)]


def _new_file_mode(path: Path) -> int:
    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    # mkstemp creates 0600 files; an export should get the mode a plain open() would give
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str | os.PathLike[str], write_fn: Callable[[Path], object]) -> None:
    """Call write_fn(temporary_path) then move the finished file into place.

    The temporary file is in the same directory (so os.replace is atomic) and keeps the target's
    suffix (so writers that infer the format from it still work). On any error it is removed and
    the target is left as it was. Missing parent folders are created. Raises OutputError when the
    place cannot be written (a file where a folder should be, permission denied).
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=f".tmp{target.suffix}")
    except OSError as error:
        raise OutputError(f"{target}: cannot write there: {error.strerror or error}") from None
    os.close(fd)
    temporary = Path(name)
    try:
        write_fn(temporary)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temporary, _new_file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)


def _fsync_directory(directory: Path) -> None:
    # makes the rename itself durable; not possible on every platform (Windows)
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
