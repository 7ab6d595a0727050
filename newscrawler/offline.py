"""The crawl path for one page, without network or database.

``page_documents(url, body, headers)`` hands the page to the same code a crawl runs: the encoding
middleware, the ``generic`` spider's article callback (which reads a registered outlet's URL with
that outlet's parser) and the clean and dates pipelines. The scoreboard
(``python -m newscrawler.evaluate``) and the fixture tests use it.
"""

from __future__ import annotations

from datetime import datetime

from scrapy.exceptions import DropItem
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.test import get_crawler

from newscrawler.items import Article
from newscrawler.middlewares.encoding import MislabelledEncodingMiddleware
from newscrawler.pipelines import CleanPipeline, DatesPipeline
from newscrawler.spiders.base import FETCHED_AT
from newscrawler.spiders.generic import GenericSpider


class NeedsRendering(Exception):
    """The page is a JavaScript shell: a crawl renders it in the browser before reading it."""


def make_response(url: str, body: bytes, headers: dict | None = None, status: int = 200, *,
                  rendered: bool = False, fetched_at: datetime | None = None) -> Response:
    """A response of the class Scrapy would choose for these headers and this body; ``rendered``
    marks it as the browser's rendering of the page, ``fetched_at`` says when it was fetched."""
    headers = headers or {}
    cls = responsetypes.from_args(headers=Headers(headers), url=url, body=body)
    request = Request(url, meta={"playwright": True} if rendered else {})
    if fetched_at is not None:
        request.meta[FETCHED_AT] = fetched_at
    return cls(url=url, status=status, headers=headers, body=body, request=request)


class _UnregisteredSpider(GenericSpider):
    """``generic`` as it reads a site that no outlet module knows."""

    def outlet_of(self, url):
        return None


def page_documents(url: str, body: bytes, headers: dict | None = None, *, fetched_at: datetime | None = None,
                   registered: bool = True, rendered: bool = False) -> list[Article]:
    """The articles a crawl would store for this page: the page first, then its embedded
    read-also children; an empty list when the page is not an article. ``registered=False``
    reads it as if no outlet module knew its site (structured data and generic rules only);
    ``rendered`` says the body is the browser's rendering. Raises ``NeedsRendering`` for a
    JavaScript shell that a crawl would render first."""
    spider_class = GenericSpider if registered else _UnregisteredSpider
    crawler = get_crawler(spider_class, settings_dict={"NEWSCRAWLER_READ_ALSO_DEPTH": 0, "NEWSCRAWLER_EXTRACT_WORKERS": 0})
    spider = spider_class.from_crawler(crawler, urls=url)
    crawler.spider = spider
    crawler.stats.open_spider()
    response = MislabelledEncodingMiddleware.from_crawler(crawler).process_response(
        None, make_response(url, body, headers, rendered=rendered, fetched_at=fetched_at))
    pipelines = [cls.from_crawler(crawler) for cls in (CleanPipeline, DatesPipeline)]
    documents = []
    for item in spider.read_here(response, parents=[]):
        if isinstance(item, Request) and item.meta.get("playwright"):
            raise NeedsRendering(url)
        if not isinstance(item, Article):
            continue
        try:
            for pipeline in pipelines:
                item = pipeline.process_item(item)
        except DropItem:
            continue
        documents.append(item)
    return documents
