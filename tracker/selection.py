"""Names a user types to select prices (commodity, publisher, series), matched against what is stored.

A name that matches nothing is an error listing the close matches, never an empty result.
"""
from __future__ import annotations

import difflib
from collections.abc import Sequence

from tracker.errors import SelectionError


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
    if found in stored:
        return found
    raise _unknown("commodity", wanted, list(stored))


def match_publisher(wanted: str, stored: Sequence[str]) -> str:
    from tracker.publishers import default_publishers

    found = default_publishers().canonical(wanted) or {name.casefold(): name for name in stored}.get(
        wanted.strip().casefold())
    if found in stored:
        return found
    raise _unknown("publisher", wanted, list(stored))


def match_series(wanted: str, stored: Sequence[str]) -> str:
    if wanted in stored:
        return wanted
    by_key = {name.casefold(): name for name in stored}
    if wanted.strip().casefold() in by_key:
        return by_key[wanted.strip().casefold()]
    raise _unknown("series", wanted, list(stored))
