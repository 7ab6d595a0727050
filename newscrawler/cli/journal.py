"""``python -m newscrawler journal replay|status``: write what crawls could not store into
MongoDB, or say what is waiting."""

from __future__ import annotations

import sys


def add_arguments(commands) -> None:
    journal = commands.add_parser("journal", help="articles a crawl could not write to MongoDB")
    actions = journal.add_subparsers(dest="action", required=True)
    actions.add_parser("replay", help="write the journal into MongoDB; entries are removed once written"
                       ).set_defaults(run=run_replay)
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
    from newscrawler.cli import project_settings
    from newscrawler.storage import connect
    from newscrawler.storage.connection import describe
    from newscrawler.storage.journal import journal_dir, replay

    settings = project_settings()
    directory = journal_dir(settings)
    connection = connect(settings)
    try:
        summary = replay(directory, connection.database)
    except Exception as error:
        print(f"newscrawler journal replay: cannot write to {connection.description} ({describe(error)}); "
              f"what was written is out of the journal, the rest is still in {directory}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    print(f"Replayed {summary.entries} entries ({summary.articles} articles, {summary.crawl_runs} crawl records) "
          f"from {summary.files} files into {connection.description}; {summary.left} entries left in {directory}")
    for path in summary.in_use:
        print(f"  {path} is being written by a running crawl; replay it once that crawl ends")
    return 0 if not summary.left else 1
