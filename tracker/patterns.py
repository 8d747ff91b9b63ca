"""The regular expressions of extraction, in one place, with what they mean.

Every pattern is linear on near-miss input: numbers cannot start inside a number (the look-behind),
quantifiers are bounded or possessive, and context patterns only ever see a bounded window.
"""
from __future__ import annotations

import regex

# VERSION0: simple case folding. Full case folding (VERSION1) made every case-insensitive scan twice as slow
# and only matters for characters such as "ß" that NFKC-normalised reviews do not use in price phrases.
FLAGS = regex.IGNORECASE | regex.VERSION0
DIGIT = regex.compile(r"\d")

NUMBER = r"(?:\d{1,3}(?:,\d{3})++(?!\d)|\d++)(?:\.\d++)?"
CURRENCY_BEFORE = r"(?:US\$|\$|USD|RMB|CNY|Yn|¥|Yuan(?=\s?\d))"
CURRENCY_AFTER = r"(?:万元|美元|元|yuan|RMB|CNY|USD|US\s?dollars?|dollars?|\$)"
UNIT = (r"(?:metric\s+tonnes?|metric\s+tons?|tonnes?|tons?|dmtu|mtu|(?:ni|nickel)\s+(?:units?|points?)"
        r"|dmt|wmt|mt|t|lbs?|pounds?|kg|kilograms?"
        r"|吨度|(?:镍|钴|金属)?吨|磅|千克|公斤|镍点)")
RANGE_SEPARATOR = r"(?:-|–|—|~|to|至)"

# A price: optional currency, a number, optionally a range, currency, per-unit.
# "$25.5-$26.0/lb", "$25.5–26.0/lb", "24.5–33.0 $/lb", "575,000-600,000 yuan per tonne",
# "between 90 and 95 yuan/mt", "9.6-9.8万元/吨", "Yn73,600/t", "¥383,500/t".
PRICE = regex.compile(
    rf"""(?<![A-Za-z0-9.,/])
    (?:(?P<between>between)\s+)?
    (?:(?P<pre1>{CURRENCY_BEFORE})\s?)?
    (?P<low>{NUMBER})(?:(?P<wan>万)|(?P<k1>k)(?![a-z]))?
    (?:\s*+(?P<sep>(?(between)and|{RANGE_SEPARATOR}))\s*+
       (?:(?P<pre2>{CURRENCY_BEFORE})\s?)?(?P<high>{NUMBER})(?:(?P<wan2>万)|(?P<k2>k)(?![a-z]))?)?
    (?![\d.])
    (?:\s?(?P<post>{CURRENCY_AFTER}))?
    (?:\s?(?:/|per\s|a\s|每)\s?(?P<unit>{UNIT})(?![A-Za-z]))?
    """, FLAGS | regex.VERBOSE)

# Payables are prices in % of a reference price: "assessed higher at 70-71.5%".
# "86-87折" is Chinese for 86-87% (and "8.7折" for 87%)
PERCENT = regex.compile(
    rf"(?<![A-Za-z0-9.,/])(?P<low>{NUMBER})(?:%|pc|折)?(?:\s*+(?P<sep>-|–|—|~|to|至)\s*+(?P<high>{NUMBER}))?"
    rf"\s?(?:%|pc\b|per\s?cent\b|(?P<zhe>折)(?!合|算))", FLAGS)
PAYABLE_CONTEXT = regex.compile(
    r"payable|计价系数|系数"
    r"|%\s*of\s+(?:the\s+)?(?:LME|SMM|MB|Fastmarkets|Metal\s+Bulletin|standard|reference|[\w-]+\s+(?:price|index))",
    FLAGS)
# "90% of LME nickel", "against SMM refined cobalt": the reference a payable is a share of
PAYABLE_REFERENCE_BEFORE = regex.compile(
    r"(?:(?:%|pc|per\s?cent)\s*(?:payable\s+)?of|\bpayables?\s+of|\bagainst|\bvs\.?|\bversus)\s+(?:the\s+)?"
    r"(?:[\w'’()-]+\s+){0,3}$",
    FLAGS)
# a percentage a buyer bid, a seller offered or a deal was done at, in a review about payables
PAYABLE_CUE_BEFORE = regex.compile(
    r"\b(?:bids?|bid|bidding|offers?|offered|offering|traded|trades?|trading|deals?|sold|selling|held\s+out\s+for"
    r"|heard|concluded|assessed|done)"
    r"\s+(?:[\w'’-]+\s+){0,5}?(?:at\s+|of\s+|around\s+)?$"
    r"|(?:报价|报盘|采购意向|意向价?|成交价?|以|系数)[^,，。;；\d]{0,10}$", FLAGS)
# "min 30%", "≥20.5%", "(Co 30%, CIF China)": a grade, not a payable
_ELEMENT = r"Co|Ni|Li|Li2O|Mn|Cu"
PERCENT_NOT_PAYABLE_BEFORE = regex.compile(
    rf"(?:\b(?:min|max|minimum|maximum)\.?|[≥≤<>+\-−]|\b(?:{_ELEMENT}))\s*$", FLAGS)
PERCENT_NOT_PAYABLE_AFTER = regex.compile(
    rf"^\s*(?:{_ELEMENT}|cobalt|nickel|lithium|copper|manganese|rise|increase|decrease|drop|fall|gain"
    r"|YoY|MoM|WoW|year|cheaper|dearer|higher|lower|more|less|above|below|up|down|min|max|minimum|purity)\b",
    FLAGS)
# "the cobalt content was 30%": a composition, not a payable
PERCENT_COMPOSITION = regex.compile(
    r"\b(?:content|contains?|containing|(?<![\w-])grade|purity|moisture|concentration|share|rate)\b", FLAGS)

# "up 1,000 yuan/mt", "fell by $0.5/lb", "a loss of 1370 yuan/mt", "下跌90美元/吨"
CHANGE_BEFORE = regex.compile(
    r"""(?:\b(?:up|down|rose|fell|risen|fallen|rising|falling|increased|decreased|dropped|gained|lost
          |climbed|declined|jumped|slipped|added|shed|soared|plunged|surged|eased|lower|higher)(?:\s+by)?
        |\b(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:rise|drop|fall|increase|decrease|decline|gain|loss
          |dip|jump|hike|cut|change|premium|discount|spread|difference|surcharge)s?\s+(?:of|by|was|were|at)
        |\b(?:premiums?|discounts?|spreads?)\s+(?:of|at|were|was|stood\s+at)
        |涨|跌|上涨|下跌|上调|下调|增加|减少|下降|上升|涨幅|跌幅|降|升|差价|升水|贴水)
       \s*(?:around|about|roughly|nearly|some|approximately|over|约|了)?\s*$""", FLAGS | regex.VERBOSE
    | regex.REVERSE)  # searched from the end: it only ever matches there, and this is three times faster
# "26 yuan/mt lower MoM", "a 500 yuan/mt dip"
CHANGE_AFTER = regex.compile(
    r"^\s*(?:lower|higher|less|more|up|down|above|below|dip|drop|rise|increase|decrease|gain|loss|decline|fall|jump"
    r"|hike|cut|premium|discount)\b(?!\s+from)", FLAGS)

# Earlier levels cited for comparison: "from $850-900/t", "lower than Yn73,500", "compared with".
# "rose from 90,000 to 95,000 yuan/mt" is a movement (the level is 95,000); "ranged from ... to" is a range.
MOVEMENT_FROM = regex.compile(
    r"\b(?:rose|fell|risen|fallen|rising|falling|increased|decreased|dropped|gained|climbed|declined|jumped"
    r"|slipped|eased|moved|rebounded|retreated|recovered|edged\s+\w+|went\s+\w+|up|down|higher|lower)"
    r"\s+(?:[\w-]+\s+){0,2}?from\s*$", FLAGS)
COMPARISON_BEFORE = regex.compile(
    r"(?:\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against)\s+"
    r"(?:(?:an?|the|its|their|about|around|roughly|nearly|average|levels?|prices?|of|at)\s+){0,3}|较|比)$",
    FLAGS)
EARLIER_PERIOD = regex.compile(
    r"\b(?:previous|prior|last|earlier)\s+(?:week|month|day|trading\s+day|working\s+day|session|year|period"
    r"|quarter|monday|tuesday|wednesday|thursday|friday)"
    r"|\b(?:a|one|two|three|the)\s+(?:week|month|day|year|fortnight)s?\s+(?:earlier|before|ago)"
    r"|上周|上月|前一交易日|昨日|去年同期", FLAGS)
# "above August's 70,090 yuan/mt", "last week's 75,000": the level of another period
POSSESSIVE_PERIOD_BEFORE = regex.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|week|month"
    r"|year|day|session|monday|tuesday|wednesday|thursday|friday|yesterday)(?:'s|’s)\s+(?:[\w-]+\s+){0,3}?$",
    FLAGS)
# "higher than last week at 76,000", "unchanged from a week earlier at $905/t": the period is the
# comparison base and the price that follows is current.
PERIOD_AS_BASE = regex.compile(r"(?:\b(?:than|from|compared\s+(?:with|to)|versus|vs\.?|over|since)\s+|较|比)$", FLAGS)
# "from last Thursday's 388,000", "较上周同期的124,900元/吨": the level of the earlier period itself
PERIOD_POSSESSIVE = regex.compile(r"^\S{0,6}?(?:'s|’s|的)", FLAGS)
CURRENT_PERIOD = regex.compile(r"\b(?:this|the\s+current)\s+(?:week|month)\b|\btoday\b|本周|本月|今日|目前|当前", FLAGS)
EARLIER_AFTER = regex.compile(
    r"^[^,;.\d$¥]{0,30}?(?:\b(?:a|one|two|three|the)\s+(?:week|month|day|year|fortnight)s?\s+(?:earlier|before|ago)"
    r"|\b(?:last|previous|prior)\s+(?:week|month|trading\s+day))", FLAGS)

# "equivalent to $26.85-28.02 per lb", "or $10.3/kg": the same price in other money.
EQUIVALENT_BEFORE = regex.compile(
    r"(?:\b(?:equivalent\s+(?:to|of)|equal\s+to|converted\s+(?:to|into)|or)\s*\(?|折合|相当于)\s*$", FLAGS)
# "the cost of producing nickel sulphate from MHP rose to 28,900 yuan/mt": a cost, not a market price.
COST = regex.compile(
    r"\b(?:costs?|margins?|profits?|losses|spreads?|gaps?|differentials?|premiums?|discounts?|(?:processing\s+)?fees?"
    r"|charges?)\b|成本|利润|价差|升水|贴水|加工费", FLAGS)
# "up 4,310 yuan/mt and 4,250 yuan/mt WoW respectively": a second change in a list of changes
LIST_GAP = regex.compile(r"^\s*(?:,|and|or|、|和)\s*(?:and\s+)?$", FLAGS)
# "above 110,000 yuan/mt": a bound, not a level.
BOUND_BEFORE = regex.compile(
    r"(?:\b(?:above|below|over|under|more\s+than|less\s+than|at\s+least|at\s+most|exceeding|beyond)"
    r"|超过|高于|低于|不低于|不高于)\s*$", FLAGS)
BOUND_AFTER = regex.compile(r"^\s*(?:以上|以下|上方|下方|or\s+(?:more|above|higher|less|below|lower))", FLAGS)
FORECAST = regex.compile(
    r"\b(?:forecasts?|forecasting|scenarios?|projected|projections?|predicted|expects?|expected|anticipates?"
    r"|likely\s+to|next\s+(?:week|month|quarter|year)|in\s+the\s+coming|to\s+test"
    r"|(?:could|may|might)\s+(?:\w+\s+)?(?:test|reach|hit|touch|climb|rise|fall|drop)"
    r"|by\s+the\s+end\s+of(?!\s+the\s+(?:session|day|trading))|by\s+(?:year-end|the\s+year\s+end))\b"
    r"|预测|预计|预期|有望|下周|下月", FLAGS)

# Price type cues; the last cue before a price, in its clause, decides. Longer phrases come first.
KIND_CUES = regex.compile(
    r"""(?<![A-Za-z])(?:
      (?P<neutral>(?:without|no|(?<!\ba\s)few|(?<!\ba\s)little|lack\s+of|absence\s+of)\s+(?:[\w-]+\s+){0,2}?
          (?:transactions?|deals?|trades?|trading))
    | (?P<assessment>quotation\s+range|quoted\s+in\s+(?:a|the)\s+range|price\s+range
          |SMM(?:'s)?\s+(?:[\w-]+\s+){0,3}?(?:quotes?|quotations?|quoted|prices?)
          |index\s+(?:[\w-]+\s+){0,3}?(?:closed|finished|settled|ended)
          |assess\w*|index|indices|average[sd]?|averaging|benchmark|reference\s+price
          |中间价|均价|报价区间|指数|报价|报(?!盘))
    | (?P<bid>purchase\s+intentions?|purchasing\s+intentions?|intended\s+purchase|bids?|bidding|bidders?
          |counter-?offers?|countered|counter-?bids?|accepted\s+prices?|buying\s+(?:ideas?|interest)|accepts?|accepted
          |心理价位?
          |seeking|sought
          |acceptable|acceptance|buyers?'?\s+(?:[\w-]+\s+)?prices?|(?:willing|prepared|ready)\s+to\s+(?:pay|buy)
          |采购意向|询价|买价|还价|接受)
    | (?P<transaction>deals?|dealt|transactions?|transacted|traded|trades?|trading\s+(?:at|around|near)
          |changed\s+hands|sold|bought|booked|purchased|secured|concluded|concluding|closed|opened|finished|settled
          |paid|paying|buying(?!\s+(?:interest|ideas?))|awarded|done\s+at|went\s+at
          |auction(?:ed)?
          |purchases?\s+(?:were\s+|was\s+)?(?:made|done)|成交价?|招标定价|中标价)
    | (?P<offer>offers?|offered|offering|quotes?|quoted|quotations?|asking|asks?|asked|target\s+prices?
          |target(?:s|ed|ing)?|(?:willing|prepared|ready|looking)\s+to\s+sell|ex-works\s+prices?
          |list\s+prices?|ex-factory\s+prices?|selling\s+prices?|sellers?|quoting|held\s+out\s+for
          |insist(?:s|ed|ing)?\s+on|looking\s+for|hold(?:s|ing)?\s+out\s+for|挂牌价?|出厂价|报盘|主流报价
          |(?:厂|商|企业|冶炼|卖方|上游|矿山|贸易)[^。；;]{0,25}?报价)
    )(?![A-Za-z])""", FLAGS | regex.VERBOSE)

# "以11.3万元/吨成交", "以892美元/吨(CIF,SC6)拍卖成交", "以8.12万元/吨采购": Chinese puts the deal after the price
TRANSACTION_AFTER = regex.compile(r"[^,，;；。]{0,15}?(?:成交|采购|购得|买入)")  # match(line, pos): anchored there
# A price that opens its clause, with the cue after it: "$880/t was paid for SC6", "300-310k yuan/t quoted by two
# suppliers", "6,050 yuan/mt is what one producer asked for", "RMB 76,500/t - that was the asking price"
KIND_AFTER = regex.compile(
    r"""^[^,;:。，；]{0,80}?(?:
      (?P<transaction>\b(?:was|were)\s+(?:paid|done|traded|sold|booked|concluded|agreed)\b|\bchanged\s+hands\b)
    | (?P<offer>\b(?:quoted|offered)\s+by\b|\basking\s+price\b|\bheld\s+out\s+for\b|\basked\s+for\b
        |\bis\s+what\b[^,;.]{0,40}?\basked\b)
    | (?P<bid>\bbid\s+by\b|\bbids?\s+from\b)
    )""", FLAGS | regex.VERBOSE)
# "Cobalt Tetroxide MB China ex-works 72.6% Co RMB/tonne: 228,000-235,000": the unit labels the number
LABELLED_PRICE = regex.compile(
    rf"(?P<currency>{CURRENCY_BEFORE}|{CURRENCY_AFTER})\s?/\s?(?P<unit>{UNIT})\s*:\s*(?P<low>{NUMBER})"
    rf"(?:\s*(?:-|–|—|~)\s*(?P<high>{NUMBER}))?(?![\d.])", FLAGS)

# Grade qualifiers, longest first.
GRADE = regex.compile(
    r"""(?<![A-Za-z])(?:
      medium-?\s+to\s+high-grade|high-nickel|low-nickel|high-cobalt|low-cobalt
    | (?:MHP|intermediate|scrap|recycl\w+|nickel\s+bean)[-\s](?:derived|based)
    | (?:battery|industrial|technical|electroplating|feed|high|low|medium|standard|alloy)[-\s]grade
    | \d+(?:\.\d+)?(?:pc|%)[-\s]grade|min\.?\s+\d+(?:\.\d+)?%
    | (?:min\.?\s+)?\d+(?:\.\d+)?(?:%|pc)\s*(?:Co|Ni|Li2O|Li2CO3|LiOH)(?:\s+min)?
    | ≥\s?\d+(?:\.\d+)?%|recycled|recycling(?:-side)?|scrap|mainstream[-\s]brands?|SC\d(?:\.\d)?
    | CIF\d?(?:\s*(?:China|中国))?|FOB|ex-works|EXW|spot|futures|Q[1-4]\s+20\d\d\s+futures
    # what else tells one publisher's prices of a product apart: an index beside the range it
    # summarises, an average, where the material comes from
    | index|(?:daily|weekly|monthly|quarterly|annual)\s+average
    | Indonesian|Australian|Brazilian|Zimbabwean|Malian|Chilean|Argentine|Congolese|Nigerian|Ghanaian
    | South\s+African|Philippine|import(?:ed)?
    | coarse|micro-?powder|(?:\#|No\.\s?)1|Jinchuan|Huayou|Glencore|Umicore|Norilsk|Chambishi|Russian
    )(?![A-Za-z])
    # Chinese words are glued to Latin ones ("澳大利亚CIF6中国"): no word boundaries
    | 电池级|工业级|电镀级|晶体|液体|精矿|原矿|指数|均价
    | 印尼|澳大利亚|澳洲|巴西|津巴布韦|马里|南非|尼日利亚|加纳|刚果|智利|阿根廷|进口
    | 粗颗粒|微粉|1\#|金川|华友""", FLAGS | regex.VERBOSE)
# Spec words printed right after the price: "$9.40-9.60/kg cif China", "yuan/t ex-works", "$15,015/mt Ni"
# (a price of the metal content), "(镍计)"
SPEC_AFTER = regex.compile(
    r"^\s*,?\s*(?:(?P<basis>cif(?:\s+China)?|fob(?:\s+[A-Z][a-z]+)?|ex-works|exw|ddp|dap|in-warehouse)"
    r"(?![A-Za-z])"
    r"|(?:of\s+)?(?:\(\s*)?(?P<metal>Ni|Co|nickel|cobalt|镍|钴)(?:\s+contained|计)?\b)",
    regex.VERSION0 | regex.IGNORECASE)

# A commodity named as feedstock ("made from MHP", "intermediate-based") is a grade, not the commodity.
FEEDSTOCK_BEFORE = regex.compile(
    r"(?:\b(?:made|produced|producing|derived|sourced|manufactured)\s+from"
    r"|(?:rely|relies|relying|reliant|based|fed|depend|depends|depending|dependent)\s+on)\s+(?:[\w-]+\s+)?$"
    r"|(?:\bfrom|running\s+on|using)\s+(?:(?:imported|domestic|spot|purchased|recycled|cheaper|costly)\s+)?$"
    r"|(?:原料|原材料)$", FLAGS)
FEEDSTOCK_AFTER = regex.compile(r"^[-\s](?:based|derived|feed)\b", FLAGS)
# "Co3O4 makers", "MHP and recycling producers": companies, not the commodity priced.
INDUSTRY_AFTER = regex.compile(
    r"""^\)?(?:\s*\([^()]{1,20}\))?(?:(?:\s+and\s+[\w-]+|\s+(?:cathode|precursor|battery|materials?))?\s+(?:makers?|producers?|manufacturers?|enterprises?|smelters?
       |plants?|companies|company|sectors?|industry|refiners?|miners?|suppliers?|consumers?|users?
       |demand|capacity|output|production|inventor(?:y|ies)|feedstock|arrivals?|imports?|exports?|shipments?
       |shortages?|supply|supplies|costs?)\b
       # "cobalt tetroxide producers raised offers to": sellers quoting their own product
       (?!\s+(?:\w+\s+)?(?:(?:raised|lifted|hiked|cut|lowered|held|kept|increased|reduced)
          \s+(?:their\s+|its\s+)?(?:offers?|quotes?|quotations?|prices?|asking)
          |offer(?:s|ed)?|quot(?:e|es|ed)|ask(?:s|ed)?|asking|insist(?:s|ed)?\s+on|sold|selling)\b)
       |\s*(?:企业|厂家|厂商|工厂|厂|到港|供应|库存))""",
    FLAGS | regex.VERBOSE)
# "cost pressure stayed high and offers were at": a cue after a conjunction starts a clause about the price
CONJUNCTION = regex.compile(r"\b(?:and|while|but|whereas|as)\b|而|但", FLAGS)
# "Costs: LME nickel ...", "成本端,...": a sentence about inputs names no commodity the later prices are for
INPUT_SENTENCE = regex.compile(
    r"^\s*(?:on\s+the\s+)?(?:costs?|cost\s+side)\b|^\s*(?:成本|原料)(?:端|方面)", FLAGS)
# "(against LME nickel)": a reference price named beside the one reported
REFERENCE_BEFORE = regex.compile(r"\b(?:against|vs\.?|versus)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", FLAGS)
# "with cobalt intermediates still scarce, smelters raised quotes to ...": a commodity named in a clause that
# gives a reason or circumstance is context, not what the price is for.
CONTEXT_CLAUSE = regex.compile(
    r"^\s*(?:(?:and|but|while)\s+)?(?:with|as|amid|after|given|citing|despite|since|because(?:\s+of)?|due\s+to"
    r"|on\s+the\s+back\s+of"
    r"|supported\s+by|driven\s+by|weighed\s+(?:on|down)\s+by)\b", FLAGS)
# "... $1,200/mt for SC6": a commodity named right after the price.
FOR_AFTER = regex.compile(r"^\s*(?:for|of)\s+(?:[\w-]+\s+){0,3}?$", FLAGS)

# where a clause ends inside a sentence: ", " "; " ": " and their full-width forms
CLAUSE_BREAK = regex.compile(r"[,;:]\s|[，；：]|(?<=[^\x00-\x7f])[,;:]")
SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\[\"“'(¥$])|(?<=[。！？；;])")
# "· Mysteel: cobalt sulphate follows", "> SMM: ...": an item's headline in a Related News block
BULLET_ITEM = regex.compile(r"^[·•>]\s*\S")
SECTION_HEAD = regex.compile(
    r"^(?:[·•>]\s*)?(?:\[[^\]\n]{2,60}\]|【[^】\n]{2,60}】)"
    r"|^(?:(?:related|recent|latest|more|other)\s+(?:news|articles|stories|reports|reading)$"
    r"|more\s+from\s+[\w ]{2,30}$|you\s+may\s+also\s+like$|read\s+more$|see\s+also$|further\s+reading$"
    r"|相关(?:新闻|阅读|文章|资讯)$)", FLAGS)

UNITS = {"metric tonne": "mt", "metric tonnes": "mt", "metric ton": "mt", "metric tons": "mt", "tonne": "mt",
         "tonnes": "mt", "ton": "mt", "dmt": "mt", "wmt": "mt",
         "tons": "mt", "mt": "mt", "t": "mt", "吨": "mt", "lb": "lb", "lbs": "lb",
         "pound": "lb", "pounds": "lb", "磅": "lb", "kg": "kg", "kilogram": "kg", "kilograms": "kg",
         "千克": "kg", "公斤": "kg", "镍吨": "mt", "钴吨": "mt", "金属吨": "mt", "dmtu": "dmtu",
         "mtu": "mtu", "镍点": "mtu", "吨度": "dmtu", "ni unit": "mtu", "ni units": "mtu", "nickel unit": "mtu",
         "nickel units": "mtu", "nickel point": "mtu", "nickel points": "mtu"}
GRADE_ENGLISH = {"电池级": "battery-grade", "工业级": "industrial-grade", "电镀级": "electroplating-grade",
                 "晶体": "crystal", "液体": "solution", "精矿": "concentrate", "原矿": "raw ore"}
CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "美元": "USD", "dollar": "USD", "dollars": "USD",
              "us dollar": "USD", "us dollars": "USD", "usdollar": "USD", "usdollars": "USD",
              "yuan": "CNY", "rmb": "CNY", "cny": "CNY", "yn": "CNY", "¥": "CNY", "元": "CNY", "万元": "CNY"}
