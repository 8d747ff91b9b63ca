"""The commodity registry: canonical names and aliases, read from commodities.toml."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.vocabulary import prefix_tree

IGNORED = "not_commodities"
SHORT_NAMES = "short_names"
SHORT_LINE = 200  # texts up to this long have their mentions cached


@dataclass(frozen=True)
class Mention:
    commodity: str
    start: int
    end: int
    weak: bool


_GRADE_PREFIX = regex.compile(r"(?i)\b(?:high|low|medium|mid|ultra|super)-$")


class Registry:
    def __init__(self, table: dict):
        ignored = table.get(IGNORED, {})
        # "hydroxide" -> {"lithium": "lithium_hydroxide", ...}: what a bare product word names in each family
        self._short = {word.casefold(): meanings for word, meanings in table.get(SHORT_NAMES, {}).items()}
        table = {name: entry for name, entry in table.items() if name not in (IGNORED, SHORT_NAMES)}
        self.labels = {name: entry.get("label", name) for name, entry in table.items()}
        self.families = {name: entry["family"] for name, entry in table.items() if "family" in entry}
        # the commodity a payable (a percentage) in a review of each family is for: the first one listed
        self.payable_in_family: dict[str, str] = {}
        for name, entry in table.items():
            if entry.get("payables") and entry.get("family"):
                self.payable_in_family.setdefault(entry["family"], name)
        self.priced_by_payables = {name for name, entry in table.items() if entry.get("payables")}
        # products whose payables are quoted metal by metal ("black mass ... nickel payables at 72-75%")
        self.payables_by_metal = {name for name, entry in table.items() if entry.get("payables_by_metal")}
        # words that name no commodity but contain one's name ("cobalt salts"): matched, then dropped
        self._canonical: dict[str, tuple[str, bool]] = {word.casefold(): ("", False)
                                                        for word in ignored.get("words", [])}
        for name, entry in table.items():
            for alias in entry.get("aliases", []):
                self._canonical[alias.casefold()] = (name, False)
            for alias in entry.get("weak_aliases", []):
                self._canonical.setdefault(alias.casefold(), (name, True))
        # One prefix tree of every name ("cobalt(?: sulphate| hydroxide|...)"), matched against the
        # lower-cased text: an alternation of a hundred names tried one by one at every position
        # costs twice as much. Latin names are whole words (a plural "s" is accepted); CJK names are
        # often glued to other text ("Mysteel氢氧化钴").
        names = [*self._canonical, *self._short]
        latin = prefix_tree([name for name in names if name.isascii()])
        cjk = prefix_tree([name for name in names if not name.isascii()])
        # an exchange's contract code names its product: "LC2601" is lithium carbonate, "NI2512" nickel
        self._codes = {code.casefold(): name for name, entry in table.items()
                       for code in entry.get("contract_codes", [])}
        codes = "|".join(sorted(self._codes, key=len, reverse=True)) or "(?!)"
        self._pattern = regex.compile(rf"(?<![a-z0-9])(?:{latin})(?:e?s)?(?![a-z0-9])|(?:{cjk})"
                                      rf"|(?<![a-z0-9])(?:{codes})(?=\d{{4}}(?!\d))")

    def mentions(self, text: str, family: str | None = None) -> list[Mention]:
        """Commodity names in `text`, in order; bare product words ("hydroxide") only with a `family`."""
        if len(text) <= SHORT_LINE:  # menus, headings and footers come back on every page of a site
            return list(self._short_line_mentions(text, family))
        return self._mentions(text, family)

    @lru_cache(maxsize=4096)  # noqa: B019 - one registry per process, kept for the whole run
    def _short_line_mentions(self, text: str, family: str | None) -> tuple[Mention, ...]:
        return tuple(self._mentions(text, family))

    def _mentions(self, text: str, family: str | None) -> list[Mention]:
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = self._pattern.finditer(lowered)
        else:  # a few characters ("İ") grow when lower-cased: offsets would shift
            matches = regex.finditer(self._pattern.pattern, text, regex.IGNORECASE)
        found = []
        named_until = -1  # where the last full name ended
        for match in matches:
            word = match.group().casefold()
            entry = self._canonical.get(word) or self._canonical.get(word[:-1]) or self._canonical.get(word[:-2]) \
                or ((self._codes[word], False) if word in self._codes else None)
            full_name = entry is not None
            if not full_name and (named_until < 0 or text[named_until:match.start()].strip()) and \
                    text[match.end():match.end() + 1] != "-":  # "LFP cathode" is LFP's, "intermediate-derived" a grade
                entry = self._short_name(word, family)
            # "high-nickel" or "cobalt-based" name a grade, not the commodity itself
            # and "high-nickel cathode" is a cathode, not nickel cathode
            before = text[max(0, match.start() - 2):match.start()]
            hyphen_before = len(before) == 2 and before[1] == "-" and before[0].isalpha()
            if entry and (hyphen_before or (entry[1] and text[match.end():match.end() + 1] == "-")):
                # a grade ("high-nickel cathode" is no nickel cathode) still holds the word after it; another
                # compound does not ("semi-carbonate ore" is ore)
                if full_name and _GRADE_PREFIX.search(text, 0, match.start()):
                    named_until = match.end()
                continue
            if full_name:
                named_until = match.end()
            if entry and entry[0]:
                found.append(Mention(entry[0], match.start(), match.end(), entry[1]))
        return found

    def _short_name(self, word: str, family: str | None) -> tuple[str, bool] | None:
        meanings = self._short.get(word) or self._short.get(word[:-1]) or self._short.get(word[:-2])
        commodity = meanings.get(family) if meanings and family else None
        return (commodity, False) if commodity else None  # as specific as a full name, within its family

    def ore_of(self, commodity: str) -> str | None:
        """The ore of a commodity's metal ("electrolytic_manganese_metal" -> "manganese_ore"), if one is known."""
        family = self.family(commodity)
        return self._short.get("ore", {}).get(family) if family else None

    def family(self, commodity: str | None) -> str | None:
        return self.families.get(commodity) if commodity else None

    def label(self, commodity: str) -> str:
        return self.labels.get(commodity, commodity.replace("_", " ").capitalize())

    def canonical(self, name: str) -> str | None:
        """The canonical name of a commodity written as its canonical name or any alias, else None."""
        folded = " ".join(name.replace("_", " ").split()).casefold()
        if folded.replace(" ", "_") in self.labels:
            return folded.replace(" ", "_")
        entry = self._canonical.get(folded)
        return entry[0] if entry and entry[0] and not entry[1] else None


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    data = resources.files("tracker").joinpath("commodities.toml").read_bytes()
    return Registry(regex.load_toml(data.decode("utf-8")))  # parsed once, kept between runs
