"""Rules of the fifth round of issue #12, as examples written for these tests (none is batch or corpus text).

Held-out batches C, E, F and then H were scored at first contact (README) and then used for rules; each rule
is checked here on wordings of our own, in the price-parser style: named lists of (text, expected).
"""
from __future__ import annotations

from datetime import date

import pytest
from expected import DAY, found, price

from tracker.documents import parse_document
from tracker.extract import extract_document, extract_text
from tracker.observation import Series
from tracker.series import resolve

CS, RC, CI = "cobalt_sulphate", "refined_cobalt", "cobalt_intermediate"
LC, LH, NS = "lithium_carbonate", "lithium_hydroxide", "nickel_sulphate"


LEVELS = [
    # the family's "metal" is its refined metal; "Metals" in a name is no commodity
    pytest.param("Cobalt weekly: metal firms", "Standard-grade metal in Rotterdam rose to $24.60-25.30/lb.",
                 [price(RC, "assessment", 24.6, 25.3, "USD", "lb")], id="standard-grade-metal"),
    pytest.param("Cobalt sulphate weekly", "Home > Metals > Cobalt\nSome smelters were offering at 93,000 yuan/mt.",
                 [price(CS, "offer", 93000)], id="metals-in-a-breadcrumb-names-nothing"),
    # a possessive time right before a price is its time, whatever follows it
    pytest.param("Lithium weekly", '"Last week\'s RMB 114,000-117,000/t now looks like a floor," a trader said.',
                 [], id="last-weeks-level-now"),
    # "rose by X to Y": X is a change, Y the level
    pytest.param("Lithium carbonate weekly", "Hydroxide rose by a smaller RMB 9,500/t to RMB 113,000/t.",
                 [price(LH, "assessment", 113000)], id="rose-by-a-smaller-x-to-y"),
    pytest.param("Cobalt sulphate", "Several smelters raised offers by 1,000-2,000 yuan/mt this week.", [],
                 id="raised-offers-by-a-range"),
    # periods longer than the review's own: a year so far, a month to date, another month (Chinese)
    pytest.param("Cobalt daily", "Standard grade has averaged $17.10 per lb so far this year.", [],
                 id="so-far-this-year"),
    pytest.param("Lithium weekly", "December average to date: spodumene $1,020/tonne.", [], id="average-to-date"),
    pytest.param("硫酸镍日评", "11月电池级硫酸镍月均价为2.71万元/吨。", [], id="another-month-zh"),
    pytest.param("硫酸镍日评", "12月电池级硫酸镍均价为2.75万元/吨。", [price(NS, "assessment", 27500)],
                 id="this-month-zh-leaves-the-level"),
    # Chinese comparisons: the earlier day's level, and "较...的" with a date in brackets
    pytest.param("碳酸锂日评", "今日电池级碳酸锂报9.80-10.10万元/吨,较前一日的9.70-10.00万元/吨整体上移1000元/吨。",
                 [price(LC, "assessment", 98000, 101000)], id="previous-days-level-zh"),
    pytest.param("硫酸锰周评", "今日硫酸钴价格为9.00-9.20万元/吨,"
                 "较节前最后一个交易日(12月10日)的8.80-9.00万元/吨上涨2000元/吨。",
                 [price(CS, "assessment", 90000, 92000)], id="compared-with-a-bracketed-day-zh"),
    pytest.param("硫酸镍周评", "本周电池级硫酸镍周均价2.80万元/吨,较上周(2.77万元/吨)上涨1.08%。",
                 [price(NS, "assessment", 28000)], id="compared-with-a-bracketed-level-zh"),
    # batch H's rules
    pytest.param("钴市周评", "12月国内电解钴月均价为36.10万元/吨,较11月月均价34.40万元/吨上涨4.9%。",
                 [price(RC, "assessment", 361000)], id="compared-with-last-months-average-zh"),
    pytest.param("碳酸锂周评", "本周碳酸锂均价为81,500元/吨,较上周均价79,300元/吨上涨2,200元/吨。",
                 [price(LC, "assessment", 81500)], id="compared-with-last-weeks-average-zh"),
    pytest.param("钴日评", "硫酸钴成交价格多在5.15万元/吨左右,较节前(12月10日)5.08万元/吨的均价明显上移。",
                 [price(CS, "transaction", 51500)], id="compared-with-a-dated-pre-holiday-level-zh"),
    pytest.param("钴周评", "硫酸钴周内成交重心由6.7万元/吨下移至6.5万元/吨。", [price(CS, "transaction", 65000)],
                 id="moved-from-x-to-y-zh"),
    pytest.param("锂矿周评", "本周一船锂辉石精矿成交于940美元/吨CIF中国。",
                 [price("spodumene", "transaction", 940, None, "USD")], id="a-chinese-unit-touching-latin"),
    pytest.param("氢氧化锂周评", "本周氢氧化锂价格跟随碳酸锂走强,粗颗粒报价上调至7.6万-7.9万元/吨。",
                 [price(LH, "offer", 76000, 79000)], id="the-product-another-follows-is-no-subject-zh"),
    pytest.param("锂矿日评:碳酸锂回调", "卓创锂辉石精矿价格报830-860美元/吨。海外矿山报价在870美元/吨。",
                 [price("spodumene", "assessment", 830, 860, "USD"), price("spodumene", "offer", 870, None, "USD")],
                 id="the-last-sentences-subject-not-the-pages-topic"),
    pytest.param("氢氧化锂周评", "氢氧化锂与碳酸锂价格倒挂幅度收窄至1,733元/吨左右。", [],
                 id="an-inversion-is-a-spread-zh"),
    pytest.param("Cobalt morning brief", "Compared with Dec 11, when SMM cobalt sulphate averaged 51,800 yuan/mt, "
                 "the price has gained 1,450 yuan/mt.", [], id="when-it-averaged"),
]


@pytest.mark.parametrize(("title", "text", "expected"), LEVELS)
def test_levels(title: str, text: str, expected: list[tuple]) -> None:
    assert found(text, title) == expected


SPECS = [
    # dot leaders: no sentence end, and the listed words before them are read
    pytest.param("Prices, ex-works China:\n  Li2CO3, battery, >=99.5% ........ RMB 120,000-123,000/t\n"
                 "  Li2CO3, industrial, >=99.2% ..... RMB 116,000-118,000/t",
                 ["battery-grade, 99.5%", "industrial-grade, 99.2%"], id="dot-leaders"),
    pytest.param("| Product | Basis | Unit | Low | High |\n"
                 "| LiOH.H2O 56.5%min micronised | EXW China | RMB/t | 113,000 | 116,000 |\n"
                 "| LiOH.H2O 56.5%min coarse | EXW China | RMB/t | 107,000 | 110,000 |",
                 ["56.5%, micropowder, EXW China", "56.5%, coarse, EXW China"], id="micronised-and-coarse"),
    pytest.param("| Product | Unit | Price |\n| Li2CO3 99.5%min battery | RMB/t | 121,500-124,000 |",
                 ["battery-grade, 99.5%"], id="listed-word-after-a-content"),
    pytest.param("GFEX LC2605 settled at RMB 124,000/t on Thursday.", ["futures"], id="gfex-is-futures"),
]


@pytest.mark.parametrize(("text", "specs"), SPECS)
def test_specs(text: str, specs: list[str]) -> None:
    assert [o.series().spec for o in extract_text(text, DAY, "Lithium carbonate weekly")] == specs


def test_a_wan_yuan_caption_scales_its_table() -> None:
    text = "价格一览(单位:万元/吨)\n品名 | 规格 | 价格区间 | 均价\n电解钴 | ≥99.8% | 40.20-41.80 | 41.00"
    assert found(text, "钴日评") == [price(RC, "assessment", 402000, 418000)]


AVERAGE_COLUMNS = [
    pytest.param("| Product | Weighted avg | Range |\n| Lithium hydroxide, EXW China | RMB 113,900/t | RMB 112,000 to "
                 "116,500/t |", [price(LH, "assessment", 113900), price(LH, "assessment", 112000, 116500)],
                 id="a-weighted-average-beside-its-range"),
    pytest.param("| Product | Average | Range |\n| Lithium hydroxide, EXW China | RMB 114,250/t | RMB 112,000 to "
                 "116,500/t |", [price(LH, "assessment", 112000, 116500)], id="an-average-that-is-the-mid"),
]


@pytest.mark.parametrize(("text", "expected"), AVERAGE_COLUMNS)
def test_average_columns(text: str, expected: list[tuple]) -> None:
    assert found(text, "Lithium prices") == expected


WHEN = [
    pytest.param("Standard-grade cobalt was assessed at $20.10-21.00/lb on 16 December, while cobalt hydroxide was at "
                 "$13.60-14.10/lb.", [date(2025, 12, 16), date(2025, 12, 16)], id="a-while-clause-shares-the-time"),
    pytest.param("本周碳酸锂价格整体上行。周一(12月15日)电池级碳酸锂均价报7.25万元/吨,周三(12月17日)升至7.42万元/吨。",
                 [date(2025, 12, 15), date(2025, 12, 17)], id="weekdays-with-their-dates-in-brackets-zh"),
]


@pytest.mark.parametrize(("text", "dates"), WHEN)
def test_dates_of_levels(text: str, dates: list[date]) -> None:
    assert [o.date for o in extract_text(text, DAY, "Weekly review")] == dates


def test_a_written_out_date_in_the_week_dates_its_level() -> None:
    text = "A cargo of hydroxide traded at 94% payable on 16 December, the highest this year."
    assert [(o.commodity, o.date) for o in extract_text(text, DAY, "Cobalt weekly")] == [(CI, date(2025, 12, 16))]


RELATED = [
    pytest.param("相关阅读:\n· 12月16日 SMM硫酸钴:电池级硫酸钴报9.15-9.35万元/吨 询单增多", date(2025, 12, 16),
                 id="month-day-zh-at-the-start"),
    pytest.param("Related news\nCobalt sulphate climbs to a six-month high 16 Dec 25\n"
                 "Cobalt sulphate rose to 91,500-93,500 yuan/t...", date(2025, 12, 16), id="two-digit-year-card"),
    pytest.param("Hot News\n- SunSirs: Cobalt sulphate firm (December 16 2025)\n"
                 "...the price of cobalt sulphate was 91,500 yuan/ton...", date(2025, 12, 16),
                 id="date-in-brackets-after-the-headline"),
]


RELATED += [
    pytest.param("Related News\n2025-12-16 Cobalt sulphate holds at 91,500-93,500 yuan/t in China 2025-12-15 DRC sets "
                 "quota details for 2026", date(2025, 12, 16), id="one-line-list-dates-first"),
    pytest.param("Related News\nCobalt Sulphate Prices Hold at 91,500-93,500 yuan/mt Dec 16, 2025 Indonesia Reviews "
                 "Ore Quotas Dec 15, 2025", date(2025, 12, 16), id="one-line-list-dates-last"),
    pytest.param("What to read next\nCobalt sulphate review\nDecember 18, 2025\nCobalt sulphate climbs to "
                 "91,500-93,500 yuan per tonne\nDecember 16, 2025", date(2025, 12, 16),
                 id="the-pages-headline-repeated-then-dates-under-headlines"),
]


@pytest.mark.parametrize(("text", "when"), RELATED)
def test_related_items_keep_their_dates(text: str, when: date) -> None:
    body = "Cobalt sulphate review\nCobalt sulphate held at 90,000 yuan/mt.\n"
    assert [o.date for o in extract_text(body + text, DAY)] == [DAY, when]


def test_the_pages_own_date_beats_a_related_cards() -> None:
    page = ('<html><head><meta property="article:published_time" content="2025-12-18T10:00:00Z"></head><body>'
            "<h1>Lithium weekly</h1><p>Spodumene rose to $1,080-1,120 per tonne.</p>"
            '<section class="related"><h2>Related articles</h2><div class="card">'
            '<time datetime="2025-12-16">16 December 2025</time>'
            "<h3>Lepidolite climbs</h3><p>Lepidolite rose to 2,350-2,500 yuan per tonne.</p></div></section>"
            "</body></html>")
    observations = extract_document(parse_document("page.html", page.encode()))
    assert [(o.commodity, o.date) for o in observations] == [("spodumene", DAY), ("lepidolite", date(2025, 12, 16))]


def _series(spec: str) -> Series:
    return Series("SMM", CS, spec, "assessment", "CNY", "mt")


def test_an_average_beside_its_range_stays_apart_everywhere() -> None:
    ranged, average, bare = _series("20.5%"), _series("20.5%, average"), _series("")
    resolved = resolve([("a", ranged), ("a", average), ("b", bare)])
    assert resolved[bare] == ranged  # not the average, which one report prints beside the range


def test_a_lone_average_is_how_the_one_price_is_worded() -> None:
    average, bare = _series("average"), _series("")
    assert resolve([("a", average), ("b", bare)])[bare] == average
