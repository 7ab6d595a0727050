"""``python -m newscrawler COMMAND``: the project's command line.

  demo [--live] [--store] crawl the bundled fixture mirror (or the live site) into a store of its
                         own (or yours, with --store), print it
  crawl --all | OUTLET…  crawl outlets in one process; exit status for cron
  health                 outlets whose last crawl found no articles or lost a field
  journal replay|status  write what a crawl could not store into MongoDB (or count it)
  show [--outlet X] …    print stored articles (a quick look)
  export --format F …    every matching article to JSON Lines, CSV or Parquet
  stats                  per outlet: articles, dates, field coverage, links, last crawl
  runs                   the latest crawl records, one line each
  report -o FILE         one self-contained HTML page: articles per day, coverage, links, crawl health
  reextract WARC…        archived pages read again into the store (a newer extractor makes new versions)
  mirror serve [ROOT]    serve a mirror folder on loopback
  store serve            serve the embedded store to any MongoDB client (mongosh, Compass, pymongo)
  bench store|extract|render
                         benchmarks that print figures
  evaluate PATH          the scoreboard: ours beside trafilatura on real pages with their truth
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

#: What says where articles go: a benchmark or a demo sets these to a store of its own.
STORE_SETTINGS = ("MONGO_URI", "MONGO_DATABASE", "NEWSCRAWLER_DATA_DIR", "NEWSCRAWLER_JOURNAL_DIR")


def project_settings():
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    from scrapy.utils.project import get_project_settings

    return get_project_settings()


def own_store(folder: Path) -> dict[str, str]:
    """The store settings of a benchmark or demo that must not touch the user's store: the
    embedded store and the journal under ``folder``, whatever ``MONGO_URI`` and the data folder
    say. They are also put in this process's environment (settings fall back to it), without
    ``MONGO_URI``; the result is for Scrapy settings or a child process's environment."""
    values = {"MONGO_URI": "", "MONGO_DATABASE": "newscrawler", "NEWSCRAWLER_DATA_DIR": str(folder / "data"),
              "NEWSCRAWLER_JOURNAL_DIR": str(folder / "journal")}
    for name in STORE_SETTINGS:
        os.environ.pop(name, None)
    os.environ.update({name: value for name, value in values.items() if value})
    return values


def main(argv: list[str] | None = None) -> int:
    from newscrawler.cli import (bench, crawl, demo, evaluate, export, health, journal, reextract, report, serve, show,
                                 stats)

    parser = argparse.ArgumentParser(
        prog="python -m newscrawler",
        description="newscrawler: crawl Arabic news outlets into MongoDB, and read what is stored. "
                    "`python -m newscrawler COMMAND --help` tells more of each command.")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in (demo, crawl, health, journal, show, export, stats, report, reextract, serve, bench, evaluate):
        module.add_arguments(commands)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.run(args) or 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a clear message, not a traceback, for expected failures
        from pymongo.errors import ConfigurationError, PyMongoError

        if isinstance(error, PyMongoError):  # MongoDB down, or a MONGO_URI pymongo cannot read
            from newscrawler.storage.connection import describe

            what = "MONGO_URI cannot be used" if isinstance(error, ConfigurationError) else "MongoDB did not answer"
            print(f"newscrawler {args.command}: {what} ({describe(error)})", file=sys.stderr)
            return 2
        if isinstance(error, (OSError, RuntimeError, ValueError)):
            print(f"newscrawler: {error}", file=sys.stderr)
            return 2
        raise
