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
from newscrawler.storage.connection import Outage, describe
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
    """Reads the store with a short timeout (``NEWSCRAWLER_STATE_TIMEOUT_MS``, default 1000): when
    MongoDB cannot answer, listed URLs are fetched as if new (the journal keeps what they give),
    and the store is asked again only after ``NEWSCRAWLER_MONGO_RETRY_SECONDS``."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.recheck = timedelta(hours=self.settings.getfloat("NEWSCRAWLER_RECHECK_HOURS", 48))
        self.timeout_ms = self.settings.getint("NEWSCRAWLER_STATE_TIMEOUT_MS", 1000)
        self.outage = Outage(self.settings.getfloat("NEWSCRAWLER_MONGO_RETRY_SECONDS", 30.0))
        self.connection = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_closed(self, spider) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def stored_state(self, url: str) -> tuple[bool, dict | None]:
        """(whether the store answered, what it holds of ``url``)."""
        if not self.outage.may_try():
            return False, None
        try:
            if self.connection is None:
                self.connection = connect(self.settings, timeout_ms=self.timeout_ms)
            state = ArticleStore(self.connection.database).recrawl_state(url)
        except Exception as error:
            if self.outage.failed():
                logger.warning("Cannot read what is stored (%s); fetching every listed page until it answers",
                               describe(error))
            return False, None
        self.outage.succeeded()
        return True, state

    def process_request(self, request):
        if LISTED not in request.meta or getattr(self.crawler.spider, "force", False):
            return
        answered, state = self.stored_state(normalize_url(request.url))
        if not answered or is_due(state, request.meta[LISTED], datetime.now(UTC), self.recheck):
            return
        self.stats.inc_value("newscrawler/skipped/not_due")
        raise IgnoreRequest(f"stored and not due for a re-check: {request.url}")
