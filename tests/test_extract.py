"""Extraction examples: text in, the price observations a careful analyst records out.

The examples are data (price-parser style): named lists of (text, expected), real formats first, then
negatives. Expected values follow the labelling rules in shared/corpus/LABELS.md, not the current output.
Known failures stay in the lists as strict xfails, so they turn into errors the day they are fixed.
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.documents import normalise_text
from tracker.extract import extract_text

DAY = date(2025, 12, 18)


def price(commodity: str, price_type: str, low: float, high: float | None = None, currency: str | None = "CNY",
          unit: str = "mt") -> tuple:
    """One expected observation: (commodity, price_type, low, high, currency, unit)."""
    return (commodity, price_type, float(low), float(low if high is None else high), currency, unit)


def found(text: str, title: str = "") -> list[tuple]:
    """What extraction reports, in the comparison shape of `price` (numbers rounded like the scorer)."""
    return [(o.commodity, o.price_type, round(o.low, 6), round(o.high, 6), o.currency, o.unit)
            for o in extract_text(text, DAY, title)]


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


CS, RC, CI = "cobalt_sulphate", "refined_cobalt", "cobalt_intermediate"
LC, SP, NS = "lithium_carbonate", "spodumene", "nickel_sulphate"

# --------------------------------------------------------------------------------------------------
# Numbers: thousands separators or none, decimals, full-width digits and commas.
NUMBERS = [
    pytest.param("Cobalt sulphate prices stood at 96,000 yuan/mt this week.",
                 [price(CS, "assessment", 96000)], id="thousands-separators"),
    pytest.param("The SHFE refined nickel contract opened at 131060 yuan/mt.",
                 [price("refined_nickel", "transaction", 131060)], id="no-separators-131060"),
    pytest.param("Refined cobalt was assessed at 415,000 yuan/mt.",
                 [price(RC, "assessment", 415000)], id="six-digits"),
    pytest.param("Lithium carbonate averaged 75,600.5 yuan/t.",
                 [price(LC, "assessment", 75600.5)], id="decimal-with-separators"),
    pytest.param("Cobalt metal prices were $16.35/lb.", [price(RC, "assessment", 16.35, currency="USD", unit="lb")],
                 id="decimal-dollars"),
    pytest.param("碳酸锂价格报７５，６００元/吨。", [price(LC, "assessment", 75600)], id="full-width-digits-and-comma"),
    pytest.param("电池级碳酸锂报８．４２～８．６０万元／吨。", [price(LC, "assessment", 84200, 86000)],
                 id="full-width-range-wan-slash"),
    pytest.param("电镀级硫酸镍均价３３，８００元/吨。", [price(NS, "assessment", 33800)], id="full-width-average"),
]

# Ranges: every separator, currency on one or both ends, "between X and Y", 至.
RANGES = [
    pytest.param("Cobalt intermediate prices stabilised in the range of $25.5-$26.0/lb.",
                 [price(CI, "assessment", 25.5, 26.0, "USD", "lb")], id="hyphen-currency-both-ends"),
    pytest.param("Cobalt intermediate prices held steady in a range of $25.5–26.0/lb this week.",
                 [price(CI, "assessment", 25.5, 26.0, "USD", "lb")], id="en-dash"),
    pytest.param("Cobalt intermediate prices held at $25.5—26.0/lb.",
                 [price(CI, "assessment", 25.5, 26.0, "USD", "lb")], id="em-dash"),
    pytest.param("Cobalt intermediate prices held at $25.5~26.0/lb.",
                 [price(CI, "assessment", 25.5, 26.0, "USD", "lb")], id="tilde"),
    pytest.param("Cobalt hydroxide was assessed at 24.5–33.0 $/lb.",
                 [price(CI, "assessment", 24.5, 33.0, "USD", "lb")], id="currency-after-range"),
    pytest.param("Cobalt metal traded at $17-17.30 per lb.",
                 [price(RC, "transaction", 17, 17.3, "USD", "lb")], id="per-lb-uneven-decimals"),
    pytest.param("Refined cobalt sold at 575,000-600,000 yuan per tonne.",
                 [price(RC, "transaction", 575000, 600000)], id="yuan-per-tonne"),
    pytest.param("Refined cobalt transaction prices clustered at 415,000–420,000 yuan/mt.",
                 [price(RC, "transaction", 415000, 420000)], id="en-dash-yuan"),
    pytest.param("Lithium carbonate prices were 75,000 to 76,000 yuan/t.",
                 [price(LC, "assessment", 75000, 76000)], id="to"),
    pytest.param("Lithium carbonate prices were between 75,000 and 76,000 yuan/t.",
                 [price(LC, "assessment", 75000, 76000)], id="between-and"),
    pytest.param("碳酸锂价格为75000至76000元/吨。", [price(LC, "assessment", 75000, 76000)], id="zhi"),
    pytest.param("钴中间品价格为25.5-26.0美元/磅。", [price(CI, "assessment", 25.5, 26.0, "USD", "lb")],
                 id="meiyuan-per-bang"),
    pytest.param("Lithium carbonate was assessed at Yn78,800-80,400/t ex-works.",
                 [price(LC, "assessment", 78800, 80400)], id="yn-range"),
    pytest.param("Lithium carbonate prices ranged from 75,000 to 76,000 yuan/t.",
                 [price(LC, "assessment", 75000, 76000)], id="ranged-from-to"),
    pytest.param("Lithium carbonate prices rose from 75,000 to 76,000 yuan/t.",
                 [price(LC, "assessment", 76000)], id="rose-from-to-keeps-the-new-level"),
    pytest.param("碳酸锂价格为7.5万元/吨至7.6万元/吨。", [price(LC, "assessment", 75000, 76000)],
                 id="unit-on-both-ends-zh")
]

# Currencies and per-units.
CURRENCIES_AND_UNITS = [
    pytest.param("Lithium carbonate was at RMB 75,000/t.", [price(LC, "assessment", 75000)], id="RMB-prefix"),
    pytest.param("Lithium carbonate was at CNY 75,000/mt.", [price(LC, "assessment", 75000)], id="CNY-prefix"),
    pytest.param("Lithium carbonate deals were heard at Yn79,600/t.", [price(LC, "transaction", 79600)],
                 id="Yn-prefix"),
    pytest.param("Lithium carbonate was at ¥75,000/t.", [price(LC, "assessment", 75000)], id="yen-sign"),
    pytest.param("碳酸锂价格为75000元/吨。", [price(LC, "assessment", 75000)], id="yuan-zh"),
    pytest.param("Lithium carbonate was at US$9.5/kg.", [price(LC, "assessment", 9.5, currency="USD", unit="kg")],
                 id="US$"),
    pytest.param("Lithium carbonate was at USD 9.5/kg.", [price(LC, "assessment", 9.5, currency="USD", unit="kg")],
                 id="USD-prefix"),
    pytest.param("Lithium carbonate was at 9.5 USD/kg.", [price(LC, "assessment", 9.5, currency="USD", unit="kg")],
                 id="USD-suffix"),
    pytest.param("碳酸锂进口价格为9500美元/吨。", [price(LC, "assessment", 9500, currency="USD")], id="meiyuan"),
    pytest.param("Spodumene was $900 per ton.", [price(SP, "assessment", 900, currency="USD")], id="per-ton"),
    pytest.param("Spodumene was $900/tonne.", [price(SP, "assessment", 900, currency="USD")], id="slash-tonne"),
    pytest.param("Spodumene was $900 per tonne.", [price(SP, "assessment", 900, currency="USD")], id="per-tonne"),
    pytest.param("Cobalt metal was $16 per lb.", [price(RC, "assessment", 16, currency="USD", unit="lb")],
                 id="per-lb"),
    pytest.param("Lithium carbonate was $9.5 per kg.", [price(LC, "assessment", 9.5, currency="USD", unit="kg")],
                 id="per-kg"),
    pytest.param("Lithium hydroxide prices were 80,000 yuan per ton.",
                 [price("lithium_hydroxide", "assessment", 80000)], id="yuan-per-ton"),
    pytest.param("电解钴价格为17美元/磅。", [price(RC, "assessment", 17, currency="USD", unit="lb")], id="bang"),
    pytest.param("碳酸锂9.6-9.8万元/吨", [price(LC, "assessment", 96000, 98000)], id="wan-yuan-range"),
    pytest.param("硫酸钴价格报9.2万元/吨。", [price(CS, "assessment", 92000)], id="wan-yuan-single"),
    pytest.param("硫酸钴价格报9.6-9.8万元/吨，电解钴价格报41.5-42万元/吨。",
                 [price(CS, "assessment", 96000, 98000), price(RC, "assessment", 415000, 420000)],
                 id="two-wan-ranges"),
]

# Payables: a percentage of a reference price, unit "%" and no currency.
PAYABLES = [
    pytest.param("Cobalt hydroxide payables were assessed at 70-71.5% this week.",
                 [price(CI, "assessment", 70, 71.5, None, "%")], id="payable-range"),
    pytest.param("Cobalt hydroxide payables rose 2% this week to 70%.",
                 [price(CI, "assessment", 70, 70, None, "%")], id="payable-after-change"),
    pytest.param("Cobalt hydroxide prices rose 5% this week; cobalt hydroxide payables were 70%.",
                 [price(CI, "assessment", 70, 70, None, "%")], id="payable-after-price-change"),
    pytest.param("Cobalt hydroxide payables were 70% of the Fastmarkets standard-grade cobalt price.",
                 [price(CI, "assessment", 70, 70, None, "%")], id="payable-of-the-reference"),
    pytest.param("Payables for cobalt hydroxide were 70%, while the cobalt content was 30%.",
                 [price(CI, "assessment", 70, 70, None, "%")], id="payable-beside-content")
]

SINGLE_VALUES = [
    pytest.param("Some companies' purchase intention prices for high-nickel cobalt sulphate rebounded to "
                 "92,000 yuan/mt.", [price(CS, "bid", 92000)], id="rebounded-to"),
    pytest.param("Cobalt sulphate prices rebounded to 92,000 yuan/mt.", [price(CS, "assessment", 92000)],
                 id="rebounded-to-plain"),
    pytest.param("Lithium carbonate rose by Yn1,000/t to Yn80,000/t.", [price(LC, "assessment", 80000)],
                 id="rose-by-to"),
    pytest.param("Refined cobalt prices fell 5,000 yuan/mt to 415,000 yuan/mt.",
                 [price(RC, "assessment", 415000)], id="fell-to"),
    pytest.param("硫酸钴价格较上周下跌1000元/吨至9.2万元/吨。", [price(CS, "assessment", 92000)],
                 id="zh-fell-to"),
    pytest.param("Cobalt metal fell by $0.5/lb to $16/lb.",
                 [price(RC, "assessment", 16, currency="USD", unit="lb")], id="fell-by-to"),
]

# Commodity: nearest mention before the price in the sentence, else earlier in the paragraph, else the title.
COMMODITIES = [
    pytest.param("Lithium carbonate was steady at 75,000 yuan/t, while spodumene rose to $900/t.",
                 [price(LC, "assessment", 75000), price(SP, "assessment", 900, currency="USD")],
                 id="nearest-before-in-sentence"),
    pytest.param("Refined cobalt was steady. Cobalt sulphate offers rose. Smelters quoted 96,000 yuan/mt.",
                 [price(CS, "offer", 96000)], id="earlier-in-paragraph"),
    pytest.param("Refined cobalt was flat.\nCobalt sulphate rose. Smelters quoted 96,000 yuan/mt.",
                 [price(CS, "offer", 96000)], id="paragraph-beats-earlier-paragraph"),
    pytest.param("[SMM Weekly Review] Cobalt sulphate prices edge up\nSmelters quoted 96,000 yuan/mt.",
                 [price(CS, "offer", 96000)], id="headline-in-text"),
    pytest.param("硫酸钴价格报9.2万元/吨。", [price(CS, "assessment", 92000)], id="zh-硫酸钴"),
    pytest.param("电解钴成交价41.5万元/吨。", [price(RC, "transaction", 415000)], id="zh-电解钴"),
    pytest.param("碳酸锂均价7.56万元/吨。", [price(LC, "assessment", 75600)], id="zh-碳酸锂"),
    pytest.param("锂辉石精矿价格为900美元/吨。", [price(SP, "assessment", 900, currency="USD")], id="zh-锂辉石"),
    pytest.param("硫酸镍价格2.8万元/吨。", [price(NS, "assessment", 28000)], id="zh-硫酸镍"),
    pytest.param("氢氧化钴价格为25.5美元/磅。", [price(CI, "assessment", 25.5, currency="USD", unit="lb")],
                 id="zh-氢氧化钴"),
    pytest.param("印尼MHP FOB价格14500-14650美元/吨。",
                 [price("nickel_intermediate", "assessment", 14500, 14650, "USD")], id="zh-MHP"),
    pytest.param("SC6 prices were $1,200/mt.", [price(SP, "assessment", 1200, currency="USD")], id="SC6-alias"),
    pytest.param("Prices were $1,200/mt for SC6 CIF China.", [price(SP, "assessment", 1200, currency="USD")],
                 id="commodity-after-for"),
    pytest.param("Cobalt sulphate offers were 96,000 yuan/mt, while refined cobalt traded at 415,000 yuan/mt.",
                 [price(CS, "offer", 96000), price(RC, "transaction", 415000)], id="two-commodities"),
]

TITLED = [  # (text, title, expected): the title is the last resort for the commodity
    pytest.param("Smelters quoted 96,000 yuan/mt.", "[SMM Weekly Review] Cobalt sulphate prices edge up",
                 [price(CS, "offer", 96000)], id="title-topic"),
    pytest.param("Smelters quoted 96,000 yuan/mt.", "【SMM硫酸钴周评】价格上涨", [price(CS, "offer", 96000)],
                 id="title-topic-zh"),
    pytest.param("Refined cobalt was flat.\nCobalt sulphate rose. Smelters quoted 96,000 yuan/mt.",
                 "Refined cobalt weekly", [price(CS, "offer", 96000)], id="paragraph-beats-title"),
    pytest.param("Smelters quoted 96,000 yuan/mt.", "", [], id="no-commodity-anywhere"),
]

# Price types: offer, bid, transaction, assessment (the default).
PRICE_TYPES = [
    pytest.param("Smelters lifted their target prices for cobalt sulphate to 96,000-98,000 yuan/mt.",
                 [price(CS, "offer", 96000, 98000)], id="offer-target-prices"),
    pytest.param("Smelters' asking prices for cobalt sulphate were 96,000 yuan/mt.",
                 [price(CS, "offer", 96000)], id="offer-asking"),
    pytest.param("Cobalt sulphate quotes were 96,000 yuan/mt.", [price(CS, "offer", 96000)], id="offer-quotes"),
    pytest.param("Offers for cobalt sulphate were 96,000 yuan/mt.", [price(CS, "offer", 96000)], id="offer-offers"),
    pytest.param("硫酸镍盐厂报价为2.9万元/吨。", [price(NS, "offer", 29000)], id="offer-报价"),
    pytest.param("Purchase intention prices for low-nickel cobalt sulphate were reported in the range of "
                 "95,000-96,000 yuan/mt.", [price(CS, "bid", 95000, 96000)], id="bid-purchase-intention"),
    pytest.param("Bids for cobalt sulphate were at 92,000 yuan/mt.", [price(CS, "bid", 92000)], id="bid-bids"),
    pytest.param("Cobalt sulphate buyers' acceptable prices were 92,000 yuan/mt.", [price(CS, "bid", 92000)],
                 id="bid-acceptable"),
    pytest.param("硫酸镍采购意向价格为2.8万元/吨。", [price(NS, "bid", 28000)], id="bid-采购意向"),
    pytest.param("Smelters' target prices for cobalt sulphate were 96,000 yuan/mt, while buyers bid 92,000 yuan/mt.",
                 [price(CS, "offer", 96000), price(CS, "bid", 92000)], id="offer-and-bid"),
    pytest.param("Mainstream transaction prices for refined cobalt clustered at 415,000–420,000 yuan/mt.",
                 [price(RC, "transaction", 415000, 420000)], id="transaction-prices"),
    pytest.param("Deals for cobalt sulphate were concluded at 92,000 yuan/mt.", [price(CS, "transaction", 92000)],
                 id="transaction-deals"),
    pytest.param("Cobalt sulphate traded at 92,000 yuan/mt.", [price(CS, "transaction", 92000)],
                 id="transaction-traded"),
    pytest.param("Cobalt sulphate was sold at 92,000 yuan/mt.", [price(CS, "transaction", 92000)],
                 id="transaction-sold-at"),
    pytest.param("硫酸镍成交价格为2.85万元/吨。", [price(NS, "transaction", 28500)], id="transaction-成交"),
    pytest.param("The SMM cobalt sulphate index was 92,000 yuan/mt.", [price(CS, "assessment", 92000)],
                 id="assessment-index"),
    pytest.param("Cobalt sulphate averaged 92,000 yuan/mt.", [price(CS, "assessment", 92000)],
                 id="assessment-average"),
    pytest.param("Cobalt intermediate prices stabilised in the range of $25.5-$26.0/lb.",
                 [price(CI, "assessment", 25.5, 26.0, "USD", "lb")], id="assessment-range"),
    pytest.param("电镀级硫酸镍均价33900元/吨。", [price(NS, "assessment", 33900)], id="assessment-均价"),
    pytest.param("Without transactions, cobalt sulphate prices held at 92,000 yuan/mt.",
                 [price(CS, "assessment", 92000)], id="assessment-no-transactions"),
    pytest.param("Cobalt sulphate prices held at 92,000 yuan/mt.", [price(CS, "assessment", 92000)],
                 id="assessment-default"),
]

# Not prices, alone or beside the one level the sentence does report.
NOT_PRICES = [
    pytest.param("Cobalt sulphate prices were up 1,000 yuan/mt.", [], id="change-up"),
    pytest.param("Cobalt sulphate prices rose by 1,000 yuan/mt.", [], id="change-rose-by"),
    pytest.param("Cobalt metal prices fell by $0.5/lb.", [], id="change-fell-by"),
    pytest.param("Cobalt sulphate saw a 500 yuan/mt dip.", [], id="change-a-dip"),
    pytest.param("Refined cobalt recorded a loss of 1370 yuan/mt.", [], id="change-a-loss-of"),
    pytest.param("硫酸钴价格涨2000元。", [], id="change-涨-no-unit"),
    pytest.param("硫酸钴价格涨2000元/吨。", [], id="change-涨"),
    pytest.param("锂辉石价格下跌90美元/吨。", [], id="change-下跌-usd"),
    pytest.param("电解钴价格较上周上涨300元/吨。", [], id="change-较上周上涨"),
    pytest.param("Mainstream transaction prices for refined cobalt clustered at 415,000–420,000 yuan/mt, down "
                 "about 5,000 yuan/mt from last week.", [price(RC, "transaction", 415000, 420000)],
                 id="change-beside-level"),
    pytest.param("The SMM battery-grade lithium carbonate index was 75,600 yuan/mt, down 300 yuan/mt from the "
                 "previous working day.", [price(LC, "assessment", 75600)], id="change-after-index"),
    pytest.param("SMM硫酸镍指数28,180元/吨，较上一工作日上涨100元/吨。", [price(NS, "assessment", 28180)],
                 id="change-after-index-zh"),
    pytest.param("Cobalt metal was $0.5/lb lower at $16/lb.",
                 [price(RC, "assessment", 16, currency="USD", unit="lb")], id="change-lower-at"),
    pytest.param("The company plans investments of 8.34 billion yuan in cobalt sulphate capacity.", [],
                 id="money-billion-yuan"),
    pytest.param("硫酸钴项目总投资5000万元，年产能2万吨。", [], id="money-wan-yuan-and-tonnage"),
    pytest.param("Cobalt sulphate output was 5,000 mt in 2025.", [], id="tonnage"),
    pytest.param("In 2025, 12 cobalt sulphate plants produced 30,000 mt.", [], id="counts-and-years"),
    pytest.param("Cobalt sulphate 2025 output rose 12% to 80,000 tonnes.", [], id="percentage-not-payable"),
    pytest.param("Cobalt hydroxide prices rose 5% this week.", [], id="percentage-change"),
    pytest.param("Contact the cobalt sulphate desk at 021-51666838.", [], id="phone-number"),
    pytest.param("SMM New Energy Research Team\nHao Lin 021-51666838\nYue Shen 021-51595712", [],
                 id="phone-numbers-footer"),
    pytest.param("Spodumene prices rose to $950/t from $850-900/t a week earlier.",
                 [price(SP, "assessment", 950, currency="USD")], id="earlier-from-a-week-earlier"),
    pytest.param("Spodumene prices were $950/t, compared with $900/t last week.",
                 [price(SP, "assessment", 950, currency="USD")], id="earlier-compared-with"),
    pytest.param("Spodumene prices were $950/t, lower than $1,000/t on 18 December.",
                 [price(SP, "assessment", 950, currency="USD")], id="earlier-lower-than"),
    pytest.param("Lithium carbonate prices were lower than Yn91,000-92,600/t on 18 December.", [],
                 id="earlier-lower-than-alone"),
    pytest.param("Cobalt sulphate prices were 92,000 yuan/mt, versus 90,000 yuan/mt a month ago.",
                 [price(CS, "assessment", 92000)], id="earlier-versus"),
    pytest.param("Spodumene prices fell to $905-935/t cif China from $920-950/t on 13 November.",
                 [price(SP, "assessment", 905, 935, "USD")], id="earlier-from-on-date"),
    pytest.param("Lithium carbonate deals were heard at Yn79,600/t, compared with Yn80,200/t a week earlier.",
                 [price(LC, "transaction", 79600)], id="earlier-compared-deal"),
    pytest.param("Cobalt sulphate prices are expected to stay above 110,000 yuan/mt.", [], id="bound-above"),
    pytest.param("Cobalt sulphate prices were 92,000 yuan/mt, above 90,000 yuan/mt.",
                 [price(CS, "assessment", 92000)], id="bound-beside-level"),
    pytest.param("硫酸钴价格在9万元/吨以上。", [], id="bound-以上"),
    pytest.param("End-2026 price forecast: ~28.8$/lb", [], id="forecast"),
    pytest.param("Cobalt intermediate price forecast for 2026: $28.8/lb.", [], id="forecast-with-commodity"),
    pytest.param("碳酸锂价格预计将达到8万元/吨。", [], id="forecast-预计"),
    pytest.param("Nickel sulphate was 28,000 yuan/mt, equivalent to $3,900/mt.",
                 [price(NS, "assessment", 28000)], id="conversion"),
    pytest.param("Lithium carbonate prices were 1,000 yuan/t higher than last week at 76,000 yuan/t.",
                 [price(LC, "assessment", 76000)], id="level-after-higher-than-last-week"),
    pytest.param("Spodumene prices were unchanged from a week earlier at $905-935/t cif China.",
                 [price(SP, "assessment", 905, 935, "USD")], id="unchanged-from-a-week-earlier-at"),
    pytest.param("上周硫酸钴价格为9.1万元/吨，本周为9.2万元/吨。", [price(CS, "assessment", 92000)],
                 id="last-week-then-this-week-zh")
]

# Tables: pasted rows with "|" cells (HTML tables are read into the same shape).
TABLES = [
    pytest.param("Chinese spot prices (yuan/mt, ex-works)\nProduct | Price range | Average | Change\n"
                 "Battery-grade lithium carbonate | 63,000-64,500 | 63,750 | +500\n"
                 "Cobalt sulphate (Co≥20.5%) | 48,500-50,000 | 49,250 | -250",
                 [price(LC, "assessment", 63000, 64500), price(CS, "assessment", 48500, 50000)],
                 id="caption-unit"),
    pytest.param("Product | Price range | Unit | Change\n"
                 "Spodumene concentrate (SC6, CIF China) | 640-665 | USD/mt | +10",
                 [price(SP, "assessment", 640, 665, "USD")], id="unit-cell"),
    pytest.param("Price | Unit | June 29 | Previous |\n"
                 "Spodumene min 6% Li2O, cif China | $/tonne | 4,500-4,800 | 4,400-4,700 |",
                 [price(SP, "assessment", 4500, 4800, "USD")], id="previous-column-skipped"),
    pytest.param("Home | News | Prices | Contact", [], id="menu-is-no-table"),
    pytest.param("| Product | Basis | Low | High | Mid | W/W | Unit |\n|---|---|---|---|---|---|---|\n"
                 "| Lithium hydroxide, battery grade | CIF Asia | 9.40 | 9.80 | 9.60 | +0.10 | USD/kg |\n"
                 "| MHP nickel payable | % of LME | 84 | 86 | 85 | 0 | % |",
                 [price("lithium_hydroxide", "assessment", 9.4, 9.8, "USD", "kg"),
                  price("nickel_intermediate", "assessment", 84, 86, None, "%")], id="markdown-low-high-columns"),
    pytest.param("Product\tLow\tHigh\tPrev Low\tPrev High\tUnit\n"
                 "Cobalt sulphate\t45,000\t46,500\t44,000\t45,500\tyuan/mt",
                 [price(CS, "assessment", 45000, 46500)], id="tab-separated-previous-skipped"),
]

# Wordings met on reviews the rules were not written from.
UNSEEN = [
    pytest.param("SMM cobalt chloride prices rose by 2,000 yuan/mt to 106,000-111,000 yuan/mt.",
                 [price("cobalt_chloride", "assessment", 106000, 111000)], id="rose-by-to-range"),
    pytest.param("Cobalt hydroxide payables were assessed at 59-61pc of the standard-grade cobalt price.",
                 [price(CI, "assessment", 59, 61, None, "%")], id="pc-payables"),
    pytest.param("SMM expects Co3O4 prices to test 350,000 yuan/mt in the coming weeks.", [], id="expects-forecast"),
    pytest.param("Refined cobalt rose to 400,000 yuan/mt, up 6,000 yuan/mt from last Thursday's 394,000 yuan/mt.",
                 [price(RC, "assessment", 400000)], id="from-last-thursdays"),
    pytest.param("电解镍价格为123,500元/吨,较上周同期的124,900元/吨下跌1,400元/吨。",
                 [price("refined_nickel", "assessment", 123500)], id="zh-last-weeks-level"),
    pytest.param("金川镍现货升水2,300元/吨。", [], id="zh-premium"),
    pytest.param("The cost of producing nickel sulphate from MHP rose to about 28,900 yuan/mt.", [], id="cost"),
    pytest.param("Cathode makers were only prepared to pay 325,000-330,000 yuan/mt for lithium cobalt oxide.",
                 [price("lithium_cobalt_oxide", "bid", 325000, 330000)], id="prepared-to-pay"),
    pytest.param("Smelters asked 29,000-29,200 yuan/mt for nickel sulphate.",
                 [price("nickel_sulphate", "offer", 29000, 29200)], id="asked"),
    # issue #12: 报价 is a quote, an offer (LABELS.md: offer = quotes); the publisher's own level is 报 or SMM…报价
    pytest.param("电池级碳酸锂报价7.45-7.72万元/吨。", [price(LC, "offer", 74500, 77200)],
                 id="zh-quote-is-an-offer"),
    pytest.param("SMM电池级碳酸锂报价7.45-7.72万元/吨。", [price(LC, "assessment", 74500, 77200)],
                 id="zh-publisher-quote"),
    pytest.param("盐厂对电池级硫酸镍的报价在2.88-2.90万元/吨。", [price("nickel_sulphate", "offer", 28800, 29000)],
                 id="zh-smelter-quote"),
    pytest.param("Lithium hydroxide rose this week. High-nickel cathode buyers countered at 141,000 yuan/mt.",
                 [price("lithium_hydroxide", "bid", 141000)], id="high-nickel-cathode-is-no-nickel"),
    pytest.param("Cobalt sulphate rose. Smelters relying on cobalt intermediates lifted offers to 98,000 yuan/mt.",
                 [price(CS, "offer", 98000)], id="relying-on-feedstock"),
    pytest.param("三元前驱体企业对硫酸镍的采购意向价在3.1万元/吨左右。", [price("nickel_sulphate", "bid", 31000)],
                 id="zh-industry-glued"),
    pytest.param("MHP was in demand: one producer offered at 90% of LME nickel, refiners bid 87.5-88%.",
                 [price("nickel_intermediate", "offer", 90, 90, None, "%"),
                  price("nickel_intermediate", "bid", 87.5, 88, None, "%")], id="payable-of-reference"),
    pytest.param("A 200t lithium carbonate deal was concluded at Yn152,800/t by the end of the session.",
                 [price(LC, "transaction", 152800)], id="end-of-session-is-no-forecast"),
    pytest.param("Cobalt sulphate prices could test 100,000 yuan/mt.", [], id="could-test"),
    pytest.param("The spread between lithium carbonate and hydroxide narrowed to 12,000 yuan/mt.", [], id="spread"),
    pytest.param("MHP payables held; MHP contains about 1.5% cobalt.", [], id="composition-percent"),
    pytest.param("Battery-grade lithium carbonate was quoted at 96,800-99,600 yuan/mt.",
                 [price(LC, "offer", 96800, 99600)], id="was-quoted-is-an-offer"),  # LABELS.md: offer = quotes
    pytest.param("Battery-grade lithium carbonate was quoted in a range of 96,800-99,600 yuan/mt.",
                 [price(LC, "assessment", 96800, 99600)], id="quoted-in-a-range-is-the-publishers"),
    pytest.param("Lithium carbonate rose 4,310 yuan/mt and 4,250 yuan/mt WoW respectively.", [],
                 id="list-of-changes"),
    pytest.param("Cobalt tetroxide: cost pressure stayed high and offers were concentrated at 340,000 yuan/mt.",
                 [price("cobalt_tetroxide", "offer", 340000)], id="cost-then-offers"),
    pytest.param("Zinc processing fees slid to 1,500 yuan/mt for cobalt sulphate makers.", [], id="fees"),
    pytest.param("印尼高冰镍到厂价135,200元/镍吨。", [price("nickel_matte", "assessment", 135200)],
                 id="zh-per-tonne-of-nickel"),
    pytest.param("Indonesian MHP (FOB) and high-grade nickel matte (FOB) were priced at $14,930/mt and $15,280/mt "
                 "respectively.", [price("nickel_intermediate", "assessment", 14930, currency="USD"),
                                   price("nickel_matte", "assessment", 15280, currency="USD")], id="respectively"),
    pytest.param("Cobalt Tetroxide MB China ex-works 72.6% Co RMB/tonne: 228,000-235,000, unchanged",
                 [price("cobalt_tetroxide", "assessment", 228000, 235000)], id="unit-labels-the-number"),
    pytest.param("部分四钴企业对硫酸钴以11.3万元/吨成交。", [price(CS, "transaction", 113000)],
                 id="zh-deal-after-price"),
    pytest.param("Lithium carbonate was 4.8% above August's 70,090 yuan/mt, at 73,500 yuan/mt.",
                 [price(LC, "assessment", 73500)], id="possessive-month"),
    pytest.param("Cobalt hydroxide payables were assessed at 95%, against 93-94% a fortnight ago.",
                 [price(CI, "assessment", 95, 95, None, "%")], id="against-a-fortnight-ago"),
    pytest.param("This week cobalt sulphate rose. With cobalt intermediates still scarce, smelters raised quotes to "
                 "88,000-90,000 yuan/mt.", [price(CS, "offer", 88000, 90000)], id="commodity-in-a-reason-clause"),
    pytest.param("This week cobalt sulphate rose. Supply was tight, and as cobalt intermediates have yet to arrive, "
                 "smelters held offers. Purchase intention prices were at 85,000-86,000 yuan/mt.",
                 [price(CS, "bid", 85000, 86000)], id="reason-clause-in-an-earlier-sentence"),
    pytest.param("MHP nickel payables (against LME nickel) stood at 87-88%, with the FOB price at $13,152/mt Ni.",
                 [price("nickel_intermediate", "assessment", 87, 88, None, "%"),
                  price("nickel_intermediate", "assessment", 13152, currency="USD")], id="reference-in-brackets"),
    pytest.param("Cobalt tetroxide was steady. Lithium cobalt oxide (LCO) producers stayed cautious; leading companies "
                 "concluded purchases at 335,000 yuan/mt.", [price("cobalt_tetroxide", "transaction", 335000)],
                 id="industry-after-abbreviation"),
    pytest.param("印尼MHP镍系数(对LME镍)维持在87%-88%,高冰镍镍系数为89%-90%。",
                 [price("nickel_intermediate", "assessment", 87, 88, None, "%"),
                  price("nickel_matte", "assessment", 89, 90, None, "%")], id="zh-payable-coefficients"),
    pytest.param("Payables for MHP were assessed at 88-89pc of the LME nickel price, and payables for "
                 "high-grade nickel matte were at 90-91pc.",
                 [price("nickel_intermediate", "assessment", 88, 89, None, "%"),
                  price("nickel_matte", "assessment", 90, 91, None, "%")], id="pc-of-reference"),
    pytest.param("Supply: a few traders offered high-grade nickel matte at a 90.5% payable.",
                 [price("nickel_matte", "offer", 90.5, 90.5, None, "%")], id="high-grade-is-no-composition"),
    pytest.param("有贸易商锂辉石精矿报盘至1780美元/吨。", [price(SP, "offer", 1780, currency="USD")],
                 id="zh-offer-baopan"),
    pytest.param("Lepidolite was firm; lithium salt plants could accept around 3,500 yuan/mt.",
                 [price("lepidolite", "bid", 3500)], id="could-accept"),
    pytest.param("四氧化三钴市场偏强。供应端,原料钴中间品到港有限,主流企业报价维持在34.5万元/吨。",
                 [price("cobalt_tetroxide", "offer", 345000)], id="zh-feedstock-arrivals"),
    pytest.param("硫酸镍价格持平,下游心理价位在28200元/吨附近。", [price("nickel_sulphate", "bid", 28200)],
                 id="zh-buyers-psychological-price"),
    pytest.param("Cobalt sulphate made from intermediates was quoted at 97,000 yuan/mt by mainstream smelters.",
                 [price(CS, "offer", 97000)], id="quoted-by-sellers"),
    pytest.param("Lithium carbonate was firm. Traders reported a few spot deals at 76,200 yuan/mt.",
                 [price(LC, "transaction", 76200)], id="a-few-deals-are-deals"),
    pytest.param("Cobalt hydroxide payables rose to 96-97pc. One trader said a seller was asking 98pc for December.",
                 [price(CI, "assessment", 96, 97, None, "%"), price(CI, "offer", 98, 98, None, "%")],
                 id="payable-subject-from-earlier-sentence"),
    pytest.param("Argus assessed cobalt metal 99.8pc min at $23.80-24.60/lb.",
                 [price(RC, "assessment", 23.8, 24.6, "USD", "lb")], id="purity-is-no-payable"),
    pytest.param("硫酸镍市场偏弱。成本端,高冰镍镍计价折扣系数为88-89折。供应端,盐厂主流报价下调至27,500-27,800元/吨。",
                 [price("nickel_matte", "assessment", 88, 89, None, "%"),
                  price("nickel_sulphate", "offer", 27500, 27800)],
                 id="zh-cost-side-sentence-names-inputs"),
    pytest.param("Cobalt hydroxide payables held. One trade was reported at 58.5% for 300 tonnes.",
                 [price(CI, "transaction", 58.5, 58.5, None, "%")], id="one-trade"),
    pytest.param("Fastmarkets' cobalt standard grade, in-whs Rotterdam, edged up to $16.10-16.50/lb.",
                 [price(RC, "assessment", 16.1, 16.5, "USD", "lb")], id="cobalt-standard-grade"),
]

# Bare product words, new units and number forms (second round of unseen reviews).
SHORT_NAMES_AND_FORMS = [
    pytest.param("Lithium carbonate edged up this week. Hydroxide buyers bid 70,000 yuan/mt.",
                 [price("lithium_hydroxide", "bid", 70000)], id="hydroxide-in-a-lithium-review"),
    pytest.param("Cobalt sulphate offers were firm. Hydroxide was offered at $12.5/lb.",
                 [price(CI, "offer", 12.5, 12.5, "USD", "lb")], id="hydroxide-in-a-cobalt-review"),
    pytest.param("Prices of industrial-grade carbonate and micro-powder hydroxide stood at 70,000-71,000 yuan/mt "
                 "and 72,000-73,500 yuan/mt, respectively, in the lithium market.",
                 [price(LC, "assessment", 70000, 71000), price("lithium_hydroxide", "assessment", 72000, 73500)],
                 id="respectively-with-short-names"),
    pytest.param("Cobalt sulphate offers were heard at 86-88k yuan/t.", [price(CS, "offer", 86000, 88000)],
                 id="k-suffix"),
    pytest.param("Nickel pig iron (10-12% Ni) was assessed at 950-960 yuan/mtu.",
                 [price("nickel_pig_iron", "assessment", 950, 960, "CNY", "mtu")], id="per-mtu"),
    pytest.param("镍铁价格为950-960元/镍点。", [price("nickel_pig_iron", "assessment", 950, 960, "CNY", "mtu")],
                 id="zh-per-nickel-point"),
    pytest.param("Cobalt sulphate prices held. Payables were steady, with one deal at 88%.",
                 [price(CI, "transaction", 88, 88, None, "%")],
                 id="payable-belongs-to-the-intermediate"),
    pytest.param("The gap between lithium carbonate and lithium hydroxide narrowed to 9,000 yuan/mt.", [],
                 id="gap-is-no-price"),
    pytest.param("Yesterday's battery-grade close was 77,850 yuan/mt for lithium carbonate.", [],
                 id="yesterdays-close"),
    pytest.param("Cobalt sulphate rose. Cobalt tetroxide producers raised offers to 172,000-176,000 yuan/mt.",
                 [price("cobalt_tetroxide", "offer", 172000, 176000)], id="producers-quoting-their-own-product"),
    pytest.param("Refined nickel was offered at 122,800 yuan/mt, with its premium over SHFE quoted at 2,300 yuan/mt.",
                 [price("refined_nickel", "offer", 122800)], id="premium-quoted-is-no-price"),
    pytest.param("Producers offered nickel sulphate at 28,300 yuan/mt, so few deals are expected.",
                 [price(NS, "offer", 28300)], id="expected-in-another-clause-is-no-forecast"),
    pytest.param("Nickel sulphate could climb to 29,000 yuan/mt next week.", [], id="forecast-after-the-price"),
    pytest.param("SMM MHP镍计价系数报86-87折,贸易商报价上调至88-90%,冶炼厂采购意向在83-85%附近,一单以86%成交。",
                 [price("nickel_intermediate", "assessment", 86, 87, None, "%"),
                  price("nickel_intermediate", "offer", 88, 90, None, "%"),
                  price("nickel_intermediate", "bid", 83, 85, None, "%"),
                  price("nickel_intermediate", "transaction", 86, 86, None, "%")], id="zh-payables-zhe-and-percent"),
    pytest.param("$880/t was paid for a cargo of spodumene SC6 CIF China on Wednesday.",
                 [price(SP, "transaction", 880, 880, "USD")], id="cue-after-the-price-paid"),
    pytest.param("Cobalt tetroxide was quiet, 300,000-310,000 yuan/t quoted by two suppliers, no deals heard.",
                 [price("cobalt_tetroxide", "offer", 300000, 310000)], id="cue-after-the-price-quoted-by"),
    pytest.param("Lithium hydroxide: RMB 76,500/t - that was the asking price of one large producer.",
                 [price("lithium_hydroxide", "offer", 76500)], id="cue-after-the-price-asking-price"),
    pytest.param("Lithium carbonate prices stood at 90,000 yuan/mt as deals were done at lower levels.",
                 [price(LC, "assessment", 90000)], id="a-cue-after-a-level-with-its-own-verb-is-not-its-own"),
    pytest.param("Japanese cathode makers were buying lithium hydroxide at US$9.60/kg; converters paid $1,030/t for "
                 "spodumene.", [price("lithium_hydroxide", "transaction", 9.6, 9.6, "USD", "kg"),
                                price(SP, "transaction", 1030, 1030, "USD")], id="buying-at-and-paid"),
    pytest.param("Lithium carbonate producers insist on RMB58,000/t for October orders.",
                 [price(LC, "offer", 58000)], id="insist-on"),
    pytest.param("据了解,今日某正极企业以8.12万元/吨采购电池级碳酸锂约200吨。", [price(LC, "transaction", 81200)],
                 id="zh-bought-at"),
    pytest.param("Mysteel's assessment for battery-grade manganese sulphate stood at Yuan 6,450-6,700/tonne EXW.",
                 [price("manganese_sulphate", "assessment", 6450, 6700)], id="yuan-before-the-number"),
    pytest.param("Electrolytic manganese flake was offered at $880-905/t FOB China.",
                 [price("electrolytic_manganese_metal", "offer", 880, 905, "USD")], id="manganese-metal"),
    pytest.param("锰矿方面,南非半碳酸锰矿港口现货报价35.2元/吨度。",
                 [price("manganese_ore", "offer", 35.2, 35.2, "CNY", "dmtu")],  # 报价: an offer (issue #12)
                 id="zh-per-tonne-unit"),
    pytest.param("Cobalt sulphate review. Salt producers that depend on imported hydroxide are reluctant to sell. "
                 "Most of them quoted 50,000-51,000 yuan/mt.", [price(CS, "offer", 50000, 51000)],
                 id="depend-on-feedstock-is-no-subject"),
    pytest.param("Cobalt intermediate prices were at $24.0-24.8/lb, while cobalt sulphate, cobalt chloride and cobalt "
                 "tetroxide stood at 89,500-92,500 yuan/mt, 103,000-106,000 yuan/mt and 328,000-336,000 yuan/mt, "
                 "respectively.",
                 [price(CI, "assessment", 24.0, 24.8, "USD", "lb"), price(CS, "assessment", 89500, 92500),
                  price("cobalt_chloride", "assessment", 103000, 106000),
                  price("cobalt_tetroxide", "assessment", 328000, 336000)], id="respectively-after-another-price"),
    pytest.param("Raw materials: cobalt intermediate prices were at $15.6-16.2/lb. A small cargo was sold at $15.8/lb.",
                 [price(CI, "assessment", 15.6, 16.2, "USD", "lb"), price(CI, "transaction", 15.8, 15.8, "USD", "lb")],
                 id="raw-materials-paragraph-is-about-them"),
    pytest.param("Traders lifted offers for cobalt hydroxide to $9.5/lb (around 152,000 yuan/mt on a cobalt metal "
                 "basis), while smelters' bids were at $8.8/lb.",
                 [price(CI, "offer", 9.5, 9.5, "USD", "lb"), price(CI, "assessment", 152000, 152000),
                  price(CI, "bid", 8.8, 8.8, "USD", "lb")], id="metal-basis-names-no-commodity"),
    pytest.param("Cobalt powder prices rose. Producers' quotations for -200 mesh powder were at 408,000 yuan/mt.",
                 [price("cobalt_powder", "offer", 408000)], id="powder-in-a-cobalt-review"),
    pytest.param("Nickel sulphate was steady. Jinchuan cathode sold at CNY134,500/t in Shanghai spot trading.",
                 [price("refined_nickel", "transaction", 134500)], id="cathode-in-a-nickel-review"),
    pytest.param("Nickel sulphate was steady. LFP cathode (power grade) EXW China: $4.80-5.05/kg.",
                 [price("lithium_iron_phosphate", "assessment", 4.8, 5.05, "USD", "kg")],
                 id="a-product-word-after-a-name-is-part-of-it"),
    pytest.param("In China, cobalt sulphate is quoted at CNY95,000/t, while agencies assess tetroxide at CNY360,000/t.",
                 [price(CS, "offer", 95000), price("cobalt_tetroxide", "assessment", 360000)],
                 id="tetroxide-in-a-cobalt-review"),
    pytest.param("The SMM cobalt intermediate (Co 30%, CIF China) price was $23.8-24.5/lb, and the payable indicator "
                 "was at 95%-96%.", [price(CI, "assessment", 23.8, 24.5, "USD", "lb"),
                                     price(CI, "assessment", 95, 96, None, "%")], id="element-content-is-no-payable"),
    pytest.param("Cobalt sulphate: salt producers' quotations for intermediate-derived material were at "
                 "92,000 yuan/mt.",
                 [price(CS, "offer", 92000)], id="intermediate-derived-is-a-grade"),
    pytest.param("Nickel sulphate held. Sulphate made from dissolved nickel briquettes was quoted at 28,900 yuan/mt.",
                 [price(NS, "offer", 28900)], id="made-from-an-adjective-and-feedstock"),
    pytest.param("Argus' 10-12pc nickel pig iron price, delivered China, rose to Yn1,085-1,100/Ni unit.",
                 [price("nickel_pig_iron", "assessment", 1085, 1100, "CNY", "mtu")], id="per-ni-unit"),
    pytest.param("本周SMM高镍生铁(10-12%)价格为1010-1025元/镍点。",
                 [price("nickel_pig_iron", "assessment", 1010, 1025, "CNY", "mtu")], id="zh-high-nickel-pig-iron"),
    pytest.param("MHP payables were steady.\nHigh-grade nickel matte. Matte availability remained limited. Sellers "
                 "held their quotes at 90-91% of LME.", [price("nickel_matte", "offer", 90, 91, None, "%")],
                 id="payable-of-the-paragraph-subject"),
    pytest.param("Lepidolite (2.0-2.5% Li2O) and spodumene concentrate (SC6, CIF China) were at 2,350-2,600 yuan/mt "
                 "and $1,045-1,080/mt respectively.",
                 [price("lepidolite", "assessment", 2350, 2600), price(SP, "assessment", 1045, 1080, "USD")],
                 id="respectively-with-a-commodity-named-twice"),
]

EXAMPLES = NUMBERS + RANGES + CURRENCIES_AND_UNITS + PAYABLES + SINGLE_VALUES + COMMODITIES + PRICE_TYPES + \
    NOT_PRICES + TABLES + UNSEEN + SHORT_NAMES_AND_FORMS


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_extracts(text: str, expected: list[tuple]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "title", "expected"), TITLED)
def test_extracts_with_title(text: str, title: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


# --------------------------------------------------------------------------------------------------
# Grades: (text, grade of the one observation)
GRADES = [
    pytest.param("Purchase intention prices for high-nickel cobalt sulphate were 92,000 yuan/mt.", "high-nickel",
                 id="high-nickel"),
    pytest.param("Purchase intention prices for low-nickel cobalt sulphate were 95,000 yuan/mt.", "low-nickel",
                 id="low-nickel"),
    pytest.param("Battery-grade lithium carbonate was assessed at 75,000 yuan/t.", "battery-grade",
                 id="battery-grade"),
    pytest.param("Offers for cobalt sulphate made from MHP were 96,000 yuan/mt.", "MHP-derived",
                 id="made-from-MHP"),
    pytest.param("Recycled cobalt sulphate sold at 90,000 yuan/mt.", "recycled", id="recycled"),
    pytest.param("Medium- to high-grade cobalt hydroxide was quoted at $25.5/lb.", "medium- to high-grade",
                 id="medium-to-high-grade"),
    pytest.param("Cobalt hydroxide payables for medium- to high-grade material were 70%.",
                 "medium- to high-grade", id="medium-to-high-grade-payable"),
    pytest.param("Cobalt sulphate prices held at 92,000 yuan/mt.", None, id="no-grade"),
    pytest.param("Smelters raised their quotes for intermediate-derived cobalt sulphate to 86,000-87,500 yuan/mt.",
                 "intermediate-derived", id="intermediate-derived"),
    pytest.param("电池级碳酸锂价格为7.5万元/吨。", "battery-grade", id="电池级")
]


@pytest.mark.parametrize(("text", "grade"), GRADES)
def test_grade(text: str, grade: str | None) -> None:
    (observation,) = extract_text(text, DAY)
    assert observation.grade == grade


# --------------------------------------------------------------------------------------------------
# One observation per price per document.
DUPLICATES = [
    pytest.param("[SMM Weekly Review] Cobalt intermediate prices stabilising in the range of $25.5-$26.0/lb\n"
                 "Cobalt intermediate prices held steady in a range of $25.5–26.0/lb this week.",
                 [price(CI, "assessment", 25.5, 26.0, "USD", "lb")], id="headline-and-body-different-dash"),
    pytest.param("Refined cobalt prices were 415,000–420,000 yuan/mt. Refined cobalt prices were "
                 "415,000-420,000 yuan/mt.", [price(RC, "assessment", 415000, 420000)], id="same-line-twice"),
    pytest.param("Smelters quote intermediate-derived cobalt sulphate at 86,000-87,500 yuan/mt.\n"
                 "Cobalt sulphate stood at 86,000~87,500 yuan/mt.\n"
                 "Smelters quote intermediate-derived cobalt sulphate at 86,000-87,500 yuan/mt.",
                 [price(CS, "offer", 86000, 87500)], id="repeat-keeps-the-cued-type"),
    pytest.param("碳酸锂报8.42-8.60万元/吨。\n碳酸锂报８．４２－８．６０万元/吨。",
                 [price(LC, "assessment", 84200, 86000)], id="full-width-repeat"),
]


@pytest.mark.parametrize(("text", "expected"), DUPLICATES)
def test_reported_once(text: str, expected: list[tuple]) -> None:
    assert found(text) == expected


def test_observation_fields() -> None:
    text = "Cobalt sulphate\nMainstream transaction prices for refined cobalt clustered at 415,000–420,000 yuan/mt."
    (observation,) = extract_text(text, DAY, "Weekly review")
    assert observation.date == DAY and observation.title == "Weekly review"
    assert observation.text == "415,000–420,000 yuan/mt"
    assert observation.sentence.startswith("Mainstream transaction prices") and "415,000" in observation.sentence
    assert observation.mid == 417500


@pytest.mark.parametrize(("text", "low", "high"), [
    pytest.param("碳酸锂9.6-9.8万元/吨", 96000, 98000, id="9.6-9.8"),
    pytest.param("硫酸镍2.95-2.97万元/吨", 29500, 29700, id="2.95-2.97"),
    pytest.param("硫酸镍2.01万元/吨", 20100, 20100, id="2.01")
])
def test_wan_scaling_is_exact(text: str, low: float, high: float) -> None:
    (observation,) = extract_text(text, DAY)
    assert (observation.low, observation.high) == (low, high)


def test_timeout_warning_list_is_left_empty_on_normal_text() -> None:
    warnings: list[str] = []
    extract_text("Cobalt sulphate prices held at 92,000 yuan/mt.", DAY, warnings=warnings)
    assert warnings == []


# --------------------------------------------------------------------------------------------------
# Invariants on every example: spans point into the normalised text, low <= high, mid is the middle.
ALL_TEXTS = [case.values[0] for case in EXAMPLES + DUPLICATES + GRADES] + \
    [case.values[0] for case in TITLED]


@pytest.mark.parametrize("text", ALL_TEXTS, ids=[f"text{n}" for n in range(len(ALL_TEXTS))])
def test_invariants(text: str) -> None:
    normal = normalise_text(text)
    for observation in extract_text(text, DAY, "Cobalt sulphate weekly"):
        assert normal[observation.start:observation.end] == observation.text
        assert observation.low <= observation.high
        assert observation.mid == (observation.low + observation.high) / 2
        assert observation.currency in ("CNY", "USD") or (observation.currency is None and observation.unit == "%")
        assert observation.price_type in ("offer", "bid", "transaction", "assessment")


@settings(max_examples=60, deadline=None)
@given(value=st.integers(min_value=1, max_value=9_999_999), grouped=st.booleans(), wide=st.booleans())
def test_any_integer_price(value: int, grouped: bool, wide: bool) -> None:
    number = f"{value:,}" if grouped else str(value)
    if wide:  # full-width digits and commas, as Chinese pages print them
        number = number.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert found(f"Cobalt sulphate prices stood at {number} yuan/mt.") == [price(CS, "assessment", value)]


@settings(max_examples=60, deadline=None)
@given(a=st.integers(min_value=1, max_value=99_999), b=st.integers(min_value=1, max_value=99_999),
       separator=st.sampled_from(["-", "–", "—", "~", " to ", "至"]), dollar_both=st.booleans())
def test_any_range(a: int, b: int, separator: str, dollar_both: bool) -> None:
    high = f"${b / 100:.2f}" if dollar_both else f"{b / 100:.2f}"
    text = f"Cobalt hydroxide prices stood at ${a / 100:.2f}{separator}{high}/lb."
    (observation,) = extract_text(text, DAY)
    assert (observation.low, observation.high) == (min(a, b) / 100, max(a, b) / 100)
    assert (observation.currency, observation.unit) == ("USD", "lb")
    assert normalise_text(text)[observation.start:observation.end] == observation.text


def test_a_sub_heading_names_the_commodity_of_the_prices_under_it() -> None:
    text = ("Cobalt powder\nProducers lifted quotes to 300,000 yuan/mt.\n"
            "Cobalt tetroxide\nProducers lifted quotes to 240,000 yuan/mt.")
    assert found(text, "Cobalt weekly") == [price("cobalt_powder", "offer", 300000),
                                            price("cobalt_tetroxide", "offer", 240000)]


RELATED_NEWS_DATES = [
    pytest.param("Related News\nNickel sulphate edges up\nNickel sulphate prices were 27,500-27,900 yuan/mt...\n"
                 "Oct 11, 2024\nCobalt sulphate holds\nCobalt sulphate prices held at 27,500-29,000 yuan/mt...\n"
                 "Oct 10, 2024",
                 [("nickel_sulphate", date(2024, 10, 11)), ("cobalt_sulphate", date(2024, 10, 10))],
                 id="date-below-each-item"),
    pytest.param("Related News\n[SMM Daily] Nickel sulphate flat at 27,500-27,900 yuan/mt\nOct 11, 2024\n"
                 "Nickel sulphate prices were 27,500-27,900 yuan/mt...\n[SMM Weekly] Cobalt sulphate holds\n"
                 "Oct 10, 2024\nCobalt sulphate prices held at 27,500-29,000 yuan/mt...",
                 [("nickel_sulphate", date(2024, 10, 11)), ("cobalt_sulphate", date(2024, 10, 10))],
                 id="date-under-each-headline"),
    pytest.param("More from SMM\n[SMM Nickel Sulphate Daily] Precursor plants restock\n"
                 "SMM October 11: The SMM nickel sulphate index was 27,645 yuan/mt.",
                 [("nickel_sulphate", date(2024, 10, 11))], id="dateline-without-year"),
    pytest.param("相关阅读\n· 【SMM锰系周评】电池级硫酸锰价格弱稳运行 2024-10-08\n"
                 "本周电池级硫酸锰报价5,750-6,050元/吨......\n"
                 "· 【SMM镍日评】电解镍现货成交清淡\n"
                 "10月11日,电解镍现货报价126,000-126,800元/吨......",
                 [("manganese_sulphate", date(2024, 10, 8)), ("refined_nickel", date(2024, 10, 11))],
                 id="zh-bullet-items-dated-on-the-headline-and-in-the-text"),
    pytest.param("Read more\nNickel sulphate steady despite LME weakness\n8 October 2024\n"
                 "China nickel sulphate was steady at CNY 27,800-28,300/mt...\nAgenda announced\n9 October 2024\n"
                 "Speakers will gather in...",
                 [("nickel_sulphate", date(2024, 10, 8))], id="read-more-block"),
    pytest.param("Related news\nCobalt sulphate rises\n11/10/24\nArgus assessed cobalt sulphate at Yn82,000/t.\n"
                 "Manganese sulphate steady\nManganese sulphate held at Yn6,000-6,300/t.",
                 [("cobalt_sulphate", date(2024, 10, 11)), ("manganese_sulphate", date(2024, 10, 14))],
                 id="slashed-date-and-an-undated-item-after-it"),
    pytest.param("Nickel sulphate flat\n2024-10-13 16:30\nNickel sulphate was at 27,800 yuan/mt.",
                 [("nickel_sulphate", date(2024, 10, 13))], id="page-of-dated-notes"),
]


@pytest.mark.parametrize(("text", "expected"), RELATED_NEWS_DATES)
def test_related_news_items_keep_their_own_dates(text: str, expected: list[tuple]) -> None:
    body = "Lithium carbonate weekly\nLithium carbonate held at 74,000 yuan/mt.\n"
    observations = extract_text(body + text, date(2024, 10, 14))
    assert [(o.commodity, o.date) for o in observations] == [("lithium_carbonate", date(2024, 10, 14)), *expected]
