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


# The commands live in modules of their own; importing them adds them to `main` (they need the names above).
from tracker import cli_documents, cli_fx, cli_prices  # noqa: E402,F401
