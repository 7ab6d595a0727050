"""Politeness: how a crawl identifies itself, how it waits, which outlet hosts it may fetch
(containment itself: ``test_containment.py``)."""

from scrapy import Request
from scrapy.settings import Settings

from newscrawler import settings as project_settings
from newscrawler.identity import Identity
from newscrawler.middlewares.backoff import backoff_delay, retries_allowed
from newscrawler.middlewares.outlet_slots import OutletSlotMiddleware
from newscrawler.spiders.outlets import BbcarabicSpider


def test_outlet_spiders_may_fetch_registered_outlets_and_their_feed_hosts_only():
    spider = BbcarabicSpider()
    assert "feeds.bbci.co.uk" in spider.allowed_domains and "aljazeera.net" in " ".join(spider.allowed_domains)
    assert not any("example" in d for d in spider.allowed_domains)


def test_one_download_slot_per_outlet():
    middleware = OutletSlotMiddleware()
    requests = [Request("https://www.elbalad.news/1"), Request("https://elbaladtv.net/2"), Request("https://other.example/")]
    for request in requests:
        middleware.process_request(request)
    assert [r.meta.get("download_slot") for r in requests] == ["elbalad", "elbalad", None]


def test_the_user_agent_names_the_contact_url_set_on_the_command_line():
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    assert settings["USER_AGENT"].startswith("newscrawler/") and "(+http" in settings["USER_AGENT"]
    settings.set("NEWSCRAWLER_CONTACT_URL", "https://monitor.example/crawler", priority="cmdline")
    Identity().update_settings(settings)
    assert settings["USER_AGENT"] == "newscrawler/0.1 (+https://monitor.example/crawler)"
    settings.set("USER_AGENT", "custom", priority="cmdline")
    Identity().update_settings(settings)
    assert settings["USER_AGENT"] == "custom"


def test_politeness_defaults():
    assert project_settings.ROBOTSTXT_OBEY and project_settings.AUTOTHROTTLE_ENABLED
    assert 0 < project_settings.DOWNLOAD_MAXSIZE <= 32 * 1024 * 1024
    assert project_settings.CONCURRENT_REQUESTS_PER_DOMAIN <= 4
    assert {403, 404, 410, 429, 500, 503, 522} <= set(project_settings.RETRY_HTTP_CODES)
    assert not {200, 301, 302, 304} & set(project_settings.RETRY_HTTP_CODES)


def test_permanent_4xx_get_fewer_retries_and_robots_txt_none():
    transient, other = 2, 1
    assert retries_allowed(503, "/news/1", transient, other) is None  # the crawl's RETRY_TIMES
    assert retries_allowed(429, "/news/1", transient, other) is None
    assert retries_allowed(404, "/news/1", transient, other) == 1
    assert retries_allowed(410, "/news/1", transient, 5) == 2  # never more than transient answers get
    assert retries_allowed(404, "/robots.txt", transient, other) == 0
    assert retries_allowed(503, "/robots.txt", transient, other) is None


def test_backoff_doubles_honours_retry_after_and_stays_bounded():
    assert [backoff_delay(n, 1.0, 30.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert backoff_delay(1, 1.0, 30.0, b"12") == 12.0
    assert backoff_delay(1, 1.0, 30.0, b"3600") == 30.0
    assert backoff_delay(2, 1.0, 30.0, b"Wed, 21 Oct 2026 07:28:00 GMT") == 2.0
    assert backoff_delay(9, 1.0, 30.0) == 30.0
