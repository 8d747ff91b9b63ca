"""Names a user types to select prices (commodity, publisher, series), matched against what is stored.

A name that matches nothing is an error listing the close matches, never an empty result.
"""
from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tracker.errors import SelectionError, TrackerError
from tracker.series import normalise_spec

if TYPE_CHECKING:
    from tracker.store import Store


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").replace("-", " ").split()).casefold()


def _unknown(kind: str, wanted: str, choices: Sequence[str]) -> SelectionError:
    close = difflib.get_close_matches(wanted, list(choices), n=5, cutoff=0.5) or \
        difflib.get_close_matches(_key(wanted), [_key(choice) for choice in choices], n=5, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    held = f" (stored: {', '.join(choices[:20])}{', ...' if len(choices) > 20 else ''})" if choices else \
        " (the store is empty)"
    return SelectionError(f"no {kind} {wanted!r} in the store{hint}{held}")


def match_commodity(wanted: str, stored: Sequence[str]) -> str:
    """The canonical name of a commodity written any way the registry knows ("Cobalt Sulphate", "硫酸钴")."""
    from tracker.registry import default_registry

    registry = default_registry()
    names = {_key(name): name for name in stored}
    names.update({_key(registry.label(name)): name for name in stored})
    found = names.get(_key(wanted)) or registry.canonical(wanted)
    if found is not None and found in stored:
        return found
    raise _unknown("commodity", wanted, list(stored))


def match_publisher(wanted: str, stored: Sequence[str]) -> str:
    from tracker.publishers import default_publishers

    found = default_publishers().canonical(wanted) or {name.casefold(): name for name in stored}.get(
        wanted.strip().casefold())
    if found is not None and found in stored:
        return found
    raise _unknown("publisher", wanted, list(stored))


def match_series(wanted: str, stored: Sequence[str]) -> str:
    if wanted in stored:
        return wanted
    by_key = {name.casefold(): name for name in stored}
    if wanted.strip().casefold() in by_key:
        return by_key[wanted.strip().casefold()]
    raise _unknown("series", wanted, list(stored))


def iso_date(value: date | str | None) -> str | None:
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


def where_clause(store: Store, commodity: str | None = None, grade: str | None = None, price_type: str | None = None,
           currency: str | None = None, since: date | str | None = None, until: date | str | None = None,
           publisher: str | None = None, series: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """The SQL condition and parameters of a selection; names that match nothing stored are errors."""
    where: list[str] = []
    params: list[Any] = []
    if commodity is not None:
        where.append("o.commodity = ?")
        params.append(match_commodity(commodity, store.commodities()))
    if publisher is not None:
        where.append("o.publisher = ?")
        params.append(match_publisher(publisher, store.publishers()))
    if series:
        ids = [match_series(wanted, store.series_ids()) for wanted in series]
        where.append(f"o.series_id IN ({', '.join('?' * len(ids))})")
        params.extend(ids)
    if grade is not None:
        where.append("(instr(lower(o.spec), ?) > 0 OR instr(lower(coalesce(o.grade, '')), ?) > 0)")
        params.extend([(normalise_spec(grade) or grade).lower(), grade.lower()])
    if price_type is not None:
        where.append("o.price_type = ?")
        params.append(price_type.lower())
    if currency is not None:
        where.append("o.currency = ?")
        params.append(currency.upper())
    if since is not None:
        where.append("o.date >= ?")
        params.append(iso_date(since))
    if until is not None:
        where.append("o.date <= ?")
        params.append(iso_date(until))
    return (" WHERE " + " AND ".join(where) if where else ""), params
