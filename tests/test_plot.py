"""Charts: what is drawn (data, panels, colours, labels and where they sit), not pixels."""
from __future__ import annotations

import io
import itertools
import os
import subprocess
import sys
import warnings
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from tracker.documents import Document, text_hash
from tracker.errors import SelectionError, TrackerError
from tracker.observation import Observation
from tracker.plot import INDEX_LABEL, MAX_SERIES, PALETTE, build_figure, plot_prices, series_color
from tracker.store import Store

VERSION = "test-1"
START = date(2024, 1, 5)
# cobalt sulphate high-nickel bids: four weeks, a nine-week hole, two more weeks
GAPPED = [START + timedelta(weeks=w) for w in (0, 1, 2, 3, 12, 13)]
# the band of every observation in the store, by series (commodity, grade, price type, currency, unit)
SERIES = {
    ("cobalt_sulphate", "high-nickel", "bid", "CNY", "mt"):
        [(d, 30000.0 + 500 * i, 31000.0 + 500 * i) for i, d in enumerate(GAPPED)],
    ("cobalt_sulphate", None, "offer", "CNY", "mt"):
        [(START + timedelta(weeks=w), 32000.0 + 250 * w, 33000.0 + 250 * w) for w in range(4)],
    ("cobalt_sulphate", "low-nickel", "transaction", "CNY", "mt"):
        [(START + timedelta(weeks=2), 31500.0, 31500.0)],  # a single value
    ("cobalt_intermediate", None, "assessment", "USD", "lb"):
        [(START + timedelta(weeks=w), 15.5 + 0.1 * w, 16.0 + 0.1 * w) for w in range(5)],
    ("cobalt_intermediate", None, "assessment", None, "%"):
        [(START + timedelta(weeks=w), 56.0 + w, 58.0 + w) for w in range(3)],
}
PANELS = {("cobalt_sulphate", "CNY", "mt"), ("cobalt_intermediate", "USD", "lb"),
          ("cobalt_intermediate", None, "%")}
HIGH_NICKEL = "smm.cobalt_sulphate.high-nickel.bid.cny-mt"
SERIES_KEY_HIGH_NICKEL = ("cobalt_sulphate", "high-nickel", "bid", "CNY", "mt")


def obs(key: tuple, day: date, low: float, high: float, publisher: str = "SMM") -> Observation:
    commodity, grade, price_type, currency, unit = key[:5]
    return Observation(date=day, commodity=commodity, grade=grade, price_type=price_type, low=low,
                       high=high, currency=currency, unit=unit, text=f"{low}-{high}",
                       sentence=f"{commodity} at {low}-{high}.", publisher=publisher)


def fill(store: Store, series: dict, folder: str = "reviews") -> None:
    """One review per date holding every point of that date; a key's sixth field is its publisher."""
    by_day: dict[date, list[Observation]] = {}
    for key, points in series.items():
        for day, low, high in points:
            by_day.setdefault(day, []).append(obs(key, day, low, high, *key[5:]))
    for day, observations in sorted(by_day.items()):
        text = f"Weekly review {day}: " + " ".join(o.sentence for o in observations)
        document = Document(path=f"{folder}/{day}.txt", text=text, title="Weekly review", date=day,
                            content_hash=text_hash(text))
        assert store.save(document, observations, VERSION) == "new"


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "tracker.db") as opened:
        fill(opened, SERIES)
        yield opened


def series_key(item) -> tuple:
    return (item.commodity, item.grade or None, item.price_type, item.currency, item.unit)


def finite(values) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    return values[~np.isnan(values)]


def weekly(base: float, weeks: int = 6, step: float = 0.0) -> list[tuple[date, float, float]]:
    return [(START + timedelta(weeks=w), base + step * w, base + step * w) for w in range(weeks)]


def assert_end_labels_clear(panels) -> None:
    """No end label overlaps another, crosses a line or a marker, or leaves its axes."""
    from matplotlib.path import Path as MplPath

    panels[0].axes.figure.canvas.draw()
    for panel in panels:
        ax = panel.axes
        boxes = [text.get_window_extent() for text in ax.texts]
        assert len(boxes) == len(panel.series)
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b), (a, b)
        area = ax.get_window_extent()
        assert all(area.x0 <= box.x0 and box.x1 <= area.x1 and area.y0 <= box.y0 and box.y1 <= area.y1
                   for box in boxes)
        for line in ax.get_lines():
            xy = line.get_transform().transform(np.column_stack(line.get_data(orig=False)).astype(float))
            for run in np.split(xy, np.flatnonzero(np.isnan(xy).any(axis=1))):
                run = run[np.isfinite(run).all(axis=1)]
                for box in boxes:
                    assert not (len(run) > 1 and MplPath(run).intersects_bbox(box, filled=False)), box
                    assert not any(box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1 for x, y in run), box


def test_drawn_data_equal_the_store_observations(store: Store) -> None:
    figure, panels = build_figure(store.prices())
    drawn = {series_key(item): item for panel in panels for item in panel.series}
    assert set(drawn) == set(SERIES)
    assert drawn[SERIES_KEY_HIGH_NICKEL].series == HIGH_NICKEL and drawn[SERIES_KEY_HIGH_NICKEL].publisher == "SMM"
    for key, points in SERIES.items():
        item = drawn[key]
        assert list(item.dates) == [np.datetime64(day, "D") for day, _, _ in points]
        assert list(item.low) == [low for _, low, _ in points]
        assert list(item.high) == [high for _, _, high in points]
        assert list(item.mid) == [(low + high) / 2 for _, low, high in points]
    for panel in panels:  # and the Axes really hold those mids, one line per series, in its colour
        lines = panel.axes.get_lines()
        assert [line.get_label() for line in lines] == [item.label for item in panel.series]
        for line, item in zip(lines, panel.series, strict=True):
            assert list(finite(line.get_ydata())) == list(item.mid)
            assert line.get_marker() == "o" and line.get_color() == item.color


def test_one_panel_per_commodity_currency_and_unit(store: Store) -> None:
    figure, panels = build_figure(store.prices())
    assert len(figure.axes) == len(panels) == 3
    assert {(p.commodity, p.currency, p.unit) for p in panels} == PANELS
    for panel in panels:
        assert {(s.commodity, s.currency, s.unit) for s in panel.series} == \
            {(panel.commodity, panel.currency, panel.unit)}
    labels = {(p.commodity, p.unit): p.axes.get_ylabel() for p in panels}
    assert labels == {("cobalt_sulphate", "mt"): "CNY/mt", ("cobalt_intermediate", "lb"): "USD/lb",
                      ("cobalt_intermediate", "%"): "% payable"}
    titles = [p.axes.get_title(loc="left") for p in panels]
    assert "Cobalt sulphate · 5 Jan 2024 – 5 Apr 2024" in titles
    assert all("_" not in t for t in titles)
    first = panels[0].axes
    assert all(p.axes.get_shared_x_axes().joined(first, p.axes) for p in panels)


def test_colour_is_stable_per_series_and_unique_in_a_panel(store: Store, tmp_path: Path) -> None:
    code = f"from tracker.plot import series_color; print(series_color({HIGH_NICKEL!r}))"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2")}
    assert runs == {series_color(HIGH_NICKEL)} and series_color(HIGH_NICKEL) in PALETTE
    _, panels = build_figure(store.prices())
    _, alone = build_figure(store.prices(series=[HIGH_NICKEL]))
    _, rebased = build_figure(store.prices(), normalize=True)
    for chart in (panels, alone, rebased):
        [item] = [s for panel in chart for s in panel.series if s.series == HIGH_NICKEL]
        assert item.color == series_color(HIGH_NICKEL)  # the same wherever it is drawn
    # ids whose colours clash: the later id (sorted) moves to a free colour, every run the same way
    ids = [f"smm.refined_cobalt.grade-{n}.offer.cny-mt" for n in range(40)]
    first = ids[0]
    clash = [i for i in ids[1:] if series_color(i) == series_color(first)][:2]
    key = ("refined_cobalt", None, "offer", "CNY", "mt")
    with Store(tmp_path / "c.db") as st:
        fill(st, {(*key[:1], f"grade-{n}", *key[2:]): weekly(400000.0 + n) for n in range(40)
                  if ids[n] in (first, *clash)})
        for _ in range(2):
            _, [panel] = build_figure(st.prices())
            colours = {item.series: item.color for item in panel.series}
            assert len(set(colours.values())) == len(colours) == 3
            assert colours[first] == series_color(first)
            base = PALETTE.index(series_color(first))
            assert [colours[i] for i in sorted(clash)] == [PALETTE[(base + k) % len(PALETTE)] for k in (1, 2)]


def test_at_most_eight_series_per_panel_split_by_price_type_then_spec(tmp_path: Path) -> None:
    specs = [f"grade-{n:02d}" for n in range(10)]
    series = {("nickel_sulphate", spec, "offer", "CNY", "mt"): weekly(28000.0 + 100 * n)
              for n, spec in enumerate(specs)}
    series.update({("nickel_sulphate", spec, "bid", "CNY", "mt"): weekly(27000.0 + 100 * n)
                   for n, spec in enumerate(specs[:2])})
    series[("nickel_sulphate", None, "assessment", "USD", "lb")] = weekly(7.0)
    with Store(tmp_path / "t.db") as st:
        fill(st, series)
        figure, panels = build_figure(st.prices())
    assert all(len(p.series) <= MAX_SERIES for p in panels)
    assert sorted(map(str, (series_key(s) for p in panels for s in p.series))) == sorted(map(str, series))
    assert [(p.unit, [s.price_type for s in p.series]) for p in panels] == [
        ("mt", ["offer"] * 5), ("mt", ["offer"] * 5), ("mt", ["bid"] * 2), ("lb", ["assessment"])]
    assert [s.grade for p in panels[:2] for s in p.series] == specs  # offers cut between specs, in order
    assert panels[0].axes.get_title(loc="left").startswith("Nickel sulphate · offer · ")
    assert panels[3].axes.get_title(loc="left").startswith("Nickel sulphate · 5 Jan 2024")  # not split
    for panel in panels:
        assert len({s.color for s in panel.series}) == len(panel.series)
    assert_end_labels_clear(panels)


def test_gap_is_not_bridged(store: Store) -> None:
    _, panels = build_figure(store.prices())
    panel = next(p for p in panels if p.commodity == "cobalt_sulphate")
    number, item = next((n, s) for n, s in enumerate(panel.series) if s.grade == "high-nickel")
    assert item.spacing == 7 and item.segments == [(0, 4), (4, 6)]  # 63 days > 3 x 7
    line = panel.axes.get_lines()[number]
    assert np.isnan(np.asarray(line.get_ydata(), dtype=float)).sum() == 1  # the line breaks once
    band = panel.axes.collections[number]  # fill_between runs first for each series
    assert len(band.get_paths()) == 2  # and the band is two separate pieces
    offers = next(s for s in panel.series if s.price_type == "offer")
    assert offers.segments == [(0, 4)]


def test_gaps_follow_each_series_own_spacing(tmp_path: Path) -> None:
    daily = [START + timedelta(days=d) for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 25, 28)]
    monthly = [START + timedelta(days=30 * m) for m in (0, 1, 2, 3, 5)]
    far = [START, START + timedelta(days=213)]  # two points seven months apart
    with Store(tmp_path / "t.db") as st:
        fill(st, {("lithium_carbonate", None, "assessment", "CNY", "mt"): [(d, 80000.0, 81000.0) for d in daily],
                  ("lithium_carbonate", None, "assessment", "USD", "kg"): [(d, 10.0, 10.5) for d in monthly],
                  ("spodumene", None, "assessment", "USD", "mt"): [(d, 900.0, 950.0) for d in far]})
        _, panels = build_figure(st.prices())
    by_unit = {p.currency: p.series[0] for p in panels if p.commodity == "lithium_carbonate"}
    # daily: the weekend (3 days) is within 3 x 1 day; a fortnight off is not, however short
    assert by_unit["CNY"].segments == [(0, 10), (10, 12)]
    assert by_unit["USD"].segments == [(0, 5)]  # monthly: 60 days is within 3 x 30
    # two points say nothing of their spacing: at most a month is assumed, so they stay two points
    spodumene = next(p for p in panels if p.commodity == "spodumene")
    assert spodumene.series[0].segments == [(0, 1), (1, 2)]
    assert len(finite(spodumene.axes.get_lines()[0].get_ydata())) == 2  # markers, no line between them
    assert np.isnan(spodumene.axes.get_lines()[0].get_ydata()[1])


def test_a_dense_line_marks_only_its_lone_and_last_points(tmp_path: Path) -> None:
    days = [START + timedelta(days=d) for d in range(100)] + [START + timedelta(days=130)]
    with Store(tmp_path / "t.db") as st:
        fill(st, {("refined_nickel", None, "assessment", "CNY", "mt"): [(d, 130000.0, 131000.0) for d in days]})
        _, [panel] = build_figure(st.prices())
    assert panel.series[0].segments == [(0, 100), (100, 101)]
    line = panel.axes.get_lines()[0]
    assert line.get_marker() == "o" and line.get_markevery() == [101]  # the lone last point, after the gap's NaN


def test_single_value_is_drawn_as_marker_and_range(store: Store) -> None:
    _, panels = build_figure(store.prices())
    panel = next(p for p in panels if p.commodity == "cobalt_sulphate")
    number, item = next((n, s) for n, s in enumerate(panel.series) if s.price_type == "transaction")
    assert len(item.dates) == 1 and item.mid[0] == 31500.0
    line = panel.axes.get_lines()[number]
    assert line.get_marker() == "o" and list(finite(line.get_ydata())) == [31500.0]


def test_one_documents_two_values_on_a_date_become_one_point(tmp_path: Path) -> None:
    key = ("refined_cobalt", None, "offer", "CNY", "mt")
    with Store(tmp_path / "t.db") as st:
        fill(st, {key: [(START, 400000.0, 410000.0), (START, 405000.0, 420000.0),
                        (START + timedelta(weeks=1), 415000.0, 415000.0)]})
        assert len(st.prices()) == 3  # one review printed two values the spec words do not tell apart
        _, panels = build_figure(st.prices())
    item = panels[0].series[0]
    assert list(item.low) == [400000.0, 415000.0]
    assert list(item.high) == [420000.0, 415000.0]
    assert list(item.mid) == [(405000.0 + 412500.0) / 2, 415000.0]


def test_normalize_rebases_every_series_to_100(store: Store) -> None:
    figure, panels = build_figure(store.prices(), normalize=True)
    assert len(panels) == len(figure.axes) == 1  # five series fit one panel
    assert panels[0].axes.get_ylabel() == INDEX_LABEL
    assert {series_key(s) for s in panels[0].series} == set(SERIES)
    for item in panels[0].series:
        assert item.mid[0] == pytest.approx(100.0)
        points = SERIES[series_key(item)]
        first_mid = (points[0][1] + points[0][2]) / 2
        assert item.low == pytest.approx(np.array([p[1] for p in points]) * 100 / first_mid)
        assert item.high == pytest.approx(np.array([p[2] for p in points]) * 100 / first_mid)
    labels = [s.label for s in panels[0].series]
    assert "Cobalt sulphate · SMM · high-nickel · bid" in labels
    # the unit is added only where it alone tells two series apart
    assert {"Cobalt intermediate · SMM · assessment · USD/lb", "Cobalt intermediate · SMM · assessment · % payable"} \
        <= set(labels)
    assert panels[0].title.startswith("Cobalt intermediate, Cobalt sulphate · rebased to 100 · ")


def test_normalize_with_many_series_stays_readable(tmp_path: Path) -> None:
    series = {}
    for commodity, count in (("cobalt_sulphate", 2), ("lithium_carbonate", 5), ("nickel_sulphate", 10)):
        for n in range(count):
            spec = f"grade-{n} with a rather long description, CIF China"
            series[(commodity, spec, ("offer", "bid", "assessment")[n % 3], "CNY", "mt", ("SMM", "Argus")[n % 2])] = \
                weekly(1000.0 + 10 * n, weeks=8, step=1 + n)
    with Store(tmp_path / "t.db") as st:
        fill(st, series)
        figure, panels = build_figure(st.prices(), normalize=True)
    # commodities that fit share a panel (their labels then start with the commodity); a larger one is
    # split by price type, and shares with no other
    assert [[(s.commodity, s.price_type) for s in p.series] for p in panels] == [
        [("cobalt_sulphate", "bid"), ("cobalt_sulphate", "offer")] + [("lithium_carbonate", t) for t in
                                                                      ("offer", "bid", "offer", "bid", "assessment")],
        [("nickel_sulphate", t) for t in ("offer", "offer", "bid", "bid", "offer", "offer", "bid")],
        [("nickel_sulphate", "assessment")] * 3]
    long = "CIF China, grade-{} with a rather long description"
    assert panels[0].series[0].label == f"Cobalt sulphate · Argus · {long.format(1)} · bid"
    assert panels[1].series[0].label == f"Argus · {long.format(3)} · offer"
    assert [p.axes.get_title(loc="left").split(" · 5 Jan")[0] for p in panels] == [
        "Cobalt sulphate, Lithium carbonate · rebased to 100", "Nickel sulphate · offer, bid · rebased to 100",
        "Nickel sulphate · assessment · rebased to 100"]
    figure.canvas.draw()
    for panel in panels:  # the legend sits right of its axes, inside the figure, never over the lines
        legend = panel.axes.get_legend().get_window_extent()
        assert panel.axes.get_window_extent().x1 < legend.x0 and legend.x1 <= figure.bbox.x1
        assert panel.axes.get_position().height * figure.get_figheight() >= 2.0  # not squeezed by its legend
        entries = [t.get_text() for t in panel.axes.get_legend().get_texts()]
        assert [t.replace(",\n", ", ").replace("\n", " · ") for t in entries] == [s.label for s in panel.series]
        assert all(len(line) <= 40 for text in entries for line in text.split("\n"))  # long ones wrapped
    assert_end_labels_clear(panels)


def test_end_labels_never_overlap_each_other_or_a_line(tmp_path: Path) -> None:
    close = {("cobalt_sulphate", f"grade-{n}", "offer", "CNY", "mt"): weekly(90000.0 + 50 * n, weeks=4)
             for n in range(6)}  # six series ending on one date within 250 yuan of each other
    # and a line that runs on through the place of their labels
    close[("cobalt_sulphate", "crossing", "bid", "CNY", "mt")] = weekly(88000.0, weeks=8, step=700)
    with Store(tmp_path / "t.db") as st:
        fill(st, close)
        _, panels = build_figure(st.prices())
    assert len(panels[0].axes.texts) == 7
    assert_end_labels_clear(panels)


def test_fixture_and_store_charts_have_clear_end_labels(store: Store) -> None:
    for normalize in (False, True):
        _, panels = build_figure(store.prices(), normalize=normalize)
        assert_end_labels_clear(panels)


def test_legend_ticks_and_latest_value(store: Store) -> None:
    figure, panels = build_figure(store.prices())
    figure.canvas.draw()
    panel = next(p for p in panels if p.commodity == "cobalt_sulphate")
    legend = [t.get_text() for t in panel.axes.get_legend().get_texts()]
    assert legend == ["SMM · offer", "SMM · high-nickel · bid", "SMM · low-nickel · transaction"]
    notes = {t.get_text() for t in panel.axes.texts}
    assert notes == {"33,000", "33,250", "31,500"}  # last mids of the three series
    ticks = [t.get_text() for t in panel.axes.get_yticklabels() if t.get_text()]
    assert ticks and all("," in t for t in ticks)
    small = next(p for p in panels if p.unit == "lb")
    assert {t.get_text() for t in small.axes.texts} == {"16.15"}
    assert any("." in t.get_text() for t in small.axes.get_yticklabels())


def png_size(path: Path) -> tuple[int, int]:
    from PIL import Image  # a matplotlib dependency

    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        return image.size


def test_png_has_the_requested_pixel_size(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "out" / "cobalt.png"
    written = plot_prices(store, ["COBALT SULPHATE"], target, width=6, height=4, dpi=50)
    assert written == [target]
    assert png_size(target) == (300, 200)
    assert not [p for p in target.parent.iterdir() if p != target]  # no temporary left behind


def test_default_height_scales_with_panels(store: Store, tmp_path: Path) -> None:
    [path] = plot_prices(store, ["cobalt_intermediate"], tmp_path / "all.png", dpi=20)  # USD/lb and % panels
    assert png_size(path) == (200, round(20 * (2 * 3.2 + 1)))


def test_directory_output_one_png_per_commodity(store: Store, tmp_path: Path) -> None:
    charts = tmp_path / "charts"
    written = plot_prices(store, [], charts, dpi=30)
    assert sorted(p.name for p in written) == ["cobalt_intermediate.png", "cobalt_sulphate.png"]
    assert sorted(p.name for p in charts.iterdir()) == ["cobalt_intermediate.png", "cobalt_sulphate.png"]
    assert plot_prices(store, ["Cobalt intermediate"], charts, normalize=True, dpi=30) == \
        [charts / "normalized.png"]
    assert png_size(charts / "normalized.png") == (300, round(30 * (3.2 + 1)))


def test_filters_reach_the_store(store: Store, tmp_path: Path) -> None:
    [path] = plot_prices(store, ["cobalt_sulphate"], tmp_path / "bids.png", price_type="bid",
                         since=GAPPED[4], dpi=20)
    assert path.exists()
    with pytest.raises(TrackerError, match="no prices for 'cobalt_intermediate' with price_type=bid"):
        plot_prices(store, ["cobalt_intermediate"], tmp_path / "x.png", price_type="bid")
    fill(store, {("cobalt_sulphate", None, "bid", "CNY", "mt", "Argus"): weekly(30500.0, weeks=3)}, "argus")
    [path] = plot_prices(store, None, tmp_path / "one.png", series=[HIGH_NICKEL], dpi=20)
    assert path.exists()
    with pytest.raises(TrackerError, match="no prices with currency=USD, publisher=argus in"):
        plot_prices(store, None, tmp_path / "x.png", publisher="argus", currency="USD")
    with pytest.raises(SelectionError, match="no publisher 'Platts'"):
        plot_prices(store, None, tmp_path / "x.png", publisher="Platts")


def test_filters_choose_what_is_drawn(store: Store) -> None:
    fill(store, {("cobalt_sulphate", None, "bid", "CNY", "mt", "Argus"): weekly(30500.0, weeks=3)}, "argus")
    _, panels = build_figure(store.prices(publisher="Argus"))
    assert [s.series for p in panels for s in p.series] == ["argus.cobalt_sulphate.bid.cny-mt"]
    assert panels[0].series[0].label == "Argus · bid"


def test_commodities_by_any_alias_and_misses_listing_the_store(store: Store, tmp_path: Path) -> None:
    [path] = plot_prices(store, ["Cobalt Sulphate", "硫酸钴", "cobalt sulfate"], tmp_path / "c.png", dpi=20)
    assert path.exists()  # three names of one commodity: one chart
    with pytest.raises(SelectionError) as caught:
        plot_prices(store, ["cobalt_sulphate", "cobalt sulphates"], tmp_path / "x.png")
    assert "no commodity 'cobalt sulphates'" in str(caught.value) and "cobalt_sulphate" in str(caught.value)
    assert not (tmp_path / "x.png").exists()


def test_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as st, pytest.raises(TrackerError, match="the store is empty"):
        plot_prices(st, [], tmp_path / "charts")


def test_chinese_words_cause_no_glyph_warnings(tmp_path: Path) -> None:
    series = {("nickel_sulphate", "电池级", "assessment", "CNY", "mt"):
              [(START + timedelta(weeks=w), 28000.0 + 100 * w, 28500.0 + 100 * w) for w in range(3)],
              ("nickel_sulphate", "工业级", "assessment", "CNY", "mt"): weekly(26000.0, weeks=3),
              ("nickel_sulphate", "某某品", "assessment", "CNY", "mt"): weekly(27000.0, weeks=3),  # unknown
              ("nickel_sulphate", "进口 MHP-based", "offer", "CNY", "mt"): [(START, 26000.0, 26000.0)],
              ("nickel_sulphate", None, "assessment", "CNY", "mt"): [(START, 27200.0, 27300.0)]}
    with Store(tmp_path / "t.db") as st:
        fill(st, series)
        frame = st.prices()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            figure, panels = build_figure(frame, title_suffix="硫酸镍 weekly")
            figure.savefig(io.BytesIO(), format="png")
            plot_prices(st, [], tmp_path / "charts", dpi=30)
            plot_prices(st, [], tmp_path / "charts", normalize=True, dpi=30)
    texts = [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]
    assert all(ch.isascii() or ch in "·–" for text in texts for ch in text)
    legend = {t.get_text() for t in panels[0].axes.get_legend().get_texts()}
    assert legend == {"SMM · battery-grade · assessment", "SMM · industrial-grade · assessment",
                      "SMM · assessment", "SMM · assessment (2)",  # an unknown spec is not merged away
                      "SMM · MHP-based · offer"}
    assert panels[0].title.endswith("· weekly")


def test_import_is_cheap_and_headless() -> None:
    code = ("import sys, tracker.plot; "
            "print(sorted(m for m in ('matplotlib', 'pandas', 'numpy', 'click') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_plotting_leaves_pyplot_alone(store: Store, tmp_path: Path) -> None:
    import matplotlib

    backend = matplotlib.get_backend()
    plot_prices(store, [], tmp_path / "charts", dpi=20)
    assert matplotlib.get_backend() == backend
    if "matplotlib.pyplot" in sys.modules:
        assert sys.modules["matplotlib.pyplot"].get_fignums() == []  # nothing left open
