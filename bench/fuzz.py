"""Run the review grammar fuzzer (tests/review_grammar.py) for as many pages as asked.

    python bench/fuzz.py --fuzz 10000          # 10,000 generated pages
    python bench/fuzz.py --fuzz 2000 --seed 7  # reproducible

The normal test suite runs a few hundred pages (tests/test_grammar.py). This script runs many more and
prints how many pages were checked, how many observations they gave and the first failure, shrunk
to a small page by hypothesis, if there is one. Exit status 1 when a property failed.
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st
    from review_grammar import PUBLISHED, check_review, pages

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzz", type=int, default=10_000, metavar="N", help="pages to generate (default 10000)")
    parser.add_argument("--seed", type=int, help="random seed, for a reproducible run")
    args = parser.parse_args(argv)

    counts = {"pages": 0, "observations": 0}

    @settings(max_examples=args.fuzz, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(page=pages(), date_override=st.sampled_from([PUBLISHED, None]))
    def run(page, date_override):
        counts["pages"] += 1
        counts["observations"] += len(check_review(*page, date_override))

    if args.seed is not None:
        run = seed(args.seed)(run)
    started = time.perf_counter()
    try:
        run()
    except Exception as error:  # noqa: BLE001 - reported with the shrunk failing page
        traceback.print_exc()  # hypothesis notes the falsifying example at the end of it
        print(f"FAILED after {counts['pages']:,} pages (counting shrink attempts): {type(error).__name__}: {error}")
        return 1
    print(f"{counts['pages']:,} pages checked, {counts['observations']:,} observations, no property failed "
          f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
