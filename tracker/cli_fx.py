"""`tracker fx`: the user's FX rates, imported into the store for `--to CUR/UNIT`.

Kept apart from tracker/cli.py, which registers this group when it is imported.
"""
from __future__ import annotations

import click

from tracker.cli import STORE_OPTION, _plural, _show, main, open_store, show_options


@main.group()
def fx():
    """FX rates for converting prices between currencies (--to USD/lb).

    tracker bundles and fetches no rates: import the ones your contracts use (a central
    bank's fixing, your bank's rates) from a CSV file with the columns date, pair, rate.
    """


@fx.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False), metavar="RATES.csv")
@STORE_OPTION
def import_rates(path, store_path):
    """Import FX rates from a CSV file: columns date, pair, rate.

    A line "2025-11-06,USD/CNY,7.12" says one USD cost 7.12 CNY on that date (USDCNY and
    usd-cny are read the same). A pair's rate on a date already stored is replaced. A file
    with a bad line is refused whole, naming the line. Converting a price uses the rate on
    its date or the last one before it, never a later one.

    \b
    Example:
      tracker fx import rates.csv && tracker export --to USD/lb -o prices.xlsx
    """
    from tracker.fx import read_rates

    rates = read_rates(path)
    with open_store(store_path, create=True) as store:
        counts = store.save_fx_rates(rates, source=path)
    pairs = sorted({pair for _, pair, _ in rates})
    click.echo(f"{_plural(len(rates), 'rate')} read ({', '.join(pairs)}, {rates[0][0]} to "
               f"{max(day for day, _, _ in rates)}): {counts['new']} new, {counts['changed']} changed, "
               f"{counts['unchanged']} unchanged", err=True)


@fx.command("list")
@click.option("--pair", help="Show every rate of this pair (USD/CNY) rather than a summary per pair.")
@show_options
@STORE_OPTION
def list_rates(pair, output_format, limit, store_path):
    """List the stored FX rates: per pair, how many, first and last date, last rate.

    With --pair, every rate of that pair by date.
    """
    from tracker.fx import normalise_pair

    with open_store(store_path) as store:
        wanted = normalise_pair(pair) if pair else None
        if pair and wanted is None:
            raise click.BadParameter(f"{pair!r} is not a currency pair such as USD/CNY", param_hint="--pair")
        rates = store.fx_rates(wanted)
    if not rates:
        click.echo(f"no {wanted or 'FX'} rates stored; import some with `tracker fx import RATES.csv`", err=True)
        return
    if wanted:
        _show(rates, ("date", "pair", "rate"), output_format, limit)
        return
    summary: dict[str, dict] = {}
    for row in rates:  # ordered by pair and date
        held = summary.setdefault(row["pair"], {"pair": row["pair"], "rates": 0, "first_date": row["date"]})
        held.update(rates=held["rates"] + 1, last_date=row["date"], last_rate=row["rate"])
    _show(list(summary.values()), ("pair", "rates", "first_date", "last_date", "last_rate"), output_format, limit)
