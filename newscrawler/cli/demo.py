"""``python -m newscrawler demo``: a real crawl into a store, then what it stored.

Offline (the default), the crawl fetches the bundled fixture mirror: the aggregator page of the
user's example, its embedded Al Jazeera article and that article's own page. ``--live`` runs the
very same crawl against the real site. The store is an embedded one of the demo's own in a
temporary folder, so the user's ``MONGO_URI`` database and data folder are never touched;
``--store`` crawls into the user's store (``MONGO_URI``, or the data folder) and keeps what it stored.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

from newscrawler.cli.serve import DEFAULT_MIRROR
from newscrawler.storage.connection import PROJECT_DIR

DEMO_SPIDER = "arabkhabar"


def add_arguments(commands) -> None:
    parser = commands.add_parser("demo", help="crawl the fixture mirror (or --live) and print what was stored")
    parser.add_argument("--live", action="store_true", help="crawl the real site instead of the mirror")
    parser.add_argument("--spider", default=DEMO_SPIDER, help=f"which spider (default {DEMO_SPIDER})")
    parser.add_argument("--verbose", action="store_true", help="show Scrapy's whole log, not only warnings")
    parser.add_argument("--store", action="store_true",
                        help="crawl into your store (MONGO_URI, or the data folder) and keep the articles; "
                             "by default the demo uses a temporary store of its own")
    parser.add_argument("crawl_args", nargs="*", help="more arguments for scrapy crawl, e.g. -a urls=…")
    parser.set_defaults(run=run)


def run(args) -> int:
    from argparse import Namespace

    from newscrawler.cli import own_store, project_settings, show
    from newscrawler.mirror.server import MirrorServer

    log_level = [] if args.verbose else ["-L", "WARNING"]
    command = [sys.executable, "-m", "scrapy", "crawl", args.spider, *log_level, *args.crawl_args]
    scratch = nullcontext() if args.store else tempfile.TemporaryDirectory(prefix="newscrawler-demo-")
    with scratch as folder:
        store = own_store(Path(folder)) if folder else {}
        env = dict(os.environ)
        if args.live:
            env.pop("NEWSCRAWLER_MIRROR", None)
            print(f"Crawling the live site: {' '.join(command[2:])}", flush=True)
            status = subprocess.call(command, cwd=PROJECT_DIR, env=env)
        else:
            with MirrorServer(DEFAULT_MIRROR) as mirror:
                env["NEWSCRAWLER_MIRROR"] = mirror.url
                print(f"Crawling the fixture mirror at {mirror.url}: {' '.join(command[2:])}", flush=True)
                status = subprocess.call(command, cwd=PROJECT_DIR, env=env)
        kept = "" if args.store else " (a temporary store of the demo's own: --store crawls into yours)"
        print(f"\nThe crawl ended with status {status}. The store{kept} now holds:", flush=True)
        settings = project_settings().copy()
        settings.setdict(store, priority="cmdline")
        show.run(Namespace(outlet=None, url=None, limit=50, json=False), settings)
    return status
