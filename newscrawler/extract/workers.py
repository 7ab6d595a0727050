"""Pages read beside the reactor: extraction, cleaning and dates in worker processes.

Reading a page, cleaning its articles' text and reading their dates are pure functions of the page,
its URL and its outlet, and they are most of the CPU a crawl spends. ``PageReader`` hands them to a
pool of worker processes so the reactor thread keeps downloading and storing meanwhile.
``NEWSCRAWLER_EXTRACT_WORKERS`` sets the pool: -1 (the default) one process per core but one (at
most three), 0 reads in the crawl's own process (what ``offline`` and a one-core machine do), N
that many.

The workers start with the crawl's first article request, each reading a small page while the
first pages download, so that those find them ready. One pool serves every crawler of the process
(``crawl --all`` runs one per outlet). Back-pressure is Scrapy's own: a response waiting for its
page to be read stays in the scraper's active set, and the engine stops taking responses past
``SCRAPER_SLOT_MAX_ACTIVE_SIZE``. A worker that dies (killed, out of memory) costs no page: the pool
is started again and the pages it had are sent again; a page that kills a worker twice is dropped
as unreadable, and the crawl goes on. Workers ignore Ctrl-C: a crawl stopped gracefully has its
pages in flight read, and the pool is shut down when the spider closes, after every callback has
had its page. A crawl killed outright (SIGKILL, the kernel out of memory) cannot shut them down:
they notice it is gone and exit. A worker keeps nothing of a page once it has answered, beyond
bounded caches (joined links, class-name words, read date strings).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

from scrapy import signals

from newscrawler.component import OnePerCrawler
from newscrawler.defaults import setting
from newscrawler.extract import extract_page
from newscrawler.extract.parser import PageExtraction
from newscrawler.outlets import get_outlet
from newscrawler.pipelines.clean import clean_article
from newscrawler.pipelines.dates import date_article

logger = logging.getLogger(__name__)


def read(html: str | bytes, url: str, outlet_name: str | None, parents: list[str], fetched_at: datetime | None,
         max_body_bytes: int) -> tuple[PageExtraction, dict[str, float]]:
    """One page read, its articles cleaned and dated (what a worker runs), with the seconds each
    stage took."""
    started = time.perf_counter()
    outlet = get_outlet(outlet_name) if outlet_name else None
    extraction = extract_page(html, url, outlet, parents=parents, fetched_at=fetched_at)
    extracted = time.perf_counter()
    for article in extraction.articles:
        clean_article(article, max_body_bytes)
    cleaned = time.perf_counter()
    for article in extraction.articles:
        date_article(article)
    dated = time.perf_counter()
    return extraction, {"extract": extracted - started, "clean": cleaned - extracted, "dates": dated - cleaned}


class WorkerDied(RuntimeError):
    """A page killed the worker reading it twice (a parser crash, memory): the page is unreadable."""


def _start_worker(crawl_alive) -> None:
    """Each worker ignores Ctrl-C (it stops the crawl, which stops its workers when it is done
    with them) and exits when its crawl is gone without stopping them (killed with SIGKILL, or by
    the kernel out of memory): nothing is ever sent on ``crawl_alive``, whose other end only the
    crawl holds, so a read returns only when the crawl's end is closed, with the crawl.

    (A worker left waiting would wait for ever, and keep the forkserver and the resource tracker
    waiting too: each holds what the others wait on.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_crawl, args=(crawl_alive,), name="crawl-gone", daemon=True).start()


def _exit_with_crawl(crawl_alive) -> None:
    try:
        crawl_alive.recv_bytes()
    except (EOFError, OSError):
        pass
    os._exit(0)


#: The most workers -1 starts: one reactor thread feeds about this many (each reads a page in
#: about the time the reactor spends on one and a half), and each holds some 70 MB.
MOST_AUTOMATIC_WORKERS = 3


def worker_count(configured: int) -> int:
    """Worker processes for ``NEWSCRAWLER_EXTRACT_WORKERS``: -1 is one per core but one, at most
    ``MOST_AUTOMATIC_WORKERS``."""
    if configured < 0:
        return min(max((os.cpu_count() or 1) - 1, 0), MOST_AUTOMATIC_WORKERS)
    return configured


class _SharedPool:
    """One pool for the process, whatever number of crawlers it runs (``crawl --all`` runs one
    per outlet): started at its crawlers' first article request, shut down when its last user
    closes."""

    def __init__(self):
        self.pool: ProcessPoolExecutor | None = None
        self.users = 0
        #: The pipe the workers watch (``_start_worker``): their end, and the crawl's, which stays
        #: open as long as the crawl runs.
        self._watched = self._alive = None

    def get(self, workers: int) -> ProcessPoolExecutor:
        if self.pool is None:
            # forkserver: workers are forked from a clean server process, never from the crawl's
            # threads; the server imports the extractor once.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["newscrawler.extract.workers"])
            if self._alive is None:
                self._watched, self._alive = context.Pipe(duplex=False)
            # (no max_tasks_per_child: Python 3.13.0's pool hangs when it replaces a worker)
            self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                            initargs=(self._watched,))
        return self.pool

    def discard(self, broken: ProcessPoolExecutor) -> bool:
        """Drop ``broken`` if it is still the pool (a new one starts with the next page); whether it was."""
        if self.pool is not broken:
            return False
        self.pool = None
        broken.shutdown(wait=False)  # its pages in flight have all failed with it already
        return True

    def leave(self) -> None:
        self.users -= 1
        if self.users == 0:
            pool, self.pool = self.pool, None
            if pool is not None:
                pool.shutdown(wait=True)


_SHARED = _SharedPool()


#: What ``PageReader.start`` has each worker read first.
WARM_UP_PAGE = ("<html><head><title>عنوان</title><meta property=\"article:published_time\" content=\"2026-01-01T00:00:00Z\">"
                "</head><body><article><h1>عنوان</h1><p>نص الخبر.</p></article></body></html>")


class PageReader(OnePerCrawler):
    """The crawl's page reading (``PageReader.of(crawler)``): ``await reader.read(...)`` in a worker,
    or in process."""

    def __init__(self, crawler):
        self.stats = crawler.stats
        self.workers = worker_count(setting(crawler.settings, "NEWSCRAWLER_EXTRACT_WORKERS"))
        self.max_body_bytes = setting(crawler.settings, "NEWSCRAWLER_MAX_BODY_BYTES")
        self._uses_pool = False  # until it starts: a reader that reads in process holds no pool
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @property
    def pool(self) -> ProcessPoolExecutor | None:
        return _SHARED.pool

    def read_here(self, html: str | bytes, url: str, outlet_name: str | None, parents: list[str],
                  fetched_at: datetime | None) -> PageExtraction:
        extraction, seconds = read(html, url, outlet_name, parents, fetched_at, self.max_body_bytes)
        self._count(seconds)
        return extraction

    def start(self) -> None:
        """Start the workers (the crawl's first article request does), each reading a small page, so
        that the first pages find them ready (the forkserver's imports done, every lazy part of
        reading made) instead of waiting for them. Once: later calls do nothing."""
        if self.workers and not self._uses_pool:
            # Starting a worker waits for the forkserver's imports: in a thread of its own, not the
            # reactor's (a page sent meanwhile waits for the pool as it would have).
            threading.Thread(target=self._warm_up, args=(self._pool(),), name="warm-up", daemon=True).start()

    def _warm_up(self, pool: ProcessPoolExecutor) -> None:
        try:
            for _ in range(self.workers):  # (the pool starts a process for each task no idle one takes)
                pool.submit(read, WARM_UP_PAGE, "https://warm-up.invalid/", None, [], None, self.max_body_bytes)
        except RuntimeError:  # the pool was shut down (a very short crawl) or lost meanwhile
            pass

    def _pool(self) -> ProcessPoolExecutor:
        if not self._uses_pool:
            self._uses_pool = True
            _SHARED.users += 1
        return _SHARED.get(self.workers)

    async def read(self, html: str | bytes, url: str, outlet_name: str | None, parents: list[str],
                   fetched_at: datetime | None) -> PageExtraction:
        if not self.workers:
            return self.read_here(html, url, outlet_name, parents, fetched_at)
        for _ in range(2):
            pool = self._pool()
            try:
                future = pool.submit(read, html, url, outlet_name, list(parents), fetched_at, self.max_body_bytes)
                extraction, seconds = await asyncio.wrap_future(future)
            except BrokenProcessPool:
                # Every page in flight in that pool fails with it: the first to notice starts a new one.
                if _SHARED.discard(pool):
                    logger.warning("A page-reading worker died (killed, or out of memory); starting the pool again")
                    self.stats.inc_value("newscrawler/extract/workers_lost")
                continue
            self._count(seconds)
            return extraction
        raise WorkerDied(f"a page-reading worker died twice while reading {url}")

    def _count(self, seconds: dict[str, float]) -> None:
        for stage, value in seconds.items():
            self.stats.inc_value(f"newscrawler/seconds/{stage}", value)

    def close(self, spider=None) -> None:
        if self._uses_pool:
            self._uses_pool = False
            _SHARED.leave()
