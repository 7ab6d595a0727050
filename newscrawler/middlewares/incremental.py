"""Downloader middleware: a scheduled re-crawl fetches a stored article only when it may have
changed.

A URL a discovery source lists (a sitemap, a feed, a section page) is fetched when it is not
stored yet, or only as an embedded copy; when the source's lastmod is newer than when we last
saw it; when it was published within ``NEWSCRAWLER_RECHECK_HOURS`` (default 48); or when the crawl
runs with ``-a force=1``. Skipped URLs are counted as ``newscrawler/skipped/not_due``. URLs given
with ``-a urls`` are always fetched.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from scrapy import signals
from scrapy.exceptions import IgnoreRequest

from newscrawler.component import CrawlerComponent
from newscrawler.storage import ArticleStore, connect
from newscrawler.urls import normalize_url

logger = logging.getLogger(__name__)

LISTED = "newscrawler_listed"  # request meta: the lastmod a discovery source gave (or None)


def is_due(state: dict | None, lastmod: datetime | None, now: datetime, recheck: timedelta) -> bool:
    if state is None or state.get("origin") != "page":
        return True
    seen = max((t for t in (state.get("fetched_at"), state.get("last_seen_at")) if t), default=None)
    if lastmod is not None and (seen is None or lastmod > seen):
        return True
    published = state.get("published_at")
    return published is not None and now - published <= recheck


class IncrementalMiddleware(CrawlerComponent):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.recheck = timedelta(hours=self.settings.getfloat("NEWSCRAWLER_RECHECK_HOURS", 48))
        self.connection = None
        self.store: ArticleStore | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_opened(self, spider) -> None:
        self.connection = connect(self.settings)
        self.store = ArticleStore(self.connection.database)

    def spider_closed(self, spider) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def process_request(self, request):
        if LISTED not in request.meta or getattr(self.crawler.spider, "force", False) or self.store is None:
            return None
        state = self.store.recrawl_state(normalize_url(request.url))
        if is_due(state, request.meta[LISTED], datetime.now(UTC), self.recheck):
            return None
        self.stats.inc_value("newscrawler/skipped/not_due")
        raise IgnoreRequest(f"stored and not due for a re-check: {request.url}")
