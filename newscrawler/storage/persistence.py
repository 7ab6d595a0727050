"""A crawl's one way to its database: one connection, the outage breaker, the writer thread and the
journal, shared by the store pipeline (articles), the discovery spiders (what is stored, for
re-crawls) and the crawl record.

Nothing here runs a database call on the reactor thread. Articles are appended to the journal as
they arrive (``journal.py``: on disk before they wait, fsynced every ``NEWSCRAWLER_FLUSH_SECONDS``)
and written in batches of ``NEWSCRAWLER_BULK_SIZE``, or once the first article waiting has waited
``NEWSCRAWLER_WRITE_SECONDS`` (checked at every flush tick), by one writer thread that keeps them
in arrival order, so a parent and its children are written in the order they were
scraped. What is stored is read by a reader thread, a whole listing at a time, and a read that
takes longer than ``NEWSCRAWLER_STATE_TIMEOUT_MS`` is given up (the listed pages are then fetched
as if new). After a failure the store is left alone for ``NEWSCRAWLER_MONGO_RETRY_SECONDS``:
batches stay in the journal, reads answer "unknown", and one bounded attempt follows. Only an
outage trips that breaker (``connection.is_outage``): a document MongoDB refuses is set aside
(``journal.py``), counted (``newscrawler/store/refused_articles``) and named, and the rest of its
batch is stored. A crawl starts by replaying what earlier crawls left in the journal for the same
store (``connection.store_target``); entries for another store are left there, and said so.

A crawl whose journal or data folder cannot be used, or whose ``MONGO_URI`` is malformed, stops
before it fetches anything (finish reason ``store_unusable``). Should the journal fail later (a full
disk), articles still go to MongoDB; those that can be written to neither are lost, and counted
(``newscrawler/store/lost_batches``, ``newscrawler/store/lost_articles``) and named in one ERROR.

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
from scrapy.exceptions import CloseSpider
from twisted.internet import task

from newscrawler.component import OnePerCrawler
from newscrawler.defaults import setting
from newscrawler.storage.articles import OUTCOMES, ArticleStore
from newscrawler.storage.connection import (
    Outage,
    connect,
    describe,
    store_target,
    unusable,
)
from newscrawler.storage.journal import Journal, journal_dir, replay, set_aside
from newscrawler.storage.runs import RunStore
from newscrawler.text.letters import encodable

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
        self.write_seconds = setting(self.settings, "NEWSCRAWLER_WRITE_SECONDS")
        self.state_timeout = setting(self.settings, "NEWSCRAWLER_STATE_TIMEOUT_MS") / 1000
        self.outage = Outage(setting(self.settings, "NEWSCRAWLER_MONGO_RETRY_SECONDS"))
        self.commands = CommandCounter(self.stats)
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self.reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-reader")
        self.target = store_target(self.settings)
        self.buffer: list[tuple[dict, int | None]] = []  # (document, its journal segment; None: not journaled)
        self.buffer_since = 0.0  # when the first article of the buffer arrived (time.monotonic)
        self.pending: list[Future] = []
        self.connection = None
        self.articles: ArticleStore | None = None
        self.crawl_id = ""
        self.journal: Journal | None = None
        self.timer: task.LoopingCall | None = None
        self._opening: Future | None = None
        self._unanswered_logged = False
        self._journal_failed_logged = False
        self._unusable = False  # stopped before it started: its record goes to the store or nowhere
        #: Builds the crawl record (``CrawlRecord.record``), given the finish reason.
        self.run_record = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    # ------------------------------------------------------------------ opening

    async def open(self) -> None:
        """Start the crawl's journal and get the store ready (once, whoever asks first). Raises
        ``CloseSpider("store_unusable")`` when what it scrapes could not be kept (``unusable``)."""
        if self._opening is None:
            problem = unusable(self.settings)
            if problem:
                self.stats.set_value("newscrawler/store/unusable", problem)
                self._unusable = True
                logger.error("Not crawling: %s", problem)
                raise CloseSpider("store_unusable")
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
        """Write what earlier crawls left in the journal for this store. An entry that cannot be
        written stays there (an ERROR says so) and does not hold this crawl up; entries for another
        store stay there too (a WARNING says how to move them)."""
        directory = self.journal.directory
        try:
            replayed = replay(directory, self.connection.database, target=self.target, batch_size=self.bulk_size)
        except Exception as error:
            logger.error("Replaying the journal %s stopped (%s); what is left stays there for "
                         "`python -m newscrawler journal replay`", directory, describe(error))
            return
        if replayed.elsewhere:
            logger.warning("Replayed %d journal entries (%d articles) into %s; left in %s: %s. "
                           "`python -m newscrawler journal replay --to-current-store` writes them into %s",
                           replayed.entries, replayed.articles, self.target, directory, replayed.elsewhere_text(),
                           self.target)
        elif replayed.entries:
            logger.info("Replayed %d journal entries (%d articles) into %s", replayed.entries,
                        replayed.articles, self.connection.description)

    @property
    def where(self) -> str:
        return self.connection.description if self.connection is not None else "the article store"

    # ------------------------------------------------------------------ articles

    def add(self, document: dict) -> None:
        """Take one article (a dict of stored fields): journalled now, written with its batch."""
        document = encodable(document)
        try:
            segment = self.journal.append({"kind": "article", "target": self.target, "crawl_id": self.crawl_id,
                                           "seen_at": datetime.now(UTC), "document": document})
        except OSError as error:
            segment = None
            self._journal_failed(error)
        if not self.buffer:
            self.buffer_since = time.monotonic()
        self.buffer.append((document, segment))
        if len(self.buffer) >= self.bulk_size:
            self._flush()

    def _tick(self) -> None:
        """Every ``NEWSCRAWLER_FLUSH_SECONDS``: the journal fsynced, and a batch short of
        ``NEWSCRAWLER_BULK_SIZE`` written once its first article has waited ``NEWSCRAWLER_WRITE_SECONDS``.
        Waiting longer loses nothing (the journal has every article), and a batch costs about the same
        commands whatever its size, so a slow crawl's batches are not cut small by the clock."""
        if self.buffer and time.monotonic() - self.buffer_since >= self.write_seconds:
            self._flush()
        else:
            self._settle_pending()
        self.pending.append(self.writer.submit(self._sync_journal))

    def _settle_pending(self) -> None:
        self.pending = [f for f in self.pending if not f.done() or self._settled(f)]

    def _flush(self) -> None:
        self._settle_pending()
        if self.buffer:
            batch, self.buffer = self.buffer, []
            self.pending.append(self.writer.submit(self._write, batch))

    @staticmethod
    def _settled(future: Future) -> bool:
        """False, after surfacing its error: a writer task that raised (``_write`` catches what it
        foresees, so this is a bug) is logged, not dropped unseen."""
        if future.exception() is not None:
            logger.error("The store's writer failed", exc_info=future.exception())
        return False

    def _sync_journal(self) -> None:
        try:
            self.journal.sync()
        except OSError as error:
            self._journal_failed(error)

    def _journal_failed(self, error: OSError) -> None:
        self.stats.inc_value("newscrawler/journal/failures")
        if not self._journal_failed_logged:
            self._journal_failed_logged = True
            logger.error("Cannot write to the journal %s (%s); articles go to %s only, and those it "
                         "cannot take are lost", self.journal.directory, describe(error), self.where)

    def _write(self, batch: list[tuple[dict, int | None]]) -> None:
        self._sync_journal()  # what waited for this batch is on disk before the batch is tried
        documents = [document for document, _ in batch]
        if self.outage.may_try():
            try:
                store = self._ready()
                started, linking = time.perf_counter(), store.link_seconds
                summary, refused = store.write_each(documents, crawl_id=self.crawl_id, seen_at=datetime.now(UTC))
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
                if refused:
                    self._refused(refused)
                self.stats.inc_value("newscrawler/store/written", len(batch) - len(refused))
                self.journal.stored(Counter(segment for _, segment in batch if segment is not None))
                return
        journaled = sum(1 for _, segment in batch if segment is not None)
        if journaled:
            self.stats.inc_value("newscrawler/journal/batches")
            self.stats.inc_value("newscrawler/journal/articles", journaled)
        if journaled < len(batch):
            self.stats.inc_value("newscrawler/store/lost_batches")
            self.stats.inc_value("newscrawler/store/lost_articles", len(batch) - journaled)

    def _refused(self, refused: list[tuple[dict, Exception]]) -> None:
        """Documents MongoDB refused (not an outage): counted, set aside beside the journal, and
        named in one ERROR line."""
        self.stats.inc_value("newscrawler/store/refused_articles", len(refused))
        aside = self.journal.refused_path
        try:
            set_aside(aside, refused, self.target)
            kept = f"set aside in {aside}"
        except OSError as error:
            kept = f"lost: they could not be set aside in {aside} ({describe(error)})"
        urls = " ".join(str(document.get("url")) for document, _ in refused)
        logger.error("%s refused %d articles of crawl %s (%s), %s: %s", self.where, len(refused), self.crawl_id,
                     describe(refused[0][1]), kept, urls)

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
                except Exception:
                    self._settled(future)
            lost = self.stats.get_value("newscrawler/store/lost_articles", 0)
            if lost:
                logger.error("%d articles of crawl %s were lost (%d batches): written neither to %s nor to the "
                             "journal %s", lost, self.crawl_id, self.stats.get_value("newscrawler/store/lost_batches", 0),
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
            if self._unusable:  # the one line it logged says why; nothing was scraped
                logger.debug("The record of crawl %s, which did not start, is not kept (%s)",
                             run["crawl_id"], describe(error))
                return
            self._journal_run(run, error)

    def _journal_run(self, run: dict, error: Exception) -> None:
        journal = self.journal
        try:
            journal = journal or Journal(journal_dir(self.settings), run["crawl_id"])
            journal.append_durably({"kind": "crawl_run", "target": self.target, "run": encodable(run)})
        except OSError as journal_error:
            logger.error("The crawl record %s is lost: written neither to %s (%s) nor to the journal (%s)",
                         run["crawl_id"], self.where, describe(error), describe(journal_error))
            return
        finally:
            if self.journal is None and journal is not None:
                journal.close()
        self.stats.inc_value("newscrawler/journal/crawl_runs")
        logger.error("Could not write the crawl record %s (%s); it is in the journal %s",
                     run["crawl_id"], describe(error), journal.directory)
