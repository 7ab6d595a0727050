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
from newscrawler.storage.articles import OUTCOMES
from newscrawler.storage.connection import Outage, describe
from newscrawler.storage.journal import JournalFile, journal_dir, replay

logger = logging.getLogger(__name__)


def new_crawl_id(spider_name: str) -> str:
    return f"{spider_name}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def document_of(item: Article) -> dict:
    """The stored fields of an item: only names from the item definition, never page keys."""
    return {name: value for name, value in ItemAdapter(item).items() if name not in TRANSIENT_FIELDS}


class StorePipeline(CrawlerComponent):
    """Batched writes into ``articles``, and the journal when MongoDB cannot take them.

    Settings: ``MONGO_URI`` / ``MONGO_DATABASE`` (embedded store under ``NEWSCRAWLER_DATA_DIR``
    when no URI is set), ``NEWSCRAWLER_BULK_SIZE`` (flush after this many items, default 50),
    ``NEWSCRAWLER_FLUSH_SECONDS`` (and at least this often, default 5),
    ``NEWSCRAWLER_JOURNAL_DIR`` and ``NEWSCRAWLER_MONGO_RETRY_SECONDS`` (during an outage, how
    long batches go straight to the journal before MongoDB is tried again, default 30).

    One writer thread keeps batches in order, so a parent and its children are written in the
    order they were scraped. A crawl starts by replaying the journal. A batch that cannot be
    written is appended to the journal (fsynced) and the crawl goes on; the outage is logged as
    an ERROR naming the journal, and ``scrapy crawl`` then exits 1.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        self.bulk_size = max(1, self.settings.getint("NEWSCRAWLER_BULK_SIZE", 50))
        self.flush_seconds = self.settings.getfloat("NEWSCRAWLER_FLUSH_SECONDS", 5.0)
        self.outage = Outage(self.settings.getfloat("NEWSCRAWLER_MONGO_RETRY_SECONDS", 30.0))
        self.buffer: list[dict] = []
        self.pending: list[Future] = []
        self.executor: ThreadPoolExecutor | None = None
        self.connection = None
        self.store: ArticleStore | None = None
        self.journal: JournalFile | None = None
        self.crawl_id = ""
        self.timer: task.LoopingCall | None = None

    async def open_spider(self) -> None:
        self.crawl_id = new_crawl_id(self.crawler.spider.name)
        self.stats.set_value("newscrawler/crawl_id", self.crawl_id)
        self.journal = JournalFile(journal_dir(self.settings), self.crawl_id)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        await asyncio.wrap_future(self.executor.submit(self._open_store))
        self.timer = task.LoopingCall(self._flush)
        self.timer.start(self.flush_seconds, now=False)

    def _open_store(self) -> None:
        try:
            self._ready()
        except Exception as error:
            self._store_failed(error)

    def _ready(self) -> ArticleStore:
        """Connect, make the indexes and replay the journal, once (again after a failed start)."""
        if self.store is not None:
            return self.store
        if self.connection is None:
            self.connection = connect(self.settings)
        store = ArticleStore(self.connection.database)
        store.ensure_indexes()
        logger.info("Storing articles in %s (database %s), crawl %s",
                    self.connection.description, self.connection.database.name, self.crawl_id)
        self.store = store
        self._replay_journal()
        return store

    def _replay_journal(self) -> None:
        """Write what earlier crawls left in the journal. An entry that cannot be written stays
        there (an ERROR says so) and does not hold this crawl up."""
        directory = self.journal.path.parent
        try:
            replayed = replay(directory, self.connection.database)
        except Exception as error:
            logger.error("Replaying the journal %s stopped (%s); what is left stays there for "
                         "`python -m newscrawler journal replay`", directory, describe(error))
            return
        if replayed.entries:
            logger.info("Replayed %d journal entries (%d articles) into %s", replayed.entries,
                        replayed.articles, self.connection.description)

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
        if self.outage.may_try():
            try:
                summary = self._ready().write(batch, crawl_id=self.crawl_id, seen_at=seen_at)
            except Exception as error:
                self._store_failed(error)
            else:
                if self.outage.succeeded():
                    logger.warning("%s is back; writing articles there again", self.where)
                for outcome in OUTCOMES:
                    self.stats.inc_value(f"newscrawler/articles/{outcome}", getattr(summary, outcome))
                self.stats.inc_value("newscrawler/store/written", len(batch))
                return
        self.journal.append({"kind": "articles", "crawl_id": self.crawl_id, "seen_at": seen_at, "documents": batch})
        self.stats.inc_value("newscrawler/journal/batches")
        self.stats.inc_value("newscrawler/journal/articles", len(batch))

    @property
    def where(self) -> str:
        return self.connection.description if self.connection is not None else "the article store"

    def _store_failed(self, error: Exception) -> None:
        if self.outage.failed():
            logger.error("Cannot write to %s (%s); articles go to the journal %s until it is back, and "
                         "`python -m newscrawler journal replay` (or the next crawl) writes them",
                         self.where, describe(error), self.journal.path)
        else:
            logger.warning("Still cannot write to %s (%s)", self.where, describe(error))

    async def close_spider(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self._flush()
        for future in self.pending:
            try:
                await asyncio.wrap_future(future)
            except Exception:  # the journal itself failed: the batch is lost, say so loudly
                self.stats.inc_value("newscrawler/store/lost_batches")
                logger.exception("A batch of articles could be written neither to %s nor to the journal %s",
                                 self.where, self.journal.path)
        if self.executor is not None:
            self.executor.shutdown(wait=True)
        if self.journal is not None:
            self.journal.close()
            if self.journal.entries:
                logger.error("%d articles of crawl %s are not in %s but in the journal %s; "
                             "`python -m newscrawler journal replay` (or the next crawl) writes them",
                             self.stats.get_value("newscrawler/journal/articles", 0), self.crawl_id,
                             self.where, self.journal.path)
        if self.connection is not None:
            self.connection.close()
