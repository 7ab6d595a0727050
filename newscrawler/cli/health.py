"""``python -m newscrawler health``: each outlet's state from its recent crawl records.

An outlet is unhealthy when its last run saw fewer than ``NEWSCRAWLER_HEALTH_MIN_STORED``
articles (stored new, updated or unchanged, or listed and skipped as not due for a re-check: a
quiet re-crawl is healthy, a discovery that found nothing is not), or when the last run's
coverage of a required field (title, body, published_at) fell below
``NEWSCRAWLER_HEALTH_COVERAGE_RATIO`` of its average over the five runs before: that is how a
selector broken by a layout change shows up. Dropped pages are shown by reason, the error class
names of older records read as today's reasons. The exit status is 1 when any outlet is
unhealthy, 2 when the store does not answer.
"""

from __future__ import annotations

import sys
from collections import Counter
from statistics import mean

from newscrawler.defaults import setting
from newscrawler.extensions.crawl_record import REQUIRED_FIELDS
from newscrawler.spiders.responses import reason_name

BASELINE_RUNS = 5


def add_arguments(commands) -> None:
    parser = commands.add_parser("health", help="outlets whose last crawl found no articles or lost a field")
    parser.add_argument("outlets", nargs="*", help="only these (default: every spider with crawl records)")
    parser.set_defaults(run=run)


def assess(runs: list[dict], *, min_stored: int, ratio: float) -> list[str]:
    """Problems of one outlet, from its runs newest first (an empty list when it is healthy)."""
    if not runs:
        return ["no crawl records"]
    last, before = runs[0], runs[1:1 + BASELINE_RUNS]
    problems = []
    stored, not_due = last.get("articles", {}).get("stored", 0), last.get("skipped_not_due") or 0
    if articles_seen(last) < min_stored:
        problems.append(f"stored {stored} article(s) in its last run" + (f", {not_due} more not due" if not_due else ""))
    for field in REQUIRED_FIELDS:
        history = [run["coverage"][field] for run in before if run.get("coverage", {}).get(field) is not None]
        current = last.get("coverage", {}).get(field)
        if history and current is not None and current < ratio * mean(history):
            problems.append(f"{field} coverage fell to {current:.0%} from an average of {mean(history):.0%}")
    return problems


def articles_seen(run: dict) -> int:
    """Articles a run found: those it stored (new, updated or unchanged) and those it listed but
    skipped as not due for a re-check."""
    articles = run.get("articles", {})
    stored = max(articles.get("stored", 0), sum(articles.get(k, 0) for k in ("new", "updated", "unchanged")))
    return stored + (run.get("skipped_not_due") or 0)


def dropped_by_reason(run: dict) -> Counter:
    """Pages a run dropped, by reason; the error class names older records counted read as their
    reasons (``DNSLookupError`` as ``dns``), so runs before and after compare."""
    counts = Counter()
    for reason, count in (run.get("dropped") or {}).items():
        counts[reason_name(reason)] += count
    return counts


def run(args) -> int:
    from pymongo.errors import PyMongoError

    from newscrawler.cli import project_settings
    from newscrawler.storage import connect
    from newscrawler.storage.connection import describe

    settings = project_settings()
    connection = connect(settings)
    try:
        return report(connection, args.outlets, min_stored=setting(settings, "NEWSCRAWLER_HEALTH_MIN_STORED"),
                      ratio=setting(settings, "NEWSCRAWLER_HEALTH_COVERAGE_RATIO"))
    except PyMongoError as error:
        print(f"newscrawler health: {connection.description} did not answer ({describe(error)})", file=sys.stderr)
        return 2
    finally:
        connection.close()


def report(connection, outlets: list[str], *, min_stored: int, ratio: float) -> int:
    """Print each outlet's state; 1 when any is unhealthy."""
    from newscrawler.storage import RunStore

    store = RunStore(connection.database)
    names = outlets or store.spiders()
    if not names:
        print(f"No crawl records in {connection.description} yet.")
        return 0
    unhealthy = 0
    for name in names:
        runs = store.recent(name, BASELINE_RUNS + 1)
        problems = assess(runs, min_stored=min_stored, ratio=ratio)
        unhealthy += bool(problems)
        if runs:
            last = runs[0]
            coverage = ", ".join(f"{f} {c:.0%}" if c is not None else f"{f} -"
                                 for f, c in last.get("coverage", {}).items())
            summary = (f"last run {last['started_at']:%Y-%m-%d %H:%M} UTC, {last['articles'].get('stored', 0)} stored, "
                       f"{last.get('skipped_not_due') or 0} not due, {coverage}")
            if reasons := dropped_by_reason(last):
                summary += ", dropped " + ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items()))
        else:
            summary = "never crawled"
        print(f"{'UNHEALTHY' if problems else 'ok':<9} {name:<18} {summary}")
        for problem in problems:
            print(f"          - {problem}")
    return 1 if unhealthy else 0
