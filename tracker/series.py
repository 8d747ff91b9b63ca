"""Series: the printed grade words normalised into a specification, and specs resolved across documents.

One published price is one series however a week's review words it: "battery grade, spot",
"battery-grade" and "电池级" are one spec. data/specs.toml owns the spec words: their canonical spelling and
category, and where extraction reads them (tracker/patterns.py builds its spec pattern from
`SpecTable.extraction_words`). A word that is one of several alternatives the publisher never prices the
product in another way of tells nothing apart and is left out ("spot" where there is no contract price); a
price marked with none of a group where the product is priced in several is the unmarked one ("spot"). A
mention that leaves part of the spec out ("CIF" for "SC6, CIF China") belongs to the one fuller spec the
same publisher prices the product in; when there are several ("high-nickel" and "low-nickel" bids), it
cannot be told which and stays apart.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.observation import Observation, Series
from tracker.vocabulary import prefix_tree

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_SPACE = regex.compile(r"\s+")
_GRADE_WORD = regex.compile(r"(?i)^(.+?)\s+grade$")  # "battery grade" -> "battery-grade"


class SpecTable:
    """data/specs.toml: canonical spelling and category of every specification word, and where extraction
    reads each word (tracker/patterns.py builds its spec pattern from `extraction_words`)."""

    def __init__(self, table: dict):
        self.order: list[str] = table["order"]
        self.drop = {_fold(word) for word in table.get("drop", [])}
        # canonical word -> the set of words it stands beside as an alternative
        self.alternatives = {word: frozenset(group) for group in table.get("alternatives", []) for word in group}
        self.unmarked: frozenset[str] = frozenset(table.get("unmarked", []))
        self.listed_only = {_fold(word) for word in table.get("listed_only", [])}
        self.after_price_only = {_fold(word) for word in table.get("after_price_only", [])}
        self.suffixes: list[str] = table.get("feedstock_suffixes", [])
        self.content_names: list[str] = table.get("content_names", [])
        self.entries: dict[str, dict[str, list[str]]] = {category: table.get(category, {}) for category in self.order}
        self.words: dict[str, tuple[int, str]] = {}  # folded word -> (category rank, canonical)
        for rank, category in enumerate(self.order):
            for canonical, aliases in self.entries[category].items():
                for word in (canonical, *aliases):
                    self.words[_fold(word)] = (rank, canonical)
        # places a basis is given for: the [place] table and the origins' own names
        self.places: dict[str, str] = {_fold(origin): origin for origin in self.entries.get("origin", {})
                                       if origin[:1].isupper()}  # countries and brands, not "imported"
        for canonical, aliases in table.get("place", {}).items():
            for word in (canonical, *aliases):
                self.places[_fold(word)] = canonical
        self.place_table: dict[str, list[str]] = table.get("place", {})
        self._basis_rank = self.order.index("basis")
        self._categories: dict[str, str] = {}
        self._canonicals: dict[str, str | None] = {}
        basis = [_fold(word) for word in self.category_words("basis")]
        # on folded text: "cif china", "in whs rotterdam", "cif中国", "cif japan/korea"
        self._basis_place = regex.compile(
            rf"^(?P<basis>{prefix_tree(basis)})\s*(?P<place>[^,]+)$")
        names = "|".join(regex.escape(name.casefold()) for name in sorted(self.content_names, key=len, reverse=True))
        # "min 6% Li2O", "6pc-grade", "≥99.8%", "99.5% Li2CO3 min", "Li2CO3 99.5% min", "Co 30%", "20.5%min"
        self._percent = regex.compile(
            rf"(?i)^(?:(?:min\.?|minimum|≥|>=)\s*)?(?:(?:{names})\s*(?:≥|>=|:)?\s*)?(\d+(?:\.\d+)?)\s*(?:pc|%|per\s*cent)"
            rf"(?:[-\s]grade)?(?:\s*(?:{names}|content))?(?:\s*(?:min\.?|minimum))?$")
        self._suffix = regex.compile(
            rf"^(?P<stem>.+?) (?:{'|'.join(regex.escape(s) for s in self.suffixes)})$") if self.suffixes else None

    def category_words(self, category: str) -> list[str]:
        """Every canonical word and alias of a category, as written in the table."""
        return [word for canonical, aliases in self.entries.get(category, {}).items() for word in (canonical, *aliases)]

    def extraction_words(self) -> dict[str, list[str]]:
        """The words extraction reads, by where it reads them (see specs.toml): `free` anywhere before a price,
        `listed` only as an item of their own, `basis` with an optional place after them, `feedstock` with an
        optional suffix, `after_price` only right after a price; `places`, `suffixes`, `content_names`."""
        found: dict[str, list[str]] = {name: [] for name in ("free", "listed", "basis", "feedstock", "after_price")}
        for category in self.order:
            for word in self.category_words(category):
                folded = _fold(word)
                if folded in self.after_price_only:
                    found["after_price"].append(word)
                elif folded in self.listed_only:
                    found["listed"].append(word)
                elif category in ("basis", "feedstock"):
                    found[category].append(word)
                else:
                    found["free"].append(word)
        found["places"] = [*(origin for origin in self.entries.get("origin", {}) if origin[:1].isupper()),
                           *(word for canonical, aliases in self.place_table.items() for word in (canonical, *aliases))]
        found["suffixes"] = list(self.suffixes)
        found["content_names"] = list(self.content_names)
        return found

    def canonical(self, word: str) -> str | None:
        """The canonical spelling of one spec word ("电池级" -> "battery-grade", "cif中国" -> "CIF China"), or None."""
        if word not in self._canonicals:
            if len(self._canonicals) > 50_000:  # bounded on hostile input (every figure a new "99.5%")
                self._canonicals.clear()
            found = self.words_of(word)
            self._canonicals[word] = found[0][1] if len(found) == 1 and found[0][0] < len(self.order) else None
        return self._canonicals[word]

    def category(self, canonical: str) -> str:
        """The category of a canonical spec word ("" for words the table does not know)."""
        if canonical not in self._categories:
            if len(self._categories) > 50_000:
                self._categories.clear()
            found = self.words_of(canonical)
            rank = found[0][0] if len(found) == 1 else len(self.order)
            self._categories[canonical] = self.order[rank] if rank < len(self.order) else ""
        return self._categories[canonical]

    def place(self, text: str) -> str | None:
        """The canonical name of a place ("china" -> "China", "japan/korea" -> "Japan/Korea"), or None."""
        text = _fold(text)
        if text in self.places:
            return self.places[text]
        parts = [self.places.get(part.strip()) for part in text.split("/")]
        if len(parts) < 2 or not all(parts):
            return None
        joined = "/".join(parts)  # type: ignore[arg-type]
        return self.places.get(_fold(joined), joined)  # "China/Japan/South Korea" is CJK

    def words_of(self, printed: str) -> list[tuple[int, str]]:
        """(rank, canonical word) for each word of a printed grade; unknown words rank last."""
        found: list[tuple[int, str]] = []
        for part in printed.replace("，", ",").replace("、", ",").split(","):
            word = _SPACE.sub(" ", part).strip()
            folded = _fold(word)
            if not word or folded in self.drop:
                continue
            if _QUARTER.match(word):
                folded = _fold(_QUARTER.sub("", word))
            known = self.words.get(folded)
            if known:
                found.append(known)
                continue
            if percent := self._percent.match(word):
                found.append((self.order.index("content"), f"{_number(percent.group(1))}%"))
                continue
            if concentrate := _CONCENTRATE.match(word):
                found.append((self.order.index("content"), f"{_number(concentrate.group(2))}%"))
                if concentrate.group(1).casefold() == "cif":
                    place = self.place(concentrate.group(3)) if concentrate.group(3) else None
                    if concentrate.group(3) is None or place:
                        found.append((self._basis_rank, f"CIF {place}" if place else "CIF"))
                        continue
                    found.append((len(self.order), concentrate.group(3).strip().lower()))
                continue
            if (placed := self._basis_place.match(folded)) and (place := self.place(placed.group("place"))):
                found.append((self._basis_rank, f"{self.words[placed.group('basis').strip()][1]} {place}"))
                continue
            if self._suffix and (fed := self._suffix.match(folded)) and \
                    self.words.get(fed.group("stem"), (-1, ""))[0] == self.order.index("feedstock"):
                found.append(self.words[fed.group("stem")])
                continue
            if grade := _GRADE_WORD.match(word):
                word = f"{grade.group(1)}-grade"
            found.append((len(self.order), word.lower() if word.isascii() else word))
        return found


# "Q4 contract", "fourth-quarter contract reference": the contract price, whichever quarter it is for
_QUARTER = regex.compile(
    r"(?i)^(?:q[1-4]|(?:first|second|third|fourth)[-\s]quarter)(?:\s+(?:19|20)\d\d)?\s+(?=contract)")
# "SC6" (spodumene concentrate, 6% Li2O); "CIF6" (Mysteel: 6% concentrate, CIF), "CIF6中国", "CIF6 Japan"
_CONCENTRATE = regex.compile(r"(?i)^(sc|cif)\s?(\d(?:\.\d)?)\s*(\S.*)?$")


def _fold(word: str) -> str:
    """A spec word as it is looked up: case, hyphens and spacing do not matter ("Battery grade" = "battery-grade")."""
    return _SPACE.sub(" ", word.replace("-", " ").strip()).casefold()


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
    """Each series mapped to the one it continues, from (document, series) pairs; `document` names one
    document's report of one date (a Related News item of another date is not reported side by side).

    First, a word that stands for one of several alternatives ("battery-grade") is left out where the
    publisher prices the product in no other alternative: it tells nothing apart. Then a spec that is part
    of exactly one fuller spec of the product (any price type; where that is several, of its own price
    type when that one is a part of all of them) joins that series: an ungraded mention; "CIF" for "CIF
    China"; to a graded spec the fuller one may add only content, origin and basis words.
    Specs reported side by side in one document on one date (an index beside the range it summarises)
    never join.
    """
    in_document: dict[str, set[Series]] = defaultdict(set)
    for document, item in seen:
        in_document[document].add(item)
    members = set().union(*in_document.values())
    plain = _without_lone_alternatives(members, in_document.values())
    apart = {(plain[a], plain[b]) for items in in_document.values() for a in items for b in items
             if a.group() == b.group() and plain[a] != plain[b]}
    # a market word ("average", "index") reported beside the same spec without it names another price of the
    # product everywhere: SMM's 均价 beside its range. Where it never is, it is how the one price is worded.
    distinct = {(_product(plain[a]), word) for items in in_document.values() for a in items for b in items
                if a.group() == b.group() for word in _extra(_tokens(plain[a]), _tokens(plain[b]))
                if _covered(_tokens(plain[a]), _tokens(plain[b])) and _is_market_word(word)
                and len(_extra(_tokens(plain[a]), _tokens(plain[b]))) == 1}
    specs_of_product: dict[tuple, set[frozenset[str]]] = defaultdict(set)
    specs_of_group: dict[tuple, set[frozenset[str]]] = defaultdict(set)
    by_group_spec = {(item.group(), _tokens(item)): item for item in plain.values()}
    for item in plain.values():
        specs_of_product[_product(item)].add(_tokens(item))
        specs_of_group[item.group()].add(_tokens(item))
    resolved: dict[Series, Series] = {}
    for original, item in plain.items():
        own = _tokens(item)
        graded = own - default_spec_table().unmarked  # "spot" alone says no more than an unmarked price
        blocked = frozenset(word for product, word in distinct if product == _product(item))
        widest = _widest(own, graded, specs_of_product[_product(item)], blocked)
        if len(widest) > 1:  # several among all price types: the one of its own price type, if it is a part
            # they share ("CIF China" bids, where assessments are "6%, CIF China" and "5.5%, CIF China")
            options = widest
            widest = [spec for spec in _widest(own, graded, specs_of_group[item.group()], blocked)
                      if all(_covered(spec, option) for option in options)]
        target = by_group_spec.get((item.group(), widest[0])) if len(widest) == 1 else None
        resolved[original] = target if target is not None and (item, target) not in apart else item
    return resolved


def _widest(own: frozenset[str], graded: frozenset[str], specs: set[frozenset[str]],
            blocked: frozenset[str] = frozenset()) -> list[frozenset[str]]:
    """The widest of the specs `own` is part of (a graded one may only gain content, origin and basis words;
    none may gain a `blocked` word)."""
    fuller = [spec for spec in specs
              if spec != own and _covered(own, spec) and not _extra(own, spec) & blocked
              and (not graded or _context(_extra(own, spec)))]
    return [spec for spec in fuller if not any(spec != more and _covered(spec, more) for more in fuller)]


def _without_lone_alternatives(members: set[Series], reports: Iterable[set[Series]] = ()) -> dict[Series, Series]:
    """Each series with the alternative words its product is never priced in another way of left out, and
    with the unmarked alternative ("spot") added where its product is priced in several ways of that group
    and the series names none of them. A price naming none of the group counts as the unmarked one: "futures"
    beside unmarked prices tells them apart; so does any alternative reported side by side with the same spec
    without it, of its price type ("industrial-grade" beside an ungraded price in one report)."""
    table = default_spec_table()
    used: dict[tuple, set[str]] = defaultdict(set)
    for item in members:
        tokens = _tokens(item)
        used[_product(item)].update(tokens)
        for default in table.unmarked:  # a price naming none of the group is the unmarked one ("spot")
            if not table.alternatives.get(default, frozenset({default})) & tokens:
                used[_product(item)].add(default)
    # a word reported side by side with the same spec without it (same price type) tells the two apart
    # ("Lithium carbonate at 75,000; industrial-grade at 72,000": the unmarked one is another grade)
    beside: set[tuple[tuple, str]] = set()
    for report in reports:
        for item in report:
            for word in (_tokens(item) & table.alternatives.keys()) - table.unmarked:
                bare = _tokens(item) - table.alternatives[word]  # the same spec without the word
                if any(other.group() == item.group() and _tokens(other) == bare for other in report):
                    beside.add((_product(item), word))
    plain = {}
    for item in members:
        words = used[_product(item)]
        keep = [word for word in item.spec.split(", ") if word and not (
            word in table.alternatives and len(table.alternatives[word] & words) == 1
            and (_product(item), word) not in beside)]
        for default in table.unmarked:
            group = table.alternatives.get(default, frozenset({default}))
            if len(group & words) > 1 and not group & set(keep):
                keep.append(default)
        plain[item] = replace(item, spec=_ordered(keep))
    return plain


def _ordered(words: Iterable[str]) -> str:
    """Canonical spec words in the table's category order, as one spec."""
    table = default_spec_table()
    rank = {category: i for i, category in enumerate(table.order)}
    return ", ".join(sorted(words, key=lambda word: (rank.get(table.category(word), len(rank)), word.casefold())))


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


def _is_market_word(word: str) -> bool:
    """A word naming another price of a product ("average", "index", "futures"), not a detail of it."""
    table = default_spec_table()
    return table.category(word) == "market" and word not in table.unmarked


def _product(series: Series) -> tuple:
    return (series.publisher, series.document, series.commodity, series.currency, series.unit)


def rows(observations: Iterable[Observation]) -> list[dict]:
    """Output rows of observations read together, each with the series it resolves to among them."""
    observations = list(observations)
    own = [observation.series() for observation in observations]
    resolved = resolve((f"{observation.document}@{observation.date}", series)
                       for observation, series in zip(observations, own, strict=True))
    return [observation.as_row(resolved[series]) for observation, series in zip(observations, own, strict=True)]
