"""DOM → blocks: every block element (p, h1–h6, li, blockquote, a div used as a paragraph, a
line ended by <br>) becomes its own block, so a heading is never glued to the text after it.

Elements replaced beforehand by a placeholder (tweets, images, read-also link lists) become one
block each, in page order, so that later steps know which part of the page they sat in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from newscrawler.extract.http_urls import joined

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul".split()
)
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
ITEM_TAGS = frozenset({"li", "dt", "dd"})


@dataclass
class Link:
    url: str
    text: str


@dataclass
class Block:
    """One paragraph-like unit of a page.

    ``kind`` is ``p``, ``h`` (heading, ``level`` 1–6), ``li``, ``quote``, or a placeholder kind:
    ``embed``, ``image``, ``links`` (a read-also list), whose details are in ``data``.
    """

    kind: str
    text: str = ""
    level: int = 0
    links: list[Link] = field(default_factory=list)
    link_chars: int = 0
    bold: bool = False
    data: dict = field(default_factory=dict)
    #: The block-level element the text sits in (for placeholders, the replaced element).
    element: object = field(default=None, repr=False, compare=False)

    @property
    def is_placeholder(self) -> bool:
        return self.kind in ("embed", "image", "links")

    @property
    def link_ratio(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0

    def is_link_list_item(self, max_chars: int = 160) -> bool:
        """A teaser or menu entry: short and mostly link text."""
        return bool(self.text) and len(self.text) <= max_chars and self.link_ratio >= 0.6


class _Builder:
    def __init__(self, root, base_url: str, placeholders: dict):
        self.base_url = base_url
        self.placeholders = placeholders
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.link_chars = 0
        self.bold_chars = 0
        self.context: list[tuple[str, int]] = [("p", 0)]
        self.elements: list = [root]
        self.page = base_url.split("#")[0]
        self.link_depth = 0
        self.bold_depth = 0
        #: Links being walked whose text was cut by a block inside them (<a><h4>…</h4></a>).
        self.open_links: list[str | None] = []

    def count(self, text: str) -> None:
        """Count ``text`` (just added to the block) as link or bold text, where it is one."""
        stripped = len(text.strip())
        if self.link_depth:
            self.link_chars += stripped
        if self.bold_depth:
            self.bold_chars += stripped

    def link_url(self, href: str | None) -> str | None:
        """Where a link leads, or None: nowhere (javascript:, mailto:, tel:), or to a place on the
        same page (a table of contents, a heading's anchor), whose text still counts as link text."""
        href = (href or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            return None
        try:
            url = _joined(self.base_url, href)
        except ValueError:  # "http://[::1" and the like: an address urljoin cannot read leads nowhere
            return None
        return None if "#" in href and url.split("#")[0] == self.page else url

    def flush(self) -> None:
        if not self.parts:  # nothing since the last block (the usual case at a block's edge)
            if self.links:
                self.links = []
            self.link_chars = self.bold_chars = 0
            return
        text = _spaced("".join(self.parts))
        if text:
            if self.open_links and self.open_links[-1] and self.link_chars >= len(text.replace(" ", "")) // 2:
                # A block inside a link (a linked headline: <a><h4>…</h4></a>) carries the link.
                self.links.append(Link(self.open_links[-1], text))
            kind, level = self.context[-1]
            self.blocks.append(
                Block(
                    kind=kind,
                    text=text,
                    level=level,
                    links=self.links,
                    link_chars=min(self.link_chars, len(text)),
                    bold=self.bold_chars >= 0.8 * len(text.replace(" ", "")),
                    element=self.elements[-1],
                )
            )
        self.parts, self.links, self.link_chars, self.bold_chars = [], [], 0, 0

    def walk(self, element) -> None:
        placeholder = self.placeholders.get(element)
        if placeholder is not None:
            self.flush()
            if isinstance(placeholder, list):  # the element's blocks, read already
                self.blocks += placeholder
                return
            placeholder.element = element
            self.blocks.append(placeholder)
            return
        tag = element.tag
        if not isinstance(tag, str):  # comment or processing instruction: only its tail is text
            return
        if tag == "br":  # lxml's HTML parser gives tag names in lower case
            self.flush()
            return
        is_block = tag in BLOCK_TAGS
        if is_block:
            self.flush()
            self.context.append(_block_kind(tag, self.context[-1]))
            self.elements.append(element)
        parts = self.parts
        link_start, blocks_before = len(parts), len(self.blocks)
        is_link = tag == "a"
        is_bold = tag == "b" or tag == "strong"
        if is_link:
            self.link_depth += 1
            self.open_links.append(self.link_url(element.get("href")))
        if is_bold:
            self.bold_depth += 1
        if text := element.text:
            parts.append(text)
            if self.link_depth or self.bold_depth:
                self.count(text)
        for child in element:
            self.walk(child)
            if tail := child.tail:
                parts = self.parts  # a block inside may have flushed
                parts.append(tail)
                if self.link_depth or self.bold_depth:
                    self.count(tail)
        if is_link:
            self.link_depth -= 1
            url = self.open_links.pop()
            if url and len(self.blocks) == blocks_before:  # else the blocks inside it carry it
                self.links.append(Link(url, _spaced("".join(self.parts[link_start:]))))
        if is_bold:
            self.bold_depth -= 1
        if is_block:
            self.flush()
            self.context.pop()
            self.elements.pop()


def _spaced(text: str) -> str:
    """``text`` with every run of whitespace one space, and none at its ends."""
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def _joined(base_url: str, href: str) -> str:
    """``joined`` (``urljoin``), remembered: a site's menus and footers repeat on every page."""
    return joined(base_url, href)


def _block_kind(tag: str, parent: tuple[str, int]) -> tuple[str, int]:
    if tag in HEADING_TAGS:
        return ("h", HEADING_TAGS[tag])
    if tag in ITEM_TAGS:
        return ("li", 0)
    if tag == "blockquote":
        return ("quote", 0)
    if parent[0] in ("h", "li", "quote") and tag not in ("p",):
        return parent
    if tag == "p" and parent[0] in ("li", "quote"):
        return parent
    return ("p", 0)


def blocks_of(root: etree._Element, base_url: str, placeholders: dict | None = None) -> list[Block]:
    """The blocks of ``root`` in document order; ``placeholders`` maps elements to a ready block
    (a tweet, a picture, a read-also list) or to the list of blocks read from them already."""
    builder = _Builder(root, base_url, placeholders or {})
    builder.walk(root)
    builder.flush()
    return builder.blocks


_NAME_SEPARATORS = re.compile(r"[-_\s]+")


@lru_cache(maxsize=4096)
def class_words(names: str) -> frozenset[str]:
    """The lower-case words of a class (or id) attribute, split on "-", "_" and spaces."""
    return frozenset(_NAME_SEPARATORS.split(names.lower())) - {""}


def is_inside(element, tag: str) -> bool:
    """Whether ``element`` has an ancestor ``tag``."""
    return any(a.tag == tag for a in element.iterancestors() if isinstance(a.tag, str))
