"""Download handler for http and https that fetches through the mirror when one is set."""

from __future__ import annotations

import logging

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.utils.misc import build_from_crawler, load_object

from newscrawler.mirror import mirror_url
from newscrawler.mirror.browser import page_init_callback

logger = logging.getLogger(__name__)

DEFAULT_INNER_HANDLER = "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler"
_announced: set[str] = set()  # one log line per mirror, though http and https each get a handler


class MirrorDownloadHandler(BaseDownloadHandler):
    """Wraps the real handler (``NEWSCRAWLER_INNER_HTTP_HANDLER``: scrapy-playwright's, which
    renders requests marked ``playwright`` and hands the rest to Scrapy's HTTP/1.1 handler).
    Reads ``NEWSCRAWLER_MIRROR``; when it is empty, requests go to the live site."""

    lazy = False

    def __init__(self, crawler):
        super().__init__(crawler)
        self.mirror = crawler.settings.get("NEWSCRAWLER_MIRROR") or ""
        self.inner = _shared_inner_handler(crawler)
        if self.mirror and self.mirror not in _announced:
            _announced.add(self.mirror)
            logger.info("Fetching every page from the mirror at %s", self.mirror)

    async def download_request(self, request):
        if not self.mirror:
            return await self.inner.download_request(request)
        if request.meta.get("playwright"):  # the browser keeps the URL and routes what it fetches
            meta = {**request.meta, "playwright_page_init_callback": page_init_callback(self.mirror)}
            return await self.inner.download_request(request.replace(meta=meta))
        response = await self.inner.download_request(request.replace(url=mirror_url(self.mirror, request.url)))
        return response.replace(url=request.url)

    async def close(self) -> None:
        if _INNER_HANDLERS.pop(id(self.crawler), None) is not None:
            await self.inner.close()


#: One inner handler per crawler, shared by http and https: one browser, not two.
_INNER_HANDLERS: dict[int, object] = {}


def _shared_inner_handler(crawler):
    key = id(crawler)
    if key not in _INNER_HANDLERS:
        inner_class = load_object(crawler.settings.get("NEWSCRAWLER_INNER_HTTP_HANDLER") or DEFAULT_INNER_HANDLER)
        _INNER_HANDLERS[key] = build_from_crawler(inner_class, crawler)
    return _INNER_HANDLERS[key]
