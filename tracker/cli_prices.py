"""`tracker prices`, `latest`, `series`, `export` and `plot`: reading the store.

Kept apart from tracker/cli.py, which registers these commands when it is imported.
"""
from __future__ import annotations

import os
import sys

import click

from tracker.cli import (
    STORE_OPTION,
    _about,
    _analysis,
    _check_output,
    _filters,
    _format_of,
    _parse_date,
    _plural,
    _show,
    conversion_options,
    filter_options,
    main,
    open_store,
    period_options,
    show_options,
)


@main.command()
@filter_options
@period_options
@conversion_options
@show_options
@STORE_OPTION
def prices(store_path, output_format, limit, freq, week_ending, to, ex_vat, **filters):
    """Show stored prices as a table, oldest first.

    One row per series and date: the same price reported by several documents is shown
    once; where documents disagree, the later-published one stands (see `series --conflicts`).
    With --freq, one row per series and period; with --to or --ex-vat, converted prices
    under a series id that says so (smm.cobalt_sulphate.bid.cny-mt>usd-lb).
    """
    options = _analysis(freq, week_ending, to, ex_vat)
    columns: tuple[str, ...] = ("date", "series", "low", "high", "mid", "document")
    with open_store(store_path) as store:
        if not (freq or to or ex_vat):
            rows = store.observations(**_filters(**filters))
        else:
            from tracker.analysis import records

            rows = records(store.prices(**_filters(**filters), **options))
            # an average has no one document; a conversion shows the rate it used
            columns = ("date", "period", "series", "low", "high", "mid", "points") if freq else \
                ("date", "series", "low", "high", "mid")
            columns += ("fx_rate", "fx_date") if to else ()
    _show(rows, columns, output_format, limit)


@main.command()
@filter_options
@show_options
@STORE_OPTION
def latest(store_path, output_format, limit, **filters):
    """Show the last price of every series and its change from the one before.

    A series is one published price: publisher, commodity, spec, price type, currency
    and unit. The change and % change compare the mids of its last two dates.
    """
    with open_store(store_path) as store:
        rows = store.latest(**_filters(**filters))
    _show(rows, ("series", "date", "low", "high", "mid", "previous_date", "previous_mid", "change", "pct_change"),
          output_format, limit)


@main.command("series")
@filter_options
@click.option("--conflicts", is_flag=True,
              help="List the dates on which documents disagree about a series, with both values and sources.")
@show_options
@STORE_OPTION
def series_command(store_path, conflicts, output_format, limit, **filters):
    """List the series in the store: id, points, first and last date, last mid, spacing.

    A series is one published price: publisher, commodity, spec (grade, form, basis,
    origin, feedstock, market), price type, currency and unit. Its id names all six,
    e.g. smm.cobalt_sulphate.high-nickel.bid.cny-mt; pass it to --series elsewhere.
    """
    with open_store(store_path) as store:
        if conflicts:
            rows = store.conflicts(**_filters(**filters))
            if not rows:
                click.echo("no conflicts: every series has one value per date", err=True)
                return
            _show(rows, ("series", "date", "low", "high", "document", "other_low", "other_high", "other_document"),
                  output_format, limit)
            return
        rows = store.series(**_filters(**filters))
    _show(rows, ("series", "points", "first_date", "last_date", "last_mid", "spacing"), output_format, limit)
    click.echo(f"{len(rows)} series", err=True)


@main.command()
@filter_options
@period_options
@conversion_options
@click.option("--format", "output_format", type=click.Choice(["csv", "json", "xlsx"]),
              help="Output format (default: xlsx for a .xlsx --output, else csv).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="File to write (written atomically); standard output if omitted (not for xlsx).")
@click.option("--wide", is_flag=True, help="One row per date, one column per series id (mid prices).")
@STORE_OPTION
def export(store_path, output_format, output, wide, freq, week_ending, to, ex_vat, **filters):
    """Export stored prices for spreadsheets and other tools.

    One row per series and date (per series and period with --freq). The CSV is UTF-8
    with a BOM (Excel shows Chinese correctly), has extract's columns plus `sources`
    (every document that reported the price, "; "-separated; a list in JSON), ISO dates,
    and text cells that could run as formulas neutralised with a leading quote.

    xlsx writes a workbook: a `latest` sheet, the `prices` table (filters, frozen header,
    real dates and numbers), and a sheet per commodity with a native line chart per unit.
    """
    from tracker import export as exporter
    from tracker.observation import price_columns

    output_format = output_format or _format_of(output)
    _check_output(output, output_format)
    if output_format == "xlsx" and not output:
        raise click.UsageError("a workbook is written to a file: give --output FILE.xlsx")
    if output_format == "xlsx" and wide:
        raise click.UsageError("--wide is for csv and json; the workbook has a wide sheet per commodity")
    options = _analysis(freq, week_ending, to, ex_vat)
    columns = list(price_columns(freq, converted=bool(to or ex_vat)))
    with open_store(store_path) as store:
        if output_format == "xlsx" or freq or to or ex_vat:
            frame = store.prices(**_filters(**filters), **options)
        else:
            rows = store.observations(**_filters(**filters))
    if output_format == "xlsx":
        from tracker.analysis import latest
        from tracker.xlsx import write_workbook

        about = _about(filters, options)
        exporter.write_atomic(output, lambda tmp: write_workbook(tmp, frame, latest(frame), columns=columns,
                                                                 about=about))
        click.echo(f"{_plural(len(frame), 'row')} written to {output}", err=True)
        return
    if freq or to or ex_vat:
        from tracker.analysis import records

        rows = records(frame)
    if wide:
        columns, rows = exporter.wide(rows)

    def write(target):
        if output_format == "json":
            exporter.write_json(rows, target, columns)
        else:
            exporter.write_csv(rows, target, columns)

    if output:
        exporter.write_atomic(output, write)
        click.echo(f"{_plural(len(rows), 'row')} written to {output}", err=True)
    else:
        write(sys.stdout.buffer)


@main.command()
@click.argument("commodities", nargs=-1, metavar="[COMMODITY]...")
@click.option("--series", "series", multiple=True, metavar="ID",
              help="Only this series, by the id `tracker series` lists (repeatable).")
@click.option("--publisher", help="Only this publisher's series, e.g. SMM, Fastmarkets, Argus.")
@click.option("--grade", help="Only series whose spec contains this text.")
@click.option("--type", "price_type", type=click.Choice(["offer", "bid", "transaction", "assessment"]),
              help="Only this price type.")
@click.option("--currency", help="Only this ISO 4217 currency, e.g. CNY or USD.")
@click.option("--since", callback=_parse_date, metavar="YYYY-MM-DD", help="First date, inclusive.")
@click.option("--until", callback=_parse_date, metavar="YYYY-MM-DD", help="Last date, inclusive.")
@click.option("--output", "-o", default="charts", show_default=True, type=click.Path(),
              help="A .png file for one chart (one commodity, or --normalize), or a directory (created if "
                   "needed) for one PNG per commodity.")
@click.option("--normalize", is_flag=True, help="Rebase every series to 100 at its first point, on one panel.")
@click.option("--dpi", type=click.IntRange(20, 600), default=100, show_default=True, help="Resolution.")
@click.option("--width", type=click.FloatRange(2, 40), default=10.0, show_default=True, help="Width in inches.")
@click.option("--height", type=click.FloatRange(2, 60), help="Height in inches (default: by panel count).")
@period_options
@STORE_OPTION
def plot(store_path, commodities, series, publisher, grade, price_type, currency, since, until, output, normalize,
         dpi, width, height, freq, week_ending):
    """Chart price trends as PNG: a low-high band and a mid line per series.

    One panel per commodity and unit (never yuan/mt and $/lb on one axis), at most
    eight series a panel, one colour per series that stays the same across charts and
    runs. With no COMMODITY (any name the registry knows), every commodity is drawn.

    \b
    Example:
      tracker plot cobalt_sulphate refined_cobalt --since 2025-01-01 -o charts/
    """
    from tracker.plot import plot_prices

    if not os.path.isdir(output):  # a folder is a folder whatever its name
        _check_output(output, "png", "give a .png file or a folder")
    problems: list[str] = []
    options = _analysis(freq, week_ending)
    with open_store(store_path) as store:
        if freq:  # plot_prices reads Store.prices and takes no freq: it is handed the averaged prices instead
            from tracker.analysis import Averaged

            store = Averaged(store, options["freq"], options["week_ending"])
        written = plot_prices(store, list(commodities), output, grade=grade, price_type=price_type,
                              currency=currency, publisher=publisher, series=list(series) or None, since=since,
                              until=until, normalize=normalize, dpi=dpi, width=width, height=height,
                              warnings=problems)
    for problem in dict.fromkeys(problems):  # one chart may warn twice about one thing
        click.echo(f"tracker: warning: {problem}", err=True)
    for path in written:
        click.echo(f"wrote {path}", err=True)
