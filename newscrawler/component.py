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


class OnePerCrawler:
    """A part of a crawl that its components share: ``Cls.of(crawler)`` makes it on first use and
    returns the same one after."""

    @classmethod
    def of(cls, crawler):
        attribute = f"_newscrawler_{cls.__name__}"
        found = getattr(crawler, attribute, None)
        if found is None:
            found = cls(crawler)
            setattr(crawler, attribute, found)
        return found


@contextmanager
def timed(stats, stage: str):
    """Adds the seconds the block takes to the ``newscrawler/seconds/<stage>`` stat (the
    benchmark's milliseconds per page per stage)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        stats.inc_value(f"newscrawler/seconds/{stage}", time.perf_counter() - started)
