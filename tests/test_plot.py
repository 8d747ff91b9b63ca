"""Charts: what is drawn (data, panels, labels), not pixels."""
from __future__ import annotations

import io
import subprocess
import sys
import warnings
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from tracker.documents import Document, text_hash
from tracker.errors import TrackerError
from tracker.observation import Observation
from tracker.plot import INDEX_LABEL, build_figure, plot_prices
from tracker.store import Store

VERSION = "test-1"
START = date(2024, 1, 5)
# cobalt sulphate high-nickel bids: four weeks, a nine-week hole, two more weeks
GAPPED = [START + timedelta(weeks=w) for w in (0, 1, 2, 3, 12, 13)]
# the band of every observation in the store, by series
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


def obs(key: tuple, day: date, low: float, high: float) -> Observation:
    commodity, grade, price_type, currency, unit = key
    return Observation(date=day, commodity=commodity, grade=grade, price_type=price_type, low=low,
                       high=high, currency=currency, unit=unit, text=f"{low}-{high}",
                       sentence=f"{commodity} at {low}-{high}.")


def fill(store: Store, series: dict) -> None:
    by_day: dict[date, list[Observation]] = {}
    for key, points in series.items():
        for day, low, high in points:
            by_day.setdefault(day, []).append(obs(key, day, low, high))
    for day, observations in sorted(by_day.items()):
        text = f"Weekly review {day}: " + " ".join(o.sentence for o in observations)
        document = Document(path=f"reviews/{day}.txt", text=text, title="Weekly review", date=day,
                            content_hash=text_hash(text))
        assert store.save(document, observations, VERSION) == "new"


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "tracker.db") as opened:
        fill(opened, SERIES)
        yield opened


def series_key(item) -> tuple:
    return (item.commodity, item.grade, item.price_type, item.currency, item.unit)


def finite(values) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    return values[~np.isnan(values)]


def test_drawn_data_equal_the_store_observations(store: Store) -> None:
    figure, panels = build_figure(store.prices())
    drawn = {series_key(item): item for panel in panels for item in panel.series}
    assert set(drawn) == set(SERIES)
    for key, points in SERIES.items():
        item = drawn[key]
        assert list(item.dates) == [np.datetime64(day, "D") for day, _, _ in points]
        assert list(item.low) == [low for _, low, _ in points]
        assert list(item.high) == [high for _, _, high in points]
        assert list(item.mid) == [(low + high) / 2 for _, low, high in points]
    for panel in panels:  # and the Axes really hold those mids, one line per series
        lines = panel.axes.get_lines()
        assert [line.get_label() for line in lines] == [item.label for item in panel.series]
        for line, item in zip(lines, panel.series, strict=True):
            assert list(finite(line.get_ydata())) == list(item.mid)
            assert line.get_marker() == "o"


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
    assert any(t.startswith("Cobalt sulphate · 5 Jan 2024 – 5 Apr 2024") for t in titles)
    assert all("_" not in t for t in titles)
    first = panels[0].axes
    assert all(p.axes.get_shared_x_axes().joined(first, p.axes) for p in panels)


def test_gap_is_not_bridged(store: Store) -> None:
    _, panels = build_figure(store.prices())
    panel = next(p for p in panels if p.commodity == "cobalt_sulphate")
    number, item = next((n, s) for n, s in enumerate(panel.series) if s.grade == "high-nickel")
    assert item.segments == [(0, 4), (4, 6)]
    line = panel.axes.get_lines()[number]
    assert np.isnan(np.asarray(line.get_ydata(), dtype=float)).sum() == 1  # the line breaks once
    band = panel.axes.collections[number]  # fill_between runs first for each series
    assert len(band.get_paths()) == 2  # and the band is two separate pieces
    offers = next(s for s in panel.series if s.price_type == "offer")
    assert offers.segments == [(0, 4)]


def test_short_gaps_are_bridged(tmp_path: Path) -> None:
    key = ("lithium_carbonate", None, "assessment", "CNY", "mt")
    days = [START + timedelta(days=d) for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 25)]
    with Store(tmp_path / "t.db") as st:
        fill(st, {key: [(d, 80000.0, 81000.0) for d in days]})
        _, panels = build_figure(st.prices())
    # the 3-day weekend gap is within 3x the median spacing, the 14-day one is under 21 days
    assert panels[0].series[0].segments == [(0, len(days))]


def test_single_value_is_drawn_as_marker_and_range(store: Store) -> None:
    _, panels = build_figure(store.prices())
    panel = next(p for p in panels if p.commodity == "cobalt_sulphate")
    number, item = next((n, s) for n, s in enumerate(panel.series) if s.price_type == "transaction")
    assert len(item.dates) == 1 and item.mid[0] == 31500.0
    line = panel.axes.get_lines()[number]
    assert line.get_marker() == "o" and list(finite(line.get_ydata())) == [31500.0]


def test_same_day_observations_become_one_point(tmp_path: Path) -> None:
    key = ("refined_cobalt", None, "offer", "CNY", "mt")
    with Store(tmp_path / "t.db") as st:
        fill(st, {key: [(START, 400000.0, 410000.0), (START, 405000.0, 420000.0),
                        (START + timedelta(weeks=1), 415000.0, 415000.0)]})
        _, panels = build_figure(st.prices())
    item = panels[0].series[0]
    assert list(item.low) == [400000.0, 415000.0]
    assert list(item.high) == [420000.0, 415000.0]
    assert list(item.mid) == [(405000.0 + 412500.0) / 2, 415000.0]


def test_normalize_rebases_every_series_to_100_on_one_panel(store: Store) -> None:
    frame = store.prices()
    figure, panels = build_figure(frame, normalize=True)
    assert len(panels) == len(figure.axes) == 1
    assert panels[0].axes.get_ylabel() == INDEX_LABEL
    assert {series_key(s) for s in panels[0].series} == set(SERIES)
    for item in panels[0].series:
        assert item.mid[0] == pytest.approx(100.0)
        first_mid = (SERIES[series_key(item)][0][1] + SERIES[series_key(item)][0][2]) / 2
        for column in ("low", "high", "mid"):
            raw = [p[1] if column == "low" else p[2] if column == "high" else (p[1] + p[2]) / 2
                   for p in SERIES[series_key(item)]]
            assert getattr(item, column) == pytest.approx(np.array(raw) * 100 / first_mid)
    labels = [s.label for s in panels[0].series]
    assert "Cobalt sulphate · high-nickel · bid · CNY/mt" in labels
    assert "Cobalt intermediate · assessment · % payable" in labels


def test_legend_ticks_and_latest_value(store: Store) -> None:
    figure, panels = build_figure(store.prices())
    figure.canvas.draw()
    panel = next(p for p in panels if p.commodity == "cobalt_sulphate")
    legend = [t.get_text() for t in panel.axes.get_legend().get_texts()]
    assert set(legend) == {"high-nickel · bid", "offer", "low-nickel · transaction"}
    notes = {t.get_text() for t in panel.axes.texts}
    assert {"33,000", "33,250", "31,500"} <= notes  # last mids of the three series
    ticks = [t.get_text() for t in panel.axes.get_yticklabels() if t.get_text()]
    assert ticks and all("," in t for t in ticks)
    small = next(p for p in panels if p.unit == "lb")
    assert {t.get_text() for t in small.axes.texts} == {"16.15"}
    assert any("." in t.get_text() for t in small.axes.get_yticklabels())


def png_size(path: Path) -> tuple[int, int]:
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - matplotlib depends on pillow
        head = path.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
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


def test_missing_commodity_lists_what_the_store_holds(store: Store, tmp_path: Path) -> None:
    with pytest.raises(TrackerError) as caught:
        plot_prices(store, ["cobalt_sulphate", "nickel"], tmp_path / "x.png")
    assert str(caught.value) == ("no prices for 'nickel' in the store; "
                                 "it holds: cobalt_intermediate, cobalt_sulphate")
    assert not (tmp_path / "x.png").exists()


def test_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as st, pytest.raises(TrackerError, match="the store is empty"):
        plot_prices(st, [], tmp_path / "charts")


def test_chinese_grades_cause_no_glyph_warnings(tmp_path: Path) -> None:
    series = {("nickel_sulphate", "电池级", "assessment", "CNY", "mt"):
              [(START + timedelta(weeks=w), 28000.0 + 100 * w, 28500.0 + 100 * w) for w in range(3)],
              ("nickel_sulphate", "某某品", "assessment", "CNY", "mt"):  # no translation known
              [(START + timedelta(weeks=w), 27000.0, 27500.0) for w in range(3)],
              ("nickel_sulphate", "进口 MHP-based", "offer", "CNY", "mt"):
              [(START, 26000.0, 26000.0)],
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
    assert legend == {"battery-grade · assessment", "assessment", "assessment (2)",
                      "imported MHP-based · offer"}  # an untranslated grade is not merged away
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
