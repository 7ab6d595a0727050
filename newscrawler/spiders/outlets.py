"""One spider per registered outlet, made from its declaration; ``scrapy list`` shows them all."""

from __future__ import annotations

from newscrawler.outlets import Outlet, all_outlets
from newscrawler.spiders.base import ArticleSpider
from newscrawler.spiders.discovery import DiscoveryMixin


class OutletSpider(DiscoveryMixin, ArticleSpider):
    """Crawls one outlet: the given URLs (``-a urls=…``, ``-a urls_file=…``), or else its
    discovery sources (sitemaps, news sitemap, feeds, section pages)."""

    outlet: Outlet

    async def discovery(self):
        for source in self.outlet.discovery:
            yield self.source_request(source.url, source.kind)

    def is_candidate(self, url: str) -> bool:
        return self.outlet.is_article_url(url)


def _spider_class(outlet: Outlet) -> type[OutletSpider]:
    return type(
        f"{outlet.name.title().replace('_', '')}Spider",
        (OutletSpider,),
        {"name": outlet.name, "outlet": outlet, "__module__": __name__,
         "__doc__": f"Spider for the outlet {outlet.name} ({', '.join(outlet.domains)})."},
    )


for _outlet in all_outlets():
    _cls = _spider_class(_outlet)
    globals()[_cls.__name__] = _cls
del _outlet, _cls
