"""tracker.csvrows: the CSV of `tracker extract` made in the workers is byte for byte the CSV of series.rows."""
from __future__ import annotations

import io
from pathlib import Path

from tracker import csvrows, series
from tracker.batch import extract_paths
from tracker.documents import iter_paths
from tracker.export import write_csv, write_csv_cells
from tracker.observation import CSV_COLUMNS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_same_bytes_as_series_rows() -> None:
    paths = list(iter_paths([str(FIXTURES)]))
    observations = [o for result in extract_paths(paths, jobs=1) for o in result.observations]
    assert len(observations) > 100
    expected = io.BytesIO()
    write_csv(series.rows(observations), expected, CSV_COLUMNS)
    for jobs in (1, 2):  # in this process, and in workers
        prepared = [item for result in extract_paths(paths, jobs=jobs, prepare=csvrows.prepare)
                    for item in result.prepared]
        made = io.BytesIO()
        write_csv_cells(csvrows.cells(prepared), made, CSV_COLUMNS)
        assert made.getvalue() == expected.getvalue()
    # some series of the fixtures resolve to another (the rows remade in the parent are exercised)
    own = [o.series() for o in observations]
    resolved = series.resolve((f"{o.document}@{o.date}", s) for o, s in zip(observations, own, strict=True))
    assert any(resolved[s] != s for s in own)
