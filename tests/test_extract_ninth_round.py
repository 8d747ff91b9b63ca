"""Rules of the ninth round of issue #12, as examples written for these tests (none is batch or corpus text).

Batch BB's first contact (0.739) was lowest of its wave: an archive whose items are dated by a line with a byline,
a PDF page of two columns, and words a PDF broke over two lines.
"""
from __future__ import annotations

from datetime import date

import pytest
from expected import read_and_extracted

from tracker.datelines import only_a_date
from tracker.plaintext import normalise_text
from tracker.textcolumns import columns_apart

DATE_LINES = [
    pytest.param("Sep 12, 2026 16:55 | Editor: Ann Li", True, id="time-and-editor"),
    pytest.param("12 September 2026 · By Tom Reyes", True, id="dot-and-by"),
    pytest.param("2026-09-12 10:00 | 来源：SMM", True, id="zh-source"),
    pytest.param("Sep 12, 2026 | Bypass ends", False, id="not-a-byline-word"),
    pytest.param("Sep 12, 2026 prices rose by 500 yuan/mt", False, id="text-after-the-date"),
]


@pytest.mark.parametrize(("line", "expected"), DATE_LINES)
def test_a_date_line_may_carry_a_byline(line: str, expected: bool) -> None:
    assert only_a_date(line) is expected


def dated(name: str, text: str, day: date) -> set[tuple]:
    return {(o.date, o.commodity, o.low) for o in read_and_extracted(name, text, day)}


def test_the_items_of_an_archive_are_dated_by_their_date_and_byline() -> None:
    text = ("Cobalt Weekly\n\n"
            "Sulphate firms as hydroxide stays tight\n"
            "Oct 16, 2026 17:30 | Editor: Ann Li\n"
            "The weekly assessment for cobalt sulphate stood at RMB 60,000-62,000/tonne.\n\n"
            "Sulphate steady in thin trade\n"
            "Oct 9, 2026 16:55 | Editor: Ann Li\n"
            "The weekly assessment for cobalt sulphate stood at RMB 58,000-60,000/tonne.\n")
    assert dated("weekly.txt", text, date(2026, 10, 16)) == {(date(2026, 10, 16), "cobalt_sulphate", 60000),
                                                             (date(2026, 10, 9), "cobalt_sulphate", 58000)}


def test_a_dated_item_under_a_wrapped_teaser_starts_a_line_of_its_own() -> None:
    text = ("Manganese sulphate prices steady as buyers hold back from the market this week\n\n"
            "Related News\n"
            "2026-10-15  EMM prices ease in thin trade\n"
            "            The price of 99.7% min EMM flake ex-works China is RMB8,300-8,450/t...\n"
            "2026-10-14  Cobalt tetroxide firms on sulphate costs\n"
            "            Cobalt tetroxide 72.6% min is at RMB238,000-242,000/t ex-works China...\n")
    found = dated("am.txt", text, date(2026, 10, 16))
    assert found == {(date(2026, 10, 15), "electrolytic_manganese_metal", 8300),
                     (date(2026, 10, 14), "cobalt_tetroxide", 238000)}


def test_a_word_broken_over_two_lines_of_a_wrapped_paragraph() -> None:
    text = ("Lithium weekly\n\n"
            "The assessment for battery-grade lithium car-\n"
            "bonate rose to 78,000-82,000 yuan/t on an ex-\n"
            "works basis this week, and the price of technical-\n"
            "grade material rose to 76,000-79,000 yuan/t.\n")
    assert normalise_text(text).split("\n")[1] == (
        "The assessment for battery-grade lithium carbonate rose to 78,000-82,000 yuan/t on an ex-works basis this "
        "week, and the price of technical-grade material rose to 76,000-79,000 yuan/t.")


TWO_COLUMNS = (
    "Chinese lithium prices rose sharply this      PRICES\n"
    "week after a mine in Jiangxi stopped work     Lithium carbonate     Yn/t\n"
    "when its mining permit expired, which         Battery, ex-works   78,000\n"
    "sharpened concerns over supply in the         Technical, ex-works 76,000\n"
    "region and lifted offers for material         Lithium hydroxide\n"
    "from converters in Sichuan and Qinghai        Battery, ex-works   70,000\n"
    "by a few thousand yuan a tonne.\n"
)


def test_a_pdf_page_of_two_columns_is_read_one_column_after_the_other() -> None:
    text = columns_apart(TWO_COLUMNS)
    assert "this\nweek after a mine in Jiangxi stopped work\nwhen its" in text
    assert text.index("a tonne.") < text.index("PRICES")


def test_a_fixed_width_table_is_no_pair_of_columns() -> None:
    table = "".join(f"{name:<45}{'Fastmarkets':<14}{price}\n" for name, price in [
        ("Cobalt metal, standard grade, in-whs Rotterdam", "US$24.00-25.20/lb"),
        ("Cobalt hydroxide payable, min 30% Co, CIF China", "96-99%"),
        ("Lithium carbonate, battery grade, CIF CJK", "US$10.15/kg"),
        ("Lithium hydroxide, battery grade, CIF CJK", "US$9.60/kg"),
        ("Lithium carbonate, battery grade, China", "RMB80,500-82,300/t"),
        ("Manganese sulphate, battery grade, China", "RMB5,900-6,200/t"),
        ("Nickel sulphate, battery grade, China", "RMB28,900-29,300/t")])
    assert columns_apart(table) == table


def kinds(name: str, text: str) -> set[tuple]:
    return {(o.low, o.price_type) for o in read_and_extracted(name, text, date(2026, 10, 16))}


def test_a_companys_own_prices_in_its_report_are_deals_and_the_market_stays_assessed() -> None:
    text = ("QUARTERLY ACTIVITIES REPORT - SEPTEMBER 2026 QUARTER\n"
            "Kestrel Lithium Ltd\n\n"
            "Spodumene concentrate shipped in the quarter averaged US$905/dmt (SC6 equivalent).\n\n"
            "At the date of this report, spot SC6 prices were around US$1,020/dmt CIF China.\n\n"
            "The Fastmarkets SC6 price averaged US$890/dmt in the quarter.\n")
    assert kinds("kestrel-q3.txt", text) == {(905, "transaction"), (1020, "assessment"), (890, "assessment")}


KIND_CUES = [
    pytest.param("A trader reported selling 5 t of standard grade cobalt at $24.95/lb in-whs Rotterdam.",
                 "transaction", id="reported-selling"),
    pytest.param("One converter reported purchasing a 500-t lot of lithium carbonate at US$9.70/kg CIF Busan.",
                 "transaction", id="reported-purchasing"),
    pytest.param("Buyers' indications for lithium carbonate were around $9,450/t cif China.", "bid",
                 id="buyers-indications"),
    pytest.param("北方某大型钢厂10月电解锰招标价定为14,250元/吨(承兑)。", "transaction", id="zh-steel-mill-tender"),
    pytest.param("下游对电池级碳酸锂的采购意愿价格集中在9.15-9.25万元/吨。", "bid", id="zh-purchase-willingness"),
]


@pytest.mark.parametrize(("sentence", "kind"), KIND_CUES)
def test_price_type_cues_of_the_ninth_round(sentence: str, kind: str) -> None:
    found = kinds("review.txt", f"Market review\n\n{sentence}\n")
    assert {price_type for _, price_type in found} == {kind}
