"""Pages read beside the reactor: extraction in worker processes.

Reading a page is a pure function of its text, its URL and its outlet, and it is most of the CPU a
crawl spends. ``PageReader`` hands it to a pool of worker processes so the reactor thread keeps
downloading and storing meanwhile. ``NEWSCRAWLER_EXTRACT_WORKERS`` sets the pool: -1 (the default)
one process per core but one, 0 reads in the crawl's own process (what ``offline`` and a one-core
machine do), N that many.

Back-pressure is Scrapy's own: a response waiting for its page to be read stays in the scraper's
active set, and the engine stops taking responses past ``SCRAPER_SLOT_MAX_ACTIVE_SIZE``. A worker
that dies (killed, out of memory) costs no page: the pool is started again and the page is read
in process. Workers are replaced after ``TASKS_PER_WORKER`` pages, which bounds what any leak in a
parser library could grow to. The pool is shut down when the spider closes, after every callback
has had its page.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

from scrapy import signals

from newscrawler.defaults import setting
from newscrawler.extract import extract_page
from newscrawler.extract.parser import PageExtraction
from newscrawler.outlets import get_outlet

logger = logging.getLogger(__name__)

#: A worker process is replaced after reading this many pages.
TASKS_PER_WORKER = 2000


def read(html: str, url: str, outlet_name: str | None, parents: list[str],
         fetched_at: datetime | None) -> tuple[PageExtraction, float]:
    """One page read (what a worker runs), with the seconds it took."""
    started = time.perf_counter()
    outlet = get_outlet(outlet_name) if outlet_name else None
    extraction = extract_page(html, url, outlet, parents=parents, fetched_at=fetched_at)
    return extraction, time.perf_counter() - started


def worker_count(configured: int) -> int:
    """Worker processes for ``NEWSCRAWLER_EXTRACT_WORKERS``: -1 is one per core but one."""
    if configured < 0:
        return max((os.cpu_count() or 1) - 1, 0)
    return configured


class PageReader:
    """The crawl's page reading: ``await reader.read(...)`` in a worker, or in process."""

    def __init__(self, crawler):
        self.stats = crawler.stats
        self.workers = worker_count(setting(crawler.settings, "NEWSCRAWLER_EXTRACT_WORKERS"))
        self._pool: ProcessPoolExecutor | None = None
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def of(cls, crawler) -> PageReader:
        """The crawler's one page reader."""
        reader = getattr(crawler, "_newscrawler_page_reader", None)
        if reader is None:
            reader = crawler._newscrawler_page_reader = cls(crawler)
        return reader

    def read_here(self, html: str, url: str, outlet_name: str | None, parents: list[str],
                  fetched_at: datetime | None) -> PageExtraction:
        extraction, seconds = read(html, url, outlet_name, parents, fetched_at)
        self.stats.inc_value("newscrawler/seconds/extract", seconds)
        return extraction

    async def read(self, html: str, url: str, outlet_name: str | None, parents: list[str],
                   fetched_at: datetime | None) -> PageExtraction:
        if not self.workers:
            return self.read_here(html, url, outlet_name, parents, fetched_at)
        try:
            future = self._started().submit(read, html, url, outlet_name, list(parents), fetched_at)
            extraction, seconds = await asyncio.wrap_future(future)
        except BrokenProcessPool:
            logger.warning("A page-reading worker died; starting the pool again and reading %s here", url)
            self.stats.inc_value("newscrawler/extract/workers_lost")
            self._shutdown()
            return self.read_here(html, url, outlet_name, parents, fetched_at)
        self.stats.inc_value("newscrawler/seconds/extract", seconds)
        return extraction

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers are forked from a clean server process, never from the crawl's
            # threads; the server imports the extractor once.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["newscrawler.extract"])
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, max_tasks_per_child=TASKS_PER_WORKER)
        return self._pool

    def _shutdown(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self, spider=None) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
