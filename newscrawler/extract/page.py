"""One page, parsed once and shared by every step of its reading.

``read_page`` parses the HTML once (lxml, through parsel) and walks it once (``index.py``). It
reads what it needs from the untouched tree first (structured data, the fields and pictures the
outlet's selectors find), then prepares that same tree for the text: placeholders recorded,
furniture by nature removed, furniture by name marked (``furniture.py``). The rare reading that
needs the untouched page again (script state, an application shell) parses it again
(``Page.untouched``). The page's blocks are made when first asked for, after the parser has decided
whether furniture by name goes (an outlet's selectors) or is weighed (the generic rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree
from parsel import Selector

from newscrawler.extract.blocks import Block, blocks_of
from newscrawler.extract.css import css_select, texts_under
from newscrawler.extract.fields import selected_images
from newscrawler.extract.furniture import Furniture, prepare
from newscrawler.extract.http_urls import http_url
from newscrawler.extract.index import PageIndex, index_page
from newscrawler.extract.source import root_of
from newscrawler.extract.structured import Metadata, read_metadata
from newscrawler.outlets.base import Outlet, Selectors
from newscrawler.urls import url_date


@dataclass
class Page:
    url: str
    #: The page's text, or its UTF-8 bytes (``source.py``).
    html: str | bytes
    base_url: str
    outlet: Outlet | None
    meta: Metadata
    #: The outlet's selectors for this page's layout (chosen by its date); empty for unknown sites.
    selectors: Selectors
    #: What those selectors find on the untouched page: title, published, modified, summary,
    #: section, authors, tags, and the page's first <h1>.
    visible: dict
    #: The pictures the outlet's ``images`` selector points at, with their captions.
    images: list[dict]
    #: What one walk over the untouched page found.
    index: PageIndex
    #: The prepared tree, its <body>, and what preparing it found.
    root: object
    body: object
    furniture: Furniture
    #: The day the URL names (/2025/05/12/…), YYYY-MM-DD.
    url_day: str | None = None
    #: Elements whose blocks were read before the whole page's (the article's, by an outlet's
    #: selectors): ``blocks`` takes them as they are instead of walking them again. They are what
    #: the walk would give, unless the element sits inside a list item, a heading, a quote, a
    #: link or bold text, whose kind the walk would carry into it: then the page's blocks keep
    #: the article's own reading.
    blocks_read: dict = field(default_factory=dict)

    @cached_property
    def blocks(self) -> list[Block]:
        """Every block of the prepared page, in order."""
        placeholders = self.furniture.placeholders
        return blocks_of(self.body, self.base_url, {**placeholders, **self.blocks_read} if self.blocks_read else placeholders)

    def blocks_of(self, element) -> list[Block]:
        """The blocks of ``element``, a part of the prepared page; ``blocks`` will not walk it again."""
        self.blocks_read[element] = blocks_of(element, self.base_url, self.furniture.placeholders)
        return self.blocks_read[element]

    @cached_property
    def untouched(self) -> Selector:
        """The page as it came, parsed again: the tree itself has been prepared."""
        return parse(self.html)

    @property
    def timezone(self) -> str:
        return self.outlet.timezone if self.outlet else "UTC"


def parse(html: str | bytes) -> Selector:
    """The page's tree (from its text or its UTF-8 bytes: ``source.py``), parsed as parsel would,
    but with lxml's plain elements: lxml.html's element classes are looked up in Python for every
    element a walk touches, and nothing here uses their methods."""
    return Selector(root=root_of(html, etree.HTMLParser), type="html")


def read_page(html: str | bytes, url: str, outlet: Outlet | None) -> Page:
    root = parse(html).root
    index = index_page(root)
    base = next((href for element in root.iter("base") if (href := element.get("href")) is not None), None)
    base_url = http_url(base, url) or url  # never a javascript: base
    meta = read_metadata(root, base_url, index.authors)
    day = url_date(url)
    selectors = outlet.selectors_for(meta.published or meta.published_tag or day) if outlet else Selectors()
    visible = visible_fields(root, selectors, index)
    images = selected_images(root, selectors.images, base_url, index)
    furniture = prepare(root, index, base_url=base_url, page_url=url, read_also_selectors=selectors.read_also,
                        removal_selectors=selectors.remove)
    return Page(url=url, html=html, base_url=base_url, outlet=outlet, meta=meta, selectors=selectors,
                visible=visible, images=images, index=index, root=root, body=next(iter(root.iter("body")), root),
                furniture=furniture, url_day=day)


def first(*values):
    return next((v for v in values if v), None)


def visible_fields(root, selectors: Selectors, index: PageIndex | None = None) -> dict:
    """Fields the outlet's selectors find on the untouched page (read by ``index``)."""

    def texts(css: str | None) -> list[str]:
        if not css:
            return []
        found = []
        for node in css_select(root, css, index):
            value = node.get("datetime") or node.get("content") or " ".join(texts_under(node))
            value = " ".join(value.split())
            if value:
                found.append(value)
        return found

    fields = {
        "title": first(*texts(selectors.title)),
        "published": first(*texts(selectors.published)),
        "modified": first(*texts(selectors.modified)),
        "summary": first(*texts(selectors.summary)),
        "section": first(*texts(selectors.section)),
        "authors": list(dict.fromkeys(texts(selectors.authors))),
        "tags": list(dict.fromkeys(texts(selectors.tags))),
        "h1": first(*[" ".join(" ".join(t.split()) for t in texts_under(h)).strip() for h in root.iter("h1")]),
    }
    return {key: value for key, value in fields.items() if value}

