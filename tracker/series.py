"""Series: the printed grade words normalised into a specification, and specs resolved across documents.

One published price is one series however a week's review words it: "battery grade, spot",
"battery-grade" and "电池级" are one spec (data/specs.toml). A mention that leaves part of the spec out
("CIF" for "SC6, CIF") belongs to the one fuller spec the same publisher prices the product in; when
there are several ("high-nickel" and "low-nickel" bids), it cannot be told which and stays apart.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from importlib import resources

import regex

from tracker.observation import Observation, Series

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# "min 6% Li2O", "6pc-grade", "≥99.8%", "99.5% Li2CO3 min", "Co 30%": a content, written "6%"
_PERCENT = regex.compile(
    r"(?i)^(?:(?:min\.?|minimum|≥|>=)\s*)?(?:(?:co|ni|li2o|li2co3|lioh|li)\s+)?(\d+(?:\.\d+)?)\s*(?:pc|%|per\s*cent)"
    r"(?:[-\s]grade)?(?:\s+(?:co|ni|li2o|li2co3|lioh|li|content))?(?:\s+(?:min\.?|minimum))?$")
# "SC6" (spodumene concentrate, 6% Li2O); "CIF6" (Mysteel: 6% concentrate, CIF)
_CONCENTRATE = regex.compile(r"(?i)^(sc|cif)\s?(\d(?:\.\d)?)\s*(china|中国)?$")
_SPACE = regex.compile(r"\s+")
_GRADE_WORD = regex.compile(r"(?i)^(.+?)\s+grade$")  # "battery grade" -> "battery-grade"


class SpecTable:
    """data/specs.toml: canonical spelling and category of every specification word."""

    def __init__(self, table: dict):
        self.order: list[str] = table["order"]
        self.drop = {word.casefold() for word in table.get("drop", [])}
        # canonical word -> the set of words it stands beside as an alternative
        self.alternatives = {word: frozenset(group) for group in table.get("alternatives", []) for word in group}
        self.words: dict[str, tuple[int, str]] = {}  # casefolded word -> (category rank, canonical)
        for rank, category in enumerate(self.order):
            for canonical, aliases in table.get(category, {}).items():
                for word in (canonical, *aliases):
                    self.words[_fold(word)] = (rank, canonical)

    def category(self, canonical: str) -> str:
        """The category of a canonical spec word ("" for words the table does not know)."""
        if _PERCENT.match(canonical):
            return "content"
        rank = self.words.get(_fold(canonical), (len(self.order), ""))[0]
        return self.order[rank] if rank < len(self.order) else ""

    def words_of(self, printed: str) -> list[tuple[int, str]]:
        """(rank, canonical word) for each word of a printed grade; unknown words rank last."""
        found: list[tuple[int, str]] = []
        for part in printed.replace("，", ",").replace("、", ",").split(","):
            word = _SPACE.sub(" ", part).strip()
            if not word or _fold(word) in self.drop:
                continue
            known = self.words.get(_fold(word))
            if known:
                found.append(known)
                continue
            if percent := _PERCENT.match(word):
                found.append((self.order.index("content"), f"{_number(percent.group(1))}%"))
                continue
            if concentrate := _CONCENTRATE.match(word):
                found.append((self.order.index("content"), f"{_number(concentrate.group(2))}%"))
                if concentrate.group(1).casefold() == "cif":
                    basis = "cif china" if concentrate.group(3) else "cif"
                    found.append(self.words.get(basis, (len(self.order), basis.upper())))
                continue
            if grade := _GRADE_WORD.match(word):
                word = f"{grade.group(1)}-grade"
            found.append((len(self.order), word.lower() if word.isascii() else word))
        return found


def _fold(word: str) -> str:
    return _SPACE.sub(" ", word.strip()).casefold()


def _number(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=1)
def default_spec_table() -> SpecTable:
    data = resources.files("tracker").joinpath("data/specs.toml").read_text(encoding="utf-8")
    return SpecTable(tomllib.loads(data))


@lru_cache(maxsize=4096)
def normalise_spec(printed: str | None) -> str:
    """The canonical spec of printed grade words: known words in their canonical spelling, in the
    table's category order, each once; "" when nothing is left."""
    if not printed:
        return ""
    words = sorted(set(default_spec_table().words_of(printed)), key=lambda item: (item[0], item[1].casefold()))
    return ", ".join(word for _, word in words)


def _tokens(series: Series) -> frozenset[str]:
    return frozenset(series.spec.split(", ")) if series.spec else frozenset()


def resolve(seen: Iterable[tuple[str, Series]]) -> dict[Series, Series]:
    """Each series mapped to the one it continues, from (document, series) pairs.

    First, a word that stands for one of several alternatives ("battery-grade") is left out where the
    publisher prices the product in no other alternative: it tells nothing apart. Then a spec that is part
    of exactly one fuller spec of the product (any price type) joins that series: an ungraded mention;
    "CIF" for "CIF China"; to a graded spec the fuller one may add only content, origin and basis words.
    Specs reported side by side in one document (an index beside the range it summarises) never join.
    """
    in_document: dict[str, set[Series]] = defaultdict(set)
    for document, item in seen:
        in_document[document].add(item)
    members = set().union(*in_document.values())
    plain = _without_lone_alternatives(members)
    apart = {(plain[a], plain[b]) for items in in_document.values() for a in items for b in items
             if a.group() == b.group() and plain[a] != plain[b]}
    specs_of_product: dict[tuple, set[frozenset[str]]] = defaultdict(set)
    by_group_spec = {(item.group(), _tokens(item)): item for item in plain.values()}
    for item in plain.values():
        specs_of_product[_product(item)].add(_tokens(item))
    resolved: dict[Series, Series] = {}
    for original, item in plain.items():
        own = _tokens(item)
        fuller = [spec for spec in specs_of_product[_product(item)]
                  if spec != own and _covered(own, spec) and (not own or _context(_extra(own, spec)))]
        widest = [spec for spec in fuller if not any(spec != more and _covered(spec, more) for more in fuller)]
        target = by_group_spec.get((item.group(), widest[0])) if len(widest) == 1 else None
        resolved[original] = target if target is not None and (item, target) not in apart else item
    return resolved


def _without_lone_alternatives(members: set[Series]) -> dict[Series, Series]:
    """Each series with the alternative words its product is never priced in another way of left out."""
    table = default_spec_table()
    used: dict[tuple, set[str]] = defaultdict(set)
    for item in members:
        used[_product(item)].update(_tokens(item))
    plain = {}
    for item in members:
        words = used[_product(item)]
        keep = [word for word in item.spec.split(", ") if word and not (
            word in table.alternatives and len(table.alternatives[word] & words) == 1)]
        plain[item] = replace(item, spec=", ".join(keep))
    return plain


def _covered(own: frozenset[str], spec: frozenset[str]) -> bool:
    """Every word of `own` is in `spec`, or is a bare basis that `spec` places ("CIF" in "CIF China")."""
    return all(word in spec or any(other.startswith(word + " ") for other in spec) for word in own)


def _extra(own: frozenset[str], spec: frozenset[str]) -> frozenset[str]:
    return frozenset(word for word in spec if word not in own and not any(word.startswith(mine + " ")
                                                                          for mine in own))


def _context(words: frozenset[str]) -> bool:
    """Whether these spec words only detail a product already named: content, origin, basis."""
    table = default_spec_table()
    return all(table.category(word) in ("content", "origin", "basis") for word in words)


def _product(series: Series) -> tuple:
    return (series.publisher, series.document, series.commodity, series.currency, series.unit)


def rows(observations: Iterable[Observation]) -> list[dict]:
    """Output rows of observations read together, each with the series it resolves to among them."""
    observations = list(observations)
    own = [observation.series() for observation in observations]
    resolved = resolve((observation.document, series) for observation, series in zip(observations, own, strict=True))
    return [observation.as_row(resolved[series]) for observation, series in zip(observations, own, strict=True)]
