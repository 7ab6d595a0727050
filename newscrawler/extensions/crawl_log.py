"""Extension: what a person watching a crawl reads at INFO.

- A progress line every ``NEWSCRAWLER_PROGRESS_SECONDS`` (in place of Scrapy's LogStats line):
  pages fetched, articles new, updated and unchanged, pages not due, pages dropped by reason and
  the journal's state.
- A summary block when the crawl has ended: the same figures, how it finished and how long it took.

Scrapy's own start-up lists, its stats dump and download tracebacks are reshaped by
``newscrawler.extensions.log_lines``, which this extension also installs.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.utils.asyncio import create_looping_call

from newscrawler.component import CrawlerComponent
from newscrawler.defaults import setting
from newscrawler.extensions.crawl_record import DROPPED_PREFIX
from newscrawler.extensions.log_lines import quiet_scrapy_loggers
from newscrawler.spiders.responses import reason_name
from newscrawler.storage.articles import OUTCOMES

logger = logging.getLogger(__name__)

BLOCKED_PREFIX = "newscrawler/blocked/"


class CrawlLog(CrawlerComponent):
    """Reads ``NEWSCRAWLER_PROGRESS_SECONDS`` (0: no progress lines, the summary still)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.interval = setting(self.settings, "NEWSCRAWLER_PROGRESS_SECONDS")
        self.task = None
        quiet_scrapy_loggers()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    def spider_opened(self, spider) -> None:
        if self.interval > 0:
            self.task = create_looping_call(self.progress)
            self.task.start(self.interval)

    def spider_closed(self, spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def progress(self) -> None:
        figures = crawl_figures(self.stats.get_stats())
        logger.info("%s: %s; articles %s; %s; %s", self.crawler.spider.name, figures["pages"], figures["articles"],
                    figures["dropped"], figures["journal"])

    def engine_stopped(self) -> None:
        """After the last batch, the crawl record and Scrapy's stats dump: the last lines of the log."""
        stats = self.stats.get_stats()
        if self.crawler.spider is None or not stats:
            return
        figures = crawl_figures(stats)
        elapsed = stats.get("elapsed_time_seconds")
        took = f" in {elapsed:.1f} s" if isinstance(elapsed, (int, float)) else ""
        logger.info("%s finished (%s)%s: %s\n  articles: %s\n  %s\n  %s", self.crawler.spider.name,
                    stats.get("finish_reason", "unknown"), took, figures["pages"], figures["articles"],
                    figures["dropped"], figures["journal"])


def crawl_figures(stats: dict) -> dict[str, str]:
    """The figures of the progress line and the summary, from the crawl's stats."""
    count = lambda key: int(stats.get(key, 0) or 0)  # noqa: E731
    articles = ", ".join(f"{count(f'newscrawler/articles/{outcome}')} {outcome}" for outcome in OUTCOMES)
    dropped = by_reason(stats, DROPPED_PREFIX)
    blocked = by_reason(stats, BLOCKED_PREFIX)
    dropped_text = f"dropped {sum(dropped.values())}" + (f" ({_listed(dropped)})" if dropped else "")
    if blocked:
        dropped_text += f", blocked {sum(blocked.values())} ({_listed(blocked)})"
    journaled, lost = count("newscrawler/journal/articles"), count("newscrawler/store/lost_batches")
    journal = f"journal: {journaled} articles waiting for the store" if journaled else "journal: empty"
    if lost:
        journal += f", {lost} batches lost"
    return {
        "pages": f"{count('response_received_count')} pages fetched",
        "articles": f"{articles}, {count('newscrawler/skipped/not_due')} not due",
        "dropped": dropped_text,
        "journal": journal,
    }


def by_reason(stats: dict, prefix: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key, value in stats.items():
        if key.startswith(prefix):
            reason = reason_name(key[len(prefix):])
            counts[reason] = counts.get(reason, 0) + int(value or 0)
    return counts


def _listed(counts: dict[str, int]) -> str:
    return ", ".join(f"{reason} {count}" for reason, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))
