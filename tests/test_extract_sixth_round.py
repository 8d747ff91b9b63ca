"""Rules of the sixth round of issue #12, as examples written for these tests (none is batch or corpus text).

Batch M (written after the fifth round, kept at its first-contact score) showed these misses; each rule is
checked here on wordings of our own, in the price-parser style: named lists of (text, expected).
"""
from __future__ import annotations

from datetime import date

import pytest
from expected import DAY, found, price

from tracker.dates import find_publication_date
from tracker.documents import parse_document
from tracker.extract import extract_document, extract_text

CS, RC, CI, CT = "cobalt_sulphate", "refined_cobalt", "cobalt_intermediate", "cobalt_tetroxide"
LC, SP = "lithium_carbonate", "spodumene"

WHEN = [
    # a weekday and its date side by side are one day; a time that opens the sentence holds for all its prices
    pytest.param("In the middle of the week, on Tuesday December 16, standard grade cobalt was assessed at "
                 "$24.10-24.90/lb after a consumer bought 15 tonnes at $24.70/lb.",
                 [date(2025, 12, 16), date(2025, 12, 16)], id="weekday-and-date-open-the-sentence"),
    pytest.param("On Tuesday, 16 December, standard grade cobalt was assessed at $24.10-24.90/lb.",
                 [date(2025, 12, 16)], id="weekday-comma-date"),
    # without an opening time, a later price keeps the review's date
    pytest.param("Standard grade cobalt was assessed at $24.10-24.90/lb after a consumer bought 15 tonnes at "
                 "$24.70/lb.", [DAY, DAY], id="no-opening-time"),
]


@pytest.mark.parametrize(("text", "dates"), WHEN)
def test_dates_of_levels(text: str, dates: list[date]) -> None:
    assert [o.date for o in extract_text(text, DAY, "Cobalt weekly")] == dates


LEVELS = [
    # a quarter written "Sep Qtr" is another time: a prior-quarter figure in brackets is no level
    pytest.param("Lithium quarterly", "Average realised price of US$905/dmt (Jun Qtr: US$744/dmt) for spodumene "
                 "concentrate.", [price(SP, "transaction", 905, None, "USD", "mt")], id="prior-qtr-in-brackets"),
    # forecast columns: a quarter or half marked E or F
    pytest.param("Broker note", "Figure 3: price forecasts\n| Commodity | Unit | 1Q26E | 2Q26E | 2026E |\n"
                 "| Lithium carbonate (CIF CJK) | US$/kg | 12.00 | 13.50 | 13.00 |", [], id="estimate-columns"),
    # a basis cell ending with "%" is a payable's unit
    pytest.param("Broker note", "| Product | Source | Basis / unit | Latest |\n"
                 "| Cobalt hydroxide payable | Fastmarkets | min 30% Co, CIF China, % | 71-73 |",
                 [price(CI, "assessment", 71, 73, None, "%")], id="percent-at-the-end-of-a-basis-cell"),
]


@pytest.mark.parametrize(("title", "text", "expected"), LEVELS)
def test_levels(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


def test_a_bare_product_word_belongs_to_the_metal_the_text_is_on() -> None:
    """In a review of two metals (by its title), "hydroxide" and "sulphate" are the metal's of the text above."""
    text = ("Cobalt eases while lithium carbonate firms\n"
            "Metal\n"
            "Standard grade cobalt slipped to $23.80-24.60 per lb in Rotterdam.\n"
            "Salts\n"
            "Hydroxide payables eased to 88-90% of the standard grade price; sulphate 20.5% Co fell to 61,000-62,000 "
            "yuan per tonne.\n"
            "Lithium\n"
            "Battery-grade carbonate rose to 74,000-76,000 yuan per tonne.")
    got = [(o.commodity, o.low) for o in extract_text(text, DAY, "Cobalt eases while lithium carbonate firms")]
    assert got == [(RC, 23.8), (CI, 88.0), (CS, 61000.0), (LC, 74000.0)]


PUBLISHED = [
    pytest.param("ACME MINING LIMITED\nQUARTERLY REPORT - QUARTER ENDED 30 SEPTEMBER 2025\nASX Release: 23 October "
                 "2025\n", date(2025, 10, 23), id="a-release-line-beats-the-period-in-the-title"),
    pytest.param("ACME MINING LIMITED\nQuarterly report for the quarter ended 30 September 2025\nMarket update, 23 "
                 "October 2025\n", date(2025, 10, 23), id="a-period-end-is-no-publication-date"),
    pytest.param("某公司公告\n发布时间：2025年10月23日\n截至2025年9月30日", date(2025, 10, 23), id="release-time-zh"),
]


@pytest.mark.parametrize(("text", "expected"), PUBLISHED)
def test_publication_dates(text: str, expected: date) -> None:
    assert find_publication_date(text) == expected


def test_a_pdf_copy_wrapped_past_a_hundred_characters_is_joined() -> None:
    """A report wrapped at ~105 characters: the price's commodity is on the line above it."""
    text = ("MARKET\n\n"
            "Prices kept rising after the end of the period. At the date of this report the spot spodumene price was\n"
            "US$1,540/t CIF China, while battery-grade lithium carbonate in China was changing hands at around\n"
            "CNY 98,000/t.\n\nCORPORATE\n")
    document = parse_document("acme-2025-12-18-report.txt", text.encode(), DAY)
    assert [(o.commodity, o.low) for o in extract_document(document)] == [(SP, 1540.0), (LC, 98000.0)]


RAGGED = [
    # a shorter line that stops on a word no sentence ends with, then the figure on the next line
    pytest.param("LITHIUM CARBONATE WEEKLY\n\nBattery-grade lithium carbonate was steady this week as buyers waited.\n"
                 "In the raw materials market, the spodumene SC6 CIF China price edged up to\n"
                 "$1,210-1,260 per tonne, with traders citing firm demand from converters and a thin supply of\n"
                 "prompt cargoes.\n\nOUTLOOK\n", [("spodumene", 1210.0)], id="stops-on-to"),
    # a short line mid-sentence goes on with a lower-case line, not with a dated list item
    pytest.param("Related\n\n03/12/25  Cobalt: standard grade steady at $24.00-24.50/lb in Rotterdam warehouses\n"
                 "02/12/25  Lithium quotas: Santiago confirms the review\n"
                 "01/12/25  Nickel: matte at $14,500/t cif as refiners pause buying for the month of December\n",
                 [("refined_cobalt", 24.0), ("nickel_matte", 14500.0)], id="list-items-stay-apart"),
]


@pytest.mark.parametrize(("text", "expected"), RAGGED)
def test_ragged_wraps(text: str, expected: list[tuple]) -> None:
    document = parse_document("note-2025-12-18.txt", text.encode(), DAY)
    assert [(o.commodity, o.low) for o in extract_document(document)] == expected


NOTES = [
    # a section headed by another metal than the page's: a price naming nothing is that metal's own
    pytest.param("Battery materials note: lithium carbonate leads", "LITHIUM\nBattery-grade lithium carbonate rose "
                 "to RMB 74,000/t.\nCOBALT\nOne agency's alloy grade was at US$25.10-25.90/lb in Rotterdam.",
                 [price(LC, "assessment", 74000), price(RC, "assessment", 25.1, 25.9, "USD", "lb")],
                 id="another-metals-section"),
    # estimates: "2026E" in prose, "2026E (new)" columns of a price deck
    pytest.param("Broker note", "We lift our 2026E lithium carbonate price to US$13,000/t (from US$11,000/t).", [],
                 id="estimate-year-in-prose"),
    pytest.param("Broker note", "| PRICE DECK | 2026E (new) | 2026E (old) |\n| Lithium carbonate (US$/t) | 13,000 | "
                 "11,000 |", [], id="estimate-columns-with-a-note"),
]


@pytest.mark.parametrize(("title", "text", "expected"), NOTES)
def test_broker_notes(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


def test_a_wrapped_bullet_that_stops_mid_clause_goes_on() -> None:
    text = ("KEY POINTS\n\n"
            "* Battery-grade lithium carbonate in China steadied this week; we now see the 2026E average at\n"
            "  US$13,000/t on tighter spodumene supply, with the 2027E average at US$12,500/t in our new deck.\n"
            "* Cobalt hydroxide payables were unchanged this week at the highs of the year on quota discipline.\n\n"
            "PRICES\n")
    document = parse_document("note-2025-12-18.txt", text.encode(), DAY)
    assert extract_document(document) == []


def test_a_forwarded_review_is_dated_by_its_original_message() -> None:
    text = ("From: An Analyst <analyst@example.com>\nSent: Tuesday, 16 December 2025 09:02\nSubject: FW: Cobalt "
            "weekly\n\nFor the file.\n\nFrom: Agency <news@agency.example>\nSent: Monday, 15 December 2025 17:30\n"
            "Subject: Cobalt weekly\n\nStandard grade cobalt was assessed at $24.10-24.90/lb.\n")
    assert find_publication_date(text) == date(2025, 12, 15)


PERIOD_WORDS = [
    # "by the end of the week" in a weekly review is its own week, no forecast
    pytest.param("Spodumene concentrate firmed, with prices at $1,010-1,040/mt by the end of the week.",
                 [price(SP, "assessment", 1010, 1040, "USD")], id="by-the-end-of-the-week"),
    pytest.param("Spodumene concentrate is expected to reach $1,100/mt by the end of the month.", [],
                 id="by-the-end-of-the-month-is-a-forecast"),
    # a while-clause after a comparison is not that comparison's time
    pytest.param("Standard grade cobalt was assessed at $23.80-24.60/lb, up from $23.40-24.20/lb a week earlier, "
                 "while alloy grade was assessed at $24.40-25.20/lb.",
                 [price(RC, "assessment", 23.8, 24.6, "USD", "lb"), price(RC, "assessment", 24.4, 25.2, "USD", "lb")],
                 id="while-after-a-comparison"),
    # a bracket holding only a percentage is a content
    pytest.param("Cobalt hydroxide payables were 95-97%, and ex-works cobalt metal (99.8pc) was at 370,000-380,000 "
                 "yuan/t.", [price(CI, "assessment", 95, 97, None, "%"), price(RC, "assessment", 370000, 380000)],
                 id="a-content-in-brackets"),
]


@pytest.mark.parametrize(("text", "expected"), PERIOD_WORDS)
def test_period_words(text: str, expected: list[tuple]) -> None:
    assert found(text, "Cobalt and lithium weekly") == expected


def test_a_long_card_headline_keeps_the_date_at_its_end() -> None:
    text = ("Cobalt weekly\nCobalt sulphate offers were 90,000-91,000 yuan/mt.\nRelated News\n"
            "[Weekly Review] Cobalt Sulphate Firm at 87,000-89,000 Yuan/mt as Hydroxide Shortage Bites; Lithium "
            "Carbonate Extends Gains Nov 7, 2025\n")
    assert [(o.low, o.date) for o in extract_text(text, DAY, "Cobalt weekly")] == [
        (90000.0, DAY), (87000.0, date(2025, 11, 7))]


def _document(text: str) -> list[tuple]:
    document = parse_document("note-2025-12-18.txt", text.encode(), DAY)
    return [(o.commodity, o.low) for o in extract_document(document)]


def test_a_line_ending_on_is_goes_on_with_a_capitalised_figure() -> None:
    text = ("MANGANESE\n\nElectrolytic manganese held steady this week at RMB13,800-14,000/t EXW China after a\n"
            "quiet week. In the manganese ore market, the price of Gabonese 44%min lump is\n"
            "USD4.10-4.15/dmtu CIF China, unchanged from last week, as port stocks stayed high in China.\n\n"
            "OUTLOOK\n")
    assert _document(text) == [("electrolytic_manganese_metal", 13800.0), ("manganese_ore", 4.1)]


def test_an_unclosed_bracket_goes_on() -> None:
    text = ("SALES\n\nThe average realised MHP price was US$12,100/t of contained nickel in the quarter (Q2 2025:\n"
            "US$11,900/t), equivalent to an average payable of 84.5% of the LME nickel cash price in the period.\n\n"
            "OUTLOOK\n")
    assert _document(text) == [("nickel_intermediate", 12100.0), ("nickel_intermediate", 84.5)]


def test_an_e_mails_subject_is_its_title() -> None:
    text = ("From: Research <research@broker.example>\nSent: Thursday, 18 December 2025 18:00\nTo: Desk\n"
            "Subject: FW: Battery Materials Weekly - cobalt squeeze meets lithium restock\n\nKEY POINTS\n")
    document = parse_document("mail.txt", text.encode(), None)
    assert document.title == "Battery Materials Weekly - cobalt squeeze meets lithium restock"


def test_capitalised_metal_headings_with_a_dash() -> None:
    text = ("Battery materials weekly: cobalt squeeze meets lithium restock\n"
            "COBALT - THE SQUEEZE REACHES CHINA, REFINERS SAY\nStandard grade metal rose to $24.10-24.90/lb.\n"
            "LITHIUM - CARBONATE LEADS, HYDROXIDE FOLLOWS SLOWLY\nThe hydroxide price is at $9.10-9.50/kg.\n")
    got = [(o.commodity, o.low) for o in extract_text(text, DAY, "Battery materials weekly: cobalt squeeze meets "
                                                                 "lithium restock")]
    assert got == [(RC, 24.1), ("lithium_hydroxide", 9.1)]


def test_a_wrapped_bullet_goes_on_in_lower_case() -> None:
    text = ("KEY POINTS\n\n- Cobalt: standard grade metal up another 1.6% w/w to $24.10-24.90/lb; hydroxide payables\n"
            "  now 93-95%, leaving non-Chinese refiners with almost no margin on their cathode output.\n"
            "- Nickel: sulphate steady; MHP payables stuck near record highs for the third week running.\n\n"
            "PRICES\n")
    assert _document(text) == [(RC, 24.1), (CI, 93.0)]


UNITS_AND_MONTHS = [
    pytest.param("Cobalt weekly", "A trader quotes electrolytic cobalt at 38.5-39.5 (RMB 10,000/t), up RMB3,000/t.",
                 [price(RC, "offer", 385000, 395000)], id="ten-thousand-yuan-in-brackets"),
    # a coming month names the cargo, not the price's time; an earlier one is another time
    pytest.param("Cobalt weekly", "Hydroxide payables: one refiner was bidding 96% for a cargo loading in January.",
                 [price(CI, "bid", 96, None, None, "%")], id="a-coming-month"),
    pytest.param("Cobalt weekly", "Hydroxide payables had been 56% in August.", [], id="an-earlier-month"),
]


@pytest.mark.parametrize(("title", "text", "expected"), UNITS_AND_MONTHS)
def test_units_and_months(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


def test_the_last_row_of_a_table_whose_name_cell_wrapped() -> None:
    text = ("PRICE                                             UNIT         18 DEC 2025       PREVIOUS\n"
            "CO-0012  Cobalt sulfate 20.5% Co basis, exw China  yuan/tonne   86,500-89,000     84,000-86,500\n"
            "CO-0018  Cobalt (II,III) oxide (tetroxide),\n"
            "         72.6% Co min, exw China                   yuan/tonne   335,000-345,000   328,000-338,000\n\n"
            "PRICE RATIONALE\n")
    assert _document(text) == [(CS, 86500.0), (CT, 335000.0)]


def test_a_chinese_pdf_copy_is_unwrapped_without_spaces() -> None:
    """Chinese lines wrapped at a fixed width: a full line that ends no sentence goes on, glued; items stay apart."""
    text = ("钴周报 | 2025.12.18\n\n"
            "硫酸钴周内上涨3,500元/吨至6.05-6.25万元/吨。下游前驱体厂补库意愿增强，部分成交价格\n"
            "已达6.2万元/吨。氯化钴报价为7.35-7.60万元/吨，四氧化三钴价格区间为22.00-22.80万\n"
            "元/吨，钴酸锂企业对高价原料接受度逐步提高。\n\n"
            "相关阅读：\n"
            "· 12月17日 SMM硫酸钴：电池级硫酸钴报6.00-6.20万元/吨 节后询单增多，市场成交\n"
            "· 12月16日 SMM锂电：电池级碳酸锂现货均价9.28万元/吨，较前一日持平运行\n")
    got = [(commodity, low) for commodity, low in _document(text)]
    assert got == [(CS, 60500.0), (CS, 62000.0), ("cobalt_chloride", 73500.0), (CT, 220000.0), (CS, 60000.0),
                   (LC, 92800.0)]


CHINESE_WORDS = [
    pytest.param("碳酸锂周评", "本周行业平均毛利约1,350元/吨，较上周有所修复。", [], id="gross-margin-zh"),
    pytest.param("硫酸镍日评", "今日LME镍三月期收于15,520美元/吨。",
                 [price("refined_nickel", "transaction", 15520, None, "USD")], id="lme-nickel-zh"),
]


@pytest.mark.parametrize(("title", "text", "expected"), CHINESE_WORDS)
def test_chinese_words(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


def test_a_wrapped_name_cell_and_a_repeated_header() -> None:
    """A PDF copy's tables: a row's name wraps onto an indented line; the second table repeats the first's header."""
    text = ("Cobalt prices                                      18 Dec\n"
            "                                     Unit       Low        High        ±\n"
            "Cobalt sulphate 20.5% Co ex-works     Yn/t     60,000      62,500     +1,500\n"
            "Cobalt tetroxide 72.6% Co ex-works    Yn/t    230,000     240,000     +5,000\n\n"
            "Battery materials                                  18 Dec\n"
            "                                     Unit       Low        High        ±\n"
            "Lithium carbonate 99.5% battery grade\n"
            "  ex-works China                      Yn/t     91,500      93,000     +1,000\n"
            "Manganese ore 44% Mn cif Tianjin    $/dmtu       4.30        4.40     +0.05\n")
    assert _document(text) == [(CS, 60000.0), (CT, 230000.0), (LC, 91500.0), ("manganese_ore", 4.3)]
    document = parse_document("note-2025-12-18.txt", text.encode(), DAY)
    assert [o.high for o in extract_document(document)] == [62500.0, 240000.0, 93000.0, 4.4]


REPORTS = [
    pytest.param("Morning note", "Export: we can offer 20.5% sulphate at $14.60/kg CIF Rotterdam, cobalt payables 95%.",
                 [price(CS, "offer", 14.6, None, "USD", "kg"), price(CI, "assessment", 95, None, None, "%")],
                 id="a-content-before-its-product"),
    pytest.param("Morning note", "Cobalt hydroxide: we see payables at par (100%) by end-Q1 if the quota is tight.", [],
                 id="by-end-q1"),
    pytest.param("Investor day", "Price deck (2026 budgeting): lithium carbonate RMB 80,000/t; cobalt US$20/lb; LME "
                 "nickel US$15,500/t.", [], id="a-price-deck-list"),
    pytest.param("Morning note", "Cobalt fell. Fastmarkets expects standard grade cobalt at $26.50/lb next year.", [],
                 id="a-forecast-in-a-later-sentence"),
    pytest.param("Investor notes", "Fastmarkets standard-grade cobalt was $23.80-24.90/lb at yesterday's assessment.",
                 [], id="at-yesterdays-assessment"),
]


@pytest.mark.parametrize(("title", "text", "expected"), REPORTS)
def test_reports_and_notes(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


def test_a_production_report_table() -> None:
    """Quarter columns: the latest is the price (an empty one gives none); a rule under the header keeps it; a
    percentage row of a product priced in money is no price."""
    text = ("PRODUCTION AND SALES\n\n"
            "                                       Unit        Q4 2025    Q3 2025    Q4 2024\n"
            "----------------------------------------------------------------------------------\n"
            "Copper head grade                      %              3.02       2.96       3.11\n"
            "Realised copper price                  US$/lb         4.41       4.28       4.19\n"
            "Realised cobalt price (payable basis)  US$/lb            -          -       6.85\n"
            "----------------------------------------------------------------------------------\n")
    assert _document(text) == [("refined_copper", 4.41)]


def test_a_metal_heading_between_rules_and_a_wrapped_bullet() -> None:
    text = ("Morning note: cobalt and lithium\n\n== LITHIUM ==\n"
            "* Hydroxide CIF CJK: bids at $9.30/kg, offers at $9.60/kg, nothing traded this morning.\n\n"
            "RAW MATERIALS\n\n"
            "- Price deck (slide 14, 2026 budgeting): carbonate RMB 80,000-100,000/t; hydroxide at a\n"
            "  RMB 5,000/t discount to carbonate; cobalt US$20/lb; LME nickel US$15,500/t. These are\n"
            "  planning assumptions, not forecasts, per the CFO of the company at the meeting.\n")
    assert _document(text) == [("lithium_hydroxide", 9.3), ("lithium_hydroxide", 9.6)]


def test_a_reply_keeps_its_own_date_and_dates_the_message_it_quotes() -> None:
    text = ("From: Desk <desk@broker.example>\nSent: Thursday, December 18, 2025 6:41 PM\nSubject: Evening note - "
            "18 Dec\n\nPlatts assessed lithium carbonate CIF North Asia at $9.85/kg today.\n\n"
            "-----Original Message-----\nFrom: Desk <desk@broker.example>\nSent: Wednesday, December 17, 2025 6:55 PM"
            "\nTo: Battery Metals Distribution List\nSubject: Evening note - 17 Dec\n\n"
            "Platts assessed lithium carbonate CIF North Asia at $9.70/kg today.\n")
    document = parse_document("note.txt", text.encode(), None)
    assert (document.date, document.title) == (DAY, "Evening note - 18 Dec")
    assert [(o.low, o.date) for o in extract_document(document)] == [(9.85, DAY), (9.7, date(2025, 12, 17))]


HEADLINES_AND_CODES = [
    pytest.param("Lithium daily", "Lithium Carbonate Spot Prices Rise Again; SMM Index Gains 460 yuan/mt", [],
                 id="gains-in-a-headline"),
    pytest.param("Lithium weekly", "Carbonate nears $10/kg as hydroxide stalls", [], id="nears-in-a-headline"),
    pytest.param("Lithium weekly", "On the exchange, the most-active LC2601 contract settled at RMB 79,320/t.",
                 [price(LC, "transaction", 79320)], id="a-contract-code-names-its-product"),
    pytest.param("Cobalt weekly", "Payables of 88% equate to roughly $22.30-22.79 per lb of contained cobalt.",
                 [price(CI, "assessment", 88, None, None, "%")], id="equate-to-is-a-conversion"),
    pytest.param("Cobalt weekly", "Outlook: refined cobalt is seen between 350,000 and 370,000 yuan/mt.", [],
                 id="is-seen-between"),
    pytest.param("Cobalt weekly", "Refined cobalt rose to 330,000-338,000 yuan/mt, compared with pre-holiday levels of "
                 "296,000-305,000 yuan/mt.", [price(RC, "assessment", 330000, 338000)], id="pre-holiday-levels-of"),
    pytest.param("Cobalt weekly", "SMM #1 refined cobalt averaged 336,450 yuan/mt, against a September average of "
                 "291,200 yuan/mt.", [price(RC, "assessment", 336450)], id="against-a-september-average"),
]


@pytest.mark.parametrize(("title", "text", "expected"), HEADLINES_AND_CODES)
def test_headlines_and_codes(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


COMPANY_DOCUMENTS = [
    # the average of sales or purchases is a deal's price
    pytest.param("640 t of cobalt cathode sold at an average of $23.10/lb to alloy customers.",
                 [price(RC, "transaction", 23.1, None, "USD", "lb")], id="sold-at-an-average-of"),
    pytest.param("Our average purchase price for lithium hydroxide in the quarter was $9.1 per kilogram.",
                 [price("lithium_hydroxide", "transaction", 9.1, None, "USD", "kg")], id="average-purchase-price"),
    # a price per dry metric tonne unit is an ore's; per dry tonne is per tonne
    pytest.param("Electrolytic manganese was steady. Average realised price of US$3.62/dmtu FOB Port Elizabeth for our "
                 "37% Mn semi-carbonate ore.", [price("manganese_ore", "transaction", 3.62, None, "USD", "dmtu")],
                 id="dmtu-is-an-ores-unit"),
    pytest.param("Average realised price of US$905/dmt for spodumene concentrate.",
                 [price(SP, "transaction", 905, None, "USD", "mt")], id="dmt-is-a-tonne"),
    # a trader's run: "Bids:" cues a payable
    pytest.param("Cobalt hydroxide payables\nBids:    94.5-95% from two refiners, Apr arrival",
                 [price(CI, "bid", 94.5, 95, None, "%")], id="bids-colon"),
]


def test_a_bullet_led_by_a_metal_names_its_products() -> None:
    text = "• Cobalt: hydroxide payables were assessed at 95-97% by one agency."
    assert found(text, "Lithium carbonate weekly") == [price(CI, "assessment", 95, 97, None, "%")]


@pytest.mark.parametrize(("text", "expected"), COMPANY_DOCUMENTS)
def test_company_documents(text: str, expected: list[tuple]) -> None:
    assert found(text, "Lithium and manganese update") == expected


def test_a_box_drawn_table_of_average_selling_prices() -> None:
    text = ("主要产品价格变动情况\n"
            "┌──────────────┬──────────────────┬──────────────────┬────────┐\n"
            "│ 主要产品     │2025年第四季度平均售价│2025年第三季度平均售价│ 变动比例 │\n"
            "├──────────────┼──────────────────┼──────────────────┼────────┤\n"
            "│硫酸钴(万元/吨) │ 7.48             │ 6.11             │ 22.42% │\n"
            "└──────────────┴──────────────────┴──────────────────┴────────┘\n")
    assert found(text, "公司2025年第四季度主要经营数据公告", date(2026, 1, 30)) == [price(CS, "transaction", 74800)]


def test_trader_run_lines_stay_apart() -> None:
    text = ("Morning all,\n\nQuick run before lunch. All numbers firm unless marked indic, subject to prior sale.\n\n"
            "*** NICKEL ***\n"
            "  MHP (Indo origin, CIF China, Ni payable): offer 88% of LME | bids 86.5-87%\n"
            "  Ni sulphate 22% Ni EXW China:             offer RMB 29,300/t (incl VAT)\n"
            "  Ni matte (high-grade, 75% Ni):            bid 89% of LME, Q2 loading\n")
    assert _document(text) == [("nickel_intermediate", 88.0), ("nickel_intermediate", 86.5),
                               ("nickel_sulphate", 29300.0), ("nickel_matte", 89.0)]


LAST_ROUND = [
    # a title led by the metal names its product by a bare word: the page's topic
    pytest.param("Cobalt Weekly: Sulphate climbs as hydroxide supply tightens",
                 "Refiners were holding offers at 89,000-90,000 yuan/mt this week.", [price(CS, "offer", 89000, 90000)],
                 id="a-title-led-by-the-metal"),
    # headline moves of plural subjects, and Chinese "rose over"
    pytest.param("Cobalt weekly", "Related News\nCobalt Tetroxide Prices Jump 5,000 yuan/mt in a Day", [],
                 id="prices-jump-in-a-headline"),
    pytest.param("锂电周评", "【SMM锂电周评】碳酸锂现货价格周内涨超2000元/吨", [], id="rose-over-zh"),
    pytest.param("Cobalt weekly", "Cobalt hydroxide payables averaged 88% in Q2.", [], id="a-past-quarter"),
    # a company's average selling price is what it sold at
    pytest.param("Nickel results", "Average selling price (ASP) of nickel matte of US$13,020/t Ni in the quarter.",
                 [price("nickel_matte", "transaction", 13020, None, "USD")], id="average-selling-price"),
]


@pytest.mark.parametrize(("title", "text", "expected"), LAST_ROUND)
def test_last_round(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


def test_a_latest_column_and_an_actuals_column() -> None:
    """"Last" is the latest price; "2024A" a year's actual average."""
    text = ("Price monitor\n| Product | Source | Last | Unit | w/w |\n"
            "| Lithium carbonate, battery grade | SMM | 80,500-82,000 | CNY/t | +3,400 |\n\nPrice deck\n"
            "| Commodity | Unit | 2024A | 2026E |\n| Spodumene SC6 CIF China | USD/t | 980 | 1,050 |\n")
    assert found(text, "Battery metals monitor") == [price(LC, "assessment", 80500, 82000)]


def test_an_announcement_signed_with_place_and_date() -> None:
    text = ("ANNUAL RESULTS ANNOUNCEMENT\nFOR THE YEAR ENDED 31 DECEMBER 2024\n\nFollowing the suspension of exports "
            "on 22 February 2025, cobalt prices rose sharply in the first weeks of the year.\n\nBy order of the Board\n"
            "Quzhou, the PRC, 26 March 2025\n")
    assert find_publication_date(text) == date(2025, 3, 26)


def test_a_traders_run_names_each_product_above_its_offers_and_bids() -> None:
    text = ("Cobalt sulphate offers firmed this week in China.\n"
            "Standard grade metal (ERG cathode, in-whs Rotterdam, prompt)\n"
            "    Offer   $25.40/lb      5-20 mt lots\n    Bid     $24.60/lb\n"
            "Cobalt sulphate 20.5% Co, battery grade (EXW China)\n    Offer   RMB 93,000-93,500/t\n")
    assert [(o.commodity, o.price_type, o.low) for o in extract_text(text, DAY, "Cobalt indications")] == [
        (RC, "offer", 25.4), (RC, "bid", 24.6), (CS, "offer", 93000.0)]


IMPURITIES_AND_ORES = [
    pytest.param("Nickel weekly", "In China, nickel sulphate min 21%, max 22.5%; cobalt 10ppm max, exw China, was at "
                 "27,800-28,500 yuan per tonne.", [price("nickel_sulphate", "assessment", 27800, 28500)],
                 id="an-impurity-limit-names-no-commodity"),
    pytest.param("Manganese weekly", "| Product | Basis | Price |\n| Manganese sulphate 32% | CIF China, $/dmtu | "
                 "4.05-4.15 |", [price("manganese_ore", "assessment", 4.05, 4.15, "USD", "dmtu")],
                 id="a-dmtu-table-row-is-an-ore"),
]


@pytest.mark.parametrize(("title", "text", "expected"), IMPURITIES_AND_ORES)
def test_impurities_and_ores(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


SELLING_PRICES = [
    pytest.param("镍业三季报", "三季度印尼基地MHP销售均价约1.31万美元/镍吨。",
                 [price("nickel_intermediate", "transaction", 13100, None, "USD")], id="a-chinese-cue-glued-to-latin"),
    pytest.param("Nickel results", "Third-quarter MHP average selling price of US$12,980/t of contained nickel.",
                 [price("nickel_intermediate", "transaction", 12980, None, "USD")], id="average-selling-price-of"),
    pytest.param("经营数据公告", "主要原材料价格变动情况\n"
                 "| 主要原材料 | 2025年7-9月采购均价 | 2025年4-6月采购均价 | 变动比例(%) |\n"
                 "| 电池级碳酸锂 | 6.41万元/吨 | 5.96万元/吨 | 7.55 |", [price(LC, "transaction", 64100)],
                 id="month-range-columns-and-a-change-column"),
]


@pytest.mark.parametrize(("title", "text", "expected"), SELLING_PRICES)
def test_selling_prices(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title, date(2025, 10, 31)) == expected
