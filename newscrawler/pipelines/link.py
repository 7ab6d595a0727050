"""Read-also links as data: normalised URLs, no self-links, no duplicates, page order kept."""

from __future__ import annotations

from newscrawler.component import CrawlerComponent
from newscrawler.items import Article
from newscrawler.urls import normalize_url


def normalized_urls(urls: list[str], *, exclude: str) -> list[str]:
    kept = dict.fromkeys(normalize_url(url) for url in urls if url)
    kept.pop(exclude, None)
    return list(kept)


class LinkPipeline(CrawlerComponent):
    """Normalises ``url``, ``read_also_urls`` and ``parent_urls`` with w3lib's canonical form
    (fragments kept only on derived read-also URLs). Counts ``newscrawler/read_also/children``."""

    def process_item(self, item: Article) -> Article:
        item.url = normalize_url(item.url)
        item.read_also_urls = normalized_urls(item.read_also_urls, exclude=item.url)
        item.parent_urls = normalized_urls(item.parent_urls, exclude=item.url)
        self.stats.inc_value("newscrawler/read_also/children", len(item.read_also_urls))
        return item
