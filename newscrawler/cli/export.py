"""``python -m newscrawler export --format jsonl|csv|parquet [-o FILE] …``: every stored article
that matches, streamed from the store into a file (or standard output)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path


def add_arguments(commands) -> None:
    from newscrawler.export import FORMATS

    parser = commands.add_parser(
        "export", help="write stored articles to JSON Lines, CSV or Parquet",
        description="Write every stored article that matches to a file, a batch at a time (memory stays flat "
                    "however many there are). Dates are ISO 8601 in UTC; in CSV, list fields are JSON arrays.")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="default jsonl")
    parser.add_argument("-o", "--output", type=Path, help="the file to write (default: standard output; "
                        "parquet needs a file)")
    parser.add_argument("--outlet", action="append", default=[], metavar="NAME",
                        help="only this outlet (repeat for several)")
    parser.add_argument("--since", type=moment(start=True), metavar="DATE",
                        help="published at or after DATE (YYYY-MM-DD, or an ISO 8601 time; UTC unless it says)")
    parser.add_argument("--until", type=moment(start=False), metavar="DATE",
                        help="published at or before DATE (a day counts whole)")
    parser.add_argument("--fetched-since", type=moment(start=True), metavar="DATE",
                        help="fetched from the article's own page at or after DATE")
    parser.add_argument("--fields", type=lambda text: [f.strip() for f in text.split(",") if f.strip()],
                        help="comma-separated fields, in this order (default: every field)")
    parser.add_argument("--bom", action="store_true",
                        help="CSV: start with a UTF-8 byte-order mark, so that Excel reads the Arabic right")
    parser.set_defaults(run=run)


def moment(*, start: bool):
    """An argparse type: a day (its first or last instant, in UTC) or an ISO 8601 time."""

    def parse(text: str) -> datetime:
        try:
            value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD) or an ISO 8601 time") from None
        day_only = len(text.strip()) == 10
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        if day_only and not start:
            value += timedelta(days=1) - timedelta(milliseconds=1)
        return value

    return parse


def run(args, settings=None) -> int:
    from newscrawler.cli import project_settings
    from newscrawler.export import EXCEL_CELL_LIMIT, columns, export
    from newscrawler.storage import connect
    from newscrawler.storage.reading import article_filter, count_matching

    chosen = columns(args.fields)
    if args.output is None and args.format == "parquet":
        print("newscrawler export: parquet is binary: name a file with -o", file=sys.stderr)
        return 2
    query = article_filter(outlets=args.outlet, since=args.since, until=args.until, fetched_since=args.fetched_since)
    connection = connect(settings if settings is not None else project_settings())
    try:
        bar = None
        if sys.stderr.isatty():  # a progress bar for a person, nothing in a pipe or a log
            from tqdm import tqdm

            bar = tqdm(total=count_matching(connection.database, query), unit=" articles", file=sys.stderr)
        try:
            summary = export(connection.database, query, chosen, args.format, args.output, bom=args.bom,
                             progress=bar.update if bar else None)
        except BrokenPipeError:  # `export | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        finally:
            if bar is not None:
                bar.close()
    finally:
        connection.close()
    where = args.output or "standard output"
    print(f"Exported {summary.articles} articles ({len(chosen)} fields, {args.format}) to {where}", file=sys.stderr)
    if summary.long_cells:
        print(f"  {summary.long_cells} cells are longer than the {EXCEL_CELL_LIMIT:,} characters Excel keeps "
              "(it cuts them; pandas and other readers do not)", file=sys.stderr)
    return 0
