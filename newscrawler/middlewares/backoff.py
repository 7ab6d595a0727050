"""Downloader middleware: Scrapy's retries, with a wait before each one.

Scrapy's ``RetryMiddleware`` sends a retry at once. This one waits first:
``NEWSCRAWLER_RETRY_BACKOFF`` seconds before the first retry, twice that before the second and so
on, at most ``NEWSCRAWLER_RETRY_BACKOFF_MAX``; a ``Retry-After`` answer (in seconds) is honoured
within the same bound. Which answers are retried is Scrapy's ``RETRY_HTTP_CODES``. Transient ones
(408, 425, 429 and every 5xx) get ``RETRY_TIMES`` retries; any other 4xx (403, 404, 410 …), which
asking again rarely changes, gets ``NEWSCRAWLER_RETRY_TIMES_4XX``. A 4xx for ``robots.txt`` is
Scrapy's answer "no rules" and is not retried. A request's own ``max_retry_times`` meta wins. The
wait holds one of the crawl's request slots, not the reactor.
"""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.httpobj import urlparse_cached
from newscrawler.defaults import setting

logger = logging.getLogger(__name__)

TRANSIENT_4XX = frozenset({408, 425, 429})


def retries_allowed(status: int, path: str, transient: int, other_4xx: int) -> int | None:
    """How many retries an answer with ``status`` gets, or None for the crawl's default."""
    if not 400 <= status < 500 or status in TRANSIENT_4XX:
        return None
    return 0 if path == "/robots.txt" else min(other_4xx, transient)


def backoff_delay(retry: int, base: float, ceiling: float, retry_after: bytes | None = None) -> float:
    """Seconds to wait before retry number ``retry`` (1 for the first)."""
    delay = base * 2 ** (retry - 1)
    if retry_after:
        try:
            delay = max(delay, float(retry_after.decode("latin-1").strip()))
        except ValueError:  # an HTTP date: not worth parsing for a bounded wait
            pass
    return max(0.0, min(delay, ceiling))


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = setting(settings, "NEWSCRAWLER_RETRY_BACKOFF")
        self.ceiling = setting(settings, "NEWSCRAWLER_RETRY_BACKOFF_MAX")
        self.times_4xx = setting(settings, "NEWSCRAWLER_RETRY_TIMES_4XX")

    async def process_response(self, request: Request, response: Response, spider=None) -> Request | Response:
        if "max_retry_times" not in request.meta:
            path = urlparse_cached(request).path
            allowed = retries_allowed(response.status, path, self.max_retry_times, self.times_4xx)
            if allowed is not None:
                request.meta["max_retry_times"] = allowed
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result, response.headers.get("Retry-After"))
        return result

    async def process_exception(self, request: Request, exception: Exception, spider=None) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result, None)
        return result

    async def _wait(self, retry: Request, retry_after: bytes | None) -> None:
        delay = backoff_delay(retry.meta["retry_times"], self.base, self.ceiling, retry_after)
        self.crawler.stats.inc_value("newscrawler/retry/waited_seconds", delay)
        logger.debug("Retrying %s in %.1f s", retry.url, delay)
        await sleep(delay)
