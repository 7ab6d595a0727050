"""``python -m newscrawler COMMAND``: the project's command line.

  demo [--live]          crawl the bundled fixture mirror (or the live site) into the store, print it
  crawl --all | OUTLET…  crawl outlets in one process; exit status for cron
  health                 outlets whose last crawl stored nothing or lost a field
  journal replay|status  write what a crawl could not store into MongoDB (or count it)
  show [--outlet X] …    print stored articles
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


def project_settings():
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    from scrapy.utils.project import get_project_settings

    return get_project_settings()


def main(argv: list[str] | None = None) -> int:
    from newscrawler.cli import bench, crawl, demo, evaluate, health, journal, serve, show

    parser = argparse.ArgumentParser(prog="python -m newscrawler", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for module in (demo, crawl, health, journal, show, serve, bench, evaluate):
        module.add_arguments(commands)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.run(args) or 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a clear message, not a traceback, for expected failures
        if isinstance(error, (OSError, RuntimeError, ValueError)):
            print(f"newscrawler: {error}", file=sys.stderr)
            return 2
        raise
