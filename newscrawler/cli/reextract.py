"""``python -m newscrawler reextract WARC… [--outlet NAME]``: archived pages read again, through
the same extraction and pipelines as a crawl, into the store."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path


def add_arguments(commands) -> None:
    parser = commands.add_parser(
        "reextract", help="read archived pages (WARC files) again into the store",
        description="Read the HTML pages of WARC files (a crawl's raw-page archive, or any web archive's, such as "
                    "Common Crawl's CC-NEWS) through the same extraction and pipelines as a crawl, and store what "
                    "they give. A reading by a newer extractor replaces what an older one stored, as a new version "
                    "where the result changed; fetched_at stays the archive's.")
    parser.add_argument("warcs", nargs="+", type=Path, metavar="WARC", help="WARC files (.warc or .warc.gz)")
    parser.add_argument("--outlet", action="append", default=[], metavar="NAME",
                        help="only pages of this registered outlet (repeat for several)")
    parser.set_defaults(run=run)


def run(args, settings=None) -> int:
    from newscrawler.archive.reader import CutRecord, archived_pages
    from newscrawler.cli import project_settings
    from newscrawler.defaults import setting
    from newscrawler.offline import NeedsRendering, page_documents
    from newscrawler.outlets import REGISTRY, outlet_for_url
    from newscrawler.pipelines.store import document_of
    from newscrawler.storage import ArticleStore, connect
    from newscrawler.storage.articles import OUTCOMES

    missing = [str(path) for path in args.warcs if not path.is_file()]
    unknown = [name for name in args.outlet if name not in REGISTRY]
    if missing or unknown:
        print("newscrawler reextract: " + ("; ".join(
            ([f"no such file: {', '.join(missing)}"] if missing else [])
            + ([f"unknown outlet: {', '.join(unknown)} (known: {', '.join(sorted(REGISTRY))})"] if unknown else []))),
            file=sys.stderr)
        return 2
    settings = settings if settings is not None else project_settings()
    batch_size = max(1, setting(settings, "NEWSCRAWLER_BULK_SIZE"))
    crawl_id = f"reextract-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    counts, outcomes, cut = Counter(), Counter(), []
    connection = connect(settings)
    try:
        store = ArticleStore(connection.database)
        store.ensure_indexes()
        batch: list[dict] = []

        def flush() -> None:
            if batch:
                summary = store.write(batch, crawl_id=crawl_id, seen_at=datetime.now(UTC))
                outcomes.update({name: getattr(summary, name) for name in OUTCOMES})
                batch.clear()

        for path in args.warcs:
            try:
                for page in archived_pages(path):
                    outlet = outlet_for_url(page.url)
                    if args.outlet and (outlet is None or outlet.name not in args.outlet):
                        counts["other outlets"] += 1
                        continue
                    try:
                        items = page_documents(page.url, page.body, page.headers, fetched_at=page.fetched_at,
                                               rendered=page.rendered)
                    except NeedsRendering:  # a JavaScript shell: its rendering is archived beside it, if any
                        counts["JavaScript shells"] += 1
                        continue
                    counts["pages read"] += 1
                    counts["not articles"] += not items
                    for item in items:
                        batch.append(document_of(item))
                        if len(batch) >= batch_size:
                            flush()
            except CutRecord as error:
                cut.append(str(error))
        flush()
    finally:
        connection.close()
    passed_over = ", ".join(f"{n} {what}" for what, n in counts.items() if what != "pages read" and n)
    print(f"Read {counts['pages read']} pages from {len(args.warcs)} WARC files into {connection.description}: "
          f"articles {outcomes['new']} new, {outcomes['updated']} updated, {outcomes['unchanged']} unchanged, "
          f"{outcomes['embedded']} embedded" + (f"; passed over: {passed_over}" if passed_over else ""))
    for line in cut:
        print(f"  stopped at a record cut short: {line}", file=sys.stderr)
    return 1 if cut else 0
