"""Reading discovery sources: sitemaps (and their indexes), news sitemaps, RSS/Atom feeds,
section pages and robots.txt. Each yields article requests for the URLs it lists."""

from __future__ import annotations

import gzip
import logging
from datetime import datetime

import scrapy
from parsel import Selector
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newscrawler.dates import parse_date
from newscrawler.urls import url_date
from newscrawler.middlewares.incremental import LISTED

logger = logging.getLogger(__name__)

MAX_SITEMAP_BYTES = 50 * 1024 * 1024


class DiscoveryMixin:
    """Callbacks for discovery responses. ``is_candidate(url)`` says which listed URLs are
    articles worth requesting; ``article_request(url)`` builds the request."""

    def source_request(self, url: str, kind: str) -> scrapy.Request:
        callback = {
            "sitemap": self.parse_sitemap,
            "sitemap_index": self.parse_sitemap,
            "news_sitemap": self.parse_sitemap,
            "feed": self.parse_feed,
            "section": self.parse_section,
            "robots": self.parse_robots,
        }[kind]
        # allow_offsite: a feed may live on another host (feeds.bbci.co.uk for bbc.com/arabic).
        return scrapy.Request(url, callback=callback, errback=self.source_failed, cb_kwargs={"kind": kind},
                              meta={"allow_offsite": True})

    def is_candidate(self, url: str) -> bool:
        return True

    def listed(self, url: str, lastmod: datetime | None = None):
        """A URL a source lists: requested unless it is older than ``-a since``; the incremental
        middleware decides from ``lastmod`` whether a stored article is due for a re-check."""
        if not self.is_candidate(url):
            return
        day = lastmod.date().isoformat() if lastmod else url_date(url)
        if self.since and day and day < self.since:
            self.crawler.stats.inc_value("newscrawler/discovery/before_since")
            return
        self.crawler.stats.inc_value("newscrawler/discovery/listed")
        request = self.article_request(url)
        request.meta[LISTED] = lastmod
        yield request

    def parse_robots(self, response, kind: str):
        for url in sitemap_urls_from_robots(response.text, base_url=response.url):
            yield self.source_request(url, "sitemap")

    def parse_sitemap(self, response, kind: str):
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)[:MAX_SITEMAP_BYTES]
        try:
            sitemap = Sitemap(body)
        except Exception:  # lxml refuses what is not XML
            self.crawler.stats.inc_value("newscrawler/discovery/bad_sitemap")
            logger.warning("Not a sitemap: %s", response.url)
            return
        if sitemap.type == "sitemapindex":
            for entry in sitemap:
                yield self.source_request(entry["loc"], "sitemap")
            return
        for entry in sitemap:
            lastmod = parse_date(entry.get("lastmod")) if entry.get("lastmod") else None
            yield from self.listed(entry["loc"], lastmod)

    def parse_feed(self, response, kind: str):
        selector = Selector(body=response.body, type="xml")
        selector.remove_namespaces()
        entries = [(n.xpath("link/text()").get(), n.xpath("pubDate/text()").get()) for n in selector.xpath("//item")]
        entries += [
            (n.xpath("link[not(@rel) or @rel='alternate']/@href").get(), n.xpath("updated/text()").get())
            for n in selector.xpath("//entry")
        ]
        entries = [(link.strip(), stamp) for link, stamp in entries if link and link.strip()]
        if not entries:
            self.crawler.stats.inc_value("newscrawler/discovery/bad_feed")
            logger.warning("No entries in feed %s", response.url)
        for link, stamp in entries:
            yield from self.listed(response.urljoin(link), parse_date(stamp) if stamp else None)

    def parse_section(self, response, kind: str):
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip()).split("#")[0]
            if url != response.url:
                yield from self.listed(url)

    def source_failed(self, failure):
        status = getattr(getattr(failure.value, "response", None), "status", None)
        self.crawler.stats.inc_value(f"newscrawler/discovery/failed/{f'http_{status}' if status else type(failure.value).__name__}")
        logger.warning("Discovery source %s failed: %s", failure.request.url, status or failure.value)
