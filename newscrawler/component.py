"""The shape every newscrawler pipeline and middleware shares: built by Scrapy from the crawler."""

from __future__ import annotations


class CrawlerComponent:
    """Keeps ``crawler``, its ``settings`` and its ``stats``; ``from_crawler`` builds it."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.settings = crawler.settings
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)
