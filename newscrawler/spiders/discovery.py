"""Reading discovery sources: sitemaps (and their indexes), news sitemaps, RSS/Atom feeds,
section pages and robots.txt. Each yields article requests for the URLs it lists.

A scheduled re-crawl fetches a stored article only when it may have changed: a listed URL is
requested when it is not stored yet, or only as an embedded copy; when the source's lastmod is
newer than when we last saw it; when it was published within ``NEWSCRAWLER_RECHECK_HOURS``
(default 48); or when the crawl runs with ``-a force=1``. What is stored is read once per listing
(``Persistence.stored_states``), off the reactor thread; skipped URLs are counted as
``newscrawler/skipped/not_due``. URLs given with ``-a urls`` are always fetched.
"""

from __future__ import annotations

import gzip
import logging
from datetime import UTC, datetime, timedelta

import scrapy
from parsel import Selector
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newscrawler.dates import parse_date
from newscrawler.defaults import setting
from newscrawler.storage.persistence import Persistence
from newscrawler.urls import normalize_url, url_date

logger = logging.getLogger(__name__)

MAX_SITEMAP_BYTES = 50 * 1024 * 1024
#: URLs looked up in the store at a time.
LOOKUP_CHUNK = 1000


def is_due(state: dict | None, lastmod: datetime | None, now: datetime, recheck: timedelta) -> bool:
    """Whether a listed URL, stored as ``state`` (None: not stored), should be fetched."""
    if state is None or state.get("origin") != "page":
        return True
    seen = max((t for t in (state.get("fetched_at"), state.get("last_seen_at")) if t), default=None)
    if lastmod is not None and (seen is None or lastmod > seen):
        return True
    published = state.get("published_at")
    return published is not None and now - published <= recheck


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

    async def listed(self, entries: list[tuple[str, datetime | None]]):
        """Requests for the URLs a source lists, with their lastmod: those that are candidates,
        not older than ``-a since``, and due (see the module's text)."""
        kept = []
        for url, lastmod in entries:
            if not self.is_candidate(url):
                continue
            day = lastmod.date().isoformat() if lastmod else url_date(url)
            if self.since and day and day < self.since:
                self.crawler.stats.inc_value("newscrawler/discovery/before_since")
                continue
            kept.append((url, lastmod))
        self.crawler.stats.inc_value("newscrawler/discovery/listed", len(kept))
        recheck = timedelta(hours=setting(self.settings, "NEWSCRAWLER_RECHECK_HOURS"))
        for start in range(0, len(kept), LOOKUP_CHUNK):
            chunk = kept[start:start + LOOKUP_CHUNK]
            keys = [normalize_url(url) for url, _ in chunk]
            states = None if self.force else await Persistence.of(self.crawler).stored_states(keys)
            now = datetime.now(UTC)
            for (url, lastmod), key in zip(chunk, keys):
                if states is not None and not is_due(states.get(key), lastmod, now, recheck):
                    self.crawler.stats.inc_value("newscrawler/skipped/not_due")
                    continue
                yield self.article_request(url)

    def parse_robots(self, response, kind: str):
        for url in sitemap_urls_from_robots(response.text, base_url=response.url):
            yield self.source_request(url, "sitemap")

    async def parse_sitemap(self, response, kind: str):
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
        entries = [(entry["loc"], parse_date(entry["lastmod"]) if entry.get("lastmod") else None) for entry in sitemap]
        async for request in self.listed(entries):
            yield request

    async def parse_feed(self, response, kind: str):
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
        listed = [(response.urljoin(link), parse_date(stamp) if stamp else None) for link, stamp in entries]
        async for request in self.listed(listed):
            yield request

    async def parse_section(self, response, kind: str):
        urls = [response.urljoin(href.strip()).split("#")[0] for href in response.css("a::attr(href)").getall()]
        async for request in self.listed([(url, None) for url in dict.fromkeys(urls) if url != response.url]):
            yield request

    def source_failed(self, failure):
        status = getattr(getattr(failure.value, "response", None), "status", None)
        self.crawler.stats.inc_value(f"newscrawler/discovery/failed/{f'http_{status}' if status else type(failure.value).__name__}")
        logger.warning("Discovery source %s failed: %s", failure.request.url, status or failure.value)
