"""HTML pages as text: one line per block element, table rows as "|" cells, the title, dates and site hints."""
from __future__ import annotations

from tracker.errors import DocumentError

# -- HTML to text -------------------------------------------------------------------------------
#
# lxml (libxml2's HTML parser) rather than html.parser: it recovers from malformed markup the way
# browsers do and stays linear on hostile pages, where html.parser takes quadratic time (a long
# run of "<a " or an unclosed comment).

SKIP = {"script", "style", "nav", "noscript", "template", "svg", "head", "iframe", "button", "form",
        "xmp", "noembed", "noframes", "title"}
BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
         "section", "article", "aside", "header", "footer", "main", "dt", "dd", "dl", "table",
         "blockquote", "pre", "hr", "figcaption", "title"}


def html_to_text(markup: str, path: str = "<html>") -> tuple[str, str, list[str], list[str]]:
    """(visible text with one line per block element, title, <time datetime> values, site hints) of a page.

    Site hints are what the page says about the site it is from: og:site_name, application-name,
    canonical link, og:url and the <title> (its "- Site Name" tail is often cut from the <h1>).

    Scripts, styles and navigation are dropped; entities are decoded by the parser.
    """
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return "", "", [], []  # nothing visible: the reader reports the empty document
    if any("depth" in entry.message.lower() for entry in parser.error_log):
        raise DocumentError(path, "HTML nested too deeply to read (thousands of open tags)")
    title = " ".join(root.findtext(".//title", default="").split())
    hints = [title] if title else []
    heading = root.find(".//h1")
    if heading is not None and heading.text_content().strip():
        title = " ".join(heading.text_content().split())
    # the page's own date first (its meta tags), then <time>s outside cards of other articles
    published: list[str] = []
    times = [(element.get("datetime"), _in_other_item(element)) for element in root.iter("time")
             if element.get("datetime")]
    for element in root.iter("meta", "link"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or element.get("rel")
               or "").casefold()
        if key in _SITE_KEYS:
            hints.append(" ".join((element.get("content") or element.get("href") or "").split()))
        elif key in _PUBLISHED_KEYS and element.get("content"):
            published.append(element.get("content"))
    datetimes = published + [value for value, other in times if not other] + [value for value, other in times if other]
    for table in root.iter("table"):
        _expand_spans(table)
    parts: list[str] = []
    skipping = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            skipping += tag in SKIP
            if tag in BLOCK:
                parts.append("\n")
            if not skipping and element.text:
                parts.append(_html_space(element.text))
        else:
            skipping -= tag in SKIP
            if tag in BLOCK:
                parts.append("\n")
            elif tag in ("td", "th") and not skipping:
                parts.append(" | ")  # a table row stays one line, its cells separated as in pasted tables
            if not skipping and element.tail:
                parts.append(_html_space(element.tail))
    return "".join(parts), title, datetimes, [hint for hint in hints if hint]


_MAX_SPAN = 50  # a cell spans at most this many rows or columns (a hostile colspan="1000000" is 50)


def _span(cell, name: str) -> int:
    try:
        return max(1, min(_MAX_SPAN, int(cell.get(name) or 1)))
    except ValueError:
        return 1


def _expand_spans(table) -> None:
    """A data table's cells spanning rows or columns are repeated in every row and column they span, so each
    row reads as one line of cells under its own headers ("Offers" over "Low | High", a rowspan "Product").
    Tables holding other tables or blocks (page layout) are left as they are."""
    if not any(cell.get("colspan") or cell.get("rowspan") for cell in table.iter("td", "th")) or \
            any(element is not table for element in table.iter("table", "p", "div", "ul", "ol")):
        return
    pending: dict[int, tuple[int, object]] = {}  # column -> (rows still to fill, the cell)
    for row in list(table.iter("tr"))[:2000]:
        cells = [cell for cell in row if cell.tag in ("td", "th")]
        for cell in cells:
            row.remove(cell)
        laid: list = []
        column = 0
        while cells or column in pending:
            if column in pending:
                left, above = pending[column]
                laid.append(_copy_cell(above))
                if left > 1:
                    pending[column] = (left - 1, above)
                else:
                    del pending[column]
                column += 1
                continue
            cell = cells.pop(0)
            rows, columns = _span(cell, "rowspan"), _span(cell, "colspan")
            for k in range(columns):
                laid.append(cell if k == 0 else _copy_cell(cell))
                if rows > 1:
                    pending[column] = (rows - 1, cell)
                column += 1
        for cell in laid:
            row.append(cell)


def _copy_cell(cell):
    import copy

    twin = copy.deepcopy(cell)
    twin.attrib.pop("rowspan", None)
    twin.attrib.pop("colspan", None)
    twin.tail = None
    return twin


_PUBLISHED_KEYS = {"article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                   "publish_date", "publication_date", "dc.date.issued", "dcterms.issued", "sailthru.date"}
# where cards of other articles stand: related/recommended blocks, sidebars, footers
_OTHER_ITEMS = ("related", "recommend", "sidebar", "card", "teaser", "more-", "trending", "popular")


def _in_other_item(element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("aside", "footer", "nav"):
            return True
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".casefold()
        if any(word in names for word in _OTHER_ITEMS):
            return True
    return False


_SITE_KEYS = {"og:site_name", "application-name", "publisher", "article:publisher", "og:url", "canonical",
              "copyright", "dc.publisher", "author"}


def _html_space(data: str) -> str:
    """HTML white space is one space; the line structure comes from the block elements."""
    words = " ".join(data.split())
    return f" {words} " if words else ""
