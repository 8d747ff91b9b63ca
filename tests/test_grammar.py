"""The review grammar fuzzer (tests/review_grammar.py): a few hundred pages here, many more with
`python bench/fuzz.py --fuzz 10000`."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from review_grammar import PUBLISHED, check_review, pages

EXAMPLES = int(os.environ.get("TRACKER_GRAMMAR_EXAMPLES", "300"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=pages(), date_override=st.sampled_from([PUBLISHED, None]))
@example(page=("review.txt", "Cobalt review\nCobalt hydroxide payables rose from 70 to 75%."), date_override=PUBLISHED)
def test_review_grammar(page: tuple[str, str], date_override) -> None:
    check_review(*page, date_override)


def test_the_payable_that_stopped_runs() -> None:
    [payable] = check_review("review.txt", "Cobalt review\nCobalt hydroxide payables rose from 70 to 75%.", PUBLISHED)
    assert (payable.commodity, payable.low, payable.high, payable.unit) == ("cobalt_intermediate", 75, 75, "%")
    [fell] = check_review("review.txt", "Cobalt review\nCobalt hydroxide payables fell from 75 to 70%.", PUBLISHED)
    assert (fell.low, fell.high) == (70, 70)
