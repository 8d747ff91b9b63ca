"""The page reader: one pass over a page gives each line its topic and date, before any price is read."""
from __future__ import annotations

from datetime import date

from tracker.registry import default_registry
from tracker.sections import read_page

DAY = date(2024, 10, 14)


def dated(text: str, topic: str = "lithium_carbonate") -> list[tuple[str, str | None, date]]:
    return [(line.text, line.topic, line.date) for line in read_page(text, default_registry(), topic, DAY)]


def test_a_date_printed_below_an_item_dates_the_lines_above_it() -> None:
    text = ("Lithium carbonate held at 74,000 yuan/mt.\nRelated News\nNickel sulphate edges up\n"
            "Nickel sulphate prices were 27,500 yuan/mt...\nOct 11, 2024")
    assert dated(text) == [
        ("Lithium carbonate held at 74,000 yuan/mt.", "lithium_carbonate", DAY),
        ("Related News", "lithium_carbonate", DAY),
        ("Nickel sulphate edges up", "nickel_sulphate", date(2024, 10, 11)),
        ("Nickel sulphate prices were 27,500 yuan/mt...", "nickel_sulphate", date(2024, 10, 11)),
    ]  # the date line itself only closed the item: no line of its own


def test_a_date_under_a_headline_dates_the_item_below_it() -> None:
    text = ("Lithium carbonate held at 74,000 yuan/mt.\nRelated News\n[SMM Daily] Nickel sulphate flat\n"
            "Oct 11, 2024\nNickel sulphate prices were 27,500 yuan/mt...")
    lines = dated(text)
    assert lines[-1] == ("Nickel sulphate prices were 27,500 yuan/mt...", "nickel_sulphate", date(2024, 10, 11))
    assert lines[2] == ("[SMM Daily] Nickel sulphate flat", "nickel_sulphate", date(2024, 10, 11))


def test_repeated_lines_count_once_and_table_rows_carry_their_cells() -> None:
    text = ("Cobalt sulphate (yuan/mt)\nProduct | Offers | Bids\nCobalt sulphate | 90,000 | 88,000\n"
            "Cobalt sulphate (yuan/mt)")
    lines = read_page(text, default_registry(), "cobalt_sulphate", DAY)
    assert [line.text for line in lines] == ["Cobalt sulphate (yuan/mt)", "Product | Offers | Bids",
                                             "Cobalt sulphate | 90,000 | 88,000"]
    assert [(cell.low, cell.kind) for cell in lines[2].cells] == [(90000, "offer"), (88000, "bid")]
