"""Hands every article to the crawl's persistence (``storage/persistence.py``), which journals it
and writes it in batches, off the reactor thread, in arrival order."""

from __future__ import annotations

from itemadapter import ItemAdapter

from newscrawler.component import CrawlerComponent
from newscrawler.items import TRANSIENT_FIELDS, Article
from newscrawler.storage.persistence import Persistence


def document_of(item: Article) -> dict:
    """The stored fields of an item: only names from the item definition, never page keys."""
    return {name: value for name, value in ItemAdapter(item).items() if name not in TRANSIENT_FIELDS}


class StorePipeline(CrawlerComponent):
    """Stores articles in MongoDB (``MONGO_URI``) or the embedded store; see ``Persistence`` for
    batches, the journal and outages. A crawl whose articles end in the journal logs an ERROR
    naming it, and ``scrapy crawl`` then exits 1."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.persistence = Persistence.of(crawler)

    async def open_spider(self) -> None:
        await self.persistence.open()

    def process_item(self, item: Article) -> Article:
        self.persistence.add(document_of(item))
        return item
