"""Data integrity of the word files (tracker/data/words/*.toml), as dateparser checks its language data.

Every word parses: its list's pattern matches it whole, and the pattern of extraction that reads the list reads
it with the meaning of its list. No word stands in two lists that contradict each other.
"""
from __future__ import annotations

from itertools import combinations

import pytest
import regex

from tracker import patterns as p
from tracker.candidates import price_candidates
from tracker.vocabulary import LANGUAGES, vocabulary

V = vocabulary()
ALL_LISTS = V.names()

# Lists that must not share a word: a word in two of them would mean two things.
CONFLICTS = [
    ("kind.assessment", "kind.bid", "kind.transaction", "kind.offer"),
    ("kind_after.transaction", "kind_after.offer", "kind_after.bid"),
    ("time.current", "time.other"),
    ("clause.verbs", "clause.joiners"),
    ("table.low_columns", "table.high_columns"),
    ("change.movement", "kind.assessment", "kind.bid", "kind.transaction", "kind.offer"),
]


def test_every_file_is_read() -> None:
    assert set(V.files) == set(LANGUAGES)
    for language, data in V.files.items():
        assert data, f"{language}.toml is empty"


@pytest.mark.parametrize("name", ALL_LISTS)
def test_words_are_clean(name: str) -> None:
    for language, data in V.files.items():
        section, _, key = name.rpartition(".")
        entry = data.get(section, {}).get(key, [])
        assert len(entry) == len(set(entry)), f"{language}.toml {name}: a word written twice"
        for word in entry:
            assert isinstance(word, str) and word == word.strip() and word, f"{language}.toml {name}: {word!r}"
            assert "  " not in word, f"{language}.toml {name}: {word!r} (one space between words)"


@pytest.mark.parametrize("name", ALL_LISTS)
def test_every_word_parses(name: str) -> None:
    pattern = regex.compile(V.pattern(name), p.FLAGS)
    for example in V.examples(name):
        assert pattern.fullmatch(example), f"{name}: {example!r} is not matched by its own list's pattern"


@pytest.mark.parametrize("lists", CONFLICTS, ids=lambda lists: " / ".join(lists))
def test_no_word_in_two_conflicting_lists(lists: tuple[str, ...]) -> None:
    for a, b in combinations(lists, 2):
        shared = {w.casefold() for w in V.expanded(a)} & {w.casefold() for w in V.expanded(b)}
        assert not shared, f"{sorted(shared)} in both {a} and {b}"


@pytest.mark.parametrize("kind", ["assessment", "bid", "transaction", "offer"])
def test_kind_cues_read_with_their_kind(kind: str) -> None:
    for word in V.expanded(f"kind.{kind}"):
        match = p.KIND_CUES.fullmatch(word)
        assert match and match.lastgroup == kind, f"{word!r} reads as {match and match.lastgroup}, not {kind}"


def test_every_unit_and_currency_spelling_reads_as_a_price() -> None:
    for spelling, unit in V.table("unit.spellings").items():
        (candidate,) = price_candidates(f"at $100/{spelling} today")
        assert (candidate.low, candidate.currency, candidate.unit) == (100, "USD", unit), spelling
    codes = V.table("currency.codes")
    for spelling in V.words("currency.before") + V.words("currency.before_digit"):
        (candidate,) = price_candidates(f"at {spelling}100/t today")
        assert candidate.currency == codes[" ".join(spelling.casefold().split())], spelling
    for spelling in V.words("currency.after"):
        (candidate,) = price_candidates(f"at 100 {spelling}/t today")
        assert candidate.currency == codes[" ".join(spelling.casefold().split())], spelling


@pytest.mark.parametrize("separator", V.words("number.range_separators"))
def test_every_range_separator_reads_a_range(separator: str) -> None:
    gap = "" if separator.isalpha() and not separator.isascii() else " "
    (candidate,) = price_candidates(f"at 90{gap}{separator}{gap}95 yuan/mt")
    assert (candidate.low, candidate.high) == (90, 95)


@pytest.mark.parametrize("name", ["change.movement"])
def test_change_words_make_a_change(name: str) -> None:
    for word in V.expanded(name):
        assert p.CHANGE_BEFORE.search(f"prices {word} "), word


def test_calendar_tables() -> None:
    assert sorted(set(V.table("time.months").values())) == list(range(1, 13))
    assert sorted(set(V.table("time.weekdays").values())) == list(range(7))


def test_spec_words_live_in_specs_toml_only() -> None:
    """Spec words have one owner, tracker/data/specs.toml: no word file holds a grade list any more."""
    for language, data in V.files.items():
        assert "grade" not in data, f"{language}.toml has a [grade] section: spec words belong in specs.toml"
