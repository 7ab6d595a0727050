"""Sections → finished documents: the page's article and its embedded read-also children, with
their URLs, parents and origin decided here, once.

The page's URL is its canonical one when that is on the same site; a child's is its own link,
normalised, or ``PARENT#read-also-N`` when the page does not link it (N counts the page's
read-also entries from 1, in page order). The parent lists every child in ``read_also_urls``;
each embedded child lists the parent in ``parent_urls``. Only http(s) URLs are kept
(``http_urls.http_url``): a read-also entry whose link is ``javascript:`` or ``mailto:`` is
dropped, unless the page holds its text (it then gets a derived URL, as an unlinked one does).
"""

from __future__ import annotations

from datetime import datetime

from newscrawler.extract.http_urls import http_url, http_urls
from newscrawler.extract.sections import Section
from newscrawler.extract.version import EXTRACTOR_VERSION
from newscrawler.items import Article
from newscrawler.outlets.base import Outlet
from newscrawler.urls import derived_child_url, document_url, normalize_url, normalized_urls

TEXT_KINDS = frozenset({"p", "h", "li", "quote"})


def section_article(section: Section, *, url: str, title: str | None, outlet: Outlet | None) -> Article:
    """The raw fields one section holds (text, pictures, embeds, its own markers)."""
    return Article(
        url=url,
        extractor_version=EXTRACTOR_VERSION,
        outlet=outlet.name if outlet else "generic",
        title=title,
        body="\n".join(b.text for b in section.blocks if b.kind in TEXT_KINDS),
        source=section.source,
        tags=list(section.tags),
        published_raw=section.published_raw,
        modified_raw=section.modified_raw,
        images=[dict(b.data) for b in section.blocks if b.kind == "image"],
        embeds=[dict(b.data) for b in section.blocks if b.kind == "embed"],
        timezone=outlet.timezone if outlet else "UTC",
    )


def finish(article: Article, parent: Section, *, request_url: str, canonical: str | None, outlet: Outlet | None,
           parents: list[str], fetched_at: datetime | None) -> list[Article]:
    """The page's article with its URL and links decided, then its embedded children."""
    article.url = document_url(request_url, canonical, outlet)
    article.fetched_at = fetched_at
    article.parent_urls = normalized_urls(http_urls(parents), exclude=article.url)
    children, links = [], []
    for position, entry in enumerate(parent.read_also, start=1):
        entry_url = http_url(entry.url)
        if entry.url and entry_url is None and entry.child is None:
            continue  # a link to a script, a mail address …: no article behind it
        child_url = normalize_url(entry_url) if entry_url else derived_child_url(article.url, position)
        links.append(child_url)
        if entry.child is not None:
            child = section_article(entry.child, url=child_url, title=entry.child.title, outlet=outlet)
            child.origin, child.parent_urls = "embedded", [article.url]
            child.language = article.language
            children.append(child)
    article.read_also_urls = normalized_urls(links, exclude=article.url)
    return [article, *(child for child in children if child.url != article.url)]
