"""``python -m newscrawler mirror serve`` and ``python -m newscrawler store serve``."""

from __future__ import annotations

import time
from pathlib import Path

from newscrawler.storage.connection import PROJECT_DIR

DEFAULT_MIRROR = PROJECT_DIR / "fixtures" / "mirror"


def add_arguments(commands) -> None:
    mirror = commands.add_parser("mirror", help="the fixture mirror")
    mirror_commands = mirror.add_subparsers(dest="action", required=True)
    serve = mirror_commands.add_parser("serve", help="serve a mirror folder on 127.0.0.1")
    serve.add_argument("root", nargs="?", default=str(DEFAULT_MIRROR), help="folder laid out as HOST/PATH")
    serve.add_argument("--port", type=int, default=8765)
    serve.set_defaults(run=run_mirror)

    store = commands.add_parser("store", help="the embedded store")
    store_commands = store.add_subparsers(dest="action", required=True)
    serve = store_commands.add_parser("serve", help="serve the embedded store over the MongoDB protocol")
    serve.add_argument("--port", type=int, default=27018)
    serve.add_argument("--memory", action="store_true", help="an empty in-memory store (for tests)")
    serve.set_defaults(run=run_store)


def _wait_forever() -> None:
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


def run_mirror(args) -> int:
    from newscrawler.mirror.server import MirrorServer

    with MirrorServer(Path(args.root), port=args.port) as server:
        print(f"Serving {args.root} at {server.url}; crawl with NEWSCRAWLER_MIRROR={server.url}", flush=True)
        _wait_forever()
    return 0


def run_store(args) -> int:
    from newscrawler.cli import project_settings
    from newscrawler.storage.connection import data_dir
    from newscrawler.storage.embedded import EmbeddedStore

    with EmbeddedStore(data_dir(project_settings()), memory=args.memory, port=args.port) as store:
        where = "in memory" if args.memory else store.path
        print(f"Embedded store {where} at {store.uri}; crawl with MONGO_URI='{store.uri}'", flush=True)
        _wait_forever()
    return 0
