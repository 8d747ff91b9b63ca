"""The `tracker` command line: a thin layer over the library.

Exit codes (stable, documented in the README):
  0  success
  1  some input failed (each failure is reported on stderr), or no document was found to read
  2  usage error (bad option or argument, an output that cannot be written)
  3  the store cannot be used (none at that path, not a tracker store, newer schema, unwritable)
  4  unexpected internal error (rerun with --debug for the traceback)
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import warnings
from datetime import datetime
from pathlib import Path

import click

from tracker.errors import ConversionError, OutputError, SelectionError, StoreError, TrackerError

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_INTERNAL = 4

# Library errors say what is wrong; the CLI says which option changes it. Keyed by DocumentError.remedy,
# the library argument that would get the document through.
HINTS = {"date_override": "pass --date YYYY-MM-DD", "max_size": "raise it with --max-size MB"}

# The file extensions each output format is written under. A format added later (xlsx, svg) adds its
# line; a name with another extension is refused rather than written in the wrong format.
OUTPUT_SUFFIXES = {"csv": (".csv", ".txt"), "json": (".json",), "xlsx": (".xlsx",), "png": (".png",)}
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}")  # ".xlsx" is one; "prices.2026-02" has none


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
            with warnings.catch_warnings():
                if not _debug(ctx):
                    warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except OutputError as error:
            if _debug(ctx):
                raise
            click.echo(f"tracker: error: {error}", err=True)
            ctx.exit(EXIT_USAGE)
        except StoreError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"tracker: error: {error}", err=True)
            ctx.exit(EXIT_STORE)
        except (SelectionError, ConversionError) as error:  # a name that matches nothing, a conversion the
            # prices cannot take (no FX rate that early, no metal content): what was asked, as a usage error
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


def _debug(ctx=None) -> bool:
    ctx = ctx or click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A library's warning as one line of ours: no source file and line (--debug shows Python's form)."""
    text = str(message).splitlines()[0] if str(message) else category.__name__
    click.echo(f"tracker: warning: {text}", err=True)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


JOBS_OPTION = click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
                           help="Worker processes for reading and extraction (default: one per core).")


def report(result) -> None:
    """A failed file on stderr, with its name, the reason and what to do; warnings likewise."""
    if result.error is not None:
        report_error(result.error)
    for warning in result.warnings:
        click.echo(f"tracker: warning: {_printable(result.path)}: {warning}", err=True)


def report_error(error) -> None:
    """One line: the file, the reason, the option that helps; the traceback of a bug only with --debug."""
    hint = HINTS.get(error.remedy) or (
        "rerun with --debug for the traceback" if error.details and not _debug() else None)
    click.echo(f"tracker: {_printable(error.path)}: {error.reason}{f'; {hint}' if hint else ''}", err=True)
    if error.details and _debug():
        click.echo(error.details.rstrip(), err=True)


def _printable(path: str) -> str:
    """A file name as given, quoted when it holds control characters (newlines, escapes)."""
    return path if path.isprintable() else repr(path)


def _files(paths) -> tuple[list[str], str]:
    """The files to read, and a note naming what the folders held besides reviews ("" if nothing).

    Finding no file to read at all ends the run (exit 1): a run that reads nothing did not do its job.
    """
    from tracker.documents import SUFFIXES, iter_paths

    skipped: list[str] = []
    files = list(iter_paths(list(paths), skipped))
    note = ""
    if skipped:
        names = ", ".join(map(_printable, skipped[:5])) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        note = f"skipped {_plural(len(skipped), 'file')} not a review format: {names}"
    if not files:
        click.echo(f"tracker: no review files to read (looked for {', '.join(SUFFIXES)})"
                   f"{f'; {note}' if note else ''}", err=True)
        click.get_current_context().exit(EXIT_INPUT_FAILED)
    return files, note


def _format_of(output: str | None) -> str:
    """export's format when --format is not given: xlsx for a .xlsx file, else csv (a .json file without
    --format json stays the usage error it always was)."""
    return "xlsx" if os.path.splitext(output or "")[1].lower() in OUTPUT_SUFFIXES["xlsx"] else "csv"


def _about(filters: dict, options: dict) -> list[tuple[str, str]]:
    """The workbook's about sheet: what was selected, averaged and converted, in words."""
    from tracker import __version__

    chosen = []
    for name, value in filters.items():
        if value not in (None, ()):
            flag = "--type" if name == "price_type" else f"--{name}"
            chosen.append(f"{flag} {', '.join(value) if isinstance(value, tuple) else value}")
    freq = {"W": f"weekly averages (weeks ending {options['week_ending']})", "M": "monthly averages",
            "Q": "quarterly averages", "Y": "yearly averages"}.get(options["freq"] or "", "")
    converted = [f"to {options['to']} (FX: the imported rate on each price's date or the last one before)"
                 if options["to"] else "", f"{options['ex_vat']:g}% VAT taken off CNY prices" if options["ex_vat"]
                 else ""]
    return [("written", datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
            ("by", f"tracker {__version__}"),
            ("selection", ", ".join(chosen) or "every price in the store"),
            ("prices", f"per series and period: {freq}" if freq else "one row per series and date, as published"),
            ("conversion", "; ".join(filter(None, converted)) or "none: currencies and units as published"),
            ("latest", "per series: the last price (or period), the one before it and the change"),
            ("prices sheet", "every exported column as an Excel table: filter buttons, frozen header"),
            ("commodity sheets", "dates down, the mid of each series across, a line chart per currency and unit")]


def _check_output(output: str | None, output_format: str, hint: str = "") -> None:
    """A usage error for an output name whose extension is not one `output_format` is written under."""
    suffix = os.path.splitext(output or "")[1]
    if not _EXTENSION.fullmatch(suffix) or suffix.lower() in OUTPUT_SUFFIXES[output_format]:
        return
    other = next((name for name, suffixes in OUTPUT_SUFFIXES.items() if suffix.lower() in suffixes), None)
    hint = hint or (f"pass --format {other}" if other else "")
    raise click.BadParameter(f"{output}: {output_format.upper()} is written to "
                             f"{' or '.join(OUTPUT_SUFFIXES[output_format])} files, not {suffix}"
                             f"{f'; {hint}' if hint else ''}", param_hint="--output")


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

    PATH is a file (.txt, .text, .html, .htm, .md, .markdown), a directory (every such
    file below it, in sorted order) or - for standard input. Files that fail are reported
    on stderr; the others are still extracted, and the exit status is then 1.

    \b
    Example:
      tracker extract reviews/ --format csv > prices.csv
    """
    from tracker import series
    from tracker.batch import extract_paths
    from tracker.export import write_csv, write_json
    from tracker.observation import CSV_COLUMNS

    files, skipped = _files(paths)
    observations, failed, documents = [], 0, 0
    for result in extract_paths(files, date_override, max_size * 1024 * 1024, jobs, publisher):
        report(result)
        if result.error is not None:
            failed += 1
            continue
        documents += 1
        observations += result.observations
    # series are resolved across every document read together, as the store does across its history
    rows = series.rows(observations)
    if output_format == "csv":
        write_csv(rows, sys.stdout.buffer, CSV_COLUMNS)  # with a BOM, as every CSV: `> prices.csv` opens in Excel
    elif output_format == "json":
        write_json(rows, sys.stdout.buffer)
    else:
        print_table(rows)
    click.echo(f"{_plural(len(rows), 'observation')} from {_plural(documents, 'document')}; {failed} failed"
               f"{f'; {skipped}' if skipped else ''}", err=True)
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


STORE_OPTION = click.option(
    "--store", "store_path", type=click.Path(dir_okay=False), envvar="TRACKER_STORE", show_envvar=True,
    help="SQLite store to use (default: tracker.db in the per-user data directory).")


def open_store(store_path: str | None, create: bool = False):
    """The store at `store_path` (or the default one). Only `create` (ingest) may make a new one:
    a reading command given a mistyped path must not leave an empty store (and its folders) behind.
    """
    from tracker.store import Store, default_store_path

    path = Path(store_path or default_store_path()).expanduser()
    new = not path.exists()
    if new and not create:
        click.echo(f"tracker: no store at {path} (run 'tracker ingest' first)", err=True)
        click.get_current_context().exit(EXIT_STORE)
    store = Store(path)
    if new:
        click.echo(f"created a new store at {path}", err=True)
    return store


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


def show_options(func):
    """--format and --limit of prices, latest and series."""
    func = click.option("--limit", type=click.IntRange(min=1), metavar="N",
                        help="Show at most N rows (the first N, in the order shown).")(func)
    return click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
                        show_default=True, help="Output format: a table fitted to the terminal (file names "
                        "only), or CSV/JSON on standard output (full paths).")(func)


def _show(rows: list[dict], columns: tuple[str, ...], output_format: str, limit: int | None) -> None:
    from tracker.export import write_csv, write_json

    if limit is not None and len(rows) > limit:
        click.echo(f"showing the first {limit} of {_plural(len(rows), 'row')}", err=True)
        rows = rows[:limit]
    if output_format == "table":
        print_table(rows, columns)
        return
    full = list(rows[0]) if rows else list(columns)  # files for other tools get every field, not the table's
    if output_format == "csv":
        write_csv(rows, sys.stdout.buffer, full)
    else:
        write_json(rows, sys.stdout.buffer, full)


def _filters(commodity=None, grade=None, price_type=None, currency=None, since=None, until=None, publisher=None,
             series=()) -> dict:
    return {"commodity": commodity, "grade": grade, "price_type": price_type, "currency": currency,
            "since": since, "until": until, "publisher": publisher, "series": list(series) or None}


def _parse_target(ctx, param, value):
    if value is None:
        return None
    from tracker.conversion import parse_target

    try:
        return str(parse_target(value))
    except ConversionError as error:
        raise click.BadParameter(str(error)) from None


def _parse_vat(ctx, param, value):
    if value is not None and value < 1:
        raise click.BadParameter(f"{value:g}: give the rate in percent (13 for 13%), not as a fraction")
    return value


def period_options(func):
    """--freq and --week-ending: averages per series and calendar period (prices, export, plot)."""
    from tracker.observation import FREQUENCIES, WEEKDAYS

    func = click.option("--week-ending", type=click.Choice(WEEKDAYS, case_sensitive=False), metavar="DAY",
                        help="With --freq W: the weekday weeks end on (MON...SUN; default FRI).")(func)
    return click.option("--freq", type=click.Choice(FREQUENCIES, case_sensitive=False),
                        help="Average each series per calendar week (W), month (M), quarter (Q) or year (Y): "
                             "mean low, high and mid, with the points averaged and their first and last "
                             "date. Never across series.")(func)


def conversion_options(func):
    """--to and --ex-vat (prices, export)."""
    func = click.option("--ex-vat", type=float, callback=_parse_vat, metavar="RATE",
                        help="Take RATE percent VAT off CNY prices (Chinese domestic prices are quoted "
                             "VAT-inclusive; 13 is the rate since April 2019).")(func)
    return click.option("--to", "to", callback=_parse_target, metavar="UNIT|CUR/UNIT",
                        help="Convert to a unit (mt, kg, lb; dmtu where the metal content is known) and/or a "
                             "currency (USD/lb, CNY/mt, USD) with the FX rates imported by `tracker fx "
                             "import`: the rate on each price's date or the last one before it.")(func)


def _analysis(freq=None, week_ending=None, to=None, ex_vat=None) -> dict:
    """Store.prices' arguments for the period and conversion options; a usage error for a stray --week-ending."""
    if week_ending and (freq or "").upper() != "W":
        raise click.BadParameter("only weeks end on a weekday; add --freq W", param_hint="--week-ending")
    return {"freq": freq.upper() if freq else None, "week_ending": (week_ending or "FRI").upper(), "to": to,
            "ex_vat": ex_vat}


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@DATE_OPTION
@PUBLISHER_OPTION
@STORE_OPTION
@MAX_SIZE_OPTION
@JOBS_OPTION
def ingest(paths, date_override, publisher, store_path, max_size, jobs):
    """Extract prices from review files and add them to the store.

    PATH is a file, a directory (every .txt, .text, .html, .htm, .md, .markdown below it)
    or - for standard input. The store is created if there is none yet. Each document is
    stored in one transaction: unchanged documents are skipped, a changed document at the
    same path replaces its earlier prices.
    Files that fail are reported with the reason; the rest are ingested (exit status 1).
    """
    from tracker.batch import ingest_paths

    counts = {"new": 0, "unchanged": 0, "replaced": 0, "failed": 0}
    added = 0
    files, skipped = _files(paths)  # before the store: a run with nothing to read creates none
    with open_store(store_path, create=True) as store:
        with click.progressbar(length=len(files), label="ingesting", file=sys.stderr, show_pos=True,
                               hidden=len(files) <= 5 or not sys.stderr.isatty()) as bar:
            for result in ingest_paths(store, files, date_override, max_size * 1024 * 1024, jobs, publisher):
                report(result)
                counts[result.status] += 1
                added += len(result.observations) if result.status in ("new", "replaced") else 0
                bar.update(1)
        store.resolve_series()
    read = len(files) - counts["failed"]
    click.echo(f"{_plural(read, 'document')} read: {counts['new']} new, {counts['unchanged']} unchanged, "
               f"{counts['replaced']} replaced; {_plural(added, 'observation')} added; "
               f"{_plural(counts['failed'], 'error')}{f'; {skipped}' if skipped else ''}", err=True)
    if counts["failed"]:
        sys.exit(EXIT_INPUT_FAILED)


@main.command()
@STORE_OPTION
def reextract(store_path):
    """Run the current extractor over every stored document again.

    History improves when the rules improve: observations the new rules no longer
    find are removed, new ones added, each document in one transaction.
    """
    from tracker.batch import unexpected_failure
    from tracker.extract import EXTRACTOR_VERSION, extract_text

    documents = added = removed = failed = 0
    with open_store(store_path) as store:
        for document_id, path, title, published, text, publisher in list(store.iter_documents()):
            try:
                observations = extract_text(text, published, title, publisher=publisher, document=path)
            except Exception as error:  # noqa: BLE001 - one document must not stop the others; it keeps its rows
                report_error(unexpected_failure(path, error))
                failed += 1
                continue
            plus, minus = store.replace_observations(document_id, observations, EXTRACTOR_VERSION)
            documents, added, removed = documents + 1, added + plus, removed + minus
        store.resolve_series()
    click.echo(f"{_plural(documents, 'document')} re-extracted: {_plural(added, 'observation')} added, "
               f"{removed} removed; {failed} failed", err=True)
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


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


def print_table(rows: list[dict], columns=("date", "publisher", "commodity", "grade", "price_type", "low", "high",
                                            "currency", "unit", "document")) -> None:
    """Rows as aligned columns fitted to the terminal: the widest text column gives way first."""
    if not rows:
        click.echo("no prices found", err=True)
        return
    cells = [[_cell(row.get(column), column) for column in columns] for row in rows]
    widths = [max(len(column), *(len(row[i]) for row in cells)) for i, column in enumerate(columns)]
    # numbers and dates are never cut (a cut one would read as another value); text keeps a few characters
    floors = [width if column.endswith("date") or all(isinstance(row.get(column), (int, float, type(None)))
                                                      for row in rows)
              else min(width, 4) for column, width in zip(columns, widths, strict=True)]
    # no terminal (a pipe, a file): nothing to fit, so nothing is cut
    room = shutil.get_terminal_size(fallback=(0, 0)).columns - 2 * (len(columns) - 1)
    while room > 0 and sum(widths) > room:
        shrinkable = [i for i, width in enumerate(widths) if width > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1
    click.echo("  ".join(_fit(column, width) for column, width in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(_fit(value, width) for value, width in zip(row, widths, strict=True)).rstrip())


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[:width - 1] + "…"


def _cell(value, column: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if column == "document":  # the file name; csv and json carry the full path
        return os.path.basename(str(value)) or str(value)
    return str(value)


# `tracker fx` lives in its own module; importing it adds the group to `main` (it needs the names above)
from tracker import cli_fx  # noqa: E402,F401
