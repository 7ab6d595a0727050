"""Extension: a ``JOBDIR`` left by a crawl that did not stop cleanly is recovered, not trusted.

Scrapy keeps a paused crawl in ``JOBDIR``: the requests it has seen (``requests.seen``, written as
they are scheduled) and its queue (``requests.queue``, whose index ``active.json`` is written only
when the crawl closes). After a hard kill (kill -9, the machine going down, the OOM killer) the
seen requests are there and the queue is not: resumed as it is, the crawl would take every page
it had listed for done and fetch nothing.

So a crawl marks its job folder (``newscrawler.job``: "running", locked while the crawl runs) and
marks it "closed" when it closes. A crawl that finds the mark of a crawl that did not close (or,
in a folder from before the mark, seen requests without a queue index) deletes both files, says
so in one warning, and starts discovery afresh: stored pages that are not due are skipped (see
``newscrawler.spiders.discovery``), and pages fetched but not stored before the kill are fetched
again. A job folder locked by a crawl still running is refused (``scrapy crawl`` says so in one
line): two crawls cannot share one queue.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured, UsageError

from newscrawler.component import CrawlerComponent

logger = logging.getLogger(__name__)

MARK = "newscrawler.job"
RUNNING = "running"
#: Scrapy's files for the crawl's seen requests and its queue (scrapy.dupefilters, scrapy.core.scheduler).
SEEN = "requests.seen"
QUEUE = "requests.queue"


class JobFolderInUse(UsageError):
    pass


def in_use_message(folder: str | Path) -> str:
    return f"JOBDIR {folder} is in use by a crawl still running: wait for it to finish or give another folder"


def locked_by_another(folder: str | Path) -> bool:
    """Whether a running crawl holds the job folder."""
    path = Path(folder, MARK)
    if not path.is_file():
        return False
    with path.open("a") as mark:
        try:
            fcntl.flock(mark, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(mark, fcntl.LOCK_UN)
    return False


def interrupted(folder: Path, mark_text: str) -> bool:
    """Whether the folder was left by a crawl that did not close: its mark says running, or (a
    folder from before the mark) it has seen requests and no queue index."""
    if mark_text.strip() == RUNNING:
        return True
    seen = folder / SEEN
    return not mark_text and seen.is_file() and seen.stat().st_size > 0 and not (folder / QUEUE / "active.json").is_file()


class JobFolder(CrawlerComponent):
    """Reads ``JOBDIR``; off without it. Runs when the crawler is built, before the scheduler
    reads the folder."""

    def __init__(self, crawler):
        super().__init__(crawler)
        path = self.settings.get("JOBDIR")
        if not path:
            raise NotConfigured  # without a message: Scrapy would log one as a warning
        self.folder = Path(path)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.mark = (self.folder / MARK).open("a+", encoding="utf-8")
        try:
            fcntl.flock(self.mark, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.mark.close()
            raise JobFolderInUse(in_use_message(self.folder)) from None
        self.mark.seek(0)
        if interrupted(self.folder, self.mark.read()):
            self.start_afresh()
        self.write_mark(RUNNING)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def start_afresh(self) -> None:
        (self.folder / SEEN).unlink(missing_ok=True)
        shutil.rmtree(self.folder / QUEUE, ignore_errors=True)
        self.stats.set_value("newscrawler/jobdir/restarted", 1)
        logger.warning("JOBDIR %s was left by a crawl that did not stop cleanly (killed?): its queue is lost, "
                       "so discovery starts again (stored pages that are not due are skipped)", self.folder)

    def write_mark(self, text: str) -> None:
        self.mark.seek(0)
        self.mark.truncate()
        self.mark.write(text + "\n")
        self.mark.flush()
        os.fsync(self.mark.fileno())

    def spider_closed(self, spider, reason: str) -> None:
        # After the scheduler has written its queue's index (Scrapy closes it before this signal).
        self.write_mark(f"closed: {reason}")
        fcntl.flock(self.mark, fcntl.LOCK_UN)
        self.mark.close()
