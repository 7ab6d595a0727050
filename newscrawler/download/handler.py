"""The download handler for every http and https page, live or mirrored: Scrapy's HTTP/1.1
handler, the browser for pages marked ``playwright``, and the mirror when one is set."""

from __future__ import annotations

import asyncio
import logging

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.misc import build_from_crawler, load_object

from newscrawler.defaults import setting
from newscrawler.mirror import mirror_url
from newscrawler.mirror.browser import page_init_callback

logger = logging.getLogger(__name__)


class _CrawlerHandlers:
    """One HTTP handler and at most one browser per crawler, shared by the http and https
    handlers. The browser handler is made on the first page that needs it: a crawl that renders
    nothing starts no Playwright driver (``crawl --all`` runs twenty crawlers in one process)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.http = build_from_crawler(HTTP11DownloadHandler, crawler)
        self.renderer = None
        self._renderer_lock = asyncio.Lock()
        self.users = 0

    async def render_handler(self):
        async with self._renderer_lock:
            if self.renderer is None:
                renderer_class = load_object(setting(self.crawler.settings, "NEWSCRAWLER_RENDER_HANDLER"))
                renderer = build_from_crawler(renderer_class, self.crawler)
                # scrapy-playwright starts its driver on engine_started, which has passed by now.
                await renderer._maybe_launch_in_thread()
                self.renderer = renderer
            return self.renderer

    async def close(self) -> None:
        await self.http.close()
        if self.renderer is not None:
            await self.renderer.close()


_HANDLERS: dict[int, _CrawlerHandlers] = {}


class PageDownloadHandler(BaseDownloadHandler):
    """Reads ``NEWSCRAWLER_MIRROR``: when it is empty, requests go to the live site; when set,
    ``http(s)://H/P?Q`` is fetched from ``MIRROR/H/P?Q`` and answered under the original URL, and
    a rendered page keeps its URL while everything it fetches comes from the mirror.
    ``NEWSCRAWLER_RENDER_HANDLER`` is the browser handler (scrapy-playwright's)."""

    lazy = False

    def __init__(self, crawler):
        super().__init__(crawler)
        self.mirror = setting(crawler.settings, "NEWSCRAWLER_MIRROR")
        self.handlers = _HANDLERS.setdefault(id(crawler), _CrawlerHandlers(crawler))
        self.handlers.users += 1
        if self.mirror and self.handlers.users == 1:
            logger.info("Fetching every page from the mirror at %s", self.mirror)

    async def download_request(self, request):
        if request.meta.get("playwright"):
            renderer = await self.handlers.render_handler()
            if self.mirror:  # the browser keeps the URL and routes what it fetches
                request = request.replace(meta={**request.meta, "playwright_page_init_callback": page_init_callback(self.mirror)})
            return await renderer.download_request(request)
        if not self.mirror:
            return await self.handlers.http.download_request(request)
        mirrored = request.replace(url=mirror_url(self.mirror, request.url))
        response = await self.handlers.http.download_request(mirrored)
        if "download_latency" in mirrored.meta:  # for AutoThrottle and the crawl's download figure
            request.meta["download_latency"] = mirrored.meta["download_latency"]
        return response.replace(url=request.url)

    async def close(self) -> None:
        self.handlers.users -= 1
        if self.handlers.users == 0:
            _HANDLERS.pop(id(self.crawler), None)
            await self.handlers.close()
