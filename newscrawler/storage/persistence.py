"""A crawl's one way to its database: one connection, the outage breaker, the writer thread and the
journal, shared by the store pipeline (articles), the discovery spiders (what is stored, for
re-crawls) and the crawl record.

Nothing here runs a database call on the reactor thread. Articles are appended to the journal as
they arrive (``journal.py``: on disk before they wait) and written in batches of
``NEWSCRAWLER_BULK_SIZE``, at least every ``NEWSCRAWLER_FLUSH_SECONDS``, by one writer thread that
keeps them in arrival order, so a parent and its children are written in the order they were
scraped. What is stored is read by a reader thread, a whole listing at a time, and a read that
takes longer than ``NEWSCRAWLER_STATE_TIMEOUT_MS`` is given up (the listed pages are then fetched
as if new). After a failure the store is left alone for ``NEWSCRAWLER_MONGO_RETRY_SECONDS``:
batches stay in the journal, reads answer "unknown", and one bounded attempt follows. A crawl
starts by replaying what earlier crawls left in the journal.

The database commands a crawl sends are counted in its stats (``newscrawler/mongo/commands/…``),
split into those of opening the store, of the crawl itself, and of closing it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime

from pymongo import monitoring
from scrapy import signals
from twisted.internet import task

from newscrawler.component import OnePerCrawler
from newscrawler.defaults import setting
from newscrawler.storage.articles import OUTCOMES, ArticleStore
from newscrawler.storage.connection import Outage, connect, describe
from newscrawler.storage.journal import Journal, journal_dir, replay
from newscrawler.storage.runs import RunStore

logger = logging.getLogger(__name__)


def new_crawl_id(spider_name: str) -> str:
    return f"{spider_name}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


class CommandCounter(monitoring.CommandListener):
    """Counts the commands a MongoDB client sends, by the phase of the crawl they belong to."""

    def __init__(self, stats):
        self.stats = stats
        self.phase = "open"

    def started(self, event) -> None:
        self.stats.inc_value(f"newscrawler/mongo/commands/{self.phase}")

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        pass


class Persistence(OnePerCrawler):
    """One per crawler: ``Persistence.of(crawler)``. ``open`` (awaited by the store pipeline) makes
    the store ready; ``add`` takes an article; ``stored_states`` reads what is stored of some URLs;
    the crawl record is written on ``spider_closed``, after the last batch."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.settings = crawler.settings
        self.stats = crawler.stats
        self.bulk_size = max(1, setting(self.settings, "NEWSCRAWLER_BULK_SIZE"))
        self.flush_seconds = setting(self.settings, "NEWSCRAWLER_FLUSH_SECONDS")
        self.state_timeout = setting(self.settings, "NEWSCRAWLER_STATE_TIMEOUT_MS") / 1000
        self.outage = Outage(setting(self.settings, "NEWSCRAWLER_MONGO_RETRY_SECONDS"))
        self.commands = CommandCounter(self.stats)
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self.reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-reader")
        self.buffer: list[tuple[dict, int]] = []  # (document, its journal segment)
        self.pending: list[Future] = []
        self.connection = None
        self.articles: ArticleStore | None = None
        self.crawl_id = ""
        self.journal: Journal | None = None
        self.timer: task.LoopingCall | None = None
        self._opening: Future | None = None
        self._unanswered_logged = False
        #: Builds the crawl record (``CrawlRecord.record``), given the finish reason.
        self.run_record = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    # ------------------------------------------------------------------ opening

    async def open(self) -> None:
        """Start the crawl's journal and get the store ready (once, whoever asks first)."""
        if self._opening is None:
            self.crawl_id = new_crawl_id(self.crawler.spider.name)
            self.stats.set_value("newscrawler/crawl_id", self.crawl_id)
            self.journal = Journal(journal_dir(self.settings), self.crawl_id, self.bulk_size)
            self._opening = self.writer.submit(self._open_store)
            self.timer = task.LoopingCall(self._tick)
            self.timer.start(self.flush_seconds, now=False)
        await asyncio.wrap_future(self._opening)

    def _open_store(self) -> None:
        try:
            self._ready()
        except Exception as error:
            self._store_failed(error)
        self.commands.phase = "crawl"

    def _ready(self) -> ArticleStore:
        """Connect, migrate and index, and replay the journal, once (again after a failed start)."""
        if self.articles is not None:
            return self.articles
        if self.connection is None:
            self.connection = connect(self.settings, event_listeners=[self.commands])
        articles = ArticleStore(self.connection.database)
        articles.ensure_indexes()
        logger.info("Storing articles in %s (database %s), crawl %s",
                    self.connection.description, self.connection.database.name, self.crawl_id)
        self.articles = articles
        self._replay_journal()
        return articles

    def _replay_journal(self) -> None:
        """Write what earlier crawls left in the journal. An entry that cannot be written stays
        there (an ERROR says so) and does not hold this crawl up."""
        directory = self.journal.directory
        try:
            replayed = replay(directory, self.connection.database, batch_size=self.bulk_size)
        except Exception as error:
            logger.error("Replaying the journal %s stopped (%s); what is left stays there for "
                         "`python -m newscrawler journal replay`", directory, describe(error))
            return
        if replayed.entries:
            logger.info("Replayed %d journal entries (%d articles) into %s", replayed.entries,
                        replayed.articles, self.connection.description)

    @property
    def where(self) -> str:
        return self.connection.description if self.connection is not None else "the article store"

    # ------------------------------------------------------------------ articles

    def add(self, document: dict) -> None:
        """Take one article (a dict of stored fields): journalled now, written with its batch."""
        segment = self.journal.append({"kind": "article", "crawl_id": self.crawl_id, "seen_at": datetime.now(UTC),
                                       "document": document})
        self.buffer.append((document, segment))
        if len(self.buffer) >= self.bulk_size:
            self._flush()

    def _tick(self) -> None:
        self._flush()
        self.pending.append(self.writer.submit(self.journal.sync))

    def _flush(self) -> None:
        self.pending = [f for f in self.pending if not f.done()]
        if self.buffer:
            batch, self.buffer = self.buffer, []
            self.pending.append(self.writer.submit(self._write, batch))

    def _write(self, batch: list[tuple[dict, int]]) -> None:
        self.journal.sync()  # what waited for this batch is on disk before the batch is tried
        documents = [document for document, _ in batch]
        if self.outage.may_try():
            try:
                store = self._ready()
                started, linking = time.perf_counter(), store.link_seconds
                summary = store.write(documents, crawl_id=self.crawl_id, seen_at=datetime.now(UTC))
                link_seconds = store.link_seconds - linking
                self.stats.inc_value("newscrawler/seconds/link", link_seconds)
                self.stats.inc_value("newscrawler/seconds/store", time.perf_counter() - started - link_seconds)
            except Exception as error:
                self._store_failed(error)
            else:
                if self.outage.succeeded():
                    logger.warning("%s is back; writing articles there again", self.where)
                for outcome in OUTCOMES:
                    self.stats.inc_value(f"newscrawler/articles/{outcome}", getattr(summary, outcome))
                self.stats.inc_value("newscrawler/store/written", len(batch))
                self.journal.stored(Counter(segment for _, segment in batch))
                return
        self.stats.inc_value("newscrawler/journal/batches")
        self.stats.inc_value("newscrawler/journal/articles", len(batch))

    def _store_failed(self, error: Exception) -> None:
        if self.outage.failed():
            logger.error("Cannot write to %s (%s); articles stay in the journal %s until it is back, and "
                         "`python -m newscrawler journal replay` (or the next crawl) writes them",
                         self.where, describe(error), self.journal.directory)
        else:
            logger.warning("Still cannot write to %s (%s)", self.where, describe(error))

    # ------------------------------------------------------------------ what is stored

    async def stored_states(self, urls: list[str]) -> dict[str, dict] | None:
        """What a re-crawl needs to know of the stored articles among ``urls`` (see
        ``ArticleStore.recrawl_states``), or None when the store cannot say in time."""
        if self._opening is None or not self.outage.may_try():
            return None
        future = self.reader.submit(self._read_states, urls)
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.state_timeout)
        except TimeoutError:
            self.stats.inc_value("newscrawler/recheck/unanswered")
            if not self._unanswered_logged:
                self._unanswered_logged = True
                logger.warning("%s did not say within %.1f s what is stored; listed pages are fetched as if new "
                               "while it does not", self.where, self.state_timeout)
            return None

    def _read_states(self, urls: list[str]) -> dict[str, dict] | None:
        if self.articles is None or not self.outage.may_try():
            return None
        try:
            return self.articles.recrawl_states(urls)
        except Exception as error:
            if self.outage.failed():
                logger.warning("Cannot read what is stored (%s); fetching every listed page until it answers",
                               describe(error))
            return None

    # ------------------------------------------------------------------ closing

    async def spider_closed(self, spider, reason: str) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        if self._opening is not None:
            self._flush()
            for future in self.pending:
                try:
                    await asyncio.wrap_future(future)
                except Exception:  # the journal itself failed: the batch is lost, say so loudly
                    self.stats.inc_value("newscrawler/store/lost_batches")
                    logger.exception("A batch of articles could be written neither to %s nor to the journal %s",
                                     self.where, self.journal.directory)
            if self.journal.waiting:
                logger.error("%d articles of crawl %s are not in %s but in the journal %s; "
                             "`python -m newscrawler journal replay` (or the next crawl) writes them",
                             self.journal.waiting, self.crawl_id, self.where, self.journal.directory)
        self.commands.phase = "close"
        if self.run_record is not None:
            run = self.run_record(reason)
            await asyncio.wrap_future(self.writer.submit(self._record_run, run))
        if self.journal is not None:
            self.journal.close()
        self.writer.shutdown(wait=True)
        self.reader.shutdown(wait=True)
        if self.connection is not None:
            self.connection.close()

    def _record_run(self, run: dict) -> None:
        try:
            if self.connection is None:
                self.connection = connect(self.settings, event_listeners=[self.commands])
            runs = RunStore(self.connection.database)
            runs.ensure_indexes()
            runs.record(run)
        except Exception as error:
            journal = self.journal or Journal(journal_dir(self.settings), run["crawl_id"])
            journal.append_durably({"kind": "crawl_run", "run": run})
            if self.journal is None:
                journal.close()
            self.stats.inc_value("newscrawler/journal/crawl_runs")
            logger.error("Could not write the crawl record %s (%s); it is in the journal %s",
                         run["crawl_id"], describe(error), journal.directory)
