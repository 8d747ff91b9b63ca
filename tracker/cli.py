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
from datetime import date, datetime

import click

from tracker.errors import DocumentError, StoreError, TrackerError

EXIT_INPUT_FAILED = 1
EXIT_STORE = 3
EXIT_INTERNAL = 4


def _parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


DATE_OPTION = click.option("--date", "date_override", callback=_parse_date, metavar="YYYY-MM-DD",
                           help="Publication date for every document, overriding the dates found in them.")
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


def report_failure(error: DocumentError) -> None:
    click.echo(f"tracker: {error.path}: {error.reason}", err=True)


def iter_read(paths, date_override: date | None, max_size_mb: int):
    """Yield (path, Document or DocumentError) for every file under `paths`."""
    from tracker.documents import iter_paths, read_document

    for path in iter_paths(list(paths)):
        try:
            yield path, read_document(path, date_override, max_size_mb * 1024 * 1024)
        except DocumentError as error:
            yield path, error


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@DATE_OPTION
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@MAX_SIZE_OPTION
def extract(paths, date_override, output_format, max_size):
    """Print the prices found in review files, without storing anything.

    PATH is a file (.txt, .html, .htm, .md), a directory (every such file below it, in
    sorted order) or - for standard input. Files that fail are reported on stderr; the
    others are still extracted, and the exit status is then 1.

    \b
    Example:
      tracker extract reviews/ --format csv > prices.csv
    """
    from tracker.extract import extract_text
    from tracker.export import write_csv, write_json

    rows, failed = [], 0
    for path, document in iter_read(paths, date_override, max_size):
        if isinstance(document, DocumentError):
            report_failure(document)
            failed += 1
            continue
        warnings: list[str] = []
        for observation in extract_text(document.text, document.date, document.title, warnings=warnings):
            rows.append(observation.as_row() | {"document": path})
        for warning in warnings:
            click.echo(f"tracker: warning: {path}: {warning}", err=True)
    from tracker.observation import CSV_COLUMNS

    if output_format == "csv":
        write_csv(rows, sys.stdout, CSV_COLUMNS, bom=False)
    elif output_format == "json":
        write_json(rows, sys.stdout)
    else:
        print_table(rows)
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


def print_table(rows: list[dict]) -> None:
    columns = ("date", "commodity", "grade", "price_type", "low", "high", "currency", "unit", "document")
    if not rows:
        click.echo("no prices found", err=True)
        return
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [min(40, max(len(column), *(len(row[i]) for row in cells))) for i, column in enumerate(columns)]
    click.echo("  ".join(column.ljust(width) for column, width in zip(columns, widths)))
    for row in cells:
        click.echo("  ".join(value[:width].ljust(width) for value, width in zip(row, widths)))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)
