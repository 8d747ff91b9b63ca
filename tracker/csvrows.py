"""The CSV of `tracker extract`, made in the worker processes as far as it can be.

series.rows resolves the series of observations read together (an ungraded mention joins the one fuller spec
of its product, ...) and only then are rows and cells made: done after the last document is read, in the one
parent process, that is a stretch with one core busy and the others idle. Here the workers make each row's
cells with the series the observation has on its own (`prepare`); the parent resolves the series as series.rows
does and remakes only the rows whose series resolves to another one (`cells`). The bytes written are those of
write_csv(series.rows(observations)) (tests/test_csvrows.py compares them).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from operator import attrgetter

from tracker.export import csv_cells
from tracker.observation import CSV_COLUMNS, Observation, Series

_OBSERVATION = attrgetter(*(f.name for f in fields(Observation)))
_SERIES = attrgetter(*(f.name for f in fields(Series)))


def prepare(observations: list[Observation]) -> list[tuple]:
    """Worker: per observation, (its fields, its own series' fields, its report as series.rows keys it, the cells
    of its row with its own series); plain tuples and strings, quick to send."""
    prepared = []
    for observation in observations:
        own = observation.series()
        prepared.append((_OBSERVATION(observation), _SERIES(own), f"{observation.document}@{observation.date}",
                         csv_cells(observation.as_row(own), CSV_COLUMNS)))
    return prepared


def cells(prepared: list[tuple]) -> Iterator[list[str]]:
    """Parent: the CSV cells of every row, in order, with the series resolved across all of them."""
    from tracker import series

    made: dict[tuple, Series] = {}  # one Series per distinct one: most observations share theirs
    own = [made.get(item[1]) or made.setdefault(item[1], Series(*item[1])) for item in prepared]
    resolved = series.resolve((item[2], mine) for item, mine in zip(prepared, own, strict=True))
    for item, mine in zip(prepared, own, strict=True):
        target = resolved[mine]
        yield item[3] if target == mine else csv_cells(Observation(*item[0]).as_row(target), CSV_COLUMNS)
