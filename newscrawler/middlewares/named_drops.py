"""Downloader middlewares: Scrapy's decompression and redirects, with the responses they give up
on named, so that the spider counts them as ``newscrawler/dropped/<reason>`` like any bad page.

Scrapy ends these with a bare ``IgnoreRequest``, which the spider cannot tell from a request
refused by robots.txt or containment (counted where they are decided). Here they raise
``DroppedResponse`` (an ``IgnoreRequest``) carrying a reason:

- ``decompression_bomb``: a ``Content-Encoding`` body that decompresses past the request's
  ``download_maxsize`` meta or ``DOWNLOAD_MAXSIZE`` (Scrapy stops decompressing there);
- ``redirect_loop``: a redirect back to a URL of the same chain (refused at once, before the
  duplicate filter drops it without a word);
- ``too_many_redirects``: a chain longer than ``REDIRECT_MAX_TIMES``.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response


class DroppedResponse(IgnoreRequest):
    """A response the crawl gives up on, with the reason it is counted under."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class NamedDecompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's ``HttpCompressionMiddleware``; a body past the size bound is a ``decompression_bomb``."""

    def process_response(self, request: Request, response: Response, spider=None) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as error:  # Scrapy's only refusal here: decompressed past the bound
            raise DroppedResponse("decompression_bomb", "larger than the download size limit once decompressed") from error


class NamedRedirectMiddleware(RedirectMiddleware):
    """Scrapy's ``RedirectMiddleware``; a loop is a ``redirect_loop``, a chain past
    ``REDIRECT_MAX_TIMES`` is ``too_many_redirects``."""

    def process_response(self, request: Request, response: Response, spider=None) -> Request | Response:
        try:
            result = super().process_response(request, response)
        except IgnoreRequest as error:  # Scrapy's only refusal here: max redirections reached
            raise DroppedResponse("too_many_redirects", f"more than {self.max_redirect_times}") from error
        if isinstance(result, Request) and result.url in result.meta.get("redirect_urls", ()):
            raise DroppedResponse("redirect_loop", f"{request.url} sends back to {result.url}")
        return result
