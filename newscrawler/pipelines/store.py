"""Writes articles to MongoDB in batches, off the reactor thread, in arrival order."""

from __future__ import annotations

import asyncio
import logging
import secrets
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime

from itemadapter import ItemAdapter
from twisted.internet import task

from newscrawler.component import CrawlerComponent
from newscrawler.items import TRANSIENT_FIELDS, Article
from newscrawler.storage import ArticleStore, connect

logger = logging.getLogger(__name__)


def new_crawl_id(spider_name: str) -> str:
    return f"{spider_name}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def document_of(item: Article) -> dict:
    """The stored fields of an item: only names from the item definition, never page keys."""
    return {name: value for name, value in ItemAdapter(item).items() if name not in TRANSIENT_FIELDS}


class StorePipeline(CrawlerComponent):
    """Batched upserts into ``articles``.

    Settings: ``MONGO_URI`` / ``MONGO_DATABASE`` (embedded store under ``NEWSCRAWLER_DATA_DIR``
    when no URI is set), ``NEWSCRAWLER_BULK_SIZE`` (flush after this many items, default 50),
    ``NEWSCRAWLER_FLUSH_SECONDS`` (and at least this often, default 5). One writer thread keeps
    batches in order, so a parent and its children are written in the order they were scraped.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        self.bulk_size = max(1, self.settings.getint("NEWSCRAWLER_BULK_SIZE", 50))
        self.flush_seconds = self.settings.getfloat("NEWSCRAWLER_FLUSH_SECONDS", 5.0)
        self.buffer: list[dict] = []
        self.pending: list[Future] = []
        self.executor: ThreadPoolExecutor | None = None
        self.connection = None
        self.store: ArticleStore | None = None
        self.crawl_id = ""
        self.timer: task.LoopingCall | None = None

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.crawl_id = new_crawl_id(spider.name)
        self.stats.set_value("newscrawler/crawl_id", self.crawl_id)
        self.connection = connect(self.settings)
        self.store = ArticleStore(self.connection.database)
        self.store.ensure_indexes()
        logger.info("Storing articles in %s (database %s), crawl %s",
                    self.connection.description, self.connection.database.name, self.crawl_id)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self.timer = task.LoopingCall(self._flush)
        self.timer.start(self.flush_seconds, now=False)

    def process_item(self, item: Article) -> Article:
        self.buffer.append(document_of(item))
        if len(self.buffer) >= self.bulk_size:
            self._flush()
        return item

    def _flush(self) -> None:
        if not self.buffer or self.executor is None:
            return
        batch, self.buffer = self.buffer, []
        self.pending = [f for f in self.pending if not f.done()]
        self.pending.append(self.executor.submit(self._write, batch))

    def _write(self, batch: list[dict]) -> None:
        seen_at = datetime.now(UTC)
        summary = self.store.write(batch, crawl_id=self.crawl_id, seen_at=seen_at)
        for outcome in ("new", "updated", "unchanged", "embedded"):
            self.stats.inc_value(f"newscrawler/articles/{outcome}", getattr(summary, outcome))
        self.stats.inc_value("newscrawler/store/written", len(batch))

    async def close_spider(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self._flush()
        failures = 0
        for future in self.pending:
            try:
                await asyncio.wrap_future(future)
            except Exception:
                failures += 1
                logger.exception("Writing a batch of articles to %s failed", self.connection.description)
        if failures:
            self.stats.inc_value("newscrawler/store/failed_batches", failures)
        if self.executor is not None:
            self.executor.shutdown(wait=True)
        if self.connection is not None:
            self.connection.close()
