"""Extension: every crawl writes its record in ``crawl_runs``.

The record: spider, crawl id, start and end, finish reason, pages fetched, articles new, updated,
unchanged and embedded, pages dropped by reason, errors, and the coverage of each required field
(title, body, published_at) over the run's stored articles, from the items themselves.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from scrapy import signals

from newscrawler.component import CrawlerComponent
from newscrawler.storage import RunStore, connect
from newscrawler.storage.articles import OUTCOMES
from newscrawler.storage.connection import describe
from newscrawler.storage.journal import JournalFile, journal_dir

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("title", "body", "published_at")
DROPPED_PREFIX = "newscrawler/dropped/"


class CrawlRecord(CrawlerComponent):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.articles = 0
        self.filled = dict.fromkeys(REQUIRED_FIELDS, 0)
        self.started_at = datetime.now(UTC)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def item_scraped(self, item, response, spider) -> None:
        if getattr(item, "origin", "page") != "page":
            return  # embedded copies are counted with the page that carried them
        self.articles += 1
        for name in REQUIRED_FIELDS:
            if getattr(item, name, None):
                self.filled[name] += 1

    def record(self, reason: str) -> dict:
        stats = self.stats.get_stats()
        count = lambda key: int(stats.get(key, 0) or 0)  # noqa: E731
        return {
            "crawl_id": stats.get("newscrawler/crawl_id") or f"{self.crawler.spider.name}-unrecorded",
            "spider": self.crawler.spider.name,
            "started_at": self.started_at,
            "finished_at": datetime.now(UTC),
            "finish_reason": reason,
            "pages_fetched": count("response_received_count"),
            "articles": {
                "stored": self.articles,
                **{outcome: count(f"newscrawler/articles/{outcome}") for outcome in OUTCOMES},
            },
            "dropped": {key[len(DROPPED_PREFIX):]: value for key, value in stats.items() if key.startswith(DROPPED_PREFIX)},
            "skipped_not_due": count("newscrawler/skipped/not_due"),
            "errors": count("log_count/ERROR"),
            "journaled": count("newscrawler/journal/articles"),
            "coverage": {name: (self.filled[name] / self.articles if self.articles else None) for name in REQUIRED_FIELDS},
        }

    def spider_closed(self, spider, reason) -> None:
        run = self.record(reason)
        connection = None
        try:
            connection = connect(self.settings)
            store = RunStore(connection.database)
            store.ensure_indexes()
            store.record(run)
        except Exception as error:
            journal = JournalFile(journal_dir(self.settings), run["crawl_id"])
            journal.append({"kind": "crawl_run", "run": run})
            journal.close()
            self.stats.inc_value("newscrawler/journal/crawl_runs")
            logger.error("Could not write the crawl record %s (%s); it is in the journal %s",
                         run["crawl_id"], describe(error), journal.path)
        finally:
            if connection is not None:
                connection.close()
