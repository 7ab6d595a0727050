"""The scoreboard's command line: ``python -m newscrawler evaluate PATH`` (or
``python -m newscrawler.evaluate PATH``)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

DESCRIPTION = ("The scoreboard: every page of a corpus folder through this project's crawl path and through "
               "trafilatura (default settings and favor_precision), side by side in one run.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="a corpus folder: ../shared/corpus/raw (MANIFEST.tsv) or "
                        "../shared/benchmarks/wcxb-dev (a WCXB split)")
    parser.add_argument("--json", action="store_true", help="the scores as JSON instead of a table")
    parser.add_argument("--pages", action=argparse.BooleanOptionalAction, default=None,
                        help="one row per page (default: only for corpora of at most 40 pages)")
    parser.add_argument("--workers", type=int, default=None, help="processes to share the pages (default: one per core)")
    parser.add_argument("--crawl", action="store_true", help="also run the pages through one real `scrapy crawl "
                        "generic` (served from a mirror on loopback, stored in a MongoDB wire server in memory)")
    parser.add_argument("--syndication", action="store_true", help="instead of the scoreboard: the syndication "
                        "links storage would make between the folder's pages (every one a false link)")


def run(args) -> int:
    from newscrawler.evaluate.report import evaluate, render

    logging.disable(logging.WARNING)  # a page that fails is a score, not a log line
    if not args.path.is_dir():
        print(f"newscrawler evaluate: {args.path} is not a folder", file=sys.stderr)
        return 2
    if args.syndication:
        from newscrawler.evaluate.syndication import check
        from newscrawler.evaluate.syndication import render as render_check

        try:
            print(render_check(check(args.path)))
        except FileNotFoundError as error:
            print(f"newscrawler evaluate: {error}", file=sys.stderr)
            return 2
        return 0
    try:
        report = evaluate(args.path, workers=args.workers, crawl=args.crawl)
    except FileNotFoundError as error:
        print(f"newscrawler evaluate: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if args.json else render(report, rows=args.pages))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawler.evaluate", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))
