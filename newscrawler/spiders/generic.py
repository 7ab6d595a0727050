"""``generic``: any site, by URL, sitemap or feed. A registered outlet's URL is read with that
outlet's parser; any other page with structured data and the generic content rules."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from newscrawler.spiders.arguments import parse_url_argument
from newscrawler.spiders.base import ArticleSpider
from newscrawler.spiders.discovery import DiscoveryMixin


class GenericSpider(DiscoveryMixin, ArticleSpider):
    """``scrapy crawl generic -a urls=…|urls_file=…|sitemap=…|feed=…``"""

    name = "generic"

    def __init__(self, *args, sitemap: str | None = None, feed: str | None = None, **kwargs):
        self.check_arguments(sitemap=sitemap, feed=feed, **kwargs)
        self.sitemaps = parse_url_argument(sitemap, None)
        self.feeds = parse_url_argument(feed, None)
        super().__init__(*args, **kwargs)

    @classmethod
    def check_arguments(cls, **arguments) -> None:
        super().check_arguments(**arguments)
        parse_url_argument(arguments.get("sitemap"), None)
        parse_url_argument(arguments.get("feed"), None)
        if not any(arguments.get(name) for name in ("urls", "urls_file", "sitemap", "feed")):
            raise UsageError("generic needs -a urls=…, -a urls_file=…, -a sitemap=… or -a feed=…")

    def extra_domains(self) -> set[str]:
        hosts = {urlsplit(u).hostname for u in self.given_urls + self.sitemaps + self.feeds}
        return {h for h in hosts if h}

    async def start(self):
        for url in self.given_urls:
            yield self.article_request(url)
        for url in self.sitemaps:
            yield self.source_request(url, "sitemap")
        for url in self.feeds:
            yield self.source_request(url, "feed")
