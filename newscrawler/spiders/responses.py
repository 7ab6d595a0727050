"""What makes an answer unusable as an article page, named as the stats count it."""

from __future__ import annotations

from scrapy.exceptions import DownloadCancelledError
from scrapy.http import TextResponse
from twisted.internet.defer import CancelledError

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


def failure_reason(failure) -> str:
    """``http_<status>`` for an answer given up on, ``too_large`` past ``DOWNLOAD_MAXSIZE``, else
    the error's name (``TimeoutError``, ``DNSLookupError``…)."""
    status = getattr(getattr(failure.value, "response", None), "status", None)
    if status:
        return f"http_{status}"
    if failure.check(DownloadCancelledError, CancelledError):  # what DOWNLOAD_MAXSIZE raises
        return "too_large"
    return type(failure.value).__name__
