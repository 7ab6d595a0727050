"""Downloader middleware: a crawl fetches only what it is meant to.

- only ``http`` and ``https`` URLs (no ``file:``, ``ftp:``, ``data:``);
- only hosts on the spider's domains (``allowed_domains``: the registered outlets' domains and
  discovery hosts, and for ``generic`` the hosts of the URLs, sitemaps and feeds it was given),
  redirects included, whatever ``dont_filter`` or ``allow_offsite`` say. Hosts are compared
  without ports: ``https://site:443/…`` and ``http://site:8080/`` are on ``site``;
- never a private, loopback, link-local, reserved, unspecified or multicast address: not as a
  start URL (``-a urls=``, ``urls_file``, ``sitemap=``, ``feed=``, an outlet's discovery
  sources), not through a redirect, not through a link. A host named by its address
  (``127.0.0.1``, ``[::1]``, ``2130706433``) is refused when the request is scheduled; a host
  name is resolved first with the system resolver (getaddrinfo, in a thread, once a host a
  crawl) and refused when any address it resolves to is one of those (``localhost``, an
  intranet name). ``NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES`` allows them (a local copy of a site).

It runs first, on the URL as the crawl names it: the mirror (``NEWSCRAWLER_MIRROR``) rewrites
URLs later, in the download handler, so a mirrored crawl is judged by the outlet's host, never
by the mirror's loopback address. A refused start URL is counted as
``newscrawler/dropped/<reason>`` (the crawl record lists it) and named in a warning; any other
refusal is counted as ``newscrawler/blocked/<reason>`` and named at INFO.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from newscrawler.component import CrawlerComponent
from newscrawler.defaults import setting

logger = logging.getLogger(__name__)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
#: Hosts a resolver may read as an IPv4 address written in an old form: 2130706433, 0x7f.1, 127.1.
_MAYBE_OLD_STYLE_IPV4 = re.compile(r"[0-9][0-9a-fA-FxX.]*")


def host_of(url: str) -> str:
    """The URL's host, lowercased, without port, brackets or the root's trailing dot ('' if none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


def address_of(host: str) -> Address | None:
    """The IP address ``host`` is written as, in any form a resolver accepts, or None for a name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    if _MAYBE_OLD_STYLE_IPV4.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def is_forbidden_address(address: Address) -> bool:
    """Whether no public page should send a crawler to ``address``."""
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return not address.is_global or address.is_private or address.is_loopback or address.is_link_local \
        or address.is_reserved or address.is_unspecified or address.is_multicast


def is_private_address(host: str) -> bool:
    """Whether ``host`` is written as an address no public page should send us to. Names
    (``localhost`` too) are the resolver's to answer: ``forbidden_addresses``."""
    address = address_of(host.lower().rstrip("."))
    return address is not None and is_forbidden_address(address)


def forbidden_addresses(host: str) -> list[str]:
    """The addresses ``host`` resolves to that may not be fetched (none when it does not resolve).
    Blocking: call it in a thread."""
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []  # not resolvable here: the download fails on its own, and says why
    addresses = dict.fromkeys(info[4][0] for info in found)
    return [a for a in addresses if (parsed := address_of(a.split("%")[0])) is None or is_forbidden_address(parsed)]


def is_on_domains(host: str, domains: list[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or under one, ports aside."""
    return any(host == domain or host.endswith("." + domain) for domain in (d.lower().strip(".") for d in domains if d))


def why_blocked(url: str, domains: list[str] | None, private_allowed: bool = False) -> str | None:
    """The reason a URL may not be fetched (``scheme``, ``private_address``, ``offsite``), or None,
    without resolving its host. ``domains`` None means any domain (a spider without
    ``allowed_domains``, as in Scrapy)."""
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return "scheme"
    host = host_of(url)
    if scheme not in ("http", "https") or not host:
        return "scheme"
    if not private_allowed and is_private_address(host):
        return "private_address"
    if domains is not None and not is_on_domains(host, domains):
        return "offsite"
    return None


class ContainmentMiddleware(CrawlerComponent):
    """Checks every request when it is scheduled (as Scrapy's OffsiteMiddleware does, and before
    it), and again before it is downloaded (robots.txt requests are never scheduled), with its
    host name resolved then. Reads ``NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES``."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.private_allowed = setting(crawler.settings, "NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES")
        #: Host name → its lookup (an asyncio future, awaited by every request for the host; the
        #: project runs on the asyncio reactor): the forbidden addresses it resolves to, [] for none.
        self.lookups: dict[str, object] = {}
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)

    def request_scheduled(self, request, spider) -> None:
        self.check(request)

    def check(self, request) -> None:
        """Raise IgnoreRequest for a request refused without resolving its host."""
        domains = getattr(self.crawler.spider, "allowed_domains", None)
        reason = why_blocked(request.url, domains, self.private_allowed)
        if reason is not None:
            self.refuse(request, reason)

    async def process_request(self, request) -> None:
        self.check(request)
        host = host_of(request.url)
        if self.private_allowed or address_of(host) is not None:
            return
        if host not in self.lookups:  # one lookup a host, however many requests wait for it
            self.lookups[host] = maybe_deferred_to_future(deferToThread(forbidden_addresses, host))
        forbidden = await self.lookups[host]
        if forbidden:
            self.refuse(request, "private_address", f"{host} resolves to {', '.join(forbidden)}")

    def refuse(self, request, reason: str, detail: str = "") -> None:
        redirects = request.meta.get("redirect_urls")
        detail = "; ".join(filter(None, [detail, f"redirected from {redirects[0]}" if redirects else ""]))
        suffix = f" ({detail})" if detail else ""
        if request.meta.get("is_start_request") and not redirects:
            self.stats.inc_value(f"newscrawler/dropped/{reason}")
            logger.warning("Not fetched, %s: %s%s", reason, request.url, suffix)
        else:
            self.stats.inc_value(f"newscrawler/blocked/{reason}")
            logger.info("Not fetched, %s: %s%s", reason, request.url, suffix)
        raise IgnoreRequest(f"{reason}: {request.url}")
