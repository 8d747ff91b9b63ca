"""Prices in tables: rows whose cells are separated by "|" (pasted tables; HTML, tab-separated and fixed-width
tables read that way, tracker.documents).

A row gives one observation: the commodity named in its first cell, its spec from its first cells, the first
price cell that is not a previous-period or change column (of columns headed by dates, the latest; an average
column only where the row has no other price), and the unit printed in the row, in its column's header or in
the caption line just above the table. Columns whose header names a price type ("Offers | Bids", "报价(元/吨)")
give one observation each, of that type; a header may take two rows ("Offers" over "Low | High").
"""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from tracker import patterns as p
from tracker import regexcache as regex  # regex, with compiled patterns kept between runs

PRICE_CELL = regex.compile(
    rf"^\s*(?:(?P<pre>{p.CURRENCY_BEFORE})\s?)?(?P<low>{p.NUMBER})(?:(?P<wan>万)|%(?=\s*{p.RANGE_SEPARATOR}))?"
    rf"(?:\s*{p.RANGE_SEPARATOR}\s*(?:{p.CURRENCY_BEFORE}\s?)?(?P<high>{p.NUMBER})(?P<wan2>万)?)?(?P<pct>%)?"
    rf"(?:\s?(?P<unit_text>{p.CURRENCY_AFTER}\s?{p.PER}\s?{p.UNIT})|(?(pre)\s?{p.PER}\s?(?P<unit>{p.UNIT})))?\s*$",
    p.FLAGS)
UNIT_TEXT = regex.compile(
    rf"(?<![A-Za-z])(?P<currency>{p.CURRENCY_BEFORE}|{p.CURRENCY_AFTER})\s?{p.PER}\s?(?P<unit>{p.UNIT})(?![A-Za-z])",
    p.FLAGS)
# columns that hold another date's level, a change or an average rather than the price itself
# (a column headed by a year, "2026e", "FY2027", holds that year's average or forecast: never the review's price)
# (and a quarter or half marked as an estimate or forecast, "1Q26E", "H2 2026F"; "2024A" is a year's actual average)
_NOTE = r"\s*(?:\([^)]*\))?\s*$"  # "2026E (new)"
SKIP_COLUMN = regex.compile(rf"{p.W('table.skip_columns')}"
                            rf"|^\s*(?:FY\s*'?(?:19|20)?\d\d|(?:19|20)\d\d)\s*[EeFfAa]?{_NOTE}"
                            rf"|^\s*(?:[1-4]Q|Q[1-4]|[12]H|H[12])\s*'?(?:19|20)?\d\d\s*[EeFf]{_NOTE}", p.FLAGS)
AVERAGE_COLUMN = regex.compile(p.W("table.average_columns"), p.FLAGS)
# a column of quantities ("Sales volume (tonnes)", "销量"), unless it names a price too ("Sales price (RMB/t)")
QUANTITY_COLUMN = regex.compile(p.W("table.quantity_columns"), p.FLAGS)
PRICE_COLUMN = regex.compile(p.W("table.price_columns"), p.FLAGS)


def _skipped(heading: str) -> bool:
    """A column holding no price of the row's own date: another date's, a change, a forecast, a quantity."""
    return bool(SKIP_COLUMN.search(heading)) or bool(QUANTITY_COLUMN.search(heading)) \
        and not PRICE_COLUMN.search(heading)
# a pair of columns that together hold a range: "Low | High", "Min | Max", "最低价 | 最高价"
LOW_COLUMN = regex.compile(rf"^{p.W('table.low_columns')}$", p.FLAGS)
HIGH_COLUMN = regex.compile(rf"^{p.W('table.high_columns')}$", p.FLAGS)
RULE_ROW = regex.compile(r"^[\s|:\-–—=+]*$")  # "|---|:---:|": the line under a markdown header


def is_table_row(line: str) -> bool:
    return line.count("|") >= 2


# a payable's unit: "%", "% payable", "pc payable", "% of LME nickel", "% LME"
PERCENT_UNIT = regex.compile(r"^\s*(?:%|pc|per\s?cent)(?:\s+(?:payable|of|LME|std|standard|Co|Ni)\b.*)?\s*$", p.FLAGS)


# "万元/吨", "RMB 10,000/t": ten thousand yuan (not "万吨", a quantity)
_WAN_YUAN = regex.compile(r"万\s*(?:元|人民币)|(?:RMB|CNY|yuan|Yn)\s*10,?000\s*/", regex.IGNORECASE)
_TEN_THOUSAND_YUAN = regex.compile(
    rf"(?<![A-Za-z])(?:RMB|CNY|yuan|Yn)\s*10,?000\s*{p.PER}\s*(?P<unit>{p.UNIT})(?![A-Za-z])", p.FLAGS)
_PERCENT_IN_BRACKETS = regex.compile(r"[(（]\s*%(?:\s+of\b[^()（）]*)?[)）]\s*$")  # "(%)", "(% of LME cash)"
_RULE_LINE = regex.compile(r"^[\s\-=_*~.·—–+]*$")  # ("+-----+----+": a drawn table's rule)
_NOT_A_NAME = regex.compile(r"[:：.。;；|、(（]")


def unit_in(text: str) -> tuple[str | None, str] | None:
    """(currency, unit) printed in a caption, header or cell ("yuan/mt", "$/kg", "元/吨", "% payable"), if any."""
    match = UNIT_TEXT.search(text)
    if not match:
        if (ten_thousand := _TEN_THOUSAND_YUAN.search(text)) is not None:  # "(unit: RMB 10,000/t)"
            return "CNY", p.unit_of(ten_thousand.group("unit"))
        # ("min 30% Co, CIF China, %": a basis cell whose last part is the unit; "Ni计价系数(%)", "payable (%)")
        return (None, "%") if any(PERCENT_UNIT.match(part) for part in text.split(",")) \
            or _PERCENT_IN_BRACKETS.search(text) else None
    currency = p.currency_code(match.group("currency"))
    return (currency, p.unit_of(match.group("unit"))) if currency else None


class TableCell(NamedTuple):
    """One price of a table row: its span in the row, range, currency, unit, the row's name cell, the price
    type its column names (None: the default), and the row's other text cells before its prices (a
    "Specification" column: "battery grade, Li2CO3 >=99.5%")."""
    start: int
    end: int
    low: float
    high: float
    currency: str | None
    unit: str
    name: str
    kind: str | None
    spec: str = ""


class TableReader:
    """Reads a document's lines in order, remembering captions and headers across rows."""

    def __init__(self, commodity_of: Callable[[str], str | None] = lambda text: None,
                 topic: Callable[[], str | None] = lambda: None):
        self.commodity_of = commodity_of  # the commodity a name names, if any (the registry's, given by the reader)
        self.topic = topic  # the product the reader's section is about, for a row naming none ("| 加蓬块 | ...")
        self.caption = ""  # the line before the table; its unit is looked up only when a row needs it
        self.header: list[list[str]] = []  # the header rows of the table so far (two: "Offers" over "Low | High")
        self._in_header = False  # the last row read was a header row
        self._caption_read: tuple[str, tuple[str | None, str] | None] = ("", None)  # (caption, its unit)

    def other_line(self, line: str) -> None:
        """A line that is not a table row: a possible caption; any table before it has ended."""
        if _RULE_LINE.match(line):  # a rule under the caption or the header ("-----") keeps both
            return
        if self.header and len(line) <= 24 and len(line.split()) <= 3 and not p.DIGIT.search(line) \
                and not _NOT_A_NAME.search(line) and unit_in(line) is None:
            return  # a group's heading between rows ("Lithium carbonate" over its grades): the table goes on
        self.caption = line
        self.header = []
        self._in_header = False

    def _named_unit(self, name: str) -> tuple[tuple[str | None, str], str] | None:
        """The unit the caption gives the products a row names (by name, else by commodity), and its text."""
        if "为" not in self.caption:
            return None
        row = self.commodity_of(name) or self.commodity_of(self.caption) or self.topic()  # (as the reader's rows)
        for match in _NAMED_UNIT.finditer(self.caption):
            names = [part.strip() for part in regex.split(r"[、和及/]", match.group("names")) if part.strip()]
            if any(part in name or row is not None and self.commodity_of(part) == row for part in names):
                unit_text = match.group("unit")
                if "%" in unit_text or "系数" in unit_text:
                    return (None, "%"), unit_text
                unit = unit_in(unit_text)
                return (unit, unit_text) if unit is not None else None
        return None

    def _caption_unit(self) -> tuple[str | None, str] | None:
        """The unit of the caption line above the table; a sentence with a price of its own is no caption."""
        if self._caption_read[0] != self.caption:
            unit = None if not self.caption or (_is_sentence_with_a_price(self.caption)
                                                and not _TEN_THOUSAND_YUAN.search(self.caption)) \
                else unit_in(self.caption)  # ("prices (unit: RMB 10,000/t)" names a unit, not a price)
            self._caption_read = (self.caption, unit)
        return self._caption_read[1]

    def rows(self, line: str) -> list[TableCell]:
        """The prices of a row: the first price cell, or each cell under a column that names a price type
        ("Offers | Bids"); empty when the row holds none (a header, a rule, a row without a unit)."""
        cells, starts, position = [], [], 0
        for cell in line.split("|"):
            cells.append(cell)
            starts.append(position)
            position += len(cell) + 1
        if RULE_ROW.match(line):
            return []
        prices = [PRICE_CELL.match(cell) for cell in cells]
        if any(match and not match.group("pct") for match in prices):  # "| lump | 44% | 41.5-42.0 |": a content
            prices = [None if match and match.group("pct") else match for match in prices]
        # the name is in the first cell with text ("| Cobalt sulphate | ..." has an empty cell before it)
        name_at = next((i for i, cell in enumerate(cells) if cell.strip()), 0)
        priced = any(prices[name_at + 1:])
        if priced and (p.COST.search(cells[name_at]) or len(self.caption) < 100
                       and p.COST.search(self.caption) and not p.DIGIT.search(self.caption)):
            return []  # ("Unit cost of sales of main products", "| C1 cash cost | US$/lb | 6.20 |"): costs
        if priced and p.FORECAST.search(cells[name_at]):
            return []  # ("| Cardinal planning price deck | 900 | 1,050 |", "| Broker consensus | ..."): forecasts
        if not priced:
            row = [cell.strip() for cell in cells]
            if not self._in_header and self.header and len(texts := [cell for cell in row if cell]) >= 2 \
                    and len(set(texts)) == 1 and row[name_at] == texts[0]:
                return []  # ("Feed purchases" spanning the table under its rows: a group of rows, same header)
            self.header = [*self.header, row] if self._in_header else [row]
            self._in_header = True
            return []
        self._in_header = False
        # the unit printed in the row: in a cell of its own, else at the end of the name ("... cif CJK $/kg")
        row_unit_cell = next((cell for cell in [*cells[name_at + 1:], cells[name_at]]
                              if not PRICE_CELL.match(cell) and unit_in(cell)), None)
        row_unit = unit_in(row_unit_cell) if row_unit_cell is not None else None
        # each column's headings, top row first ("Offers" over "Low")
        columns = [[row[i] for row in self.header if i < len(row) and row[i]] for i in range(len(cells))]
        headings = [" ".join(column) for column in columns]
        kinds = [next((kind for text in column if (kind := _column_kind(text))), None) or _heading_kind(heading)
                 for column, heading in zip(columns, headings, strict=True)]
        found: list[TableCell] = []
        found_at: list[int] = []  # the column of each cell found
        taken = -1  # the last cell read (a "Low | High" pair takes two)
        price_columns = [i for i, match in enumerate(prices) if i > name_at and match is not None
                         and not _skipped(headings[i])]
        # an average column is read only where the row has no other price ("本周均价 | 上周均价"), or where it is no
        # mid of the row's one range: a weighted average beside the range is a price of its own
        averages_only = all(AVERAGE_COLUMN.search(headings[i]) for i in price_columns)
        own_average = _own_average(prices, headings, price_columns)
        # columns dated "18 Sep | 25 Sep": the latest is the price, the others comparisons
        # (every dated column counts, empty ones too: "| - | - | 6.85 |" under "Q3 2025 | Q2 2025 | Q3 2024" is no
        # price of this quarter)
        dated = [(date_key, i) for i in range(name_at + 1, len(cells)) if not _skipped(headings[i])
                 and (date_key := _header_date(headings[i])) is not None]
        if {month for (year, month, _), _ in dated if not year} >= {12} and any(m <= 2 for (_, m, _), _ in dated):
            dated = [((1 if not y and m <= 2 else y, m, d), i) for (y, m, d), i in dated]  # "Dec 24 | Jan 1"
        latest = max(dated)[1] if len(dated) >= 2 and len({key for key, _ in dated}) == len(dated) else None
        if latest is None and len(dated) >= 2:
            # "Q3/2025 | Q2/2025 | Q3/2024 | 1–9/2025": the quarter and the year to date end alike; the first is the
            # report's own period (columns headed alike, an offer and a bid of one day, are all read)
            newest = max(key for key, _ in dated)
            tied = [i for key, i in dated if key == newest]
            latest = tied[0] if len({headings[i] for i in tied}) == len(tied) else None
        for index, match in enumerate(prices):
            if index <= name_at or index <= taken or match is None:
                continue
            heading = headings[index]
            if _skipped(heading) or (found and not kinds[index] and found_at[-1] != own_average) or \
                    (AVERAGE_COLUMN.search(heading) and not averages_only and index != own_average) or \
                    (latest is not None and index != latest and _header_date(heading) is not None):
                continue
            # the unit and the text it was read from: "万元/吨" there, in a cell or the caption, scales the figure
            unit, unit_text = (unit_in(match.group("unit_text")), match.group("unit_text")) \
                if match.group("unit_text") else (None, "")
            if unit is None and match.group("unit"):
                unit, unit_text = (None, p.unit_of(match.group("unit"))), ""
            if unit is None and row_unit is not None:
                unit, unit_text = row_unit, row_unit_cell or ""
            if unit is None and heading and (unit := unit_in(heading)) is not None:
                unit_text = heading
            if unit is None and (own := self._named_unit(cells[name_at])) is not None:
                unit, unit_text = own  # ("单位:元/吨;锰矿为元/吨度" over "| 半碳酸锰块 ... |": the ore's own unit)
            if unit is None and (unit := self._caption_unit()) is not None:
                unit_text = self.caption
            # ("| MHP cobalt payable | CIF China | 88-90% |": a row about a payable prints its unit in the cell)
            if unit is None and match.group("pct") and p.PAYABLE_CONTEXT.search(f"{line} {heading} {self.caption}"):
                unit = (None, "%")
            if unit is None:
                return found
            if match.group("pre"):
                unit = (p.currency_code(match.group("pre")), unit[1])
            scale = 10_000 if match.group("wan2") or match.group("wan") or _WAN_YUAN.search(unit_text) else 1
            low = round(float(match.group("low").replace(",", "")) * scale, 6)
            high = round(float(match.group("high").replace(",", "")) * scale, 6) if match.group("high") else low
            last = index
            if any(LOW_COLUMN.match(text) for text in columns[index]) and index + 1 < len(cells) \
                    and prices[index + 1] is not None and not match.group("high") \
                    and any(HIGH_COLUMN.match(text) for text in columns[index + 1]):
                last = index + 1
                high = round(float(prices[last].group("low").replace(",", "")) * scale, 6)
            taken = last
            start = starts[index] + len(cells[index]) - len(cells[index].lstrip())
            end = starts[last] + len(cells[last].rstrip())
            first_price = next(i for i, price in enumerate(prices) if i > name_at and price)
            spec = ", ".join(cell.strip() for cell in cells[name_at + 1:first_price] if cell.strip())
            if (averages_only or index == own_average) and AVERAGE_COLUMN.search(heading) \
                    and kinds[index] != "transaction":  # (a company's "average selling price" is what it sold at)
                spec = ", ".join(part for part in (spec, "average") if part)
            found.append(TableCell(start, end, min(low, high), max(low, high), unit[0], unit[1], cells[name_at],
                                   kinds[index], spec))
            found_at.append(index)
            if not kinds[index] and index != own_average:
                break  # a table without price-type columns gives one price a row (and its own average)
        return found


def _own_average(prices: list, headings: list[str], columns: list[int]) -> int | None:
    """The row's one average column when it is no mid of the row's one range ("Weighted average | Range"), if any."""
    averages = [i for i in columns if AVERAGE_COLUMN.search(headings[i])]
    ranges = [i for i in columns if i not in averages and prices[i].group("high")]
    if len(averages) != 1 or len(ranges) != 1 or prices[averages[0]].group("high"):
        return None
    value, low, high = (float(text.replace(",", "")) for text in (
        prices[averages[0]].group("low"), prices[ranges[0]].group("low"), prices[ranges[0]].group("high")))
    return averages[0] if abs(value - (low + high) / 2) > 1e-9 * max(high, 1.0) else None


# what may stand beside a price type in a column's header: its unit in brackets, "price(s)", 价
# (and the period a column is of: "2025年第四季度平均售价", "Q4 2025 average selling price")
_HEADING_FILLER = regex.compile(rf"[(（][^()（）]*[)）]|{p.W('table.heading_fillers')}|[\s:：]"
                                r"|(?:19|20)\d\d\s*年\s*(?:第?[一二三四1-4]\s*季度|\d{1,2}\s*[-至~]\s*\d{1,2}\s*月)|平均",
                                p.FLAGS)


_MONTHS = {name.casefold(): int(number) for name, number in p.words.table("time.months").items()}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# a column's date: "25 Sep", "19-Dec-25", "Dec 18, 2025", "Oct-25" (a month), "2025-12-18", "12月18日"
_HEADER_DATE = regex.compile(
    rf"(?P<d1>\d{{1,2}})[\s-]+(?P<m1>{_MONTH})\.?(?:[\s-]+(?P<y1>\d{{2,4}}))?(?![A-Za-z\d])"
    rf"|(?P<m2>{_MONTH})\.?(?:\s+(?P<d2>\d{{1,2}})(?!\d))?(?:,?[\s-]+'?(?P<y2>\d{{2,4}}))?(?![A-Za-z\d])"
    rf"|(?P<y3>(?:19|20)\d\d)[-/.](?P<m3>\d{{1,2}})[-/.](?P<d3>\d{{1,2}})"
    rf"|(?:(?P<y4>(?:19|20)\d\d)\s*年\s*)?(?P<m4>\d{{1,2}})\s*月(?:\s*(?P<d4>\d{{1,2}})\s*[日号])?", p.FLAGS)


# a column's quarter: "Q3 2025", "3Q25", "Q3 FY25", "2025年第四季度平均售价"
# (and the months of a year to date: "1–9/2025", "2025年7-9月"; words may follow: "Q3/2025 average selling prices")
_HEADER_QUARTER = regex.compile(r"^\s*(?:Q([1-4])\s*/?\s*(?:FY)?\s*'?((?:19|20)?\d\d)\D*|([1-4])Q\s*'?((?:19|20)?\d\d)"
                                r"|((?:19|20)\d\d)\s*年\s*第?([一二三四1-4])\s*季度\D*"
                                r"|((?:19|20)\d\d)\s*年\s*\d{1,2}\s*[-至~]\s*(\d{1,2})\s*月\D*"
                                r"|\d{1,2}\s*[-–]\s*(\d{1,2})\s*/\s*((?:19|20)\d\d)\D*)\s*$")
_CHINESE_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4}
_HEADER_HALF = regex.compile(r"(?<![\w])(?:([12])H|H([12]))\s*'?((?:19|20)?\d\d)(?![\w])")  # "1H2025", "H2 24"
# a quarter named by its last month, as Australian reports do: "Jun Q 2025", "Sep Qtr 25", "June quarter 2025"
_HEADER_MONTH_QUARTER = regex.compile(
    rf"^\s*(?P<m>{_MONTH})\.?\s*(?:q|qtr|quarter)\s*'?(?P<y>(?:19|20)?\d\d)\s*$", p.FLAGS)


def _header_date(heading: str) -> tuple[int, int, int] | None:
    """(year or 0, month, day or 0) of a column's header that is a date, a month or a quarter (its last month),
    else None."""
    if (ended := _HEADER_MONTH_QUARTER.match(heading)) is not None:
        year = int(ended.group("y"))
        return (year + (2000 if year < 100 else 0), _MONTHS[ended.group("m").casefold()], 0)
    if (quarter := _HEADER_QUARTER.match(heading)) is not None:
        if quarter.group(7):  # months "7-9": the period's last month
            return (int(quarter.group(7)), int(quarter.group(8)), 0)
        if quarter.group(9):  # "1–9/2025"
            return (int(quarter.group(10)), int(quarter.group(9)), 0)
        if quarter.group(5):
            number, year = _CHINESE_NUMBER.get(quarter.group(6)) or int(quarter.group(6)), int(quarter.group(5))
        else:
            number, year = int(quarter.group(1) or quarter.group(3)), int(quarter.group(2) or quarter.group(4))
        return (year + (2000 if year < 100 else 0), number * 3, 0)
    if (half := _HEADER_HALF.search(heading)) is not None:
        year = int(half.group(3))
        return (year + (2000 if year < 100 else 0), 6 if "1" in (half.group(1), half.group(2)) else 12, 0)
    match = _HEADER_DATE.search(heading)
    if not match:
        return None
    for d, m, y in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3"), ("d4", "m4", "y4")):
        if match.group(m):
            month_text = match.group(m)
            month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.casefold()]
            year = int(match.group(y)) if match.group(y) else 0
            year += 2000 if 0 < year < 100 else 0
            return (year, month, int(match.group(d)) if match.group(d) else 0) if 1 <= month <= 12 else None
    return None


def _is_sentence_with_a_price(line: str) -> bool:
    try:
        return any(match.group("unit") for match in p.PRICE.finditer(line[:2000], timeout=1.0))
    except TimeoutError:
        return True


# "锰矿为元/吨度", "MHP、高冰镍为计价系数(%)": a caption's unit for the products it names
_NAMED_UNIT = regex.compile(r"(?P<names>[^;；:：,，()（）]{1,20}?)为(?P<unit>[^;；,，]{1,20})")


def _heading_kind(heading: str) -> str | None:
    """A deal's cue in a column's headings stacked over several lines ("Six months ended 30 June 2025" over
    "Average selling price (RMB/t)"): the company sold at it."""
    cues = {cue.lastgroup for cue in p.KIND_CUES.finditer(heading)} - {"neutral"}
    return "transaction" if cues == {"transaction"} else None


def _column_kind(heading: str) -> str | None:
    """The price type a column's header names ("Offers", "Bids", "Deals", "成交价", "报价(元/吨)",
    "采购意向价"), if any: one cue, with nothing else beside it but the unit and "price"."""
    heading = UNIT_TEXT.sub(" ", heading) if heading else ""
    cues = list(p.KIND_CUES.finditer(heading))
    if len(cues) != 1 or cues[0].lastgroup == "neutral":
        return None
    rest = heading[:cues[0].start()] + " " + heading[cues[0].end():]
    return cues[0].lastgroup if not _HEADING_FILLER.sub("", rest) else None
