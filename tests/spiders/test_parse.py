"""The spider callbacks on mirror responses: discovery sources and read-also following."""

import scrapy
from scrapy import signals
from scrapy.utils.test import get_crawler

from newscrawler.extract.workers import PageReader
from newscrawler.items import Article
from newscrawler.spiders import outlets
from newscrawler.urls import normalize_url
from tests.fixture_cases import mirror_response, run_async


def spider_for(name, **settings):
    cls = next(c for c in vars(outlets).values() if isinstance(c, type) and getattr(c, "name", None) == name)
    crawler = get_crawler(cls, settings_dict=settings)
    spider = cls.from_crawler(crawler)
    crawler.spider = spider
    return spider


def collected(results) -> list:
    """What a discovery callback (an async generator) yields."""
    async def collect():
        return [r async for r in results]

    return run_async(collect)


def requested(results):
    return [r.url for r in collected(results) if isinstance(r, scrapy.Request)]


def test_news_sitemap_lists_article_requests():
    spider = spider_for("aljazeera")
    urls = requested(spider.parse_sitemap(mirror_response("https://www.aljazeera.net/news-sitemap.xml"), kind="news_sitemap"))
    assert len(urls) == 3 and all("/2025/4/" in u for u in urls)


def test_sitemap_index_follows_its_sitemaps():
    spider = spider_for("aljadeedpress")
    results = collected(spider.parse_sitemap(mirror_response("https://www.aljadeedpress.net/wp-sitemap.xml"), kind="sitemap_index"))
    assert [r.url for r in results] == ["https://www.aljadeedpress.net/wp-sitemap-posts-post-1.xml"]
    assert results[0].callback == spider.parse_sitemap


def test_feed_and_section_page():
    spider = spider_for("arabkhabar")
    from_feed = requested(spider.parse_feed(mirror_response("https://arabkhabar.com/rss"), kind="feed"))
    from_section = requested(spider.parse_section(mirror_response("https://arabkhabar.com/section/world"), kind="section"))
    expected = {f"https://arabkhabar.com/a/{n}" for n in (5129170, 5129171, 5129172, 5129173)}
    assert set(from_feed) == expected
    assert set(from_section) == expected  # tag, section and pagination links are not articles


def test_read_also_links_are_followed_one_level_to_registered_outlets():
    spider = spider_for("arabkhabar")
    page = "https://arabkhabar.com/a/5129173"
    results = list(spider.read_here(mirror_response(page), parents=[], depth=0))
    articles = [r for r in results if isinstance(r, Article)]
    follow = [r for r in results if isinstance(r, scrapy.Request)]
    assert [a.origin for a in articles] == ["page", "embedded", "embedded"]
    # the linked Al Jazeera child is fetched (it will answer 404); the derived #read-also-2 is not
    assert [r.url for r in follow] == [normalize_url("https://www.aljazeera.net/news/2025/5/2/ارتفاع-أسعار-الذهب")]
    assert follow[0].cb_kwargs == {"depth": 1, "parents": [page]}
    deeper = list(spider.read_here(mirror_response(page), parents=[], depth=1))
    assert not [r for r in deeper if isinstance(r, scrapy.Request)]


def test_depth_setting():
    spider = spider_for("arabkhabar", NEWSCRAWLER_READ_ALSO_DEPTH=0)
    results = list(spider.read_here(mirror_response("https://arabkhabar.com/a/5129170"), parents=[], depth=0))
    assert not [r for r in results if isinstance(r, scrapy.Request)]


def test_the_first_article_page_scheduled_starts_the_page_workers():
    spider = spider_for("aljazeera", NEWSCRAWLER_EXTRACT_WORKERS=1)
    crawler = spider.crawler
    crawler.stats.open_spider()
    reader = PageReader.of(crawler)
    try:
        sitemap = scrapy.Request("https://www.aljazeera.net/news-sitemap.xml", callback=spider.parse_sitemap)
        crawler.signals.send_catch_log(signals.request_scheduled, request=sitemap, spider=spider)
        assert reader.pool is None  # a crawl that asks for no article page starts no worker
        article = spider.article_request("https://www.aljazeera.net/news/2025/4/1/a")
        crawler.signals.send_catch_log(signals.request_scheduled, request=article, spider=spider)
        assert reader.pool is not None
        pool = reader.pool
        crawler.signals.send_catch_log(signals.request_scheduled, request=article, spider=spider)
        assert reader.pool is pool
    finally:
        reader.close()
    assert reader.pool is None
