"""Near-miss inputs for the extractor: each about 1 MB, built to make a careless regex backtrack.

    python bench/nearmiss.py            # every input, through extract_text and through read_document
    python bench/nearmiss.py --size 200000 --only dollar_dash

Prints one row per input (seconds for extract_text on the text, and for read_document +
extract_text on a temporary file holding it) and the slowest at the end. tests/test_hostile.py
runs the same inputs with a generous hang guard; this script is for watching the actual times.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

SIZE = 1024 * 1024  # characters per input


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _cut(text: str, size: int) -> str:
    return text[:size]


def near_miss_inputs(size: int = SIZE) -> dict[str, tuple[str, str]]:
    """name -> (file suffix, text). Each text is one long line unless the name says otherwise."""
    nested = max(10_000, size // 20)
    return {
        "commas": (".txt", _repeat("1,", size)),  # 1,1,1,1,...
        "dollar_dash": (".txt", _repeat("$1-", size)),  # $1-$1-$1-...
        "digit_dash": (".txt", _repeat("1-", size)),  # digits and dashes alternating
        "digits_dashes_long": (".txt", _repeat("12345-", size)),
        "thousands_no_break": (".txt", "1" + _repeat(",000", size - 1)),  # 1,000,000,... never ending
        "yuan_mt": (".txt", _repeat("yuan/mt ", size)),
        "number_yuan_mt": (".txt", _repeat("1 yuan/mt ", size)),
        "wan_yuan": (".txt", _repeat("9.6-万元/吨", size)),
        "between_and": (".txt", _repeat("between 1 and ", size)),
        "decimals": (".txt", _repeat("1.", size)),
        "spaces_then_dash": (".txt", _repeat("1" + " " * 50 + "-", size)),
        "cobalt_words": (".txt", _repeat("cobalt sulphate offers ", size)),
        "brackets": (".txt", "[" * nested + "1 yuan/mt" + "]" * nested),
        "parens": (".txt", "(" * nested + "$1/lb" + ")" * nested),
        "nested_tags": (".html", "<html><body>" + "<div>" * nested + "Cobalt 1 yuan/mt" + "</div>" * nested),
        "unclosed_tags": (".html", "<html><body>" + _repeat("<div><span>1,000 yuan/mt ", size)),
        "open_angles": (".html", "<html>" + _repeat("<a ", size)),
        "unclosed_comment": (".html", "<html><body>" + _repeat("<!-- 1 yuan/mt ", size)),
        "script_prices": (".html", "<html><body><script>" + _repeat('var p = "99,000 yuan/mt"; ', size)),
        "many_lines": (".txt", _repeat("$1-2/lb\n", size)),
        "dates": (".txt", _repeat("Nov 6, 2025 ", size)),  # every one a candidate publication date
        "chinese_dates": (".txt", _repeat("2025年11月6日", size)),
        "nfkc_growth": (".txt", _repeat("\ufdfa", size // 3)),  # 18 characters each after NFKC: refused
        # dense prices next to commodity names: cost per price must not grow with the line
        "cjk_prices": (".txt", _repeat("硫酸钴报价1-2万元/吨，", size)),
        "distinct_prices": (".txt", _cut(" ".join(f"钴{i}元/吨，" for i in range(size // 6 + 1)), size)),
        "english_prices": (".txt", _repeat("cobalt sulphate offers at $1.5/lb, ", size)),
        "feedstock_prices": (".txt", _repeat("made from MHP at 1 yuan/mt, ", size)),
        "payables": (".txt", _repeat("nickel payable 70-71%, ", size)),
        "comparison_chain": (".txt", "from " + _repeat("Yn74,380/t on 27 March, ", size)),
    }


def time_extract(text: str, published: date) -> tuple[float, int, list[str]]:
    """Seconds extract_text takes on the text, observations found, warnings given."""
    from tracker.extract import extract_text

    warnings: list[str] = []
    started = time.perf_counter()
    found = extract_text(text, published, warnings=warnings)
    return time.perf_counter() - started, len(found), warnings


def time_file(path: str, published: date) -> tuple[float, str | None]:
    """Seconds read_document + extract_text take on the file; the reason if the file was refused."""
    from tracker.documents import read_document
    from tracker.errors import DocumentError
    from tracker.extract import extract_text

    started = time.perf_counter()
    try:  # without a date override, so the publication-date search runs too
        document = read_document(path)
    except DocumentError as error:
        if "publication date" not in error.reason:
            return time.perf_counter() - started, error.reason
        document = read_document(path, published)
    extract_text(document.text, document.date, document.title)
    return time.perf_counter() - started, None


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=SIZE, help="characters per input (default 1 MiB)")
    parser.add_argument("--only", action="append", help="run only this input (repeatable)")
    args = parser.parse_args(argv)
    inputs = near_miss_inputs(args.size)
    names = args.only or list(inputs)
    published = date(2025, 11, 6)
    print(f"{'input':<22}{'chars':>10}{'extract s':>11}{'file s':>9}{'found':>7}  warnings / refused")
    slowest = ("", 0.0)
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            suffix, text = inputs[name]
            extract_seconds, found, warnings = time_extract(text, published)
            path = os.path.join(folder, name + suffix)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            file_seconds, refused = time_file(path, published)
            os.remove(path)
            worst = max(extract_seconds, file_seconds)
            if worst > slowest[1]:
                slowest = (name, worst)
            print(f"{name:<22}{len(text):>10}{extract_seconds:>11.2f}{file_seconds:>9.2f}{found:>7}  "
                  f"{len(warnings)}{f' / {refused}' if refused else ''}", flush=True)
    print(f"slowest: {slowest[0]} {slowest[1]:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
