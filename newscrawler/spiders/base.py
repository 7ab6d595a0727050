"""What every newscrawler spider shares: URL arguments, article parsing, read-also following."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import StopDownload
from scrapy_playwright.page import PageMethod

from newscrawler.archive.writer import PageArchive
from newscrawler.defaults import setting
from newscrawler.extract.source import page_source
from newscrawler.extract.workers import PageReader, WorkerDied
from newscrawler.outlets import Outlet, all_outlets, outlet_for_url
from newscrawler.spiders.arguments import parse_flag, parse_since, parse_url_argument
from newscrawler.spiders.responses import failure_reason, is_html_type, why_unusable
from newscrawler.urls import same_site

logger = logging.getLogger(__name__)

#: What a page the extractor cannot take apart raises.
#: Request meta: when the page was fetched, for a page read from an archive.
FETCHED_AT = "newscrawler_fetched_at"
UNREADABLE = (RecursionError, ValueError, TypeError, AttributeError, KeyError, IndexError, WorkerDied)


def rendering_meta() -> dict:
    """scrapy-playwright's meta for a page rendered in the browser, read once the network is idle."""
    return {"playwright": True, "playwright_page_methods": [PageMethod("wait_for_load_state", "networkidle")]}


class ArticleSpider(scrapy.Spider):
    """Base of the outlet spiders and ``generic``. Reads ``NEWSCRAWLER_READ_ALSO_DEPTH``."""

    outlet: Outlet | None = None

    def __init__(self, *args, urls: str | None = None, urls_file: str | None = None, force: str | None = None,
                 since: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.given_urls = parse_url_argument(urls, urls_file)
        self.force = parse_flag(force)
        self.since = parse_since(since)
        registered = {d for o in all_outlets() for d in o.domains}
        listing_hosts = {urlsplit(source.url).hostname for o in all_outlets() for source in o.discovery}
        self.allowed_domains = sorted(registered | listing_hosts | self.extra_domains())

    @classmethod
    def check_arguments(cls, **arguments) -> None:
        """Raise UsageError for arguments this spider cannot run with (used by ``scrapy crawl``)."""
        parse_url_argument(arguments.get("urls"), arguments.get("urls_file"))
        parse_flag(arguments.get("force"))
        parse_since(arguments.get("since"))

    def extra_domains(self) -> set[str]:
        return set()

    @property
    def read_also_depth(self) -> int:
        return setting(self.settings, "NEWSCRAWLER_READ_ALSO_DEPTH")

    async def start(self):
        if self.given_urls:
            for url in self.given_urls:
                yield self.article_request(url)
            return
        async for request in self.discovery():
            yield request

    async def discovery(self):
        """Requests for the spider's discovery sources (outlet spiders and ``generic``)."""
        return
        yield  # pragma: no cover

    def article_request(self, url: str, *, depth: int = 0, parents: tuple[str, ...] = (), render: bool | None = None) -> scrapy.Request:
        """A request for an article page; rendered in the browser when ``render`` (by default,
        when the URL's outlet declares ``needs_js``)."""
        outlet = self.outlet_of(url)
        if render is None:
            render = bool(outlet and outlet.needs_js)
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"depth": depth, "parents": list(parents)},
            meta=rendering_meta() if render else {},
            dont_filter=render and not (outlet and outlet.needs_js),
        )

    def not_stored(self, reason: str, url: str, detail: str = "", level: int = logging.INFO) -> None:
        """A fetched page that is not stored: counted as ``newscrawler/dropped/<reason>``, one
        log line."""
        self.crawler.stats.inc_value(f"newscrawler/dropped/{reason}")
        logger.log(level, "Not stored, %s%s: %s", reason, f" ({detail})" if detail else "", url)

    def outlet_of(self, url: str) -> Outlet | None:
        return outlet_for_url(url) or self.outlet

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.headers_received, signal=signals.headers_received)
        crawler.signals.connect(spider.start_reading, signal=signals.request_scheduled)
        return spider

    def start_reading(self, request, spider) -> None:
        """The first article page scheduled starts the page-reading workers (once), which get ready
        while the first pages download; a crawl that asks for no article page starts none."""
        if request.callback == self.parse_article:
            PageReader.of(self.crawler).start()

    def headers_received(self, headers, body_length, request, spider) -> None:
        """An article request answered with a PDF or an image stops downloading at its headers."""
        if request.callback == self.parse_article and not is_html_type(headers.get("Content-Type")):
            raise StopDownload(fail=False)

    async def parse_article(self, response, depth: int, parents: list[str]):
        """The page read (in a worker process when there are any), then what it yields."""
        if not self.readable(response):
            return
        self.crawler.stats.inc_value("newscrawler/seconds/download", response.meta.get("download_latency", 0.0))
        try:
            page = await PageReader.of(self.crawler).read(*self.reading(response, parents))
        except UNREADABLE as error:
            self.unreadable(response.url, error)
            return
        for item in self.page_items(page, response, depth, parents):
            yield item

    def read_here(self, response, parents: list[str], depth: int = 0):
        """What ``parse_article`` yields, the page read in this process (``offline`` uses it)."""
        if not self.readable(response):
            return
        try:
            page = PageReader.of(self.crawler).read_here(*self.reading(response, parents))
        except UNREADABLE as error:
            self.unreadable(response.url, error)
            return
        yield from self.page_items(page, response, depth, parents)

    def readable(self, response) -> bool:
        unusable = why_unusable(response)
        if unusable:
            self.not_stored(unusable, response.url)
        return not unusable

    def reading(self, response, parents: list[str]) -> tuple:
        """The arguments of reading the page: its text (or its UTF-8 bytes, ``page_source``), URL, outlet name, parents, fetch time (now,
        or the archive's for a page read again from it). The page goes to the raw-page archive as
        it is read (``NEWSCRAWLER_ARCHIVE_DIR``)."""
        outlet = self.outlet_of(response.url)
        fetched_at = response.meta.get(FETCHED_AT) or datetime.now(UTC)
        PageArchive.of(self.crawler).keep(response, fetched_at)
        return (page_source(response.body, response.encoding, response.text), response.url,
                outlet.name if outlet else None, list(parents), fetched_at)

    def unreadable(self, url: str, error: Exception) -> None:
        # A page the extractor cannot take apart (nesting thousands of elements deep, say):
        # counted and named in one line; the traceback is there at DEBUG for whoever fixes it.
        self.not_stored("unreadable", url, f"{type(error).__name__}: {str(error)[:200]}", logging.WARNING)
        logger.debug("Extraction failed on %s", url, exc_info=error)

    def page_items(self, page, response, depth: int, parents: list[str]):
        """The articles of a read page, and the requests it leads to."""
        if page.why_not_article == "javascript_shell" and not response.meta.get("playwright"):
            self.crawler.stats.inc_value("newscrawler/js/shells_rendered")
            yield self.article_request(response.url, depth=depth, parents=tuple(parents), render=True)
            return
        if not page.is_article:
            self.not_stored(page.why_not_article, response.url)
            return
        if page.from_state:
            self.crawler.stats.inc_value("newscrawler/js/read_from_state")
        parent = page.article
        self.crawler.stats.inc_value("newscrawler/read_also/children", len(parent.read_also_urls))
        yield from page.articles
        if depth < self.read_also_depth:
            for child_url in parent.read_also_urls:
                if self.should_follow(child_url, parent.url):
                    yield self.article_request(child_url, depth=depth + 1, parents=(parent.url,))
                else:
                    self.crawler.stats.inc_value("newscrawler/read_also/not_followed")

    def should_follow(self, url: str, parent_url: str) -> bool:
        """Same outlet or another registered outlet; derived #read-also URLs are never fetched."""
        if urlsplit(url).fragment:
            return False
        return outlet_for_url(url) is not None or (self.outlet is None and same_site(url, parent_url, None))

    def article_failed(self, failure):
        """An article that could not be fetched: counted by reason, one line in the log."""
        request = failure.request
        reason = failure_reason(failure)
        if reason is None:  # robots.txt, containment, or not due for a re-check: counted where decided
            logger.debug("Not fetched: %s (%s)", request.url, failure.value)
            return
        self.crawler.stats.inc_value(f"newscrawler/dropped/{reason}")
        logger.warning("Could not fetch %s: %s", request.url, reason)

