"""The `tracker` command line: a thin layer over the library.

Exit codes (stable, documented in the README):
  0  success
  1  some input failed (each failure is reported on stderr); the rest was processed
  2  usage error (bad option or argument)
  3  the store cannot be used (not a tracker store, newer schema, unwritable)
  4  unexpected internal error (rerun with --debug for the traceback)
"""
from __future__ import annotations

import sys
from datetime import datetime

import click

from tracker.errors import SelectionError, StoreError, TrackerError

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_INTERNAL = 4


def _parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _parse_publisher(ctx, param, value):
    if value is None:
        return None
    from tracker.publishers import default_publishers

    publishers = default_publishers()
    known = publishers.canonical(value)
    if known is None:
        raise click.BadParameter(f"unknown publisher {value!r}; known: {', '.join(publishers.names)}")
    return known


DATE_OPTION = click.option("--date", "date_override", callback=_parse_date, metavar="YYYY-MM-DD",
                           help="Publication date for every document, overriding the dates found in them.")
PUBLISHER_OPTION = click.option(
    "--publisher", "publisher", metavar="NAME", callback=_parse_publisher,
    help="Publisher of every document (SMM, Fastmarkets, Argus, ...), overriding the one found in the page.")
MAX_SIZE_OPTION = click.option("--max-size", type=click.IntRange(min=1), default=50, show_default=True,
                               metavar="MB", help="Skip files larger than this many megabytes.")


class TrackerGroup(click.Group):
    """Turns library errors into one-line messages; tracebacks only with --debug."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StoreError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"tracker: error: {error}", err=True)
            ctx.exit(EXIT_STORE)
        except SelectionError as error:  # a name that matches nothing: the user's mistake, as a usage error
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"tracker: error: {error}", err=True)
            ctx.exit(EXIT_USAGE)
        except TrackerError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"tracker: error: {error}", err=True)
            ctx.exit(EXIT_INPUT_FAILED)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            sys.stderr.close()  # output piped into `head`: not an error
            ctx.exit(0)
        except Exception as error:  # noqa: BLE001 - the last line of defence for users
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"tracker: internal error: {type(error).__name__}: {error} "
                       "(rerun with --debug for the traceback)", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="tracker")
@click.pass_context
def main(ctx, debug):
    """Track commodity prices from market reviews.

    Extract price levels from reviews (pasted pages, HTML, plain text, Chinese pages),
    keep them in a local SQLite history, chart them and export CSV.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


JOBS_OPTION = click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
                           help="Worker processes for reading and extraction (default: one per core).")


def report(result) -> None:
    """A failed file on stderr, with its name and the reason; warnings likewise."""
    if result.error is not None:
        click.echo(f"tracker: {_printable(result.error.path)}: {result.error.reason}", err=True)
    for warning in result.warnings:
        click.echo(f"tracker: warning: {_printable(result.path)}: {warning}", err=True)


def _printable(path: str) -> str:
    """A file name as given, quoted when it holds control characters (newlines, escapes)."""
    return path if path.isprintable() else repr(path)


def _files(paths) -> list[str]:
    from tracker.documents import iter_paths

    return list(iter_paths(list(paths)))


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@DATE_OPTION
@PUBLISHER_OPTION
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@MAX_SIZE_OPTION
@JOBS_OPTION
def extract(paths, date_override, publisher, output_format, max_size, jobs):
    """Print the prices found in review files, without storing anything.

    PATH is a file (.txt, .html, .htm, .md), a directory (every such file below it, in
    sorted order) or - for standard input. Files that fail are reported on stderr; the
    others are still extracted, and the exit status is then 1.

    \b
    Example:
      tracker extract reviews/ --format csv > prices.csv
    """
    from tracker import series
    from tracker.batch import extract_paths
    from tracker.export import write_csv, write_json
    from tracker.observation import CSV_COLUMNS

    observations, failed, documents = [], 0, 0
    for result in extract_paths(_files(paths), date_override, max_size * 1024 * 1024, jobs, publisher):
        report(result)
        if result.error is not None:
            failed += 1
            continue
        documents += 1
        observations += result.observations
    # series are resolved across every document read together, as the store does across its history
    rows = series.rows(observations)
    if output_format == "csv":
        write_csv(rows, sys.stdout, CSV_COLUMNS, bom=False)
    elif output_format == "json":
        write_json(rows, sys.stdout)
    else:
        print_table(rows)
    click.echo(f"{len(rows)} observations from {documents} documents; {failed} failed", err=True)
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


STORE_OPTION = click.option(
    "--store", "store_path", type=click.Path(dir_okay=False), envvar="TRACKER_STORE", show_envvar=True,
    help="SQLite store to use (default: tracker.db in the per-user data directory).")


def open_store(store_path: str | None):
    from tracker.store import Store, default_store_path

    return Store(store_path or default_store_path())


def filter_options(func):
    """The filters shared by prices, latest, series, export and plot."""
    options = [
        click.option("--series", "series", multiple=True, metavar="ID",
                     help="A series id as `tracker series` lists it (repeatable)."),
        click.option("--publisher", help="Publisher, e.g. SMM, Fastmarkets, Argus."),
        click.option("--commodity", help="Commodity, by its canonical name or any alias (cobalt_sulphate, "
                                         "\"cobalt sulfate\", 硫酸钴)."),
        click.option("--grade", help="Spec, or part of it (\"nickel\" matches high-nickel)."),
        click.option("--type", "price_type", type=click.Choice(["offer", "bid", "transaction", "assessment"]),
                     help="Price type."),
        click.option("--currency", help="ISO 4217 currency, e.g. CNY or USD."),
        click.option("--since", callback=_parse_date, metavar="YYYY-MM-DD", help="First date, inclusive."),
        click.option("--until", callback=_parse_date, metavar="YYYY-MM-DD", help="Last date, inclusive."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filters(commodity=None, grade=None, price_type=None, currency=None, since=None, until=None, publisher=None,
             series=()) -> dict:
    return {"commodity": commodity, "grade": grade, "price_type": price_type, "currency": currency,
            "since": since, "until": until, "publisher": publisher, "series": list(series) or None}


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@DATE_OPTION
@PUBLISHER_OPTION
@STORE_OPTION
@MAX_SIZE_OPTION
@JOBS_OPTION
def ingest(paths, date_override, publisher, store_path, max_size, jobs):
    """Extract prices from review files and add them to the store.

    PATH is a file, a directory (every .txt, .html, .htm, .md below it) or - for
    standard input. Each document is stored in one transaction: unchanged documents
    are skipped, a changed document at the same path replaces its earlier prices.
    Files that fail are reported with the reason; the rest are ingested (exit status 1).
    """
    from tracker.batch import ingest_paths

    counts = {"new": 0, "unchanged": 0, "replaced": 0, "failed": 0}
    added = 0
    with open_store(store_path) as store:
        files = _files(paths)
        with click.progressbar(length=len(files), label="ingesting", file=sys.stderr, show_pos=True,
                               hidden=len(files) <= 5 or not sys.stderr.isatty()) as bar:
            for result in ingest_paths(store, files, date_override, max_size * 1024 * 1024, jobs, publisher):
                report(result)
                counts[result.status] += 1
                added += len(result.observations) if result.status in ("new", "replaced") else 0
                bar.update(1)
        store.resolve_series()
    read = len(files) - counts["failed"]
    click.echo(f"{read} documents read: {counts['new']} new, {counts['unchanged']} unchanged, "
               f"{counts['replaced']} replaced; {added} observations added; {counts['failed']} errors", err=True)
    if counts["failed"]:
        sys.exit(EXIT_INPUT_FAILED)


@main.command()
@STORE_OPTION
def reextract(store_path):
    """Run the current extractor over every stored document again.

    History improves when the rules improve: observations the new rules no longer
    find are removed, new ones added, each document in one transaction.
    """
    from tracker.extract import EXTRACTOR_VERSION, extract_text

    documents = added = removed = 0
    with open_store(store_path) as store:
        for document_id, path, title, published, text, publisher in list(store.iter_documents()):
            observations = extract_text(text, published, title, publisher=publisher, document=path)
            plus, minus = store.replace_observations(document_id, observations, EXTRACTOR_VERSION)
            documents, added, removed = documents + 1, added + plus, removed + minus
        store.resolve_series()
    click.echo(f"{documents} documents re-extracted: {added} observations added, {removed} removed", err=True)


@main.command()
@filter_options
@STORE_OPTION
def prices(store_path, **filters):
    """Show stored prices as a table, oldest first.

    One row per series and date: the same price reported by several documents is shown
    once; where documents disagree, the later-published one stands (see `series --conflicts`).
    """
    with open_store(store_path) as store:
        rows = store.observations(**_filters(**filters))
    print_table(rows, ("date", "series", "low", "high", "mid", "document"))


@main.command()
@filter_options
@STORE_OPTION
def latest(store_path, **filters):
    """Show the last price of every series and its change from the one before.

    A series is one published price: publisher, commodity, spec, price type, currency
    and unit. The change and % change compare the mids of its last two dates.
    """
    with open_store(store_path) as store:
        rows = store.latest(**_filters(**filters))
    print_table(rows, ("series", "date", "low", "high", "mid", "previous_date", "previous_mid", "change",
                       "pct_change"))


@main.command("series")
@filter_options
@click.option("--conflicts", is_flag=True,
              help="List the dates on which documents disagree about a series, with both values and sources.")
@STORE_OPTION
def series_command(store_path, conflicts, **filters):
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
            print_table(rows, ("series", "date", "low", "high", "document", "other_low", "other_high",
                               "other_document"))
            return
        rows = store.series(**_filters(**filters))
    print_table(rows, ("series", "points", "first_date", "last_date", "last_mid", "spacing"))
    click.echo(f"{len(rows)} series", err=True)


@main.command()
@filter_options
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="File to write (written atomically); standard output if omitted.")
@click.option("--wide", is_flag=True, help="One row per date, one column per series id (mid prices).")
@STORE_OPTION
def export(store_path, output_format, output, wide, **filters):
    """Export stored prices for spreadsheets and other tools.

    One row per series and date. The CSV is UTF-8 with a BOM (Excel shows Chinese
    correctly), has extract's columns plus `sources` (every document that reported the
    price, "; "-separated; a list in JSON), ISO dates, and text cells that could run as
    formulas neutralised with a leading quote.
    """
    from tracker import export as exporter
    from tracker.observation import EXPORT_COLUMNS

    with open_store(store_path) as store:
        rows = store.observations(**_filters(**filters))
    columns = list(EXPORT_COLUMNS)
    if wide:
        columns, rows = exporter.wide(rows)

    def write(target):
        if output_format == "json":
            exporter.write_json(rows, target, columns)
        else:
            exporter.write_csv(rows, target, columns)

    if output:
        exporter.write_atomic(output, write)
        click.echo(f"{len(rows)} rows written to {output}", err=True)
    else:
        write(sys.stdout.buffer)


@main.command()
@click.argument("commodities", nargs=-1, metavar="[COMMODITY]...")
@click.option("--grade", help="Only series whose grade contains this text.")
@click.option("--type", "price_type", type=click.Choice(["offer", "bid", "transaction", "assessment"]),
              help="Only this price type.")
@click.option("--since", callback=_parse_date, metavar="YYYY-MM-DD", help="First date, inclusive.")
@click.option("--until", callback=_parse_date, metavar="YYYY-MM-DD", help="Last date, inclusive.")
@click.option("--output", "-o", default="charts", show_default=True, type=click.Path(),
              help="A .png file for one chart, or a directory for one PNG per commodity.")
@click.option("--normalize", is_flag=True, help="Rebase every series to 100 at its first point, on one panel.")
@click.option("--dpi", type=click.IntRange(20, 600), default=100, show_default=True, help="Resolution.")
@click.option("--width", type=click.FloatRange(2, 40), default=10.0, show_default=True, help="Width in inches.")
@click.option("--height", type=click.FloatRange(2, 60), help="Height in inches (default: by panel count).")
@STORE_OPTION
def plot(store_path, commodities, grade, price_type, since, until, output, normalize, dpi, width, height):
    """Chart price trends as PNG: a low-high band and a mid line per series.

    One panel per commodity and unit (never yuan/mt and $/lb on one axis). With no
    COMMODITY, every commodity in the store is drawn.

    \b
    Example:
      tracker plot cobalt_sulphate refined_cobalt --since 2025-01-01 -o charts/
    """
    from tracker.plot import plot_prices

    with open_store(store_path) as store:
        written = plot_prices(store, list(commodities), output, grade=grade, price_type=price_type,
                              since=since, until=until, normalize=normalize, dpi=dpi, width=width,
                              height=height)
    for path in written:
        click.echo(f"wrote {path}", err=True)


def print_table(rows: list[dict], columns=("date", "commodity", "grade", "price_type", "low", "high",
                                            "currency", "unit", "document")) -> None:
    if not rows:
        click.echo("no prices found", err=True)
        return
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [min(40, max(len(column), *(len(row[i]) for row in cells))) for i, column in enumerate(columns)]
    click.echo("  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True)))
    for row in cells:
        click.echo("  ".join(value[:width].ljust(width) for value, width in zip(row, widths, strict=True)))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)
