"""``python -m newscrawler report -o report.html``: one self-contained HTML page of the store."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def add_arguments(commands) -> None:
    parser = commands.add_parser(
        "report", help="one self-contained HTML page: articles per day, coverage, links, crawl health",
        description="Write one HTML file, readable offline (nothing is fetched from elsewhere): articles per outlet "
                    "per day, field coverage per outlet, the most-linked read-also targets, syndication pairs, and "
                    "crawl health over time. Days are UTC days.")
    parser.add_argument("-o", "--output", type=Path, default=Path("report.html"), help="default report.html")
    parser.add_argument("--days", type=int, default=90, help="days shown in the charts, up to the latest (default 90)")
    parser.set_defaults(run=run)


def run(args, settings=None) -> int:
    from newscrawler.cli import project_settings
    from newscrawler.report import report
    from newscrawler.storage import connect

    if args.days < 1:
        print("newscrawler report: --days must be at least 1", file=sys.stderr)
        return 2
    connection = connect(settings if settings is not None else project_settings())
    try:
        page = report(connection.database, where=connection.description, days=args.days)
    finally:
        connection.close()
    partial = args.output.with_name(args.output.name + ".partial")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, args.output)
    print(f"Wrote {args.output} ({len(page.encode()) // 1024} KB)")
    return 0
