"""Rules of the seventh round of issue #12, as examples written for these tests (none is batch or corpus text).

Batches AK and AH (company reports, broker and trader e-mails, scored at first contact last session) and AO
(agencies, scored at first contact this session) showed these misses; each rule is checked on wordings of our own.
"""
from __future__ import annotations

from datetime import date

import pytest
from expected import DAY, found, price

from tracker.documents import parse_document
from tracker.extract import extract_document

CS, RC, CI, NI = "cobalt_sulphate", "refined_cobalt", "cobalt_intermediate", "nickel_intermediate"
LC, SP, MS = "lithium_carbonate", "spodumene", "manganese_sulphate"


def observations(name: str, text: str) -> list[tuple]:
    document = parse_document(name, text.encode(), DAY)
    return [(o.date, o.commodity, o.price_type, o.low, o.high, o.currency, o.unit) for o in extract_document(document)]


PAYABLES = [
    # an element heading each item of a list of payables names what the payable is paid for, not a content
    pytest.param("Weekly wrap", "Indonesian MHP payables, FOB: Ni 84-85%, Co 80-82%.",
                 [price(NI, "assessment", 84, 85, None, "%"), price(NI, "assessment", 80, 82, None, "%")],
                 id="element-items-of-a-payables-list"),
    pytest.param("Weekly wrap", "MHP payables for Ni held at 84-85%, for Co at 80-82%.",
                 [price(NI, "assessment", 84, 85, None, "%"), price(NI, "assessment", 80, 82, None, "%")],
                 id="for-each-element"),
    # ... while a content before a percentage in a payables text is still a content
    pytest.param("Weekly wrap", "Hydroxide (Co 30%) payables were steady at 93% for cobalt hydroxide.",
                 [price(CI, "assessment", 93, None, None, "%")], id="a-content-in-brackets-stays-a-content"),
    # "84% nickel payable": the element the payable is paid for, after the figure
    pytest.param("Trader run", "Buyers of MHP bid 84% nickel payable this morning.",
                 [price(NI, "bid", 84, None, None, "%")], id="percent-element-payable"),
    # the feed a payable is paid for is the payable's subject, in a report titled by another metal
    pytest.param("Cobalt results", "MHP feed was bought at an average payable of 80.5% of LME nickel.",
                 [price(NI, "transaction", 80.5, None, None, "%")], id="feed-bought-at-a-payable"),
]


@pytest.mark.parametrize(("title", "text", "expected"), PAYABLES)
def test_payables(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


def test_a_payable_row_prints_its_unit_in_its_cells() -> None:
    """A table row about a payable: "%" in the cell is its unit; columns dated apart give the latest only."""
    text = ("Product | Basis | Source | 17-Dec-25 | 10-Dec-25 | w/w\n"
            "Cobalt hydroxide payable | Min 30% Co, CIF China | Fastmarkets | 91-93% | 90-92% | +1ppt\n"
            "MHP nickel payable | FOB Indonesia | SMM | 84-85% | 84-85% | 0ppt\n")
    assert found(text, "Battery raw materials monitor") == [price(CI, "assessment", 91, 93, None, "%"),
                                                            price(NI, "assessment", 84, 85, None, "%")]


def test_a_percentage_row_of_no_payable_is_no_price() -> None:
    text = ("Product | 17-Dec-25 | 10-Dec-25\n"
            "Cobalt sulphate, Co content | 20.5% | 20.5%\n")
    assert found(text, "Battery raw materials monitor") == []


NOT_LEVELS = [
    # a view of a coming period's average
    pytest.param("Desk note", "Our view: lithium carbonate should average around 78,000 yuan/t in 1H26.", [],
                 id="should-average"),
    # what a producer needs to break even is a cost, not a market price
    pytest.param("Broker note", "We estimate a cobalt sulphate breakeven of Rmb61,000/t at current payables.", [],
                 id="a-breakeven"),
    # an annual report's figures for impairment testing are assumptions
    pytest.param("Annual report", "For impairment testing a long-term cobalt price of US$16.00/lb and a hydroxide "
                 "payable of 70% were used.", [], id="impairment-testing"),
    # "At year-end" in an annual report is the last day of the year reported on
    pytest.param("Annual report", "At year-end, the standard-grade cobalt price stood at US$10.40-11.20/lb.", [],
                 id="at-year-end"),
]


@pytest.mark.parametrize(("title", "text", "expected"), NOT_LEVELS)
def test_not_levels(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


def test_a_clause_after_a_bracketed_comparison_keeps_its_own_time() -> None:
    """The year in "(2024: 64.0%)" times only the figure in its bracket, not the clause joined after it."""
    text = ("Hydroxide feed was paid at an average of 61.5% of the standard-grade price (2024: 64.0%), while MHP "
            "feed was bought at an average payable of 80.5% of LME nickel.")
    assert found(text, "Cobalt results") == [price(CI, "transaction", 61.5, None, None, "%"),
                                                           price(NI, "transaction", 80.5, None, None, "%")]


def test_a_bullet_wrapped_after_a_capitalised_word_or_a_colon_goes_on() -> None:
    text = ("From: Desk <desk@example.com>\nSubject: Agency wrap\n\nTeam,\n\n"
            "LITHIUM\n"
            "* Spodumene SC6: Benchmark assessed FOB Australia at $905/t; Platts SC6 CIF\n"
            "  China at $960/t.\n"
            "* Fastmarkets lithium hydroxide battery grade, CIF China, Japan and Korea:\n"
            "  $9.30-9.70/kg.\n\n"
            "MANGANESE\n"
            "* Asian Metal high-purity manganese sulphate (Mn 32%), EXW China:\n"
            "  5,800-6,200 yuan/t.\n")
    got = [row[1:] for row in observations("wrap-2025-12-18.txt", text)]
    assert got == [(SP, "assessment", 905.0, 905.0, "USD", "mt"), (SP, "assessment", 960.0, 960.0, "USD", "mt"),
                   ("lithium_hydroxide", "assessment", 9.3, 9.7, "USD", "kg"),
                   (MS, "assessment", 5800.0, 6200.0, "CNY", "mt")]


def test_a_digest_of_reports_dates_each_item_by_its_release() -> None:
    """A numbered item "..., released 9 Dec" over its bullets: the report's prices, of the day it came out; a
    line that is no bullet ends the item."""
    text = ("From: Desk <desk@example.com>\nDate: Thu, 18 Dec 2025 08:00:00 +0800\nSubject: Results digest\n\n"
            "Team,\n\n"
            "1) Karoo Manganese - quarterly update, released 9 Dec\n"
            "   - Realised price for 37% Mn ore US$4.05/dmtu FOB Port Elizabeth\n"
            "   - Capex guidance kept at US$80-90m\n\n"
            "2) Yunling Lithium - 3Q report, released 11 Dec\n"
            "   - Li2CO3 realised US$8,750/t\n\n"
            "Our marks today:\n"
            "   - SMM battery-grade MnSO4: 5,500-5,800 yuan/mt\n")
    got = observations("digest-2025-12-18.txt", text)
    assert [(row[0], row[1], row[3]) for row in got] == [
        (date(2025, 12, 9), "manganese_ore", 4.05), (date(2025, 12, 11), LC, 8750.0), (DAY, MS, 5500.0)]


def test_the_period_a_report_covers_does_not_date_its_prices() -> None:
    """"(2025年12月15日-12月18日)" under the title is the week covered, not a dated note."""
    text = ("Mysteel 镍周报\n发布日期:2025年12月18日\n(2025年12月15日-12月18日)\n"
            "电池级硫酸镍报28,200-28,900元/吨。\n")
    assert [row[0] for row in observations("nickel-weekly-2025-12-18.txt", text)] == [DAY]


def test_a_pdf_page_of_two_narrow_columns_is_unwrapped() -> None:
    text = ("Cobalt Weekly\n\n"
            "Argus assessed standard-grade cobalt metal\n"
            "in-warehouse Rotterdam at $20.40-21.30/lb on\n"
            "18 December, up by 25¢/lb from a week earlier.\n"
            "Two traders offered standard-grade metal at\n"
            "$21.50-21.80/lb, while a consumer's bid at\n"
            "$20.30/lb went unfilled.\n")
    assert [row[1:5] for row in observations("cobalt-2025-12-18.txt", text)] == [
        (RC, "assessment", 20.4, 21.3), (RC, "offer", 21.5, 21.8), (RC, "bid", 20.3, 20.3)]


def test_a_fixed_width_row_whose_name_wrapped_under_it() -> None:
    """The rest of a row's name under it ("grade 99.8pc") goes back into its name cell, so the columns keep
    their headers ("Low | High")."""
    text = ("Cobalt prices                                    18 Dec 25\n"
            "                         Basis          Unit    Low       High       ±\n"
            "Cobalt metal standard    in-whs Rdam    $/lb    20.40     21.30      +0.25\n"
            "grade 99.8pc\n"
            "Cobalt sulphate          ex-works China Yn/t    87,000    89,500     +1,000\n"
            "20.5pc Co\n"
            "Cobalt tetroxide         ex-works China Yn/t    246,000   252,000    nc\n")
    assert [row[1:5] for row in observations("cobalt-prices-2025-12-18.txt", text)] == [
        (RC, "assessment", 20.4, 21.3), (CS, "assessment", 87000.0, 89500.0),
        ("cobalt_tetroxide", "assessment", 246000.0, 252000.0)]


def test_an_announcement_signed_under_its_board_is_dated_by_its_signature() -> None:
    """The date under the signer ("...董事会" over a date, also in Chinese numerals), not a date in its text or the
    start of the period it reports on."""
    from tracker.dates import find_publication_date
    head = ("业绩预告期间:2025年1月1日至2025年12月31日\n"
            "据上海有色网(SMM)数据,2025年9月30日电解钴现货均价为27.85万元/吨,第三季度电解钴市场均价较第二季度上涨约27%。\n")
    body = "正文。\n" * 40
    assert find_publication_date(head + body + "某某钴业股份有限公司董事会\n2025年10月24日\n") == date(2025, 10, 24)
    signed = "某某锂业股份有限公司\n董事会\n二〇二六年一月二十三日\n"
    assert find_publication_date(head + body + signed) == date(2026, 1, 23)


OWN_PERIODS = [
    # an annual report's own period is the year just ended; an interim report's, the half just ended (and an
    # average the company's report credits to no agency is its own, what it sold at: a deal's, since round nine)
    pytest.param("2024 Annual Report", "The average price of battery-grade cobalt sulphate was RMB 33,900/t in 2024.",
                 date(2025, 3, 28), [price(CS, "transaction", 33900)], id="annual-report-year"),
    pytest.param("Cobalt weekly", "The average price of battery-grade cobalt sulphate was RMB 33,900/t in 2024.",
                 date(2025, 3, 28), [], id="a-weekly-review-year"),
    pytest.param("Interim results announcement", "Battery-grade lithium carbonate averaged RMB 70,950/t in the first "
                 "half of 2025.", date(2025, 8, 27), [price(LC, "transaction", 70950)], id="interim-report-half"),
    pytest.param("Interim results announcement", "Unit cost of sales was RMB 60,980/t (1H2024: RMB 71,240/t) and "
                 "carbonate sold at RMB 61,000/t.", date(2025, 8, 27), [price(LC, "transaction", 61000)],
                 id="1H2024-in-brackets"),
    # a fiscal year and a month of another year are other times
    pytest.param("Investor presentation", "FY26E EBITDA at a spodumene price of US$900/t is A$156m.", date(2025, 9, 16),
                 [], id="fiscal-year-estimate"),
    pytest.param("Investor presentation", "Spodumene is up 42% from the June 2025 low of US$610/t.", date(2025, 9, 16),
                 [], id="month-and-year"),
]


@pytest.mark.parametrize(("title", "text", "day", "expected"), OWN_PERIODS)
def test_a_reports_own_period(title: str, text: str, day: date, expected: list[tuple]) -> None:
    assert found(text, title, day) == expected


def test_cost_and_price_deck_rows_are_no_prices() -> None:
    text = ("Unit cost of sales of main products    Unit: RMB/t\n"
            "Product                 2024        Change (%)\n"
            "Cobalt sulphate         27,850      -22.49\n"
            "Cobalt tetroxide        118,640     -21.53\n\n"
            "Spot prices                              Source\n"
            "Spodumene SC6, CIF China     US$865/t    Fastmarkets\n"
            "Cardinal price deck          US$900/t    Company\n")
    assert [row[1:4] for row in observations("report-2025-12-18.txt", text)] == [(SP, "assessment", 865.0)]


def test_trader_chat_words() -> None:
    """A metal in 【】 heads its section; traders' 电碳/工碳/四钴 and 美金; 询单 and 买盘 are bids, 挂牌 an offer."""
    text = ("【锂】\n6、电碳 现货9.35-9.40万元/吨,工碳 9.10万元/吨\n8、SC6锂辉石:CIF 1,150美金/吨\n"
            "【钴】\n3、四钴 35.2万元/吨,下游询单在34.0万元/吨\n")
    assert found(text, "现货交流群", date(2025, 12, 3)) == [
        price(LC, "assessment", 93500, 94000), price(LC, "assessment", 91000),
        price(SP, "assessment", 1150, None, "USD"), price("cobalt_tetroxide", "assessment", 352000),
        price("cobalt_tetroxide", "bid", 340000)]
