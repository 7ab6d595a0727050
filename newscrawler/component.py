"""The shape every newscrawler pipeline and middleware shares: built by Scrapy from the crawler."""

from __future__ import annotations

import time
from contextlib import contextmanager


class CrawlerComponent:
    """Keeps ``crawler``, its ``settings`` and its ``stats``; ``from_crawler`` builds it."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.settings = crawler.settings
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)


@contextmanager
def timed(stats, stage: str):
    """Adds the seconds the block takes to the ``newscrawler/seconds/<stage>`` stat (the
    benchmark's milliseconds per page per stage)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        stats.inc_value(f"newscrawler/seconds/{stage}", time.perf_counter() - started)
