"""Rules of the eighth round of issue #12, as examples written for these tests (none is batch or corpus text).

Series agreement on company documents was the weakest figure of the held-out batches (AM, AN, W: 0.50-0.57):
a company's report was credited to an agency it quotes, so its own realised prices joined that agency's series.
"""
from __future__ import annotations

from datetime import date

import pytest
from expected import DAY, read_and_extracted

from tracker.documents import parse_document
from tracker.extract import extract_document
from tracker.publishers import default_publishers, is_company_report


def publishers_of(name: str, text: str) -> list[tuple[float, str]]:
    return [(o.low, o.publisher) for o in read_and_extracted(name, text)]


COMPANY_REPORTS = [
    pytest.param("Q3 2026 Quarterly Activities Report", "", True, id="quarterly-activities-report"),
    pytest.param("Kestrel Cobalt reports first-half 2026 results", "", True, id="period-results"),
    pytest.param("ASX ANNOUNCEMENT", "", True, id="exchange-announcement"),
    pytest.param("", "For immediate release\nNorthvale Nickel: Q2 operational update", True, id="head-of-a-release"),
    pytest.param("浙江某钴业股份有限公司关于2026年第三季度主要经营数据的公告", "", True, id="zh-announcement"),
    pytest.param("Cobalt sulphate edges up as salt makers hold back [SMM Cobalt Weekly Review]", "", False,
                 id="agency-review"),
    pytest.param("Lithium weekly: carbonate climbs on storage demand", "Published: 6 May 2026", False,
                 id="agency-weekly"),
]


@pytest.mark.parametrize(("title", "head", "expected"), COMPANY_REPORTS)
def test_company_reports_are_told_by_their_title_or_head(title: str, head: str, expected: bool) -> None:
    assert is_company_report(title, head) is expected


def test_a_company_report_quoting_agencies_is_not_theirs() -> None:
    text = ("QUARTERLY ACTIVITIES REPORT - JUNE 2026 QUARTER\n"
            "Northvale Resources Ltd\n"
            "Average realised hydroxide price of US$9.10/lb payable cobalt in the quarter.\n"
            "The Fastmarkets standard grade cobalt price averaged US$16.20/lb in the quarter.\n"
            "In China, SMM assessed battery-grade cobalt sulphate at RMB 52,000-54,000/t at quarter end.\n")
    page = parse_document("northvale-q2.txt", text.encode(), DAY)
    assert page.publisher == ""
    found = dict(publishers_of("northvale-q2.txt", text))
    assert found[9.10] == "" and found[16.20] == "Fastmarkets" and found[52000] == "SMM"


def test_an_agency_named_only_in_the_body_does_not_own_the_page() -> None:
    text = ("Morning note 6 May 2026\n\n"
            "Battery-grade cobalt sulphate was offered at 52,000-53,000 yuan/mt by salt makers.\n\n"
            + "Demand stayed thin through the week as buyers waited for the quota figures.\n\n" * 8
            + "SMM's refined cobalt price slipped to 230,000-240,000 yuan/mt as demand thinned out.\n\n"
            + "Salt makers expect a slow start to the next month.\n\n" * 8)
    assert default_publishers().of_page(text, "Morning note") == ""


def test_the_short_name_bracketed_after_a_quoted_agency_is_quoted_too() -> None:
    text = ("Northvale Nickel reports first-half 2026 results\n\n"
            "According to Shanghai Metals Market (SMM), MHP nickel payables now stand at 84-85% of LME.\n"
            "The average realised MHP payable was 79.5% of LME nickel in the half.\n")
    found = dict(publishers_of("northvale-1h.txt", text))
    assert found[84] == "SMM" and found[79.5] == ""


def test_a_tables_source_column_credits_its_row() -> None:
    text = ("Investor presentation: market prices, May 2026\n\n"
            "| Product | Price | Source |\n"
            "| Spodumene SC6, CIF China | US$915/t | Fastmarkets |\n"
            "| Lithium carbonate, battery grade, CIF CJK | US$10.20/kg | Benchmark |\n")
    found = dict(publishers_of("deck.txt", text))
    assert found[915] == "Fastmarkets" and found[10.2] == "Benchmark"


def test_clauses_after_a_credit_on_its_line_keep_it() -> None:
    text = ("某钴业股份有限公司2026年第一季度主要经营数据公告\n\n"
            "据上海有色网(SMM)数据,截至本公告披露日,电池级硫酸钴现货均价为5.35万元/吨;四氧化三钴价格为21.0-21.8万元/吨;"
            "公司硫酸钴销售均价为4.90万元/吨。\n")
    found = dict(publishers_of("gonggao.txt", text))
    assert found[53500] == "SMM" and found[210000] == "SMM"


def test_an_exchange_credits_its_own_prices_but_never_a_page_or_a_payable() -> None:
    text = ("SMM Lithium Daily Review\n\n"
            "SMM battery-grade lithium carbonate was 74,000-76,000 yuan/mt, while the most-traded GFEX contract "
            "LC2609 closed at 75,120 yuan/mt.\n\n"
            "MHP payables were 84-85% of LME nickel; LME cash nickel settled at $15,200/mt.\n")
    found = dict(publishers_of("smm-daily.txt", text))
    assert found[74000] == "SMM" and found[75120] == "GFEX" and found[84] == "SMM" and found[15200] == "LME"
    assert default_publishers().of_page("GFEX daily settlement report\nLC2609 75,120", "GFEX daily") == ""


def test_black_mass_and_graphite_are_commodities_of_their_own() -> None:
    text = ("Battery recycling weekly\n\n"
            "NCM black mass payables rose to 72-75% of LME nickel and cobalt prices, cif South Korea.\n\n"
            "Chinese flake graphite (-195) held at $420-460/t FOB, while spherical graphite was $2,100-2,300/t FOB.\n")
    found = {(o.commodity, o.low) for o in extract_document(parse_document("recycling.txt", text.encode(), DAY))}
    assert found == {("black_mass", 72), ("flake_graphite", 420), ("spherical_graphite", 2100)}


def rows_of(name: str, text: str) -> set[tuple]:
    return {(o.commodity, o.low, o.high, o.currency, o.unit) for o in read_and_extracted(name, text)}


def test_a_fixed_width_name_as_wide_as_its_column_keeps_its_unit_apart() -> None:
    text = ("Weekly assessments\n\n"
            "                                            Unit      Low      High   +/-\n"
            "EMM 99.7pc, ex-works China                  yuan/t  14,100    14,300  +100\n"
            "Spherical graphite 15 microns, fob China $/t      2,100     2,300    nc\n"
            "Mn ore 44pc lump, cif Tianjin               $/dmtu    4.10      4.20  -0.05\n")
    assert rows_of("argus.txt", text) == {("electrolytic_manganese_metal", 14100, 14300, "CNY", "mt"),
                                          ("spherical_graphite", 2100, 2300, "USD", "mt"),
                                          ("manganese_ore", 4.10, 4.20, "USD", "dmtu")}


def test_a_pdf_table_whose_names_wrap_above_their_figures() -> None:
    text = ("Lithium prices this week\n"
            "------------------------------------------------------------------\n"
            "Assessment                                       Price       Chg\n"
            "------------------------------------------------------------------\n"
            "Lithium carbonate 99.5% Li2CO3 min, battery grade,\n"
            "spot price cif China, Japan & Korea, $/kg     9.50-9.90    +0.10\n"
            "Lithium hydroxide monohydrate 56.5% LiOH.H2O min,\n"
            "battery grade, spot price range exw domestic China,\n"
            "yuan/tonne                                74,000-76,000   +1,000\n"
            "------------------------------------------------------------------\n")
    assert rows_of("fm.txt", text) == {("lithium_carbonate", 9.5, 9.9, "USD", "kg"),
                                       ("lithium_hydroxide", 74000, 76000, "CNY", "mt")}


def test_a_heading_over_indented_rows_is_not_a_wrapped_name() -> None:
    text = ("COBALT\n"
            "==========================================================\n"
            "Standard grade metal (in-whs Rotterdam, prompt)\n"
            "    Offer   $25.40/lb      5-20 mt lots\n"
            "    Bid     $24.60/lb\n")
    assert rows_of("desk.txt", text) == {("refined_cobalt", 25.4, 25.4, "USD", "lb"),
                                         ("refined_cobalt", 24.6, 24.6, "USD", "lb")}


def test_a_chat_sticker_alone_on_its_line_heads_no_item() -> None:
    text = ("群聊\"钴锂现货群\"的聊天记录\n导出时间:2026-05-08 18:30\n\n"
            "—————  2026-05-07  —————\n\n"
            "钴盐厂-小李  09:15\n我们硫酸钴今天报9.4万元/吨,含税现款\n\n"
            "前驱体采购-陈  09:27\n[撇嘴]\n\n"
            "华东贸易-老周  10:05\n我这边国产电钴41.8万元/吨出\n\n"
            "—————  2026-05-08  —————\n\n"
            "华东贸易-老周  09:05\n电钴今天42万元/吨出\n")
    document = parse_document("chat.txt", text.encode("utf-8"), None)
    found = {(o.date.isoformat(), o.commodity, o.low) for o in extract_document(document)}
    assert found == {("2026-05-07", "cobalt_sulphate", 94000), ("2026-05-07", "refined_cobalt", 418000),
                     ("2026-05-08", "refined_cobalt", 420000)}


FEEDSTOCK_LISTS = [
    pytest.param("上游盐厂(原料以MHP和高冰镍为主)报价集中在2.83-2.85万元/吨。", "硫酸镍周评", "nickel_sulphate",
                 id="zh-feedstock-list-in-brackets"),
    pytest.param("Salt makers using MHP and black mass as feed offered at 30,000-31,000 yuan/mt.",
                 "Nickel sulphate weekly", "nickel_sulphate", id="feedstock-list-before-the-offer"),
]


@pytest.mark.parametrize(("sentence", "title", "commodity"), FEEDSTOCK_LISTS)
def test_the_feedstock_listed_after_a_feedstock_is_feedstock_too(sentence: str, title: str, commodity: str) -> None:
    document = parse_document("feed.txt", f"{title}\n\n{sentence}\n".encode(), DAY)
    assert {o.commodity for o in extract_document(document)} == {commodity}


def test_a_dated_heading_dates_the_rows_under_it_and_no_further() -> None:
    text = ("BATTERY METALS MORNING NOTE                     Friday, 8 May 2026\n\n"
            "SPOT SNAPSHOT (SMM, 7 May)\n"
            "Battery-grade lithium carbonate         Rmb72,500-75,900/t\n"
            "Cobalt sulphate                         Rmb53,200-54,800/t\n\n"
            "Salt makers lifted cobalt sulphate offers to Rmb55,000/t this morning.\n")
    document = parse_document("note.txt", text.encode(), None)
    found = {(o.date.isoformat(), o.low) for o in extract_document(document)}
    assert found == {("2026-05-07", 72500), ("2026-05-07", 53200), ("2026-05-08", 55000)}


def test_a_fixed_width_row_whose_last_two_figures_are_one_space_apart() -> None:
    text = ("PRICES                                                 5 May 2026    Previous\n"
            "Cobalt standard grade, in-whs Rotterdam, $/lb          24.60-25.30   24.40-25.20\n"
            "Cobalt sulphate 20.5% Co, exw China, yuan/tonne        92,000-94,000 91,500-93,500\n"
            "Cobalt sulphate 20.5% Co, cif China, $/kg              12.10-12.60   12.10-12.60\n")
    assert rows_of("fm.txt", text) == {("refined_cobalt", 24.6, 25.3, "USD", "lb"),
                                       ("cobalt_sulphate", 92000, 94000, "CNY", "mt"),
                                       ("cobalt_sulphate", 12.1, 12.6, "USD", "kg")}


def test_payables_put_or_reported_at_a_level_in_a_review_about_payables() -> None:
    text = ("Cobalt hydroxide payables rise\n\n"
            "One trader had offers at 98% for May cargoes, while a refiner put its acceptable level at 96%. "
            "A trade for around 300 tonnes (gross weight) was reported at 97% this week.\n")
    found = {(o.commodity, o.low, o.price_type) for o in
             extract_document(parse_document("hydroxide.txt", text.encode(), DAY))}
    assert {(c, low) for c, low, _ in found} == {("cobalt_intermediate", 98), ("cobalt_intermediate", 96),
                                                 ("cobalt_intermediate", 97)}


def test_a_product_named_after_its_price_and_basis() -> None:
    text = ("Lithium weekly\n\n"
            "A converter's bid was heard at $1,520 per tonne cif China for a June-loading spodumene cargo.\n")
    assert rows_of("li.txt", text) == {("spodumene", 1520, 1520, "USD", "mt")}


def test_a_morning_note_under_a_masthead_is_a_daily() -> None:
    text = ("KESTREL SECURITIES (HK) LIMITED | COMMODITIES RESEARCH\n\n"
            "BATTERY METALS MORNING NOTE                     Friday, 8 May 2026\n\n"
            "LME nickel 3M closed Thursday at US$17,560/t.\n"
            "Cobalt sulphate offers rose to Rmb55,000/t this morning.\n")
    assert {o.low for o in extract_document(parse_document("note.txt", text.encode(), None))} == {55000}


def test_a_greeting_makes_no_daily() -> None:
    text = ("Good morning all,\n\nWeekly wrap, 8 May 2026\n\n"
            "Cobalt sulphate offers rose to Rmb55,000/t on Thursday.\n")
    assert {o.low for o in extract_document(parse_document("mail.txt", text.encode(), None))} == {55000}


def test_a_table_of_groups_each_headed_by_its_product() -> None:
    text = ("Battery materials prices                                       8 May 26\n"
            "                                                  Low        High      +/-\n"
            "Lithium carbonate\n"
            "  Battery grade 99.5pc ddp China Yn/t          121,000    125,000  +1,000\n"
            "  Battery grade 99.5pc cif CJK $/kg              15.10      15.70     nc\n"
            "Spodumene\n"
            "  6pc Li2O cif China $/t                         1,535      1,575     +15\n"
            "  6pc Li2O fob Australia $/t                     1,480      1,520     +10\n"
            "Cobalt\n"
            "  Cobalt sulphate 20.5pc exw China Yn/t         92,500     94,000    +250\n"
            "Manganese\n"
            "  Manganese sulphate 32pc battery exw\n"
            "  China Yn/t                                     5,800      6,000     nc\n")
    assert rows_of("argus.txt", text) == {
        ("lithium_carbonate", 121000, 125000, "CNY", "mt"), ("lithium_carbonate", 15.1, 15.7, "USD", "kg"),
        ("spodumene", 1535, 1575, "USD", "mt"), ("spodumene", 1480, 1520, "USD", "mt"),
        ("cobalt_sulphate", 92500, 94000, "CNY", "mt"), ("manganese_sulphate", 5800, 6000, "CNY", "mt")}


def test_an_editors_note_in_brackets_opens_no_related_news() -> None:
    text = ("Investor Presentation | 5 May 2026\n"
            "[Text extracted from PDF; slide graphics omitted]\n"
            "- Net cash US$212m (31 Mar 2026)\n"
            "- Nickel sulphate sold at an average RMB 28,950/t in the quarter\n")
    found = {(o.date.isoformat(), o.low) for o in
             extract_document(parse_document("deck.txt", text.encode(), None))}
    assert found == {("2026-05-05", 28950)}


def test_a_table_of_flake_sizes_by_quarter_named_by_its_last_month() -> None:
    text = ("Graphite miner quarterly report\n\n"
            "Average flake graphite prices for the June quarter (FOB China, 94-95% C) were:\n\n"
            "    Flake size            Jun Q 2026    Mar Q 2026\n"
            "    +50 mesh              US$640/t      US$655/t\n"
            "    -100 mesh             US$410/t      US$425/t\n")
    document = parse_document("graphite.txt", text.encode(), date(2026, 7, 29))
    assert {(o.commodity, o.low) for o in extract_document(document)} == {("flake_graphite", 640),
                                                                          ("flake_graphite", 410)}


def test_a_price_deck_or_sensitivity_table_under_its_caption_is_no_price() -> None:
    text = ("Investor presentation | 5 May 2026\n\n"
            "Base case price deck (real 2026):\n"
            "  LME nickel              US$17,500/t (2027-28), US$18,500/t long term\n"
            "  MHP Ni payable          82%\n"
            "  Cobalt                  US$15.00/lb\n"
            "==========================================\n"
            "Sensitivities (Stage 2 NPV8)\n"
            "+/- US$1,000/t LME nickel          +/- US$295m\n"
            "==========================================\n"
            "First nickel sulphate sold at an average RMB 28,950/t in the quarter.\n")
    assert {o.low for o in extract_document(parse_document("deck.txt", text.encode(), None))} == {28950}


def test_a_miners_cost_measures_and_freight_are_no_prices() -> None:
    text = ("Graphite quarterly report\n\n"
            "Flake graphite concentrate sold at an average realised price of US$448/t CIF.\n"
            "Sea freight to China averaged US$48/t during the quarter.\n"
            "Meridian C1 US$6,850/t Ni in the quarter.\n")
    assert {o.low for o in extract_document(parse_document("q.txt", text.encode(), DAY))} == {448}


def observations_of(name: str, text: str, day: date) -> set[tuple]:
    return {(o.commodity, o.price_type, o.low) for o in read_and_extracted(name, text, day)}


def test_headings_spanning_the_columns_of_a_results_table() -> None:
    text = ("INTERIM RESULTS ANNOUNCEMENT\n\n"
            "Sales volume and average selling price of principal products\n\n"
            "                                        Six months ended        Six months ended\n"
            "                                          30 June 2026            30 June 2025\n"
            "                                     Sales     Average selling   Sales     Average selling\n"
            "                                     volume    price             volume    price\n"
            "                                     (tonnes)  (RMB/t)           (tonnes)  (RMB/t)\n"
            "Lithium hydroxide (battery grade)    38,420    62,350            31,960    86,720\n"
            "Lithium carbonate (battery grade)    21,180    61,470            19,440    88,150\n")
    assert observations_of("interim.txt", text, date(2026, 8, 27)) == {
        ("lithium_hydroxide", "transaction", 62350), ("lithium_carbonate", "transaction", 61470)}


def test_a_group_heading_over_half_year_columns_of_volumes_and_prices() -> None:
    text = ("INTERIM RESULTS ANNOUNCEMENT\n\n"
            "                                    Sales volume           Average selling price\n"
            "                                     (tonnes)               (RMB/tonne, excl. VAT)\n"
            "                                  1H2026     1H2025          1H2026      1H2025\n"
            "Lithium carbonate battery grade   18,420     15,100          61,850      92,400\n"
            "Lithium metal                        216        188         598,000     746,000\n")
    assert observations_of("interim.txt", text, date(2026, 8, 28)) == {
        ("lithium_carbonate", "transaction", 61850), ("lithium_metal", "transaction", 598000)}


def test_euro_prices_and_a_title_naming_only_its_metal() -> None:
    text = ("Nordhavn half-year report | 14 Aug 2026\n\n"
            "Cobalt sulphate (20.5% Co) was sold at an average of EUR 6,950/t, and nickel sulphate at €3,540/t.\n")
    assert rows_of("nordhavn.txt", text) == {("cobalt_sulphate", 6950, 6950, "EUR", "mt"),
                                             ("nickel_sulphate", 3540, 3540, "EUR", "mt")}
    text = ("Markets: LME Nickel 15,210 | LME Copper 10,642\n"
            "Kalahari Ridge lifts manganese output\n\n"
            "The company's average realised price for high-grade (44% Mn) lumpy ore was US$3.62/dmtu FOB in the "
            "quarter.\n")
    document = parse_document("mn.txt", text.encode(), DAY)
    document = document.__class__(**{**document.__dict__, "title": "Kalahari Ridge lifts manganese output"})
    assert {(o.commodity, o.low) for o in extract_document(document)} == {("manganese_ore", 3.62)}


def test_an_archive_of_weekly_reviews_in_one_file_dates_each_by_its_own_date_line() -> None:
    text = ("Asian Metal - Graphite weekly reviews (archive)\n"
            "Copied from the member area on 24 May 2026.\n\n"
            "=============================================\n\n"
            "Weekly Graphite Review: flake market stays quiet\n"
            "Friday, 08 May 2026 17:20 (Beijing time)\n\n"
            "Asian Metal assessed flake graphite -195 94-95%C at RMB3,450-3,600/t ex-works China.\n\n"
            "---------------------------------------------\n\n"
            "Weekly Graphite Review: winter shutdowns lift flake prices\n"
            "Friday, 15 May 2026 16:55 (Beijing time)\n\n"
            "Flake graphite -195 94-95%C rose to RMB3,550-3,700/t ex-works China.\n")
    document = parse_document("archive.txt", text.encode(), None)
    found = {(o.date.isoformat(), o.low) for o in extract_document(document)}
    assert found == {("2026-05-08", 3450), ("2026-05-15", 3550)}


def test_a_fixed_width_name_fused_with_its_first_figure() -> None:
    text = ("PRICE SNAPSHOT (assessed 20 May 2026)\n"
            "                                               Low       High     w/w\n"
            "Lithium carbonate, battery, CIF CJK ($/t)    9,900     10,350    +3.8%\n"
            "Lithium carbonate, battery, EXW China (RMB/t) 86,000   88,500    +4.1%\n"
            "Nickel sulphate, EXW China (RMB/t)          28,400     28,900     0.0%\n")
    assert rows_of("bmi.txt", text) == {("lithium_carbonate", 9900, 10350, "USD", "mt"),
                                        ("lithium_carbonate", 86000, 88500, "CNY", "mt"),
                                        ("nickel_sulphate", 28400, 28900, "CNY", "mt")}


def test_cobalt_priced_by_its_content_is_the_intermediates() -> None:
    text = ("Third quarter 2026 production report\n\n"
            "Cobalt sales of 1,140 tonnes, made from hydroxide inventory, at a realised cobalt price of "
            "US$15.46/lb contained.\n"
            "The realised cobalt price in MHP was US$10.24/lb, against US$6.85/lb a year earlier.\n")
    found = {(o.commodity, o.low) for o in extract_document(parse_document("q3.txt", text.encode(), DAY))}
    assert found == {("cobalt_intermediate", 15.46), ("nickel_intermediate", 10.24)}


def test_a_caption_giving_some_products_a_unit_of_their_own() -> None:
    text = ("锰系周评 2026-05-21\n\n"
            "表1 锰系产品价格汇总(单位:元/吨;锰矿为元/吨度)\n"
            "| 产品名称 | 规格 | 地区 | 5月21日 |\n"
            "| 电池级硫酸锰 | Mn≥32% | 出厂含税 | 6000-6300 |\n"
            "| 半碳酸锰块 | Mn36.5% | 天津港 | 33.5-34.0 |\n")
    assert rows_of("mn.txt", text) == {("manganese_sulphate", 6000, 6300, "CNY", "mt"),
                                       ("manganese_ore", 33.5, 34, "CNY", "dmtu")}


def test_a_heading_naming_a_bare_product_reads_it_in_the_section_metal() -> None:
    text = ("Argus Battery Materials\nLithium, cobalt, nickel and graphite prices and market commentary\n\n"
            "Issue 26-20 | Thursday 21 May 2026\n\n"
            "Lithium rally extends as ESS buyers chase Q3 cargoes\n\n"
            "Argus assessed battery-grade lithium carbonate at Yn83,500-86,000/t ddp China.\n\n"
            "Hydroxide lags carbonate\n\n"
            "Argus assessed battery-grade hydroxide at Yn75,000-77,500/t ddp China.\n")
    document = parse_document("argus.txt", text.encode(), None)
    assert {(o.commodity, o.low) for o in extract_document(document)} == {("lithium_carbonate", 83500),
                                                                         ("lithium_hydroxide", 75000)}


def test_a_unit_caption_repeated_over_the_next_review_s_table() -> None:
    text = ("Lithium Weekly Review - archive\n\n"
            "Lithium Weekly Review (May 15-21)\n2026-05-21 16:30 (GMT+8)\n"
            "Price table (EXW prices in RMB/t, VAT included)\n"
            "Product             Market       May 14             May 21             Change\n"
            "Lithium carbonate   EXW China    83,000-84,500      87,000-88,500      +4,000\n"
            "Lithium hydroxide   EXW China    74,000-76,000      77,500-79,500      +3,500\n\n"
            "Lithium Weekly Review (May 8-14)\n2026-05-14 16:10 (GMT+8)\n"
            "Price table (EXW prices in RMB/t, VAT included)\n"
            "Product             Market       May 7              May 14             Change\n"
            "Lithium carbonate   EXW China    79,000-80,500      83,000-84,500      +4,000\n"
            "Lithium hydroxide   EXW China    71,000-73,000      74,000-76,000      +3,000\n")
    document = parse_document("am.txt", text.encode(), None)
    found = {(o.date.isoformat(), o.low) for o in extract_document(document)}
    assert found == {("2026-05-21", 87000), ("2026-05-21", 77500), ("2026-05-14", 83000), ("2026-05-14", 74000)}


CURRENCIES_AND_COSTS = [
    pytest.param("Quarterly report\n\nRealised price of C$22.10/lb for finished cobalt in the quarter.\n",
                 {("refined_cobalt", 22.1, "CAD")}, id="canadian-dollars"),
    pytest.param("Quarterly report\n\nAverage realised spodumene price of US$745/dmt (A$1,110/dmt) FOB.\n",
                 {("spodumene", 745, "USD")}, id="a-bracketed-conversion-after-a-level"),
    pytest.param("Quarterly report\n\nSpodumene sold at A$1,060/dmt.\nUnit operating cost (FOB): A$650-710/dmt\n",
                 {("spodumene", 1060, "AUD")}, id="australian-dollars-and-a-labelled-cost"),
    pytest.param("Trader's indications\n\nCobalt hydroxide offers -> 96.5% of FM std grade cobalt low, CIF Shanghai\n"
                 "Bids: cobalt hydroxide, Chinese refiner: 94% FM low\n",
                 {("cobalt_intermediate", 96.5, None), ("cobalt_intermediate", 94, None)}, id="trader-shorthand"),
]


@pytest.mark.parametrize(("text", "expected"), CURRENCIES_AND_COSTS)
def test_currencies_conversions_and_costs(text: str, expected: set) -> None:
    document = parse_document("q.txt", text.encode(), DAY)
    assert {(o.commodity, o.low, o.currency) for o in extract_document(document)} == expected
