"""Discovery sources that cannot be read: bounded gunzip, the sitemap protocol's size, one line and
a count for each unreadable source, and a crawl none of whose sources were read has failed."""

from __future__ import annotations

import gzip
import logging

import pytest
from scrapy.http import HtmlResponse, Request, Response, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawler.outcome import failures
from newscrawler.spiders.discovery import SITEMAP_MAX_BYTES, UnreadableSource, sitemap_body, sitemap_entries
from tests.spiders.test_parse import collected, spider_for

URLSET = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


def bomb(megabytes: int) -> bytes:
    return gzip.compress(URLSET) + gzip.compress(b" " * (1024 * 1024)) * megabytes


def test_a_gzipped_sitemap_is_gunzipped_within_the_sitemap_bound():
    plain = URLSET + b"<url><loc>https://a.example/1</loc></url></urlset>"
    assert sitemap_entries(sitemap_body(gzip.compress(plain))) == ("urlset", [{"loc": "https://a.example/1"}])
    assert sitemap_body(plain) == plain
    with pytest.raises(UnreadableSource) as refused:
        sitemap_body(bomb(60))  # 60 KB that unpack to 60 MB
    assert refused.value.reason == "too_large" and str(SITEMAP_MAX_BYTES) in refused.value.detail


@pytest.mark.parametrize(("body", "reason"), [
    (b"\x1f\x8b\x08\x00not gzip at all", "not_gzip"),
    (b"<html><body>a page</body></html>", "not_a_sitemap"),
    (b"", "not_a_sitemap"),
])
def test_what_is_not_a_sitemap_is_named(body, reason):
    with pytest.raises(UnreadableSource) as refused:
        sitemap_entries(sitemap_body(body))
    assert refused.value.reason == reason


def test_sitemap_requests_may_be_50_mb_and_no_more_other_sources_keep_download_maxsize():
    spider = spider_for("aljazeera", DOWNLOAD_MAXSIZE=1000)
    for kind in ("sitemap", "sitemap_index", "news_sitemap"):
        meta = spider.source_request("https://www.aljazeera.net/sitemap.xml", kind).meta
        assert meta["download_maxsize"] == meta["download_warnsize"] == 50 * 1024 * 1024
    for kind in ("feed", "section"):
        assert "download_maxsize" not in spider.source_request("https://www.aljazeera.net/", kind).meta


def test_an_unreadable_sitemap_is_an_error_line_and_a_count(caplog):
    spider = spider_for("aljazeera")
    url = "https://www.aljazeera.net/sitemap.xml.gz"
    with caplog.at_level(logging.WARNING):
        assert collected(spider.parse_sitemap(Response(url, body=bomb(60)), kind="sitemap")) == []
        assert collected(spider.parse_feed(HtmlResponse(url, body=b"<html><p>x</p></html>"), kind="feed")) == []
    stats = spider.crawler.stats.get_stats()
    assert stats["newscrawler/sources/failed/too_large"] == 1 and stats["newscrawler/sources/failed/not_a_feed"] == 1
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("ERROR", f"Could not read the sitemap {url}: too_large (more than {SITEMAP_MAX_BYTES} bytes uncompressed)"),
        ("ERROR", f"Could not read the feed {url}: not_a_feed (its root is <html>)"),
    ]
    assert "no discovery source could be read (2 failed)" in failures({"finish_reason": "finished", **stats})


def test_a_source_that_could_not_be_fetched_is_a_warning_and_a_count(caplog):
    spider = spider_for("arabkhabar")
    request = spider.source_request("https://arabkhabar.com/rss", "feed")
    failure = Failure(HttpError(Response(request.url, status=404, request=request)))
    failure.request = request
    with caplog.at_level(logging.WARNING):
        spider.source_failed(failure)
    assert spider.crawler.stats.get_value("newscrawler/sources/failed/http_404") == 1
    (record,) = caplog.records
    assert record.levelname == "WARNING"
    assert record.getMessage().startswith("Could not read the feed https://arabkhabar.com/rss: http_404")


def test_a_crawl_fails_when_no_source_was_read_only():
    finished = {"finish_reason": "finished"}
    assert failures({**finished, "newscrawler/sources/failed_total": 2}) == ["no discovery source could be read (2 failed)"]
    assert failures({**finished, "newscrawler/sources/failed_total": 2, "newscrawler/sources/read": 1}) == []
    assert failures(finished) == []  # -a urls=… reads no source


def test_a_feed_is_read_and_counted():
    spider = spider_for("arabkhabar")
    body = (b'<?xml version="1.0"?><rss><channel><item><link>https://arabkhabar.com/a/1</link></item>'
            b"</channel></rss>")
    results = collected(spider.parse_feed(XmlResponse("https://arabkhabar.com/rss", body=body), kind="feed"))
    assert [r.url for r in results if isinstance(r, Request)] == ["https://arabkhabar.com/a/1"]
    assert spider.crawler.stats.get_value("newscrawler/sources/read") == 1
