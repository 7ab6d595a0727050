"""Distributed crawls on scrapy-redis: workers of one spider, on any machines, share one frontier.

``NEWSCRAWLER_REDIS_URL`` switches the scheduler and the duplicate filter to Redis (this addon sets
``SCHEDULER``, ``DUPEFILTER_CLASS`` and ``REDIS_URL`` at addon priority). The queue and the
duplicate filter are kept under ``newscrawler:<spider>:<run>:…``, where the run name
(``NEWSCRAWLER_REDIS_RUN``, default ``default``) is shared by the workers of one crawl: give each
scheduled crawl its own, or its duplicate filter will remember the last one.

A worker with nothing to do waits while other workers fill the frontier, and closes after
``MAX_IDLE_TIME_BEFORE_CLOSE`` seconds without work (``IdleClose``).
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from newscrawler.component import CrawlerComponent
from newscrawler.defaults import setting

logger = logging.getLogger(__name__)


class RedisFrontier:
    """Scrapy addon: Redis scheduler and duplicate filter when ``NEWSCRAWLER_REDIS_URL`` is set."""

    def update_settings(self, settings) -> None:
        url = setting(settings, "NEWSCRAWLER_REDIS_URL")
        if not url:
            return
        run = setting(settings, "NEWSCRAWLER_REDIS_RUN")
        for name, value in {
            "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "REDIS_URL": url,
            # Kept when a worker closes: the other workers are still using them.
            "SCHEDULER_PERSIST": True,
            "SCHEDULER_QUEUE_KEY": f"newscrawler:%(spider)s:{run}:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"newscrawler:%(spider)s:{run}:dupefilter",
        }.items():
            settings.set(name, value, priority="addon")
        # Into the project's own EXTENSIONS, whatever their priority: a dict set at add-on priority
        # would lose to the project's and leave the extension off.
        settings.setdefault_in_component_priority_dict("EXTENSIONS", IdleClose, 600)


class IdleClose(CrawlerComponent):
    """Keeps an idle worker open until it has had no work for ``MAX_IDLE_TIME_BEFORE_CLOSE``
    seconds: a request scheduled or a response received counts as work."""

    def __init__(self, crawler):
        super().__init__(crawler)
        if not setting(self.settings, "NEWSCRAWLER_REDIS_URL"):
            raise NotConfigured("only for distributed crawls")
        self.max_idle = setting(self.settings, "MAX_IDLE_TIME_BEFORE_CLOSE")
        self.last_work = time.monotonic()
        for signal in (signals.request_scheduled, signals.response_received, signals.spider_opened):
            crawler.signals.connect(self.worked, signal=signal)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    def worked(self, *args, **kwargs) -> None:
        self.last_work = time.monotonic()

    def spider_idle(self, spider) -> None:
        idle = time.monotonic() - self.last_work
        if idle < self.max_idle:
            raise DontCloseSpider(f"waiting for work from other workers ({idle:.0f}s idle)")
        logger.info("No work for %.0f s: closing this worker", idle)
