"""`tracker extract`, `ingest` and `reextract`: reading review documents.

Kept apart from tracker/cli.py, which registers these commands when it is imported.
"""
from __future__ import annotations

import sys

import click

from tracker.cli import (
    DATE_OPTION,
    EXIT_INPUT_FAILED,
    JOBS_OPTION,
    MAX_SIZE_OPTION,
    PUBLISHER_OPTION,
    STORE_OPTION,
    _files,
    _plural,
    main,
    open_store,
    print_table,
    report,
    report_error,
)


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
    from tracker import csvrows, series
    from tracker.batch import extract_paths
    from tracker.export import write_csv_cells, write_json
    from tracker.observation import CSV_COLUMNS

    files, skipped = _files(paths)
    observations: list = []  # Observations, or with CSV the rows the workers prepared (tracker.csvrows)
    failed = documents = 0
    # CSV: the workers make the rows' cells too, and this process only resolves series and writes (tracker.csvrows)
    prepare = csvrows.prepare if output_format == "csv" else None
    for result in extract_paths(files, date_override, max_size * 1024 * 1024, jobs, publisher, prepare):
        report(result)
        if result.error is not None:
            failed += 1
            continue
        documents += 1
        observations += result.prepared if prepare else result.observations
    if output_format == "csv":  # with a BOM, as every CSV: `> prices.csv` opens in Excel
        rows: list = observations
        write_csv_cells(csvrows.cells(observations), sys.stdout.buffer, CSV_COLUMNS)
    else:
        # series are resolved across every document read together, as the store does across its history
        rows = series.rows(observations)
        if output_format == "json":
            write_json(rows, sys.stdout.buffer)
        else:
            print_table(rows)
    click.echo(f"{_plural(len(rows), 'observation')} from {_plural(documents, 'document')}; {failed} failed"
               f"{f'; {skipped}' if skipped else ''}", err=True)
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


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
        store.resolve_series_if_changed()
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
        store.resolve_series_if_changed()
    click.echo(f"{_plural(documents, 'document')} re-extracted: {_plural(added, 'observation')} added, "
               f"{removed} removed; {failed} failed", err=True)
    if failed:
        sys.exit(EXIT_INPUT_FAILED)
