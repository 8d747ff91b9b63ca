"""The words of extraction, read from one data file per language (tracker/data/words/*.toml).

Each file holds named lists of words ("time.other", "kind.offer", ...); the lists of all languages are
merged, so a pattern built from a list knows every language's words. The regular expressions stay in
code (tracker/patterns.py and friends) and take their words from here: adding a word is a data edit.

Word syntax, kept small on purpose:
  - a space stands for any run of white space ("trading day" also matches "trading  day");
  - "{name}" stands for any word of the list `name` in the same section (or a dotted "section.name"),
    so "last {period}" covers "last week", "last month", ...;
  - everything else is literal (escaped), matched case-insensitively by the patterns that use it.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs

LANGUAGES = ("en", "zh")
_PLACEHOLDER = regex.compile(r"\{([a-z_.]+)\}")


class Vocabulary:
    """Named word lists ("section.name") and tables, merged over the languages' files."""

    def __init__(self, files: dict[str, dict], digest: str = ""):
        self.files = files  # language -> its parsed file, kept for the data-integrity test
        self.digest = digest  # of the files' text: the patterns built from them are kept between runs under it
        self._lists: dict[str, list[str]] = {}
        self._tables: dict[str, dict[str, Any]] = {}
        self._patterns: dict[tuple[str, str | None], str] = {}
        for data in files.values():
            for section, entries in data.items():
                for name, value in entries.items():
                    key = f"{section}.{name}"
                    if isinstance(value, list):
                        self._lists.setdefault(key, []).extend(v for v in value if v not in self._lists.get(key, []))
                    elif isinstance(value, dict):
                        self._tables.setdefault(key, {}).update(value)
                    else:
                        raise ValueError(f"{key}: a word list or a table, not {type(value).__name__}")

    def names(self) -> list[str]:
        return sorted(self._lists)

    def words(self, name: str) -> list[str]:
        """The words of list `name` (every language), in file order."""
        if name not in self._lists:
            raise KeyError(f"no word list {name!r} in tracker/data/words")
        return list(self._lists[name])

    def table(self, name: str) -> dict[str, Any]:
        """The table `name` (every language): word -> value, such as month names -> numbers."""
        if name not in self._tables:
            raise KeyError(f"no word table {name!r} in tracker/data/words")
        return dict(self._tables[name])

    def pattern(self, name: str, script: str | None = None) -> str:
        """A pattern matching any word of `name`, longest first (so "last week" beats "last").

        `script` "latin" keeps the words written in ASCII, "cjk" the others: the two are glued to their
        neighbours differently ("up 500" needs a word boundary, "上涨500" has none), so patterns take them
        apart. Written as a prefix tree of the words, a placeholder as one branch holding its own list's
        tree: an alternation of hundreds of phrases tried one by one at every position of a line costs several
        times more to match, and the words with every placeholder filled in every way cost more to compile.
        """
        key = (name, script)
        if key not in self._patterns:
            if self.digest:  # built in an earlier run from the same files
                self._patterns[key] = regex.remember(("vocabulary", self.digest, name, script or ""),
                                                     lambda: self._pattern(name, script))
            else:
                self._patterns[key] = self._pattern(name, script)
        return self._patterns[key]

    def _pattern(self, name: str, script: str | None) -> str:
        section = name.rsplit(".", 1)[0]
        chosen = [word.casefold() for word in self.words(name)
                  if script is None or _PLACEHOLDER.sub("", word).isascii() == (script == "latin")]
        sequences = []
        for word in chosen:
            symbols: list[str] = []
            at = 0
            for match in _PLACEHOLDER.finditer(word):
                symbols.extend(word[at:match.start()])
                ref = match.group(1) if "." in match.group(1) else f"{section}.{match.group(1)}"
                self._check_cycle(ref, (name,))
                symbols.append("{" + ref + "}")
                at = match.end()
            symbols.extend(word[at:])
            sequences.append(symbols)
        return prefix_tree(sequences, lambda ref: self.pattern(ref[1:-1]))

    def _check_cycle(self, name: str, seen: tuple[str, ...]) -> None:
        if name in seen:
            raise ValueError(f"word list {name!r} refers to itself through {' -> '.join(seen)}")
        section = name.rsplit(".", 1)[0]
        for word in self.words(name):
            for match in _PLACEHOLDER.finditer(word):
                ref = match.group(1) if "." in match.group(1) else f"{section}.{match.group(1)}"
                self._check_cycle(ref, (*seen, name))

    def pattern_of(self, words: list[str]) -> str:
        """A pattern matching any of `words` (written in the word syntax, without placeholders), longest first."""
        return prefix_tree([word.casefold() for word in words])

    def expanded(self, name: str, seen: tuple[str, ...] = ()) -> list[str]:
        """Every word of `name` with its placeholders filled in every way, lower-cased."""
        if name in seen:
            raise ValueError(f"word list {name!r} refers to itself through {' -> '.join(seen)}")
        section = name.rsplit(".", 1)[0]
        found: dict[str, None] = {}
        for word in self.words(name):
            variants = [""]
            at = 0
            for match in _PLACEHOLDER.finditer(word):
                ref = match.group(1) if "." in match.group(1) else f"{section}.{match.group(1)}"
                fills = self.expanded(ref, (*seen, name))
                variants = [v + word[at:match.start()] + f for v in variants for f in fills]
                at = match.end()
            for variant in variants:
                found[(variant + word[at:]).casefold()] = None
        return list(found)

    def examples(self, name: str) -> list[str]:
        """Each word of `name` with its placeholders filled in by their lists' first words: text it must match."""
        section = name.rsplit(".", 1)[0]

        def fill(word: str) -> str:
            return _PLACEHOLDER.sub(lambda m: fill(self.words(m.group(1) if "." in m.group(1)
                                                                else f"{section}.{m.group(1)}")[0]), word)
        return [fill(word) for word in self.words(name)]


def prefix_tree(words: list[str] | list[list[str]], placeholder: Callable[[str], str] | None = None,
                space: str = r"\s+") -> str:
    """A pattern matching any of `words` (longest first), written as a prefix tree; a space is `space` (any
    white space).

    A word is a string or a list of symbols; a symbol "{list}" is replaced by `placeholder(symbol)`, the
    pattern of that list. The registry's commodity names are matched the same way.
    """
    if placeholder is None and all(isinstance(word, str) for word in words):  # the same words: built before
        return regex.remember(("prefix_tree", space, *words), lambda: _prefix_tree(words, None, space))
    return _prefix_tree(words, placeholder, space)


def _prefix_tree(words: list[str] | list[list[str]], placeholder: Callable[[str], str] | None = None,
                 space: str = r"\s+") -> str:
    # the tree of the words (prefix_tree's work, when it has not been done before)
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def symbol(char: str) -> str:
        if char == " ":
            return space
        if len(char) > 1 and placeholder is not None:
            return placeholder(char)
        return _escape(char)

    def pattern(node: dict) -> str:
        branches = [symbol(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else (branches[0] if len(branches) == 1 else group)

    return pattern(tree) or "(?!)"


_escape = lru_cache(maxsize=4096)(regex.escape)  # one character at a time, thousands of times at start-up


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The words of every language shipped with tracker."""
    folder = resources.files("tracker").joinpath("data/words")
    texts = {language: folder.joinpath(f"{language}.toml").read_text(encoding="utf-8") for language in LANGUAGES}
    digest = hashlib.blake2b("\0".join(texts.values()).encode("utf-8", "surrogatepass"), digest_size=20)
    return Vocabulary({language: regex.load_toml(text) for language, text in texts.items()}, digest.hexdigest())


def pattern(name: str, script: str | None = None) -> str:
    """Shorthand: the pattern of a word list of the shipped vocabulary (see Vocabulary.pattern)."""
    return vocabulary().pattern(name, script)


def words(name: str) -> list[str]:
    return vocabulary().words(name)


def table(name: str) -> dict[str, Any]:
    return vocabulary().table(name)
