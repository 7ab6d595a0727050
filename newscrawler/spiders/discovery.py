"""Reading discovery sources: sitemaps (and their indexes), news sitemaps, RSS/Atom feeds,
section pages and robots.txt. Each yields article requests for the URLs it lists.

A scheduled re-crawl fetches a stored article only when it may have changed: a listed URL is
requested when it is not stored yet, or only as an embedded copy; when the source's lastmod is
newer than when we last saw it; when it was published within ``NEWSCRAWLER_RECHECK_HOURS``
(default 48); or when the crawl runs with ``-a force=1``. What is stored is read once per listing
(``Persistence.stored_states``), off the reactor thread; skipped URLs are counted as
``newscrawler/skipped/not_due``. URLs given with ``-a urls`` are always fetched.

Sitemaps may be as large as the sitemap protocol allows, 50 MB uncompressed, whatever
``DOWNLOAD_MAXSIZE`` says for pages, and no larger: their requests carry that bound as their
``download_maxsize``, and a gzipped sitemap is decompressed with it (a bomb is stopped there).
A source that cannot be read (too large, not gzip, not a sitemap or feed, an HTTP error, a
network failure) is one log line naming it and the reason, counted as
``newscrawler/sources/failed/<reason>`` (in the crawl record's ``sources_failed``) and in
``newscrawler/sources/failed_total``; a source read is counted as ``newscrawler/sources/read``. A crawl none of whose sources could be read
has failed (``newscrawler.outcome``). A refused body is an error in the log; a source that
could not be fetched (HTTP, network) a warning, like an article page, since it often comes back.
"""

from __future__ import annotations

import logging
import struct
import zlib
from datetime import UTC, datetime, timedelta

import scrapy
from parsel import Selector
from scrapy.http import TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newscrawler.dates import parse_date
from newscrawler.defaults import setting
from newscrawler.spiders.responses import failure_reason
from newscrawler.storage.persistence import Persistence
from newscrawler.urls import normalize_url, url_date

logger = logging.getLogger(__name__)

#: The sitemap protocol's bound on a sitemap, uncompressed (sitemaps.org: 50 MB, 52,428,800 bytes).
SITEMAP_MAX_BYTES = 50 * 1024 * 1024
SITEMAP_KINDS = frozenset({"sitemap", "sitemap_index", "news_sitemap"})
FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
#: Reasons a source is refused for what it sent (logged as errors); any other is a failed fetch.
REFUSED = frozenset({"too_large", "not_gzip", "not_a_sitemap", "not_a_feed", "not_html", "decompression_bomb"})
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


class UnreadableSource(Exception):
    """A discovery source whose body cannot be read, with the reason it is counted under."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason} ({detail})")
        self.reason = reason
        self.detail = detail


def sitemap_body(body: bytes) -> bytes:
    """A sitemap's XML: gunzipped when it is gzip, never past ``SITEMAP_MAX_BYTES``. Raises
    ``UnreadableSource`` (``too_large``, ``not_gzip``)."""
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        return gunzip(body, max_size=SITEMAP_MAX_BYTES)
    except (OSError, EOFError, struct.error, zlib.error) as error:
        raise UnreadableSource("not_gzip", f"{type(error).__name__}: {error}") from None
    except ValueError:  # what scrapy's gunzip raises past max_size (its only ValueError)
        raise UnreadableSource("too_large", f"more than {SITEMAP_MAX_BYTES} bytes uncompressed") from None


def sitemap_entries(body: bytes) -> tuple[str, list[dict]]:
    """The sitemap's type (``urlset`` or ``sitemapindex``) and its entries. Raises
    ``UnreadableSource`` (``not_a_sitemap``)."""
    try:
        sitemap = Sitemap(body)
        entries = list(sitemap)
    except Exception as error:  # lxml refuses what is not XML
        raise UnreadableSource("not_a_sitemap", f"{type(error).__name__}: {error}") from None
    if sitemap.type not in ("urlset", "sitemapindex"):
        raise UnreadableSource("not_a_sitemap", f"its root is <{sitemap.type}>")
    return sitemap.type, entries


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
        meta = {"allow_offsite": True}
        if kind in SITEMAP_KINDS:
            meta |= {"download_maxsize": SITEMAP_MAX_BYTES, "download_warnsize": SITEMAP_MAX_BYTES}
        return scrapy.Request(url, callback=callback, errback=self.source_failed, cb_kwargs={"kind": kind}, meta=meta)

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
        self.source_read()
        for url in sitemap_urls_from_robots(response.text, base_url=response.url):
            yield self.source_request(url, "sitemap")

    async def parse_sitemap(self, response, kind: str):
        try:
            sitemap_type, sitemap = sitemap_entries(sitemap_body(response.body))
        except UnreadableSource as error:
            self.source_unreadable(response.url, kind, error.reason, error.detail)
            return
        self.source_read()
        if sitemap_type == "sitemapindex":
            for entry in sitemap:
                yield self.source_request(entry["loc"], "sitemap")
            return
        entries = [(entry["loc"], parse_date(entry["lastmod"]) if entry.get("lastmod") else None) for entry in sitemap]
        async for request in self.listed(entries):
            yield request

    async def parse_feed(self, response, kind: str):
        selector = Selector(body=response.body, type="xml")
        selector.remove_namespaces()
        root = selector.xpath("name(/*)").get()
        if root not in FEED_ROOTS:
            self.source_unreadable(response.url, kind, "not_a_feed", f"its root is <{root}>" if root else "not XML")
            return
        self.source_read()
        entries = [(n.xpath("link/text()").get(), n.xpath("pubDate/text()").get()) for n in selector.xpath("//item")]
        entries += [
            (n.xpath("link[not(@rel) or @rel='alternate']/@href").get(), n.xpath("updated/text()").get())
            for n in selector.xpath("//entry")
        ]
        entries = [(link.strip(), stamp) for link, stamp in entries if link and link.strip()]
        if not entries:
            self.crawler.stats.inc_value("newscrawler/discovery/empty_feed")
            logger.warning("No entries in feed %s", response.url)
        listed = [(response.urljoin(link), parse_date(stamp) if stamp else None) for link, stamp in entries]
        async for request in self.listed(listed):
            yield request

    async def parse_section(self, response, kind: str):
        if not isinstance(response, TextResponse):
            self.source_unreadable(response.url, kind, "not_html", response.headers.get("Content-Type", b"").decode("latin-1"))
            return
        self.source_read()
        urls = [response.urljoin(href.strip()).split("#")[0] for href in response.css("a::attr(href)").getall()]
        async for request in self.listed([(url, None) for url in dict.fromkeys(urls) if url != response.url]):
            yield request

    def source_read(self) -> None:
        self.crawler.stats.inc_value("newscrawler/sources/read")

    def source_failed(self, failure):
        reason = failure_reason(failure) or "not_fetched"  # refused by robots.txt or containment
        kind = failure.request.cb_kwargs.get("kind", "source")
        self.source_unreadable(failure.request.url, kind, reason, str(failure.value)[:200])

    def source_unreadable(self, url: str, kind: str, reason: str, detail: str = "") -> None:
        """A discovery source not read: counted by reason, one line in the log."""
        self.crawler.stats.inc_value(f"newscrawler/sources/failed/{reason}")
        self.crawler.stats.inc_value("newscrawler/sources/failed_total")
        level = logging.ERROR if reason in REFUSED else logging.WARNING
        logger.log(level, "Could not read the %s %s: %s%s", kind.replace("_", " "), url, reason,
                   f" ({detail})" if detail and detail != reason else "")
