"""What makes an answer unusable as an article page, named as the stats count it."""

from __future__ import annotations

import re

from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import TextResponse
from twisted.internet.defer import CancelledError

from newscrawler.middlewares.named_drops import DroppedResponse

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: bytes | str | None) -> str:
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_html_type(content_type: bytes | str | None) -> bool:
    """HTML, or not said (the body decides then)."""
    kind = media_type(content_type)
    return not kind or kind in HTML_TYPES


def why_unusable(response) -> str | None:
    """``not_html`` (a PDF, an image, a feed sent for an article), ``empty`` (nothing but
    whitespace), or None for a page worth parsing."""
    if not is_html_type(response.headers.get("Content-Type")) or not isinstance(response, TextResponse):
        return "not_html"
    if not response.body.strip():
        return "empty"
    return None


def failure_reason(failure) -> str | None:
    """The reason a request that failed is counted under: ``http_<status>`` for an answer given
    up on, ``too_large`` past ``DOWNLOAD_MAXSIZE``, the reason of a ``DroppedResponse``
    (``decompression_bomb``, ``redirect_loop``, ``too_many_redirects``), else the error's reason
    in lowercase (``dns``, ``timeout``, ``connection_refused``…: ``reason_name``). None for any
    other ``IgnoreRequest``: robots.txt, containment, or not due for a re-check, each counted
    where it is decided."""
    if failure.check(DroppedResponse):
        return failure.value.reason
    status = getattr(getattr(failure.value, "response", None), "status", None)
    if status:
        return f"http_{status}"
    if failure.check(IgnoreRequest):
        return None
    if failure.check(DownloadCancelledError, CancelledError):  # what DOWNLOAD_MAXSIZE raises
        return "too_large"
    return reason_name(type(failure.value).__name__)


#: Reasons for the errors a download ends with, by the error's class name (Scrapy's, Twisted's,
#: Playwright's). Crawl records before these names counted the class name itself: ``reason_name``
#: reads those as these.
ERROR_REASONS = {
    "CannotResolveHostError": "dns", "DNSLookupError": "dns", "UnknownHostError": "dns",
    "DownloadTimeoutError": "timeout", "TimeoutError": "timeout", "TCPTimedOutError": "timeout",
    "DownloadConnectionRefusedError": "connection_refused", "ConnectionRefusedError": "connection_refused",
    "ConnectionLost": "connection_lost", "ConnectionDone": "connection_lost", "ConnectionAborted": "connection_lost",
    "ResponseFailed": "connection_lost", "ResponseDataLossError": "data_loss", "ResponseNeverReceived": "no_response",
    "ConnectError": "connection_failed", "DownloadFailedError": "connection_failed", "NoRouteError": "no_route",
    "SSLError": "tls", "CertificateError": "tls", "TunnelError": "proxy",
}


def reason_name(name: str) -> str:
    """The reason a dropped-page count is kept under: a reason as it is, and an error class name
    (what crawl records counted before reasons were named, ``DNSLookupError``) as its reason
    (``dns``; any other class name in snake case)."""
    if name in ERROR_REASONS:
        return ERROR_REASONS[name]
    if name.islower() or not name.isidentifier():
        return name
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
