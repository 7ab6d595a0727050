"""The Article item: the single definition of the fields a document can have.

Spiders fill what the page says; the pipelines clean text, parse dates, normalise links and
add the crawl's bookkeeping; storage writes only these fields (``ARTICLE_FIELDS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Literal

Origin = Literal["page", "embedded"]


@dataclass
class Article:
    url: str
    outlet: str
    origin: Origin = "page"
    title: str | None = None
    summary: str | None = None
    body: str = ""
    body_normalized: str = ""
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    source: str | None = None
    language: str | None = None
    published_raw: str | None = None
    modified_raw: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    images: list[dict[str, str | None]] = field(default_factory=list)
    embeds: list[dict[str, str | None]] = field(default_factory=list)
    read_also_urls: list[str] = field(default_factory=list)
    parent_urls: list[str] = field(default_factory=list)
    fetched_at: datetime | None = None
    #: Whether the page held more than the bounds keep (a body past ``NEWSCRAWLER_MAX_BODY_BYTES``).
    truncated: bool = False
    #: The ``EXTRACTOR_VERSION`` of the code that read the page.
    extractor_version: str | None = None
    timezone: str = "UTC"
    #: Whether the text was cleaned and the dates read where the page was read (a worker process);
    #: the dates that could not be read, for the dates pipeline to count.
    cleaned: bool = False
    dated: bool = False
    unparsed_dates: list[str] = field(default_factory=list)


ARTICLE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article))

#: Fields that describe how the item was made rather than the article; never stored.
TRANSIENT_FIELDS = frozenset({"timezone", "cleaned", "dated", "unparsed_dates"})

#: Fields a crawl adds in storage (``changed_at`` only once a document has a second version).
BOOKKEEPING_FIELDS = ("version", "content_hash", "changed_at", "first_seen_at", "last_seen_at", "crawl_id")

#: Fields storage adds when it links a republished copy to its original (``storage/syndication.py``).
SYNDICATION_FIELDS = ("original_url", "original_found_by", "original_similarity", "copy_urls")

#: Every field of a stored document, in schema order.
DOCUMENT_FIELDS: tuple[str, ...] = tuple(
    name for name in ARTICLE_FIELDS if name not in TRANSIENT_FIELDS
) + SYNDICATION_FIELDS + BOOKKEEPING_FIELDS
