"""Extension: every crawl writes its record in ``crawl_runs``.

The record: spider, crawl id, start and end, finish reason, pages fetched, articles new, updated,
unchanged and embedded, pages dropped by reason, errors, the coverage of each required field
(title, body, published_at) over the run's stored articles, from the items themselves, the
seconds it took and where they went, and the database commands it sent. The crawl's
persistence writes it after the last batch (or journals it when it cannot).
"""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy import signals

from newscrawler.component import CrawlerComponent
from newscrawler.storage.articles import OUTCOMES
from newscrawler.storage.persistence import Persistence

REQUIRED_FIELDS = ("title", "body", "published_at")
DROPPED_PREFIX = "newscrawler/dropped/"
SECONDS_PREFIX = "newscrawler/seconds/"


class CrawlRecord(CrawlerComponent):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.articles = 0
        self.filled = dict.fromkeys(REQUIRED_FIELDS, 0)
        self.started_at = datetime.now(UTC)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        Persistence.of(crawler).run_record = self.record

    def item_scraped(self, item, response, spider) -> None:
        if getattr(item, "origin", "page") != "page":
            return  # embedded copies are counted with the page that carried them
        self.articles += 1
        for name in REQUIRED_FIELDS:
            if getattr(item, name, None):
                self.filled[name] += 1

    def record(self, reason: str) -> dict:
        stats = self.stats.get_stats()
        finished_at = datetime.now(UTC)
        count = lambda key: int(stats.get(key, 0) or 0)  # noqa: E731
        return {
            "crawl_id": stats.get("newscrawler/crawl_id") or f"{self.crawler.spider.name}-unrecorded",
            "spider": self.crawler.spider.name,
            "started_at": self.started_at,
            "finished_at": finished_at,
            "finish_reason": reason,
            "pages_fetched": count("response_received_count"),
            "articles": {
                "stored": self.articles,
                **{outcome: count(f"newscrawler/articles/{outcome}") for outcome in OUTCOMES},
            },
            "dropped": {key[len(DROPPED_PREFIX):]: value for key, value in stats.items() if key.startswith(DROPPED_PREFIX)},
            "skipped_not_due": count("newscrawler/skipped/not_due"),
            "sources_failed": {key.rsplit("/", 1)[1]: value for key, value in stats.items() if key.startswith("newscrawler/sources/failed/")},
            "errors": count("log_count/ERROR"),
            "journaled": count("newscrawler/journal/articles"),
            "store_failures": {"refused": count("newscrawler/store/refused_articles"), "lost": count("newscrawler/store/lost_articles")},
            "coverage": {name: (self.filled[name] / self.articles if self.articles else None) for name in REQUIRED_FIELDS},
            "elapsed_seconds": (finished_at - started).total_seconds() if (started := stats.get("start_time")) else None,
            # where the time went (download latency, and the crawl's own work by stage), and the
            # database commands the crawl itself sent (not those opening and closing it)
            "seconds": {key[len(SECONDS_PREFIX):]: round(value, 3) for key, value in stats.items() if key.startswith(SECONDS_PREFIX)},
            "mongo_commands": count("newscrawler/mongo/commands/crawl"),
        }
