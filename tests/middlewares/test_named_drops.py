"""Responses Scrapy gives up on with a bare IgnoreRequest are named: a Content-Encoding bomb, a
redirect loop, a redirect chain past REDIRECT_MAX_TIMES; the spider counts them by that name."""

from __future__ import annotations

import gzip

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from newscrawler.middlewares.named_drops import DroppedResponse, NamedDecompressionMiddleware, NamedRedirectMiddleware
from newscrawler.spiders.responses import failure_reason


def middleware(cls, **settings):
    crawler = get_crawler(settings_dict=settings)
    return cls.from_crawler(crawler)


def redirect(request: Request, to: str) -> Response:
    return Response(request.url, status=302, headers={"Location": to}, request=request)


def test_a_content_encoding_bomb_is_a_decompression_bomb():
    compression = middleware(NamedDecompressionMiddleware, DOWNLOAD_MAXSIZE=1024 * 1024)
    request = Request("https://a.example/news/1")
    body = gzip.compress(b" " * (5 * 1024 * 1024))
    with pytest.raises(DroppedResponse) as dropped:
        compression.process_response(request, Response(request.url, body=body, headers={"Content-Encoding": "gzip"}))
    assert dropped.value.reason == "decompression_bomb"
    small = compression.process_response(request, Response(request.url, body=gzip.compress(b"<p>x</p>"),
                                                            headers={"Content-Encoding": "gzip"}))
    assert small.body == b"<p>x</p>"


def test_a_redirect_back_into_its_own_chain_is_a_loop():
    redirects = middleware(NamedRedirectMiddleware)
    first = Request("https://a.example/a")
    second = redirects.process_response(first, redirect(first, "/b"))
    assert second.url == "https://a.example/b"
    with pytest.raises(DroppedResponse) as dropped:
        redirects.process_response(second, redirect(second, "/a"))
    assert dropped.value.reason == "redirect_loop"
    with pytest.raises(DroppedResponse, match="redirect_loop"):
        redirects.process_response(first, redirect(first, "/a"))  # to itself


def test_a_chain_past_redirect_max_times_is_too_many_redirects():
    redirects = middleware(NamedRedirectMiddleware, REDIRECT_MAX_TIMES=3)
    request = Request("https://a.example/0")
    for hop in range(1, 4):
        request = redirects.process_response(request, redirect(request, f"/{hop}"))
    with pytest.raises(DroppedResponse) as dropped:
        redirects.process_response(request, redirect(request, "/4"))
    assert dropped.value.reason == "too_many_redirects"


def test_failure_reasons_name_drops_and_leave_refusals_to_whoever_refused():
    assert failure_reason(Failure(DroppedResponse("redirect_loop", "x"))) == "redirect_loop"
    assert failure_reason(Failure(IgnoreRequest("Forbidden by robots.txt"))) is None
    assert failure_reason(Failure(TimeoutError())) is not None
