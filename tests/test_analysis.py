"""Period averages, unit/FX/VAT conversion and FX rates: tracker.analysis, tracker.conversion, tracker.fx."""
from __future__ import annotations

import csv
import io
import math
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tracker.analysis import latest, periods, records
from tracker.cli import main
from tracker.conversion import Target, convert, default_units, parse_target
from tracker.documents import Document, text_hash
from tracker.errors import ConversionError, TrackerError
from tracker.fx import normalise_pair, read_rates
from tracker.observation import CONVERSION_COLUMNS, EXPORT_COLUMNS, PERIOD_COLUMNS, Observation
from tracker.store import Store

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SULPHATE = "smm.cobalt_sulphate.high-nickel.bid.cny-mt"
HYDROXIDE = "smm.cobalt_intermediate.assessment.usd-lb"


def row(day: str, low: float, high: float | None = None, *, series: str = SULPHATE, commodity: str = "cobalt_sulphate",
        grade: str = "high-nickel", currency: str | None = "CNY", unit: str = "mt", source: str = "a.html") -> dict:
    high = low if high is None else high
    return {"date": day, "series": series, "publisher": "SMM", "commodity": commodity, "grade": grade,
            "price_type": "bid", "low": low, "high": high, "mid": (low + high) / 2, "currency": currency,
            "unit": unit, "document": source, "title": "t", "text": "x", "sentence": "s", "printed_grade": grade,
            "sources": [source]}


def frame(*rows: dict) -> pd.DataFrame:
    out = pd.DataFrame(list(rows), columns=list(EXPORT_COLUMNS))
    out["date"] = pd.to_datetime(out["date"], format="%Y-%m-%d")
    return out


def fx(*rates: tuple[str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(rates, columns=["date", "pair", "rate"])


# -- period averages -----------------------------------------------------------------------------------------


def test_weeks_end_on_the_chosen_weekday() -> None:
    # Thursday 6, Friday 7 and Saturday 8 November 2025
    prices = frame(row("2025-11-06", 100), row("2025-11-07", 110), row("2025-11-08", 130))
    by_friday = periods(prices, "W")  # the default: weeks ending on Friday
    assert [d.date() for d in by_friday["date"]] == [date(2025, 11, 7), date(2025, 11, 14)]
    assert list(by_friday["period"]) == ["2025-11-01/2025-11-07", "2025-11-08/2025-11-14"]
    assert list(by_friday["points"]) == [2, 1] and list(by_friday["mid"]) == [105.0, 130.0]
    by_thursday = periods(prices, "W", week_ending="THU")
    assert [d.date() for d in by_thursday["date"]] == [date(2025, 11, 6), date(2025, 11, 13)]
    assert list(by_thursday["points"]) == [1, 2] and list(by_thursday["mid"]) == [100.0, 120.0]
    assert [d.date() for d in by_thursday["first_date"]] == [date(2025, 11, 6), date(2025, 11, 7)]
    assert [d.date() for d in by_thursday["last_date"]] == [date(2025, 11, 6), date(2025, 11, 8)]


def test_monthly_means_of_low_high_and_mid_with_points_and_dates() -> None:
    prices = frame(row("2025-11-06", 90, 100, source="a"), row("2025-11-13", 100, 110, source="b"),
                   row("2025-11-27", 110, 120, source="a"), row("2025-12-04", 200, 210, source="c"))
    monthly = periods(prices, "M")
    assert list(monthly.columns) == list(PERIOD_COLUMNS)
    november, december = records(monthly)
    assert (november["low"], november["high"], november["mid"]) == (100.0, 110.0, 105.0)
    assert (november["points"], november["first_date"], november["last_date"]) == (3, "2025-11-06", "2025-11-27")
    assert (november["date"], november["period"], november["sources"]) == ("2025-11-30", "2025-11", ["a", "b"])
    assert (december["date"], december["points"], december["mid"]) == ("2025-12-31", 1, 205.0)
    assert list(periods(prices, "Q")["period"]) == ["2025Q4"]
    assert list(periods(prices, "Y")["mid"]) == [(105.0 * 3 + 205.0) / 4]


def test_periods_never_average_across_series() -> None:
    other = "smm.cobalt_sulphate.low-nickel.bid.cny-mt"
    prices = frame(row("2025-11-06", 100), row("2025-11-06", 1000, series=other, grade="low-nickel"),
                   row("2025-11-13", 200), row("2025-11-20", 2000, series=other, grade="low-nickel"))
    monthly = periods(prices, "M").set_index("series")
    assert monthly.loc[SULPHATE, "mid"] == 150.0 and monthly.loc[SULPHATE, "points"] == 2
    assert monthly.loc[other, "mid"] == 1500.0 and monthly.loc[other, "grade"] == "low-nickel"


def test_a_converted_series_is_averaged_apart_from_the_published_one() -> None:
    # the hydroxide in USD/lb and the sulphate converted into USD/lb share currency and unit, not a series
    prices = frame(row("2025-11-06", 7100, currency="CNY", unit="lb"),
                   row("2025-11-06", 24, series=HYDROXIDE, commodity="cobalt_intermediate", grade="",
                       currency="USD", unit="lb"))
    converted = convert(prices, "USD/lb", fx=fx(("2025-11-01", "USD/CNY", 7.1)))
    assert set(converted["series"]) == {SULPHATE + ">usd-lb", HYDROXIDE}
    monthly = periods(converted, "M").set_index("series")
    assert monthly.loc[SULPHATE + ">usd-lb", "mid"] == pytest.approx(1000.0)
    assert monthly.loc[HYDROXIDE, "mid"] == 24.0
    assert monthly.loc[SULPHATE + ">usd-lb", "fx_rate"] == 7.1
    assert list(monthly.columns) == [c for c in (*PERIOD_COLUMNS, *CONVERSION_COLUMNS) if c != "series"]


def test_unknown_period_or_weekday_is_an_error() -> None:
    prices = frame(row("2025-11-06", 100))
    with pytest.raises(TrackerError, match="unknown period"):
        periods(prices, "D")
    with pytest.raises(TrackerError, match="unknown weekday"):
        periods(prices, "W", week_ending="XYZ")


def test_empty_frame_gives_empty_periods() -> None:
    assert list(periods(frame(), "M").columns) == list(PERIOD_COLUMNS)


def test_latest_over_a_frame_matches_the_store(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        _save(store, [_obs(date(2025, 11, 6), 100.0), _obs(date(2025, 11, 13), 110.0)])
        from_frame = records(latest(store.prices()))
        assert from_frame == store.latest()
        assert from_frame[0]["pct_change"] == pytest.approx(10.0)


# -- units -------------------------------------------------------------------------------------------------


def test_mass_units() -> None:
    prices = frame(row("2025-11-06", 96000, 98000))
    per_kg = convert(prices, "kg")
    assert (per_kg["low"][0], per_kg["high"][0], per_kg["unit"][0]) == (96.0, 98.0, "kg")
    assert per_kg["series"][0] == SULPHATE + ">cny-kg" and per_kg["converted_from"][0] == SULPHATE
    per_lb = convert(prices, Target(unit="lb"))
    assert per_lb["mid"][0] == pytest.approx(97000 * 0.45359237 / 1000)
    back = convert(per_lb.drop(columns=list(CONVERSION_COLUMNS)), "mt")
    assert back["mid"][0] == pytest.approx(97000)
    assert math.isnan(back["fx_rate"][0])  # no currency changed: no rate


def test_a_price_already_in_the_target_is_left_as_published() -> None:
    (converted,) = records(convert(frame(row("2025-11-06", 96000)), "CNY/mt"))
    assert converted["series"] == SULPHATE and converted["converted_from"] is None
    assert converted["mid"] == 96000 and converted["fx_rate"] is None


def test_dmtu_needs_the_metal_content() -> None:
    sulphate = convert(frame(row("2025-11-06", 96000)), "dmtu")
    # 10 kg of cobalt are 10 / 0.20966 kg of CoSO4·7H2O (data/units.toml)
    assert sulphate["mid"][0] == pytest.approx(96000 / 1000 * 10 / 0.20966)
    spodumene = frame(row("2025-11-06", 1200, series="argus.spodumene.6%+cif-china.assessment.usd-mt",
                          commodity="spodumene", grade="6%, CIF China", currency="USD"))
    assert convert(spodumene, "dmtu")["mid"][0] == pytest.approx(200.0)  # the spec's 6% Li2O
    carbonate = frame(row("2025-11-06", 80000, series="smm.lithium_carbonate.battery-grade.assessment.cny-mt",
                          commodity="lithium_carbonate", grade="battery-grade"))
    with pytest.raises(ConversionError, match="metal content of lithium_carbonate is not known"):
        convert(carbonate, "dmtu")
    no_grade = spodumene.assign(grade="CIF China")
    with pytest.raises(ConversionError, match="percentage in the spec"):
        convert(no_grade, "dmtu")


def test_payables_in_percent_cannot_be_converted() -> None:
    payable = frame(row("2025-11-06", 60, series="smm.cobalt_intermediate.bid.pct", commodity="cobalt_intermediate",
                        currency=None, unit="%"))
    with pytest.raises(ConversionError, match="payable"):
        convert(payable, "lb")
    with pytest.raises(ConversionError, match="payable"):
        convert(payable, "USD", fx=fx(("2025-11-01", "USD/CNY", 7.1)))


@pytest.mark.parametrize(("text", "expected"), [("USD/lb", Target("USD", "lb")), ("usd/LB", Target("USD", "lb")),
                                                ("kg", Target(None, "kg")), ("CNY", Target("CNY", None)),
                                                ("USD/dmtu", Target("USD", "dmtu"))])
def test_parse_target(text: str, expected: Target) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize("text", ["", "USD/oz", "dollars/lb", "US/lb", "/"])
def test_parse_target_refuses_what_it_cannot_convert_to(text: str) -> None:
    with pytest.raises(ConversionError, match="give a unit"):
        parse_target(text)


def test_units_data_names_known_commodities() -> None:
    from tracker.registry import default_registry

    table = tomllib.loads((ROOT / "tracker" / "data" / "units.toml").read_text(encoding="utf-8"))
    registry = default_registry()
    for commodity in (*table["content"], *table["content_from_spec"]):
        assert registry.canonical(commodity) == commodity, commodity
    assert all(0 < entry["share"] <= 1 for entry in table["content"].values())
    assert set(table["mass"]) >= {"mt", "kg", "lb"} and table["metal_units"]["dmtu"] == 10.0
    assert default_units().names == (*table["mass"], *table["metal_units"])


# -- currencies and VAT ------------------------------------------------------------------------------------


def test_fx_rate_on_the_date_or_the_last_one_before_never_after() -> None:
    prices = frame(row("2025-11-05", 7100), row("2025-11-06", 7200), row("2025-11-10", 7300))
    rates = fx(("2025-11-01", "USD/CNY", 7.1), ("2025-11-06", "USD/CNY", 7.2), ("2025-11-11", "USD/CNY", 7.3))
    converted = records(convert(prices, "USD", fx=rates))
    # 5 Nov: the 1 Nov rate (6 Nov was not yet known); 6 Nov: its own; 10 Nov: 6 Nov's, never 11 Nov's
    assert [r["fx_date"] for r in converted] == ["2025-11-01", "2025-11-06", "2025-11-06"]
    assert [r["fx_rate"] for r in converted] == [7.1, 7.2, 7.2]
    assert [r["mid"] for r in converted] == pytest.approx([1000.0, 1000.0, 7300 / 7.2])
    assert {r["fx_pair"] for r in converted} == {"USD/CNY"} and {r["currency"] for r in converted} == {"USD"}
    assert {r["series"] for r in converted} == {SULPHATE + ">usd-mt"}


def test_a_price_older_than_the_first_rate_is_an_error_naming_its_date() -> None:
    prices = frame(row("2025-10-30", 7100), row("2025-11-06", 7200))
    with pytest.raises(ConversionError, match=r"no USD/CNY rate on or before 2025-10-30 .*first stored USD/CNY "
                                              r"rate is on 2025-11-01"):
        convert(prices, "USD/mt", fx=fx(("2025-11-01", "USD/CNY", 7.1)))


def test_either_direction_of_a_pair_converts_and_a_missing_pair_is_named() -> None:
    prices = frame(row("2025-11-06", 24, series=HYDROXIDE, commodity="cobalt_intermediate", grade="",
                       currency="USD", unit="lb"))
    as_cny = convert(prices, "CNY/lb", fx=fx(("2025-11-06", "USD/CNY", 7.0)))
    assert as_cny["mid"][0] == pytest.approx(168.0)
    inverse = convert(prices, "CNY/lb", fx=fx(("2025-11-06", "CNY/USD", 0.125)))
    assert inverse["mid"][0] == pytest.approx(192.0) and inverse["fx_pair"][0] == "CNY/USD"
    with pytest.raises(ConversionError, match="no FX rates to convert USD to EUR.*stored pairs: USD/CNY"):
        convert(prices, "EUR/lb", fx=fx(("2025-11-06", "USD/CNY", 7.0)))
    with pytest.raises(ConversionError, match="none are stored"):
        convert(prices, "EUR/lb")


def test_vat_comes_off_cny_prices_only_and_before_the_currency_changes() -> None:
    prices = frame(row("2025-11-06", 113), row("2025-11-06", 24, series=HYDROXIDE, commodity="cobalt_intermediate",
                                               grade="", currency="USD", unit="lb"))
    ex_vat = records(convert(prices, ex_vat=13))
    sulphate, hydroxide = sorted(ex_vat, key=lambda r: r["commodity"], reverse=True)
    assert sulphate["mid"] == pytest.approx(100.0) and sulphate["ex_vat"] == 13.0
    assert sulphate["series"] == SULPHATE + ">cny-mt-ex-vat" and sulphate["converted_from"] == SULPHATE
    assert hydroxide["mid"] == 24 and hydroxide["ex_vat"] is None and hydroxide["series"] == HYDROXIDE
    both = records(convert(prices.iloc[:1], "USD/mt", ex_vat=13, fx=fx(("2025-11-01", "USD/CNY", 5.0))))
    assert both[0]["mid"] == pytest.approx(20.0) and both[0]["series"] == SULPHATE + ">usd-mt-ex-vat"
    with pytest.raises(ConversionError, match="in percent"):
        convert(prices, ex_vat=130)


def test_conversion_then_averages_through_store_prices(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        _save(store, [_obs(date(2025, 11, 6), 7100.0), _obs(date(2025, 11, 20), 7200.0)])
        store.save_fx_rates([("2025-11-01", "USD/CNY", 7.1), ("2025-11-20", "USD/CNY", 7.2)])
        monthly = records(store.prices(freq="M", to="USD/mt"))
        assert len(monthly) == 1 and monthly[0]["mid"] == pytest.approx(1000.0) and monthly[0]["points"] == 2
        assert monthly[0]["fx_rate"] == pytest.approx(7.15) and monthly[0]["fx_date"] == "2025-11-20"


# -- FX rates in the store and from files --------------------------------------------------------------------


def test_fx_rates_are_stored_once_per_pair_and_date(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        assert store.fx_rates() == []
        assert store.save_fx_rates([("2025-11-06", "USD/CNY", 7.1), ("2025-11-07", "USD/CNY", 7.2)]) == \
            {"new": 2, "changed": 0, "unchanged": 0}
        assert store.save_fx_rates([("2025-11-06", "USD/CNY", 7.1), ("2025-11-07", "USD/CNY", 7.15)]) == \
            {"new": 0, "changed": 1, "unchanged": 1}
        assert store.fx_rates("USD/CNY") == [{"date": "2025-11-06", "pair": "USD/CNY", "rate": 7.1},
                                             {"date": "2025-11-07", "pair": "USD/CNY", "rate": 7.15}]


@pytest.mark.parametrize(("text", "pair"), [
    ("USD/CNY", "USD/CNY"), ("USDCNY", "USD/CNY"), ("usd-cny", "USD/CNY"), ("USD CNY", "USD/CNY"),
    ("USD/USD", None), ("US/CNY", None), ("dollar", None), ("", None)])
def test_normalise_pair(text: str, pair: str | None) -> None:
    assert normalise_pair(text) == pair


def test_read_rates(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_text("\ufeffRate,Pair,Date,Note\n7.12,USDCNY,2025-11-06,fixing\n\n7.1,USD/CNY,2025-11-05,\n",
                    encoding="utf-8")
    assert read_rates(path) == [("2025-11-05", "USD/CNY", 7.1), ("2025-11-06", "USD/CNY", 7.12)]


@pytest.mark.parametrize(("content", "message"), [
    ("day,pair,rate\n", "no date column"),
    ("date,pair,rate\n", "no rates"),
    ("date,pair,rate\n2025-11-06,USD/CNY,7.1\n06/11/2025,USD/CNY,7.1\n", r"rates.csv:3: '06/11/2025' is not a date"),
    ("date,pair,rate\n2025-11-06,dollar,7.1\n", "rates.csv:2: 'dollar' is not a currency pair"),
    ("date,pair,rate\n2025-11-06,USD/CNY,7,1\n", "rates.csv:2: '7' is not|"),
    ("date,pair,rate\n2025-11-06,USD/CNY,\"7,12\"\n", r"rates.csv:2: '7,12' is not a rate"),
    ("date,pair,rate\n2025-11-06,USD/CNY,-7\n", "is not a rate"),
    ("date,pair,rate\n2025-11-06,USD/CNY,7.1\n2025-11-06,usd cny,7.2\n", "a second USD/CNY rate for 2025-11-06"),
])
def test_read_rates_refuses_a_bad_file_naming_the_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(content, encoding="utf-8")
    if message.endswith("|"):  # "7,1" unquoted is two cells: the rate read is "7", a valid number
        assert read_rates(path) == [("2025-11-06", "USD/CNY", 7.0)]
        return
    with pytest.raises(TrackerError, match=message):
        read_rates(path)


# -- the command line --------------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_fx_import_then_export_converted_prices(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    with Store(db) as store:
        _save(store, [_obs(date(2025, 11, 6), 7100.0), _obs(date(2025, 11, 13), 7200.0)])
    rates = tmp_path / "rates.csv"
    rates.write_text("date,pair,rate\n2025-11-01,USD/CNY,7.1\n2025-11-13,USD/CNY,7.2\n", encoding="utf-8")
    imported = run("fx", "import", str(rates), "--store", db)
    assert imported.exit_code == 0 and "2 new, 0 changed, 0 unchanged" in imported.stderr
    listed = run("fx", "list", "--store", db, "--format", "csv")
    assert "USD/CNY,2,2025-11-01,2025-11-13,7.2" in listed.stdout
    out = tmp_path / "out.csv"
    assert run("export", "--store", db, "--to", "USD/mt", "-o", str(out)).exit_code == 0
    exported = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert list(exported[0]) == [*EXPORT_COLUMNS, *CONVERSION_COLUMNS]
    # the store leaves out a lone "high-nickel": the published series is smm.cobalt_sulphate.bid.cny-mt
    published = "smm.cobalt_sulphate.bid.cny-mt"
    assert [(r["series"], r["mid"], r["fx_rate"], r["fx_date"], r["converted_from"]) for r in exported] == [
        (published + ">usd-mt", "1000", "7.1", "2025-11-01", published),
        (published + ">usd-mt", "1000", "7.2", "2025-11-13", published)]
    monthly = run("prices", "--store", db, "--freq", "m", "--to", "USD/mt", "--format", "csv")
    assert monthly.exit_code == 0
    assert list(csv.DictReader(io.StringIO(monthly.stdout.lstrip("\ufeff"))))[0]["points"] == "2"


def test_cli_export_freq_is_store_prices_freq(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    with Store(db) as store:
        _save(store, [_obs(date(2025, 11, 6), 100.0), _obs(date(2025, 11, 7), 200.0),
                      _obs(date(2025, 11, 8), 300.0)])
        expected = records(store.prices(freq="W", week_ending="THU"))
    out = tmp_path / "weekly.json"
    assert run("export", "--store", db, "--freq", "W", "--week-ending", "thu", "--format", "json",
               "-o", str(out)).exit_code == 0
    import json

    assert json.loads(out.read_text(encoding="utf-8")) == expected
    assert [r["points"] for r in expected] == [1, 2]


def test_cli_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    with Store(db) as store:
        _save(store, [_obs(date(2025, 11, 6), 100.0)])
    stray = CliRunner().invoke(main, ["prices", "--store", db, "--week-ending", "THU"])
    assert stray.exit_code == 2 and "add --freq W" in stray.output
    fraction = CliRunner().invoke(main, ["prices", "--store", db, "--ex-vat", "0.13"])
    assert fraction.exit_code == 2 and "in percent" in fraction.output
    target = CliRunner().invoke(main, ["prices", "--store", db, "--to", "USD/oz"])
    assert target.exit_code == 2 and "give a unit" in target.output
    no_rates = CliRunner().invoke(main, ["export", "--store", db, "--to", "USD/mt"])
    assert no_rates.exit_code == 2 and "no FX rates to convert CNY to USD" in no_rates.stderr
    assert "Traceback" not in no_rates.stderr
    bad_file = tmp_path / "rates.csv"
    bad_file.write_text("date,pair,rate\nyesterday,USD/CNY,7\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["fx", "import", str(bad_file), "--store", db])
    assert refused.exit_code == 1 and "rates.csv:2" in refused.stderr


def test_without_the_new_options_prices_and_export_are_unchanged(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    with Store(db) as store:
        _save(store, [_obs(date(2025, 11, 6), 100.0)])
    shown = run("prices", "--store", db, "--format", "csv")
    assert shown.stdout.lstrip("\ufeff").splitlines()[0] == ",".join(EXPORT_COLUMNS)  # no period or FX columns
    out = tmp_path / "out.csv"
    run("export", "--store", db, "-o", str(out))
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(EXPORT_COLUMNS)


# -- helpers -------------------------------------------------------------------------------------------------


def _obs(day: date, price: float) -> Observation:
    return Observation(date=day, commodity="cobalt_sulphate", grade="high-nickel", price_type="bid", low=price,
                       high=price, currency="CNY", unit="mt", text=f"{price:g} yuan/mt",
                       sentence=f"High-nickel cobalt sulphate bids at {price:g} yuan/mt.", publisher="SMM")


def _save(store: Store, observations: list[Observation]) -> None:
    for obs in observations:
        text = f"review of {obs.date}"
        store.save(Document(path=f"{obs.date}.txt", text=text, title="Weekly", date=obs.date,
                            content_hash=text_hash(text)), [obs], "test")


def test_a_version_3_store_gains_the_fx_table(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "t.db"
    with Store(path) as store:
        _save(store, [_obs(date(2025, 11, 6), 100.0)])
    with sqlite3.connect(path) as conn:  # as tracker left it before FX rates: schema 3, no fx_rates
        conn.execute("DROP TABLE fx_rates")
        conn.execute("PRAGMA user_version = 3")
    with Store(path) as store:
        assert store.fx_rates() == [] and len(store.observations()) == 1
        store.save_fx_rates([("2025-11-06", "USD/CNY", 7.1)])
        assert len(store.fx_rates()) == 1


def test_plot_freq_draws_the_period_averages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.plot

    db = str(tmp_path / "t.db")
    with Store(db) as store:
        _save(store, [_obs(date(2025, 11, 6), 100.0), _obs(date(2025, 11, 13), 200.0),
                      _obs(date(2025, 12, 4), 400.0)])
        expected = store.prices(freq="M")
    drawn: list[pd.DataFrame] = []
    build = tracker.plot.build_figure
    monkeypatch.setattr(tracker.plot, "build_figure", lambda frame, **kw: (drawn.append(frame), build(frame, **kw))[1])
    result = run("plot", "--store", db, "--freq", "M", "-o", str(tmp_path / "m.png"), "--dpi", "20")
    assert result.exit_code == 0 and (tmp_path / "m.png").is_file()
    (frame,) = drawn
    assert list(frame["mid"]) == list(expected["mid"]) == [150.0, 400.0]
    assert list(frame["points"]) == [2, 1]
    stray = CliRunner().invoke(main, ["plot", "--store", db, "--week-ending", "MON", "-o", str(tmp_path / "x.png")])
    assert stray.exit_code == 2 and "add --freq W" in stray.output
