import re

import pytest
from scrapy.exceptions import UsageError
from scrapy.utils.test import get_crawler

from newscrawler.spiders.base import parse_url_argument
from newscrawler.spiders.generic import GenericSpider
from newscrawler.spiders.outlets import OutletSpider


def test_urls_space_or_comma_separated():
    assert parse_url_argument("https://a.com/1 https://a.com/2,https://a.com/3", None) == [
        "https://a.com/1", "https://a.com/2", "https://a.com/3"]


def test_urls_file_one_a_line_with_comments(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# list\nhttps://a.com/1\n\n  https://a.com/2  \nhttps://a.com/1\n")
    assert parse_url_argument(None, str(path)) == ["https://a.com/1", "https://a.com/2"]


@pytest.mark.parametrize(("urls", "urls_file", "message"), [
    ("a.com/1", None, "not an http(s) URL"),
    ("file:///etc/passwd", None, "not an http(s) URL"),
    (None, "/no/such/file", "does not exist"),
])
def test_bad_arguments(urls, urls_file, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_url_argument(urls, urls_file)


def test_generic_needs_something_to_crawl():
    with pytest.raises(UsageError, match="generic needs"):
        GenericSpider.check_arguments()
    GenericSpider.check_arguments(feed="https://a.com/rss")


def test_outlet_spiders_exist_for_the_registry_and_allow_registered_domains():
    from newscrawler.spiders import outlets

    spiders = {cls.name: cls for cls in vars(outlets).values() if isinstance(cls, type) and issubclass(cls, OutletSpider) and getattr(cls, "name", None)}
    assert {"arabkhabar", "aljadeedpress", "aljazeera"} <= set(spiders)
    spider = spiders["arabkhabar"].from_crawler(get_crawler(spiders["arabkhabar"]))
    assert {"arabkhabar.com", "aljazeera.net", "aljadeedpress.net"} <= set(spider.allowed_domains)


def test_generic_allows_the_hosts_it_was_given():
    spider = GenericSpider.from_crawler(get_crawler(GenericSpider), urls="https://unknown.example/a/1")
    assert "unknown.example" in spider.allowed_domains
