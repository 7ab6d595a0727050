"""Downloader middleware: a crawl fetches only what it is meant to.

- only ``http`` and ``https`` URLs (no ``file:``, ``ftp:``, ``data:``);
- only hosts on the spider's domains (``allowed_domains``: the registered outlets' domains and
  discovery hosts, and for ``generic`` the hosts of the URLs, sitemaps and feeds it was given),
  redirects included, whatever ``dont_filter`` or ``allow_offsite`` say;
- never a private, loopback, link-local or reserved address reached through a redirect.

It runs first, on the URL as the crawl knows it: the mirror rewrites URLs later, in the download
handler. Refusals are counted as ``newscrawler/blocked/<reason>``.
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.url import url_is_from_any_domain

from newscrawler.component import CrawlerComponent

logger = logging.getLogger(__name__)


def is_private_address(host: str) -> bool:
    """Whether ``host`` is an IP address no public page should send us to."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host == "localhost" or host.endswith(".localhost")
    return not address.is_global


def why_blocked(url: str, domains: list[str] | None, redirected: bool) -> str | None:
    """The reason a URL may not be fetched (``scheme``, ``private_address``, ``offsite``), or None.
    ``domains`` None means any domain (a spider without ``allowed_domains``, as in Scrapy)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "scheme"
    if redirected and is_private_address(parts.hostname):
        return "private_address"
    if domains is not None and not url_is_from_any_domain(url, domains):
        return "offsite"
    return None


class ContainmentMiddleware(CrawlerComponent):
    """Checks every request when it is scheduled (as Scrapy's OffsiteMiddleware does, and before
    it), and again before it is downloaded (robots.txt requests are never scheduled)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)

    def request_scheduled(self, request, spider) -> None:
        self.process_request(request)

    def process_request(self, request):
        domains = getattr(self.crawler.spider, "allowed_domains", None)
        redirected = bool(request.meta.get("redirect_urls"))
        reason = why_blocked(request.url, domains, redirected)
        if reason is None:
            return
        self.stats.inc_value(f"newscrawler/blocked/{reason}")
        source = f" (redirected from {request.meta['redirect_urls'][0]})" if redirected else ""
        logger.info("Not fetched, %s: %s%s", reason, request.url, source)
        raise IgnoreRequest(f"{reason}: {request.url}")
