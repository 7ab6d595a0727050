"""``python -m newscrawler journal replay|status``: write what crawls could not store into
MongoDB, or say what is waiting.

A replay writes the entries meant for the store the settings name (``MONGO_URI`` and
``MONGO_DATABASE``, or the embedded store under ``NEWSCRAWLER_DATA_DIR``), from
``NEWSCRAWLER_JOURNAL_DIR``; entries for another store, or written before entries named their
store, are left and counted, until ``journal replay --to-current-store`` writes them there."""

from __future__ import annotations

import sys


def add_arguments(commands) -> None:
    journal = commands.add_parser("journal", help="articles a crawl could not write to MongoDB")
    actions = journal.add_subparsers(dest="action", required=True)
    replay = actions.add_parser("replay", help="write the journal into MongoDB; entries are removed once written")
    replay.add_argument("--to-current-store", action="store_true",
                        help="also write the entries meant for another store (or written before entries named "
                             "their store) into the current one")
    replay.set_defaults(run=run_replay)
    actions.add_parser("status", help="how many entries wait in the journal").set_defaults(run=run_status)


def run_status(args) -> int:
    from newscrawler.cli import project_settings
    from newscrawler.storage.journal import journal_dir, pending

    directory = journal_dir(project_settings())
    files = pending(directory)
    for path, entries in files.items():
        print(f"{entries:>6} entries  {path}")
    print(f"{sum(files.values())} entries waiting in {directory}")
    return 0


def run_replay(args) -> int:
    from pymongo.errors import ConfigurationError

    from newscrawler.cli import project_settings
    from newscrawler.defaults import setting
    from newscrawler.storage import connect
    from newscrawler.storage.connection import check_uri, describe, store_target
    from newscrawler.storage.journal import journal_dir, replay

    settings = project_settings()
    directory = journal_dir(settings)
    try:
        if setting(settings, "MONGO_URI"):
            check_uri(setting(settings, "MONGO_URI"))
        connection = connect(settings)
    except (ConfigurationError, ValueError) as error:
        print(f"newscrawler journal replay: MONGO_URI is not a MongoDB URI ({str(error).rstrip('.')}); "
              "nothing replayed",
              file=sys.stderr)
        return 2
    except Exception as error:
        print(f"newscrawler journal replay: cannot open the store ({describe(error)}); nothing replayed, "
              f"the journal is still in {directory}", file=sys.stderr)
        return 1
    target = store_target(settings)
    try:
        summary = replay(directory, connection.database, target=target, to_current_store=args.to_current_store)
    except Exception as error:
        print(f"newscrawler journal replay: cannot write to {connection.description} ({describe(error)}); "
              f"what was written is out of the journal, the rest is still in {directory}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    print(f"Replayed {summary.entries} entries ({summary.articles} articles, {summary.crawl_runs} crawl records) "
          f"from {summary.files} files into {target}; {summary.left} entries left in {directory}")
    if summary.refused:
        print(f"  {summary.refused} articles refused by MongoDB were set aside in {directory}/*.refused")
    if summary.elsewhere:
        print(f"  left for other stores: {summary.elsewhere_text()}; "
              f"`python -m newscrawler journal replay --to-current-store` writes them into {target}")
    for path in summary.in_use:
        print(f"  {path} is being written by a running crawl; replay it once that crawl ends")
    return 0 if not summary.left and not summary.refused else 1
