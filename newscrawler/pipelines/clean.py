"""Display cleaning of every text field, once, and the search form of the body."""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from newscrawler.component import CrawlerComponent, timed
from newscrawler.defaults import setting
from newscrawler.items import ARTICLE_FIELDS, Article
from newscrawler.text import clean_text, search_form, strip_byline
from newscrawler.text.bounds import cut_line, cut_list, cut_text
from newscrawler.text.letters import encodable

logger = logging.getLogger(__name__)


def clean_line(value: str | None) -> str | None:
    """A one-line field (title, source, a tag): cleaned, on one line, None when nothing is left."""
    cleaned = " ".join(clean_text(value).split()) if value else ""
    return cleaned or None


def clean_list(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in (clean_line(value) for value in values) if v))


def clean_article(item: Article, max_body_bytes: int) -> None:
    """Clean every text field of ``item`` in place, bound what is left (``newscrawler.text.bounds``,
    a body to ``max_body_bytes``, ``truncated`` says whether anything was cut) and add the body's
    search form. Every string of the item ends encodable as UTF-8, URLs and raw dates too
    (``encodable``). A pure function of the item: a page-reading worker runs it too."""
    for name in ARTICLE_FIELDS:
        setattr(item, name, encodable(getattr(item, name)))
    item.title = clean_line(item.title)
    item.summary = clean_line(item.summary)
    item.body = clean_text(item.body)
    item.authors = clean_list([strip_byline(author) for author in item.authors])
    item.section = clean_line(item.section)
    item.tags = clean_list(item.tags)
    item.source = clean_line(item.source)
    item.images = [{**image, "caption": clean_line(image.get("caption"))} for image in item.images]
    item.embeds = [{**embed, "text": clean_line(embed.get("text"))} for embed in item.embeds]
    item.body, cut = cut_text(item.body, max_body_bytes)
    for name in ("title", "summary", "section", "source"):
        value, cut_here = cut_line(getattr(item, name))
        setattr(item, name, value)
        cut |= cut_here
    for name in ("authors", "tags", "images", "embeds", "read_also_urls"):
        values, cut_here = cut_list(getattr(item, name))
        setattr(item, name, values)
        cut |= cut_here
    item.truncated = cut
    item.body_normalized = search_form(item.body)
    item.cleaned = True


class CleanPipeline(CrawlerComponent):
    """Cleans title, summary, body, authors, section, tags, source, captions and embed texts
    (``clean_article``; already done for an item read in a worker process). Drops an article
    whose body is empty once cleaned (``newscrawler/dropped/empty_body``), and counts one that was
    cut to its bounds (``newscrawler/truncated``; a body past ``NEWSCRAWLER_MAX_BODY_BYTES``,
    default 1 MB)."""

    def process_item(self, item: Article) -> Article:
        if not item.cleaned:
            with timed(self.stats, "clean"):
                clean_article(item, setting(self.settings, "NEWSCRAWLER_MAX_BODY_BYTES"))
        if not item.body:
            self.stats.inc_value("newscrawler/dropped/empty_body")
            raise DropItem(f"empty body after cleaning: {item.url}")
        if item.truncated:
            self.stats.inc_value("newscrawler/truncated")
            logger.info("Truncated to %d bytes of body: %s", len(item.body.encode("utf-8")), item.url)
        return item
