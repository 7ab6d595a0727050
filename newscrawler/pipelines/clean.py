"""Display cleaning of every text field, once, and the search form of the body."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from newscrawler.component import CrawlerComponent
from newscrawler.items import Article
from newscrawler.text import clean_text, normalize_for_search, strip_byline


def clean_line(value: str | None) -> str | None:
    """A one-line field (title, source, a tag): cleaned, on one line, None when nothing is left."""
    cleaned = " ".join(clean_text(value).split()) if value else ""
    return cleaned or None


def clean_list(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in (clean_line(value) for value in values) if v))


class CleanPipeline(CrawlerComponent):
    """Cleans title, summary, body, authors, section, tags, source, captions and embed texts.
    Drops an article whose body is empty once cleaned (``newscrawler/dropped/empty_body``)."""

    def process_item(self, item: Article) -> Article:
        item.title = clean_line(item.title)
        item.summary = clean_line(item.summary)
        item.body = clean_text(item.body)
        item.authors = clean_list([strip_byline(author) for author in item.authors])
        item.section = clean_line(item.section)
        item.tags = clean_list(item.tags)
        item.source = clean_line(item.source)
        item.images = [{**image, "caption": clean_line(image.get("caption"))} for image in item.images]
        item.embeds = [{**embed, "text": clean_line(embed.get("text"))} for embed in item.embeds]
        if not item.body:
            self.stats.inc_value("newscrawler/dropped/empty_body")
            raise DropItem(f"empty body after cleaning: {item.url}")
        item.body_normalized = normalize_for_search(item.body)
        return item
