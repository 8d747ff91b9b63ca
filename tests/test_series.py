"""Publishers, specifications and series resolution, as example tables (real house styles first)."""
from __future__ import annotations

import sys
from datetime import date
from importlib import resources

import pytest

from tracker.extract import extract_text
from tracker.observation import Series
from tracker.publishers import default_publishers
from tracker.series import normalise_spec, resolve, rows

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# (page text, title, site hints, publisher)
PAGES = [
    ("[SMM Weekly Review] Cobalt sulphate firms\nPublished: Nov 6, 2025 17:40\nSource: SMM\nPrices rose.", "", [],
     "SMM"),
    ("2025-11-06 16:45  来源：SMM\n本周硫酸镍市场交投清淡。", "", [], "SMM"),
    ("2022-09-02  东方财富网\n镍价上涨。\n(文章来源:我的钢铁网)", "", [], "Mysteel"),
    ("SHANGHAI, December 22 (SMM) - Nickel prices fell.", "", [], "SMM"),
    ("Lithium weekly\nPublished date: 1 April 2025\nArgus assessed spodumene at $810-850/t.", "", [], "Argus"),
    ("Hydroxide payables climb\nPrices rose.", "Cobalt hydroxide payables | Metal Bulletin", [], "Fastmarkets"),
    ("Prices rose.", "Weekly cobalt", ["https://www.fastmarkets.com/insights/cobalt"], "Fastmarkets"),
    ("Lithium prices eased.\n© 2024 Benchmark Mineral Intelligence. All rights reserved.", "", [], "Benchmark"),
    ("Copyright Benchmark\nPrices eased.", "", [], "Benchmark"),
    # quoting another agency says nothing about whose page it is
    ("Cobalt notes\nHydroxide payables were 70-72%, according to Fastmarkets.", "", [], ""),
    # "benchmark" as an ordinary word names no publisher
    ("The benchmark price for cobalt rose.\nNo source given.", "", [], ""),
    ("Battery metals notes for the week.", "", [], ""),
]


@pytest.mark.parametrize(("text", "title", "hints", "expected"), PAGES)
def test_page_publisher(text: str, title: str, hints: list[str], expected: str) -> None:
    assert default_publishers().of_page(text, title, hints) == expected


# (sentence, price phrase, page publisher, whose price)
CREDITS = [
    ("According to Fastmarkets, hydroxide payables were 70-72%.", "70-72%", "SMM", "Fastmarkets"),
    ("Hydroxide payables were 70-72%, according to Fastmarkets.", "70-72%", "SMM", "Fastmarkets"),
    ("Fastmarkets' assessment of standard-grade cobalt was $24.00-24.50/lb.", "$24.00-24.50/lb", "SMM",
     "Fastmarkets"),
    ("据SMM数据，电池级碳酸锂报7.2万元/吨。", "7.2万元/吨", "Mysteel", "SMM"),
    ("Cobalt sulphate offers rose to 96,000 yuan/mt.", "96,000 yuan/mt", "SMM", "SMM"),
    ("Offers rose to 96,000 yuan/mt, up from a week earlier.", "96,000 yuan/mt", "", ""),
]


@pytest.mark.parametrize(("sentence", "price", "page", "expected"), CREDITS)
def test_price_credited_to_an_agency(sentence: str, price: str, page: str, expected: str) -> None:
    assert default_publishers().of_price(sentence, price, page) == expected


# (grade words as printed, canonical spec)
SPECS = [
    # "spot" is kept here: it is left out when series are resolved, where it tells nothing apart
    ("battery grade, spot", "battery-grade, spot"),
    ("battery-grade", "battery-grade"),
    ("电池级", "battery-grade"),
    ("Battery Grade", "battery-grade"),
    ("technical grade", "industrial-grade"),
    ("工业级", "industrial-grade"),
    ("SC6, CIF", "6%, CIF"),
    ("min 6% Li2O, cif China", "6%, CIF China"),
    ("6pc-grade", "6%"),
    ("CIF6中国, 精矿, 澳大利亚", "6%, concentrate, Australia, CIF China"),
    ("min 99.5% Li2CO3, battery grade, spot, cif China", "battery-grade, 99.5%, CIF China, spot"),
    ("spot price", "spot"),
    ("现货", "spot"),
    ("quarterly contract", "contract"),
    # a basis and its place
    ("EXW China", "EXW China"),
    ("exw china", "EXW China"),
    ("ex-works", "EXW"),
    ("in-whs Rotterdam", "in-warehouse Rotterdam"),
    ("CIF Japan/Korea", "CIF Japan/Korea"),
    ("cif China/Japan/Korea", "CIF CJK"),
    ("cif China/Japan/South Korea", "CIF CJK"),
    ("CIF CJK", "CIF CJK"),
    ("FOB Indonesia", "FOB Indonesia"),
    ("DDP Korea", "DDP Korea"),
    ("CIF中国", "CIF China"),
    ("CIF6 Japan", "6%, CIF Japan"),
    # bare quality words, as a table's first cell has them
    ("battery", "battery-grade"),
    ("technical", "industrial-grade"),
    ("Battery Grade", "battery-grade"),
    # contents as tables print them
    ("Li2CO3 99.5% min", "99.5%"),
    ("Co≥99.8%", "99.8%"),
    ("20.5%min", "20.5%"),
    ("Li2CO3 >=99.5%", "99.5%"),
    # a feedstock with a suffix
    ("black-mass-based", "recycled"),
    ("recycling-based", "recycled"),
    ("scrap derived", "recycled"),
    ("hydroxide-based", "intermediate-derived"),
    ("ex-works, 99.5pc-grade", "99.5%, EXW"),
    ("scrap, MHP-derived", "MHP-derived, recycled"),
    ("mainstream-brand", ""),
    ("Q2 2026 futures", "q2 2026 futures"),
    (None, ""),
]


@pytest.mark.parametrize(("printed", "expected"), SPECS)
def test_spec_normalisation(printed: str | None, expected: str) -> None:
    assert normalise_spec(printed) == expected


def smm(spec: str, kind: str = "offer", commodity: str = "cobalt_sulphate") -> Series:
    return Series("SMM", commodity, spec, kind, "CNY", "mt")


def resolved_specs(seen: list[tuple[str, Series]]) -> dict[str, str]:
    return {item.spec: target.spec for item, target in resolve(seen).items()}


def test_an_ungraded_mention_joins_the_only_spec() -> None:
    found = resolved_specs([("week1", smm("intermediate-derived")), ("week2", smm(""))])
    assert found[""] == "intermediate-derived"


def test_an_ungraded_mention_of_two_specs_stays_apart() -> None:
    found = resolved_specs([("w1", smm("intermediate-derived")), ("w1", smm("recycled")), ("w2", smm(""))])
    assert found[""] == ""


def test_a_bare_basis_joins_its_placed_form() -> None:
    seen = [("w1", Series("Argus", "spodumene", "6%, CIF China", "assessment", "USD", "mt")),
            ("w2", Series("Argus", "spodumene", "6%, CIF", "assessment", "USD", "mt"))]
    assert resolved_specs(seen)["6%, CIF"] == "6%, CIF China"


def test_a_lone_alternative_tells_nothing_apart() -> None:
    found = resolved_specs([("w1", smm("battery-grade, intermediate-derived")), ("w2", smm("intermediate-derived"))])
    assert set(found.values()) == {"intermediate-derived"}
    both = resolved_specs([("w1", smm("battery-grade")), ("w2", smm("industrial-grade"))])
    assert both == {"battery-grade": "battery-grade", "industrial-grade": "industrial-grade"}


def test_spot_stays_apart_from_contract_and_unmarked_prices_are_spot() -> None:
    def cru(spec: str) -> Series:
        return Series("CRU", "spodumene", spec, "assessment", "USD", "mt")
    found = resolved_specs([("sep", cru("6%, CIF China, spot")), ("sep", cru("6%, CIF China, contract")),
                            ("oct", cru("6%, CIF China")), ("nov", cru("contract")), ("dec", cru("spot"))])
    assert found["6%, CIF China, spot"] == found["6%, CIF China"] == found["spot"] == "6%, CIF China, spot"
    assert found["6%, CIF China, contract"] == found["contract"] == "6%, CIF China, contract"


def test_a_lone_alternative_beside_an_unmarked_price_tells_them_apart() -> None:
    def lc(spec: str) -> Series:
        return Series("Mysteel", "lithium_carbonate", spec, "assessment", "CNY", "mt")
    found = resolved_specs([("w1", lc("")), ("w1", lc("industrial-grade")), ("w2", lc(""))])
    assert found["industrial-grade"] == "industrial-grade" and found[""] == ""
    alone = resolved_specs([("w1", lc("industrial-grade")), ("w2", lc(""))])
    assert alone["industrial-grade"] == alone[""] == ""  # never side by side: nothing tells them apart


def test_futures_beside_unmarked_prices_stay_apart() -> None:
    found = resolved_specs([("w1", smm("battery-grade", "assessment")), ("w1", smm("futures", "assessment")),
                            ("w2", smm("", "assessment"))])
    assert found["futures"] == "futures"
    assert found["battery-grade"] == found[""] == "spot"  # (battery-grade: the only grade)


def test_a_lone_spot_tells_nothing_apart() -> None:
    found = resolved_specs([("w1", smm("battery-grade, spot", "assessment")),
                            ("w2", smm("battery-grade", "assessment"))])
    assert set(found.values()) == {""}


def test_a_basis_without_its_place_joins_the_placed_one() -> None:
    def argus(spec: str) -> Series:
        return Series("Argus", "lithium_carbonate", spec, "assessment", "CNY", "mt")
    found = resolved_specs([("w1", argus("battery-grade, EXW China")), ("w2", argus("battery-grade, EXW")),
                            ("w1", argus("industrial-grade, EXW China"))])
    assert found["battery-grade, EXW"] == "battery-grade, EXW China"


def test_an_ungraded_mention_of_several_specs_joins_the_one_of_its_price_type() -> None:
    def argus(spec: str, kind: str) -> Series:
        return Series("Argus", "spodumene", spec, kind, "USD", "mt")
    found = {(item.spec, item.price_type): target.spec for item, target in resolve([
        ("w1", argus("6%, CIF China", "assessment")), ("w1", argus("5.5%, CIF China", "assessment")),
        ("w1", argus("CIF China", "bid")), ("w2", argus("", "bid")), ("w2", argus("", "assessment"))]).items()}
    assert found[("", "bid")] == "CIF China"
    assert found[("", "assessment")] == ""  # 6% or 5.5%: it cannot be told


def test_related_items_of_other_dates_are_not_side_by_side() -> None:
    """One document's report of one date holds its side-by-side prices; a Related News item of another date in
    the same page is another report."""
    smm_ = Series("SMM", "refined_cobalt", "99.8%, EXW", "assessment", "CNY", "mt")
    bare = Series("SMM", "refined_cobalt", "EXW", "assessment", "CNY", "mt")
    found = resolved_specs([("page@2025-10-30", smm_), ("page@2025-10-28", bare)])
    assert found["EXW"] == "99.8%, EXW"


def test_specs_side_by_side_in_one_document_never_join() -> None:
    index = smm("battery-grade, index", "assessment", "lithium_carbonate")
    plain = smm("battery-grade", "assessment", "lithium_carbonate")
    other = smm("industrial-grade", "assessment", "lithium_carbonate")
    found = resolved_specs([("d1", index), ("d1", plain), ("d1", other)])
    assert found["battery-grade"] == "battery-grade"


def test_publishers_never_share_a_series() -> None:
    text = "Battery-grade lithium carbonate was assessed at 72,000 yuan/mt."
    smm_rows = rows(extract_text(text, date(2025, 11, 6), publisher="SMM", document="a.txt"))
    mysteel_rows = rows(extract_text(text, date(2025, 11, 6), publisher="Mysteel", document="b.txt"))
    assert smm_rows[0]["series"] != mysteel_rows[0]["series"]
    nobody = rows([*extract_text(text, date(2025, 11, 6), document="c.txt"),
                   *extract_text(text, date(2025, 11, 13), document="d.txt")])
    assert nobody[0]["series"] != nobody[1]["series"]  # a page with no publisher is its own series


def test_series_ids_are_readable_and_stable() -> None:
    assert smm("high-nickel", "bid").id == "smm.cobalt_sulphate.high-nickel.bid.cny-mt"
    assert Series("Fastmarkets", "cobalt_intermediate", "30%, CIF China", "assessment", None, "%").id == \
        "fastmarkets.cobalt_intermediate.30%+cif-china.assessment.pct"
    assert Series("", "spodumene", "", "offer", "USD", "mt", "notes/week 1.txt").id == \
        "unknown-week-1.spodumene.offer.usd-mt"


def _data(name: str) -> dict:
    return tomllib.loads(resources.files("tracker").joinpath(f"data/{name}").read_text(encoding="utf-8"))


def test_publisher_data_integrity() -> None:
    owners: dict[str, str] = {}
    for publisher, entry in _data("publishers.toml").items():
        assert set(entry) <= {"names", "marks", "source_only", "domains", "exchange"}, publisher
        for name in [*entry.get("names", []), *entry.get("marks", []), *entry.get("source_only", [])]:
            assert name.strip() == name and name, (publisher, name)
            assert owners.setdefault(name.casefold(), publisher) == publisher, f"{name} names two publishers"
        for domain in entry.get("domains", []):
            assert "." in domain and "/" not in domain, (publisher, domain)


def _fold(word: str) -> str:
    return " ".join(word.replace("-", " ").split()).casefold()


def test_spec_data_integrity() -> None:
    """specs.toml, the one owner of spec words: every word in one entry, every word the extraction is told about
    a word of the table, and every word of it read back as its own canonical word."""
    table = _data("specs.toml")
    owners: dict[str, str] = {}
    for category in table["order"]:
        for canonical, aliases in table.get(category, {}).items():
            for word in (canonical, *aliases):
                assert word == word.strip() and "  " not in word and word, repr(word)
                assert owners.setdefault(_fold(word), canonical) == canonical, f"{word} in two entries"
                assert _fold(word) not in {_fold(w) for w in table["drop"]}, f"{word} is also dropped"
                assert normalise_spec(word) == canonical, f"{word} reads as {normalise_spec(word)!r}"
    for group in table["alternatives"]:
        for word in group:
            assert word in owners.values(), f"alternative {word} is no canonical spec word"
    assert set(table["unmarked"]) <= {word for group in table["alternatives"] for word in group}
    for name in ("listed_only", "after_price_only"):
        for word in table[name]:
            assert _fold(word) in owners, f"{name}: {word} is no spec word"
    places: dict[str, str] = {}
    for canonical, aliases in table["place"].items():
        for word in (canonical, *aliases):
            assert places.setdefault(_fold(word), canonical) == canonical, f"place {word} in two entries"
            assert _fold(word) not in owners or owners[_fold(word)] in table["origin"], f"place {word} is a spec word"
            assert normalise_spec(f"CIF {word}") == f"CIF {canonical}", word


def test_every_spec_word_is_read_by_extraction() -> None:
    """The extraction's spec pattern is built from specs.toml: every word it may read anywhere is read, and
    read as its canonical word (the words read only as a list item, as one)."""
    from tracker import patterns as p
    from tracker.series import default_spec_table
    spec = default_spec_table()
    words = spec.extraction_words()
    for name in ("free", "basis", "feedstock"):
        for word in words[name]:
            assert [m.group() for m in p.GRADE.finditer(f"at {word} now")] == [word] \
                or not word.isascii() and [m.group() for m in p.GRADE.finditer(word)] == [word], (name, word)
    for word in words["listed"]:
        if word.isascii():
            assert [m.group() for m in p.GRADE.finditer(f"Lithium carbonate, {word}, EXW China")] == \
                [word, "EXW China"], word
            assert [m.group() for m in p.GRADE.finditer(f"the {word} sector")] == [], word
