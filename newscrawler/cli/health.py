"""``python -m newscrawler health``: each outlet's state from its recent crawl records.

An outlet is unhealthy when its last run stored fewer than ``NEWSCRAWLER_HEALTH_MIN_STORED``
articles, or when the last run's coverage of a required field (title, body, published_at) fell
below ``NEWSCRAWLER_HEALTH_COVERAGE_RATIO`` of its average over the five runs before: that is how
a selector broken by a layout change shows up. The exit status is 1 when any outlet is unhealthy.
"""

from __future__ import annotations

from statistics import mean

from newscrawler.defaults import setting
from newscrawler.extensions.crawl_record import REQUIRED_FIELDS

BASELINE_RUNS = 5


def add_arguments(commands) -> None:
    parser = commands.add_parser("health", help="outlets whose last crawl stored nothing or lost a field")
    parser.add_argument("outlets", nargs="*", help="only these (default: every spider with crawl records)")
    parser.set_defaults(run=run)


def assess(runs: list[dict], *, min_stored: int, ratio: float) -> list[str]:
    """Problems of one outlet, from its runs newest first (an empty list when it is healthy)."""
    if not runs:
        return ["no crawl records"]
    last, before = runs[0], runs[1:1 + BASELINE_RUNS]
    problems = []
    stored = last.get("articles", {}).get("stored", 0)
    if stored < min_stored:
        problems.append(f"stored {stored} article(s) in its last run")
    for field in REQUIRED_FIELDS:
        history = [run["coverage"][field] for run in before if run.get("coverage", {}).get(field) is not None]
        current = last.get("coverage", {}).get(field)
        if history and current is not None and current < ratio * mean(history):
            problems.append(f"{field} coverage fell to {current:.0%} from an average of {mean(history):.0%}")
    return problems


def run(args) -> int:
    from newscrawler.cli import project_settings
    from newscrawler.storage import RunStore, connect

    settings = project_settings()
    min_stored = setting(settings, "NEWSCRAWLER_HEALTH_MIN_STORED")
    ratio = setting(settings, "NEWSCRAWLER_HEALTH_COVERAGE_RATIO")
    connection = connect(settings)
    try:
        store = RunStore(connection.database)
        names = args.outlets or store.spiders()
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
                summary = f"last run {last['started_at']:%Y-%m-%d %H:%M} UTC, {last['articles'].get('stored', 0)} stored, {coverage}"
            else:
                summary = "never crawled"
            print(f"{'UNHEALTHY' if problems else 'ok':<9} {name:<18} {summary}")
            for problem in problems:
                print(f"          - {problem}")
        return 1 if unhealthy else 0
    finally:
        connection.close()
