"""Rules of the tenth round of issue #12, as examples written for these tests (none is batch or corpus text).

Taken from the ninth round's batches after their first contact was recorded (BD-BG): an archive of two weekly
issues, each with sections of its own under a byline; the tiers of graphite anodes as series of their own.
"""
from __future__ import annotations

from datetime import date

from expected import read_and_extracted

from tracker.series import normalise_spec


def test_the_sections_of_an_archived_issue_keep_the_issue_date() -> None:
    text = ("Cobalt weekly - two issues\n\n"
            "[Cobalt Weekly] Sulphate firms as hydroxide stays tight\n"
            "Source: SMM | Published: Oct 16, 2026 17:30\n"
            "Cobalt salts: cobalt sulphate stood at 60,000-62,000 yuan/mt.\n\n"
            "[Cobalt Weekly] Oct 19-23: Salts grind higher\n"
            "Source: SMM | Published: Oct 23, 2026 17:10\n"
            "Cobalt salts\n"
            "Cobalt sulphate rose to 62,000-63,500 yuan/mt.\n"
            "Tetroxide\n"
            "Cobalt tetroxide was 214,000-220,000 yuan/mt.\n")
    found = {(o.date, o.commodity, o.low) for o in read_and_extracted("weekly.txt", text, date(2026, 10, 26))}
    assert found == {(date(2026, 10, 16), "cobalt_sulphate", 60000), (date(2026, 10, 23), "cobalt_sulphate", 62000),
                     (date(2026, 10, 23), "cobalt_tetroxide", 214000)}


def test_a_short_related_news_headline_still_starts_an_item_of_its_own() -> None:
    text = ("Lithium daily\n\nLithium carbonate was 70,000-72,000 yuan/mt.\n\n"
            "Related News\n"
            "Carbonate holds steady\n"
            "Oct 21, 2026\n"
            "Tetroxide climbs on costs\n"
            "Oct 20, 2026\n")
    found = {(o.date, o.commodity, o.low) for o in read_and_extracted("daily.txt", text, date(2026, 10, 22))}
    assert found == {(date(2026, 10, 22), "lithium_carbonate", 70000)}


def test_graphite_anode_tiers_are_series_of_their_own() -> None:
    text = ("Graphite Price Assessment\n\n"
            "| Product | Basis | Low | High |\n"
            "| Natural graphite anode, mid-range | EXW China, RMB/t | 28,000 | 36,000 |\n"
            "| Synthetic graphite anode, high-end | EXW China, RMB/t | 45,000 | 60,000 |\n"
            "| Synthetic graphite anode, mid-range | EXW China, RMB/t | 30,000 | 40,000 |\n")
    specs = {normalise_spec(o.grade) for o in read_and_extracted("graphite.txt", text, date(2026, 10, 22))}
    assert len(specs) == 3
    assert normalise_spec("人造, 高端") == normalise_spec("artificial, high end")


def test_a_range_broken_after_its_hyphen_is_one_range() -> None:
    text = ("Cobalt outlook\n\n"
            "Hydroxide payables have held since the rise in September.\n"
            "Refiners in China were heard bidding for hydroxide at 88-\n"
            "89% of the standard-grade price this week, while a trader in Hong Kong\n"
            "said sellers would not take less than 91% for March cargoes at all.\n")
    found = {(o.commodity, o.low, o.high) for o in read_and_extracted("outlook.txt", text, date(2026, 10, 22))}
    assert ("cobalt_intermediate", 88, 89) in found


def test_a_fixed_width_header_and_cells_wrapped_under_their_columns() -> None:
    text = ("Table 3: price assessments, 22 October 2026\n\n"
            "Product                        Basis              Unit       Low      High     Change\n"
            "                                                                               w/w\n"
            "Cobalt metal, standard grade   In-whs Rotterdam   US$/lb     21.10    21.80    -0.35\n"
            "Cobalt hydroxide               CIF China          % of std   86.0     88.0     0.0\n"
            "(min 30% Co)                                      grade\n"
            "Cobalt sulphate (20.5% Co)     EXW China          RMB/t      64,000   66,500   +1,000\n")
    found = {(o.commodity, o.low, o.high) for o in read_and_extracted("table.txt", text, date(2026, 10, 22))}
    assert found == {("refined_cobalt", 21.1, 21.8), ("cobalt_intermediate", 86, 88), ("cobalt_sulphate", 64000, 66500)}


def test_a_metal_payable_in_a_paragraph_about_black_mass_is_the_black_mass_s() -> None:
    text = ("Battery materials weekly\n\n"
            "In Europe, payables for NCM black mass firmed on cobalt strength. The assessment puts nickel payables "
            "at 70-73% and cobalt payables at 75-78%.\n")
    found = [o for o in read_and_extracted("weekly.txt", text, date(2026, 10, 22))]
    assert {(o.commodity, o.low) for o in found} == {("black_mass", 70), ("black_mass", 75)}
    assert len({normalise_spec(o.grade) for o in found}) == 2  # two prices: the nickel and the cobalt payable


def test_chinese_nickel_briquettes_premiums_and_a_percent_column() -> None:
    text = ("【百川】硫酸镍日评\n\n"
            "镍豆方面，今日镍豆现货报价在121,900-122,600元/吨。"
            "按22%镍含量计，电池级硫酸镍折合镍金属价格较镍豆溢价约1,500元/吨。\n\n"
            "产品        规格              价格区间(元/吨)       均价\n"
            "硫酸镍      电池级            26800-27500           27150\n"
            "MHP         Ni计价系数(%)     82-83                 82.5\n")
    found = {(o.commodity, o.low, o.unit) for o in read_and_extracted("zh.txt", text, date(2026, 10, 22))}
    assert ("refined_nickel", 121900, "mt") in found
    assert ("nickel_intermediate", 82, "%") in found
    assert not any(low == 1500 for _, low, _ in found)


def test_a_sentence_calling_a_product_feedstock_does_not_take_the_prices_after_it() -> None:
    text = ("Cobalt weekly\n\n"
            "Cobalt sulphate rose to 61,000-63,000 yuan/mt this week. Few expect new hydroxide cargoes to reach "
            "China before March, so feedstock stocks at salt makers kept shrinking. Mainstream producers held "
            "their offers at 63,500-64,000 yuan/mt.\n")
    found = {(o.commodity, o.low) for o in read_and_extracted("weekly.txt", text, date(2026, 10, 22))}
    assert found == {("cobalt_sulphate", 61000), ("cobalt_sulphate", 63500)}


def test_a_trader_s_run_in_wan_shorthand() -> None:
    text = ("Subject: run 11/02\n\n"
            "COBALT\n"
            "CoSO4 20.5% EXW Jiangsu    offers 8.3w / best bid 8.15w\n")
    found = {(o.price_type, o.low, o.currency, o.unit) for o in read_and_extracted("run.txt", text, date(2026, 2, 11))}
    assert found == {("offer", 83000, "CNY", "mt"), ("bid", 81500, "CNY", "mt")}


def test_a_fixed_width_header_over_rows_whose_wrapped_names_were_joined() -> None:
    text = ("Battery materials prices                                         12 Feb\n"
            "                                              Low        High         ±\n"
            "Electrolytic manganese metal\n"
            "99.7% ex-works China              Yn/t     12,300      12,600      -100\n"
            "Flake graphite 94-95% C -100 mesh fob\n"
            "China                             $/t         410         460        nc\n")
    found = {(o.commodity, o.low, o.high) for o in read_and_extracted("box.txt", text, date(2026, 2, 12))}
    assert found == {("electrolytic_manganese_metal", 12300, 12600), ("flake_graphite", 410, 460)}


def test_a_heading_over_a_list_gives_its_prices_their_type() -> None:
    text = ("Subject: weekly offer\n\n"
            "SALES OFFERS\n\n"
            "1) Cobalt sulphate, battery grade\n"
            "   Domestic: 82,000 yuan/mt\n\n"
            "PURCHASING\n\n"
            "- Cobalt hydroxide: payables of 86-87% of the standard grade cobalt low price\n\n"
            "Market outlook\n\n"
            "Cobalt sulphate was assessed at 81,000-83,000 yuan/mt by agencies.\n")
    found = {(o.commodity, o.low, o.price_type) for o in read_and_extracted("mail.txt", text, date(2026, 2, 11))}
    assert found == {("cobalt_sulphate", 82000, "offer"), ("cobalt_intermediate", 86, "bid"),
                     ("cobalt_sulphate", 81000, "assessment")}


def test_a_numbered_item_naming_a_product_is_the_subject_of_the_lines_under_it() -> None:
    text = ("Subject: weekly offer\n\n"
            "Contents\n"
            "1. Prices ........ 1\n"
            "2. Cobalt tetroxide ........ 2\n\n"
            "1) Cobalt sulphate heptahydrate, battery grade, Co >=20.5%\n"
            "   Domestic: 82,000 yuan/mt\n\n"
            "2) Cobalt chloride hexahydrate, Co >=24.2%\n"
            "   Domestic: 88,500-89,500 yuan/mt\n")
    found = {(o.commodity, o.low) for o in read_and_extracted("mail.txt", text, date(2026, 2, 11))}
    assert found == {("cobalt_sulphate", 82000), ("cobalt_chloride", 88500)}


def test_feed_bought_is_priced_and_a_row_in_percent_of_a_reference() -> None:
    text = ("Results release\n\n"
            "Limonite ore feed (average 1.2% Ni) was purchased from third-party mines at an average US$24.10/wmt "
            "in the quarter.\n\n"
            "Average selling prices (US$/t)      3Q25\n"
            "| MHP, per t Ni contained | 12,400 |\n"
            "| MHP payable (% of LME cash) | 82.5 |\n")
    found = {(o.commodity, o.low, o.unit) for o in read_and_extracted("release.txt", text, date(2026, 10, 30))}
    assert ("nickel_ore", 24.1, "mt") in found
    assert ("nickel_intermediate", 82.5, "%") in found


def test_a_drawn_table_under_its_unit_caption_and_a_wrapped_chinese_paragraph() -> None:
    text = ("关于2026年第一季度主要经营数据的公告\n\n"
            "                                        单位：元/吨\n"
            "┌──────────┬──────────────┬──────────────┐\n"
            "│  主要产品  │2026年1-3月平均售价│2025年1-3月平均售价│\n"
            "├──────────┼──────────────┼──────────────┤\n"
            "│   硫酸钴   │      58,915.04     │      38,736.40     │\n"
            "└──────────┴──────────────┴──────────────┘\n\n"
            "    2026年第一季度，钴原料供应持续偏紧，钴盐价格同比大幅上涨。据统计，一季度国\n"
            "内电解钴（Co≥99.8%）现货均价为27.31万元/吨，电池级硫酸钴现货均价为\n"
            "6.52万元/吨。钴价进一步上涨，截至2026年4月28日，电解钴报价为37.5-38.0万元/吨。\n")
    found = {(o.commodity, o.low) for o in read_and_extracted("zh.txt", text, date(2026, 4, 29))}
    assert {("cobalt_sulphate", 58915.04), ("cobalt_sulphate", 65200)} <= found


def test_fine_and_coarse_flake_in_a_graphite_report() -> None:
    text = ("Quarterly report: graphite anode material qualification continues\n\n"
            "Fine flake (-100 mesh) sold at an average of US$398/t CIF and coarse flake (+100 mesh) at "
            "US$590/t CIF.\n")
    found = {(o.commodity, o.low) for o in read_and_extracted("graphite-quarterly.txt", text, date(2026, 1, 29))}
    assert found == {("flake_graphite", 398), ("flake_graphite", 590)}


def test_a_table_header_row_in_an_archive_keeps_the_issue_date() -> None:
    text = ("COBALT WEEKLY: Hydroxide payables climb\n"
            "Published: 7 November 2026, 17:02 GMT\n"
            "Fastmarkets assessed cobalt standard grade at $21.20-21.80 per lb.\n"
            "Related content\n"
            "- Cobalt hydroxide payables rise on quota talk (31 October 2026)\n"
            "Share | Print | Save to reading list\n"
            "COBALT WEEKLY: Metal premiums firm as sulphate tracks hydroxide\n"
            "Published: 14 November 2026, 16:51 GMT\n"
            "Cobalt prices, week to November 14\n"
            "| Product | Unit | Low | High | Week chg |\n"
            "| Cobalt standard grade, in-whs Rotterdam | $/lb | 21.50 | 22.00 | +0.25 |\n")
    found = {(o.date, o.low) for o in read_and_extracted("fm.txt", text, date(2026, 11, 7))}
    assert found == {(date(2026, 11, 7), 21.2), (date(2026, 11, 14), 21.5)}


def test_a_product_a_price_converts_into_is_no_subject_of_the_next_sentence() -> None:
    text = ("【钴周评】钴盐价格稳中偏强\n\n"
            "硫酸钴：SMM电池级硫酸钴价格报8.25-8.45万元/吨，折合金属钴价格约40.6万元/吨。冶炼厂报价集中在8.4-8.5万元/吨，"
            "前驱体厂可接受价格为8.2-8.3万元/吨。\n")
    found = {(o.commodity, o.low) for o in read_and_extracted("zh.txt", text, date(2026, 1, 9))}
    assert {("cobalt_sulphate", 84000), ("cobalt_sulphate", 82000)} <= found


def test_a_price_alert_whose_descriptions_wrap_under_their_own_column() -> None:
    text = ("PRICE ALERT  |  Tuesday February 10 2026\n\n"
            "Code         Description                                               Price            Previous\n"
            "MB-CO-0005   Cobalt standard grade, in-whs Rotterdam, $/lb             21.80-22.50      21.60-22.40\n"
            "MB-CO-0021   Cobalt hydroxide payable indicator, min 30% Co, cif China,\n"
            "             % payable of standard grade cobalt price\n"
            "             (low-end)                                                 82-83.5          82-83.5\n"
            "MB-CO-0022   Cobalt sulfate 20.5% Co basis, exw China, yuan/tonne      80,500-83,000    79,500-82,500\n")
    found = {(o.commodity, o.low, o.high) for o in read_and_extracted("alert.txt", text, date(2026, 2, 10))}
    assert found == {("refined_cobalt", 21.8, 22.5), ("cobalt_intermediate", 82, 83.5),
                     ("cobalt_sulphate", 80500, 83000)}


def test_a_trader_s_chat_opening_its_list_of_quotes() -> None:
    text = ("钴锂现货交流群\n\n"
            "————— 2026年3月3日 上午8:41 —————\n\n"
            "老周-钴镍贸易：\n"
            "早上好各位老板 今日报价如下，欢迎询价\n"
            "【钴】\n"
            "1、硫酸钴（电池级 20.5%）：出厂报8.25-8.30万元/吨，下游询单在8.0-8.1万元/吨\n"
            "————— 上午8:52 —————\n"
            "李工-正极材料：\n"
            "据SMM，硫酸钴报8.1-8.3万元/吨\n")
    found = {(o.low, o.price_type) for o in read_and_extracted("chat.txt", text, date(2026, 3, 3))}
    assert found == {(82500, "offer"), (80000, "bid"), (81000, "assessment")}


def test_capitalised_group_headings_inside_a_fixed_width_table() -> None:
    text = ("Figure 1: Weekly price monitor\n\n"
            "Product / specification                      Source       Unit       20-Nov-26          13-Nov-26\n"
            "LITHIUM\n"
            "Li carbonate, battery grade, EXW China       SMM          RMB/t      76,200-77,600      72,450-73,800\n"
            "Li carbonate, technical grade, EXW China     SMM          RMB/t      74,100-75,300      70,400-71,700\n"
            "COBALT\n"
            "Cobalt sulphate, 20.5% Co, EXW China         SMM          RMB/t      78,500-80,500      77,000-79,500\n"
            "GRAPHITE\n"
            "Flake graphite -100 mesh 94-95% C, FOB China Benchmark    US$/t      410-440            410-440\n")
    found = {(o.commodity, o.low) for o in read_and_extracted("monitor.txt", text, date(2026, 11, 20))}
    assert found == {("lithium_carbonate", 76200), ("lithium_carbonate", 74100), ("cobalt_sulphate", 78500),
                     ("flake_graphite", 410)}


def test_export_prices_are_the_product_s_and_a_percent_co_unit_cell() -> None:
    text = ("Argus battery materials\n\n"
            "Chinese flake graphite export prices were stable at $430-480/t fob China for 94-95% C -100 mesh.\n\n"
            "| Product | Unit | Low | High |\n"
            "| Cobalt hydroxide 30% min cif China payable | % Co | 81.5 | 83.5 |\n")
    found = {(o.commodity, o.low, o.unit) for o in read_and_extracted("argus.txt", text, date(2026, 2, 12))}
    assert found == {("flake_graphite", 430, "mt"), ("cobalt_intermediate", 81.5, "%")}


def test_a_market_s_mainstream_ex_works_price_is_an_assessment() -> None:
    text = ("硫酸锰周评\n\n"
            "本周国内电池级硫酸锰主流出厂价格在5,500-5,800元/吨，环比下跌1.02%；某企业出厂价上调至5,900元/吨。\n")
    found = {(o.low, o.price_type) for o in read_and_extracted("zh.txt", text, date(2026, 3, 3))}
    assert found == {(5500, "assessment"), (5900, "offer")}


def test_an_agency_s_quote_credited_before_a_comma_is_its_assessment() -> None:
    text = ("钴日评\n\n"
            "海外方面，据Fastmarkets，标准级钴报价为14.50-16.00美元/磅。冶炼厂，报价为4.6万元/吨。\n")
    found = {(o.low, o.price_type) for o in read_and_extracted("zh.txt", text, date(2025, 3, 14))}
    assert found == {(14.5, "assessment"), (46000, "offer")}


def test_a_level_opening_its_clause_with_realised_after_it_is_a_deal() -> None:
    text = ("SMM nickel weekly\n\n"
            "Q3 highlights\n"
            "84.5% average MHP nickel payable realised (Q2: 82.0%)\n")
    found = {(o.low, o.price_type) for o in read_and_extracted("smm-weekly.txt", text, date(2026, 11, 12))}
    assert found == {(84.5, "transaction")}


def test_ncm_precursor_is_named_as_labellers_name_it() -> None:
    text = "三元前驱体周评\n\n本周三元前驱体（523型）均价为7.87万元/吨。\n"
    assert {o.commodity for o in read_and_extracted("zh.txt", text, date(2026, 3, 3))} == {"ncm_precursor"}
