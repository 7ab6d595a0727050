"""Containment: what a crawl may fetch. Hosts are compared without ports; private, loopback and
link-local addresses are refused as start URLs, redirects and links, written as addresses or
reached through a name, unless ``NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES`` allows them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from newscrawler.middlewares.containment import (
    ContainmentMiddleware,
    forbidden_addresses,
    is_private_address,
    why_blocked,
)
from newscrawler.mirror.server import MirrorServer
from newscrawler.spiders.generic import GenericSpider
from tests.sites import PARAGRAPH

PROJECT = Path(__file__).resolve().parents[2]
DOMAINS = ["aljazeera.net", "arabkhabar.com", "given-site.example"]


@pytest.mark.parametrize(("url", "reason"), [
    ("https://www.aljazeera.net/news/1", None),
    ("http://arabkhabar.com/a/1", None),
    ("https://given-site.example/x", None),
    # ports are not part of the host: the default ones and any other
    ("https://www.aljazeera.net:443/news/1", None),
    ("http://arabkhabar.com:80/a/1", None),
    ("https://given-site.example:8443/x", None),
    ("https://elsewhere.example:443/a", "offsite"),
    ("file:///etc/passwd", "scheme"),
    ("ftp://arabkhabar.com/a/1", "scheme"),
    ("javascript:alert(1)", "scheme"),
    ("http://[::1/", "scheme"),
    ("https://elsewhere.example/a", "offsite"),
    ("https://aljazeera.net.evil.example/a", "offsite"),
    # private addresses, whether a start URL, a redirect or a link, in every spelling a resolver reads
    ("http://127.0.0.1:8080/admin", "private_address"),
    ("http://10.1.2.3/", "private_address"),
    ("http://[::1]/", "private_address"),
    ("http://[::ffff:127.0.0.1]/", "private_address"),
    ("http://169.254.169.254/latest/meta-data/", "private_address"),
    ("http://0.0.0.0/", "private_address"),
    ("http://224.0.0.1/", "private_address"),
    ("http://2130706433/", "private_address"),
    ("http://0x7f.1/", "private_address"),
])
def test_why_blocked(url, reason):
    assert why_blocked(url, DOMAINS) == reason


def test_private_addresses_may_be_allowed():
    assert why_blocked("http://127.0.0.1:8080/admin", DOMAINS, private_allowed=True) == "offsite"
    assert why_blocked("http://127.0.0.1:8080/admin", ["127.0.0.1"], private_allowed=True) is None


def test_public_addresses_are_not_private():
    assert not is_private_address("8.8.8.8") and not is_private_address("www.aljazeera.net")
    assert is_private_address("192.168.1.1") and is_private_address("fd00::1")


def test_names_are_judged_by_what_the_system_resolver_says():
    assert forbidden_addresses("localhost") == ["127.0.0.1"] or "::1" in forbidden_addresses("localhost")
    assert forbidden_addresses("no-such-host.invalid") == []


def test_containment_ignores_dont_filter_and_checks_the_original_url():
    crawler = get_crawler(GenericSpider)
    crawler.spider = GenericSpider.from_crawler(crawler, urls="https://given-site.example/a")
    middleware = ContainmentMiddleware.from_crawler(crawler)
    assert middleware.check(Request("https://given-site.example:443/b")) is None
    with pytest.raises(IgnoreRequest):
        middleware.check(Request("https://elsewhere.example/b", dont_filter=True, meta={"allow_offsite": True}))
    assert crawler.stats.get_value("newscrawler/blocked/offsite") == 1


def test_a_refused_start_url_is_counted_as_dropped():
    crawler = get_crawler(GenericSpider)
    crawler.spider = GenericSpider.from_crawler(crawler, urls="http://10.0.0.7/a")
    middleware = ContainmentMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        middleware.check(Request("http://10.0.0.7/a", meta={"is_start_request": True}))
    with pytest.raises(IgnoreRequest):  # the same URL reached by a redirect is containment's refusal
        middleware.check(Request("http://10.0.0.7/a", meta={"is_start_request": True, "redirect_urls": ["https://x.example/"]}))
    assert crawler.stats.get_value("newscrawler/dropped/private_address") == 1
    assert crawler.stats.get_value("newscrawler/blocked/private_address") == 1


# ------------------------------------------------------------------ crawls

ARTICLE = ("<html lang='ar'><head><title>خبر محلي</title></head><body><article><h1>خبر محلي</h1>"
           + "".join(f"<p>{PARAGRAPH}(الفقرة {n})</p>" for n in range(1, 4)) + "</article></body></html>")


@pytest.fixture
def local_site(tmp_path):
    """A page served on loopback, at ``/site/news/1``."""
    (tmp_path / "site" / "site" / "news").mkdir(parents=True)
    (tmp_path / "site" / "site" / "news" / "1").write_text(ARTICLE, encoding="utf-8")
    with MirrorServer(tmp_path / "site") as server:
        yield server


def crawl_generic(mongo_uri, database_name, tmp_path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name,
                   "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data"), "NEWSCRAWLER_LOG_LEVEL": "INFO"}
    environment.pop("NEWSCRAWLER_MIRROR", None)
    command = [sys.executable, "-m", "scrapy", "crawl", "generic", *args, "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5",
               "-s", "ROBOTSTXT_OBEY=False"]
    return subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=180)


@pytest.mark.e2e
def test_private_start_urls_are_refused_named_and_counted(local_site, mongo_uri, database_name, db, tmp_path):
    port = local_site.url.rsplit(":", 1)[1]
    by_address = f"http://127.0.0.1:{port}/site/news/1"
    by_name = f"http://localhost:{port}/site/news/1"  # localhost resolves to 127.0.0.1
    by_name_again = f"http://localhost:{port}/site/news/2"  # waits for the same lookup
    sitemap = f"http://[::1]:{port}/site/sitemap.xml"
    finished = crawl_generic(mongo_uri, database_name, tmp_path, "-a", f"urls={by_address} {by_name} {by_name_again}",
                             "-a", f"sitemap={sitemap}", "-a", f"feed=http://169.254.169.254:{port}/feed")
    assert "Traceback" not in finished.stderr
    assert local_site.requested == []
    assert f"Not fetched, private_address: {by_address}" in finished.stderr
    assert f"Not fetched, private_address: {by_name} (localhost resolves to 127.0.0.1" in finished.stderr
    assert f"Not fetched, private_address: {by_name_again} (localhost resolves to 127.0.0.1" in finished.stderr
    assert f"Not fetched, private_address: {sitemap}" in finished.stderr
    assert "'newscrawler/dropped/private_address': 5" in finished.stderr
    (run,) = db.crawl_runs.find({}, {"_id": 0})
    assert run["dropped"]["private_address"] == 5
    assert db.articles.count_documents({}) == 0


@pytest.mark.e2e
def test_the_setting_allows_private_addresses_for_local_copies(local_site, mongo_uri, database_name, db, tmp_path):
    port = local_site.url.rsplit(":", 1)[1]
    finished = crawl_generic(mongo_uri, database_name, tmp_path, "-a", f"urls=http://localhost:{port}/site/news/1",
                             "-s", "NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES=1")
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert local_site.requested == ["/site/news/1"]
    assert db.articles.count_documents({"url": f"http://localhost:{port}/site/news/1"}) == 1
