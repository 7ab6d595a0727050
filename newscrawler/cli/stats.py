"""``python -m newscrawler stats`` and ``python -m newscrawler runs``: what the store holds, per
outlet, and the latest crawl records, one line each."""

from __future__ import annotations

import json
from datetime import datetime

from newscrawler.export.writers import iso_utc

#: The coverage columns ``stats`` prints (every covered field is in ``--json``).
SHOWN_COVERAGE = ("title", "body", "published_at", "authors", "tags", "images", "summary", "section")
_SHORT = {"published_at": "date", "summary": "summ", "section": "sect", "authors": "auth", "images": "imgs"}


def add_arguments(commands) -> None:
    stats = commands.add_parser("stats", help="per outlet: articles, dates, field coverage, links, last crawl",
                                description="Per outlet: articles (and how many were read from their own page), the "
                                            "range of publication days, the share of articles holding each field, "
                                            "read-also links, syndication links, and when a crawl last saw one.")
    stats.add_argument("--json", action="store_true", help="one JSON object per outlet")
    stats.set_defaults(run=run_stats)
    runs = commands.add_parser("runs", help="the latest crawl records, one line each")
    runs.add_argument("--limit", type=int, default=20, help="how many (default 20; 0 for all)")
    runs.add_argument("--json", action="store_true", help="whole records as JSON lines")
    runs.set_defaults(run=run_runs)


def _with_store(settings, read):
    from newscrawler.cli import project_settings
    from newscrawler.storage import connect

    connection = connect(settings if settings is not None else project_settings())
    try:
        return connection, read(connection.database)
    finally:
        connection.close()


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True,
                      default=lambda v: iso_utc(v) if isinstance(v, datetime) else str(v))


def _day(value) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else "?"


def run_stats(args, settings=None) -> int:
    from newscrawler.storage.reading import last_crawls, outlet_figures

    connection, (figures, crawls) = _with_store(settings, lambda database: (outlet_figures(database),
                                                                             last_crawls(database)))
    for row in figures:
        row["last_crawl"] = crawls.get(row["outlet"])  # the outlet's own spider; generic crawls are by site
    if args.json:
        for row in figures:
            print(_json(row))
        return 0
    total = sum(row["articles"] for row in figures)
    print(f"{total} articles from {len(figures)} outlets in {connection.description}")
    if not figures:
        return 0
    coverage = " ".join(f"{_SHORT.get(name, name):>5}" for name in SHOWN_COVERAGE)
    print(f"{'outlet':<20} {'articles':>8} {'own page':>8}  {'published':<23} {coverage} {'read-also':>9} "
          f"{'copies':>6} {'origs':>5}  last seen             last crawl")
    for row in figures:
        shares = " ".join(f"{100 * row['holding'][name] / row['articles']:4.0f}%" for name in SHOWN_COVERAGE)
        print(f"{row['outlet'] or '?':<20} {row['articles']:>8} {row['own_page']:>8}  "
              f"{_day(row['first']) + ' → ' + _day(row['last']):<23} {shares} {row['read_also_links']:>9} "
              f"{row['copies']:>6} {row['originals']:>5}  {iso_utc(row['last_seen']) if row['last_seen'] else '?':<20}  "
              f"{_crawl(row['last_crawl'])}")
    print("(read-also: links from the outlet's pages; copies: its articles linked to an original elsewhere; "
          "origs: its articles others copied; last crawl: the outlet's own spider's latest run)")
    return 0


def _crawl(run: dict | None) -> str:
    if not run:
        return "none of its own"
    when = iso_utc(run["finished_at"]) if isinstance(run.get("finished_at"), datetime) else "?"
    return f"{when} {run.get('finish_reason', '?')}, stored {run.get('stored', 0)}"


def run_runs(args, settings=None) -> int:
    from newscrawler.storage.reading import latest_runs

    _, runs = _with_store(settings, lambda database: latest_runs(database, args.limit))
    if args.json:
        for run in runs:
            print(_json(run))
        return 0
    if not runs:
        print("No crawl records yet")
        return 0
    for run in runs:
        print(run_line(run))
    return 0


def run_line(run: dict) -> str:
    """One crawl record as one line: when, which spider, how it ended, what it stored and dropped."""
    articles = run.get("articles") or {}
    dropped = run.get("dropped") or {}
    reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(dropped.items(), key=lambda kv: -kv[1])[:3])
    elapsed = run.get("elapsed_seconds")
    parts = [
        iso_utc(run["finished_at"]) if isinstance(run.get("finished_at"), datetime) else "?",
        f"{run.get('spider', '?'):<18}",
        f"{run.get('finish_reason', '?'):<9}",
        f"{run.get('pages_fetched', 0):>5} pages",
        f"stored {articles.get('stored', 0)} (new {articles.get('new', 0)}, updated {articles.get('updated', 0)}, "
        f"unchanged {articles.get('unchanged', 0)})",
        f"dropped {sum(dropped.values())}" + (f" ({reasons})" if reasons else ""),
    ]
    if run.get("skipped_not_due"):
        parts.append(f"not due {run['skipped_not_due']}")
    if run.get("journaled"):
        parts.append(f"journaled {run['journaled']}")
    if run.get("errors"):
        parts.append(f"errors {run['errors']}")
    if elapsed is not None:
        parts.append(f"{elapsed:.0f} s")
    parts.append(run.get("crawl_id", ""))
    return "  ".join(parts)
