"""``python -m newscrawler bench …``: benchmarks that print figures. ``bench store`` here: articles a
second the store takes, through ArticleStore."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime

#: The first rate is printed at this many articles (the issue's "rate at 500"), then every --report.
FIRST_REPORT = 500
SAMPLE_BODY = ("أعلن الرئيس الروسي فلاديمير بوتين هدنة جديدة بالتزامن مع احتفالات البلاد بالذكرى الـ80 للنصر. " * 30).strip()


def add_arguments(commands) -> None:
    parser = commands.add_parser("bench", help="benchmarks that print figures")
    which = parser.add_subparsers(dest="what", required=True)
    store = which.add_parser("store", help="write rate of the embedded default store")
    store.add_argument("--count", type=int, default=20000, help="articles to write (default 20000)")
    store.add_argument("--batch", type=int, default=500, help="articles a bulk write (default 500, as a crawl writes)")
    store.add_argument("--report", type=int, default=2500, help="print a rate every this many (default 2500)")
    store.add_argument("--baseline", metavar="GIT_REF",
                       help="also run this older commit's `bench store` (from a temporary checkout), for a side-by-side")
    store.add_argument("--baseline-count", type=int, default=2000,
                       help="articles the baseline writes (default 2000: older stores slow down as they fill)")
    store.add_argument("--baseline-batch", type=int, default=50, help="the baseline's bulk write size (default 50)")
    store.add_argument("--baseline-report", type=int, default=500, help="the baseline's reporting step (default 500)")
    store.set_defaults(run=run_store)
    render = which.add_parser("render", help="memory of JavaScript rendering after 20 and after N renders")
    render.add_argument("--count", type=int, default=200, help="pages to render (default 200)")
    render.set_defaults(run=_run_render)
    extract = which.add_parser("extract", help="extraction speed over a corpus folder, ours beside trafilatura")
    extract.add_argument("path", help="a corpus folder (../shared/corpus/raw) or a WCXB split (../shared/benchmarks/wcxb-dev)")
    extract.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    extract.add_argument("--baseline", metavar="GIT_REF",
                         help="instead, read the pages side by side with this older commit (a temporary checkout)")
    extract.set_defaults(run=_run_extract)
    from newscrawler.cli import bench_crawl

    bench_crawl.add_arguments(which)


def _run_extract(args) -> int:
    if args.baseline:
        from newscrawler.cli import bench_side_by_side

        return bench_side_by_side.compare(args.path, args.baseline, args.rounds)
    from newscrawler.cli import bench_extract

    return bench_extract.run(args)


def _run_render(args) -> int:
    from newscrawler.cli import bench_render

    return bench_render.run(args)


def sample_documents(count: int) -> list[dict]:
    now = datetime.now(UTC)
    return [
        {"url": f"https://bench.example/a/{n}", "outlet": "bench", "origin": "page", "title": f"خبر رقم {n}",
         "summary": None, "body": SAMPLE_BODY, "body_normalized": SAMPLE_BODY, "authors": [], "section": None,
         "tags": ["اختبار"], "source": None, "language": "ar", "published_raw": None, "modified_raw": None,
         "published_at": now, "modified_at": None, "images": [], "embeds": [],
         "read_also_urls": [f"https://bench.example/a/{n + 1}"], "parent_urls": [], "fetched_at": now}
        for n in range(count)
    ]


def run_store(args) -> int:
    from pathlib import Path

    from newscrawler.storage import ArticleStore
    from newscrawler.storage.embedded import open_client

    documents = sample_documents(args.count)
    print(f"The default store (mongoeco SQLite, in process, with the articles indexes): {args.count} new "
          f"articles in bulk writes of {args.batch}, then the same articles again (a re-crawl).")
    with tempfile.TemporaryDirectory() as directory:
        client = open_client(Path(directory))
        store = ArticleStore(client.bench)
        store.ensure_indexes()
        for label in ("new articles", "re-crawl"):
            started, segment_start, segment_size = time.perf_counter(), time.perf_counter(), 0
            for start in range(0, len(documents), args.batch):
                store.write(documents[start:start + args.batch], crawl_id=label, seen_at=datetime.now(UTC))
                segment_size += len(documents[start:start + args.batch])
                stored = start + args.batch
                if stored == FIRST_REPORT or stored % args.report == 0 or stored >= len(documents):
                    rate = segment_size / (time.perf_counter() - segment_start)
                    print(f"  {label:<13} up to {min(start + args.batch, len(documents)):>6} stored: {rate:8.1f} articles/s")
                    segment_start, segment_size = time.perf_counter(), 0
            total = len(documents) / (time.perf_counter() - started)
            print(f"  {label:<13} overall: {total:.1f} articles/s")
        client.close()
    if args.baseline:
        return _run_baseline(args)
    return 0


def _run_baseline(args) -> int:
    """The same benchmark as commit ``args.baseline`` had it, from a temporary checkout of that
    commit, with this interpreter; its output follows ours."""
    import subprocess
    import sys

    from newscrawler.cli.bench_side_by_side import NoCheckout, checkout

    try:
        with checkout(args.baseline) as folder:
            print(f"\nBaseline: commit {args.baseline}, its own `bench store` ({args.baseline_count} articles, bulk "
                  f"writes of {args.baseline_batch}):", flush=True)
            return subprocess.run([sys.executable, "-m", "newscrawler", "bench", "store", "--count",
                                   str(args.baseline_count), "--batch", str(args.baseline_batch), "--report",
                                   str(args.baseline_report)], cwd=folder, env={**os.environ, "PYTHONPATH": folder}).returncode
    except NoCheckout as error:
        print(error, file=sys.stderr)
        return 2
