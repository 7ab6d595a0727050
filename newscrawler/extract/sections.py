"""Blocks → the article and its read-also children.

A page's blocks are read in order. Marker lines (``markers.py``) set the date, source and tags of
the section they sit in; "المصدر:", "كلمات دلالية:" and page-furniture headings close it. A
read-also marker opens either a link-only entry (the marker's own link, or a list of links after
it) or an embedded child: a title followed by prose, which runs until the next read-also marker,
a closing marker or the end of the page. Read-also content never lands in the parent's body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newscrawler.extract.blocks import Block, Link
from newscrawler.extract.markers import Marker, is_date_line, marker_of, split_list

MAX_TITLE_CHARS = 250
MIN_EMBEDDED_PROSE_CHARS = 120
MAX_LABEL_CHARS = 50
#: A line this long is prose: a date line after one is text, not the section's date.
MIN_PROSE_LINE = 80
#: A source or tags line ends its section when less prose than this follows it (or a quarter of
#: what precedes it).
CLOSING_MAX_AFTER = 200


@dataclass
class Section:
    """One article's share of the page: the parent's, or an embedded read-also child's."""

    title: str | None = None
    url: str | None = None
    blocks: list[Block] = field(default_factory=list)
    published_raw: str | None = None
    modified_raw: str | None = None
    source: str | None = None
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    read_also: list[ReadAlso] = field(default_factory=list)
    closed: bool = False
    #: The block that printed an embedded child's headline: a block of the same shape opens its
    #: next sibling (several sub-articles under one "اقرأ أيضاً").
    heading: Block | None = None


@dataclass
class ReadAlso:
    """A read-also entry: a link (``child`` is None) or an embedded child with its own section."""

    url: str | None
    title: str | None = None
    child: Section | None = None


def split_sections(blocks: list[Block]) -> Section:
    """Read ``blocks`` (already starting at the article) into the parent section."""
    parent = Section()
    current = parent
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "links":
            current.read_also += [ReadAlso(link["url"], link["text"]) for link in block.data["links"]]
            i += 1
            continue
        marker = marker_of(block.text) if block.text else None
        if marker and marker.kind == "read_also":
            entries, i = _read_also(blocks, i, marker, parent_closed=current.closed or current is not parent)
            parent.read_also += entries
            if entries and entries[-1].child is not None:
                current = entries[-1].child
            continue
        if marker:
            i = _apply_marker(current, marker, blocks, i)
            continue
        # A date line dates its section when it heads it (under the title, with a byline); in the
        # middle of the text it is text ("Released: June 17, 2025 by Tor Books").
        if block.text and not _has_prose(current) and is_date_line(block.text):
            current.published_raw = current.published_raw or block.text
            i += 1
            continue
        if current is not parent and _opens_sibling(current, blocks, i):
            current = Section(title=block.text, url=_first_url(block.links), heading=block)
            parent.read_also.append(ReadAlso(current.url, current.title, current))
            i += 1
            continue
        if not current.closed:
            current.blocks.append(block)
        i += 1
    for section in [parent, *(e.child for e in parent.read_also if e.child)]:
        section.blocks = _without_furniture(section.blocks)
    return parent


def _opens_sibling(child: Section, blocks: list[Block], i: int) -> bool:
    """Whether ``blocks[i]`` is the headline of the next sub-article after ``child``: printed
    like the child's own headline (a heading of its level, linked or not, or a linked line),
    followed by prose, once the child has text of its own."""
    block, heading = blocks[i], child.heading
    if heading is None or child.closed or not _has_prose(child) or not block.text or len(block.text) > MAX_TITLE_CHARS:
        return False
    same_shape = (block.kind == heading.kind == "h" and block.level == heading.level) or (
        block.is_link_list_item() and heading.is_link_list_item())
    return same_shape and _prose_follows(blocks, i + 1)


def _has_prose(section: Section) -> bool:
    return any(len(b.text) >= MIN_PROSE_LINE for b in section.blocks)


def _apply_marker(section: Section, marker: Marker, blocks: list[Block], i: int) -> int:
    block = blocks[i]
    if marker.kind == "published":
        section.published_raw = section.published_raw or marker.value
    elif marker.kind == "modified":
        section.modified_raw = section.modified_raw or marker.value
    elif marker.kind == "byline":
        section.authors = section.authors or [marker.value.strip(" .:-–—")]
    elif marker.kind == "source":
        value = marker.value.strip(" .:-–—")
        if not value and i + 1 < len(blocks) and len(blocks[i + 1].text) <= 80:
            i += 1
            value = blocks[i].text
        section.source = section.source or value or None
        section.closed = _ends_text(section, blocks, i)
    elif marker.kind == "tags":
        tags = [link.text for link in block.links if link.text and not marker_of(link.text)]
        if not tags and marker.value:
            tags = split_list(marker.value)
        while not tags and i + 1 < len(blocks) and blocks[i + 1].text and len(blocks[i + 1].text) <= 200:
            i += 1
            tags = [link.text for link in blocks[i].links if link.text] or split_list(blocks[i].text)
        section.tags = section.tags or tags
        section.closed = _ends_text(section, blocks, i)
    elif section.blocks:  # page furniture ("الأكثر قراءة", "التعليقات") after the article
        section.closed = True
    return i + 1


def _ends_text(section: Section, blocks: list[Block], i: int) -> bool:
    """Whether a closing marker (a source or tags line) at ``blocks[i]`` ends the section: when
    little prose follows it. Printed above the text (nothing yet, or only a standfirst), or in the
    middle of it (a picture credit, "Source: …"), it does not."""
    if not section.blocks:
        return False
    before = sum(len(b.text) for b in section.blocks if not b.is_link_list_item())
    after = _prose_after(blocks, i + 1, limit=before + 1)
    return after < CLOSING_MAX_AFTER or after * 4 <= before


def _prose_after(blocks: list[Block], j: int, *, limit: int) -> int:
    """Prose characters from ``blocks[j]`` up to the next read-also or furniture heading,
    counted up to ``limit`` (a credit line, "Source: …", may follow every picture)."""
    prose = 0
    for block in blocks[j:]:
        if block.is_placeholder:
            continue
        marker = marker_of(block.text)
        if marker and marker.kind in ("read_also", "end"):
            break
        if marker:
            continue
        if not block.is_link_list_item():
            prose += len(block.text)
        if prose >= limit:
            break
    return prose


def _read_also(blocks: list[Block], i: int, marker: Marker, *, parent_closed: bool) -> tuple[list[ReadAlso], int]:
    """Read the read-also entries that start at ``blocks[i]``; return them and the next index."""
    block = blocks[i]
    own_links = [link for link in block.links if link.text and not marker_of(link.text)]
    if own_links:  # "اقرأ أيضا: <a>title</a>" — one line, a link; the parent goes on after it
        return [ReadAlso(own_links[0].url, own_links[0].text)], i + 1
    title_text = marker.value.strip(" :-–—") or None
    title_links: list[Link] = []
    j = i + 1
    if title_text is None:
        while j < len(blocks) and blocks[j].is_placeholder and blocks[j].kind != "links":
            j += 1
        if j >= len(blocks) or blocks[j].kind == "links" or marker_of(blocks[j].text):
            return [], j  # an empty slot, or a list read at the top of the loop
        title_block = blocks[j]
        if title_block.is_link_list_item() and (
            not _prose_follows(blocks, j + 1) or (not parent_closed and title_block.kind != "h")
        ):
            return _link_list(blocks, j)
        title_text, title_links = title_block.text, title_block.links
        j += 1
    if len(title_text) > MAX_TITLE_CHARS or not _prose_follows(blocks, j):
        return [ReadAlso(_first_url(title_links), title_text)], j
    child = Section(title=title_text, url=_first_url(title_links), heading=blocks[j - 1] if j > i + 1 else None)
    return [ReadAlso(child.url, title_text, child)], j


def _link_list(blocks: list[Block], j: int) -> tuple[list[ReadAlso], int]:
    """Consecutive teaser lines after a read-also label: one link-only entry each."""
    entries = []
    while j < len(blocks) and blocks[j].is_link_list_item() and not marker_of(blocks[j].text):
        link = blocks[j].links[0]
        entries.append(ReadAlso(link.url, blocks[j].text))
        j += 1
    return entries, j


def _prose_follows(blocks: list[Block], j: int) -> bool:
    prose = 0
    for block in blocks[j:]:
        if block.is_placeholder:
            continue
        if marker_of(block.text):
            break
        if not block.is_link_list_item():
            prose += len(block.text)
        if prose >= MIN_EMBEDDED_PROSE_CHARS:
            return True
    return False


def _first_url(links: list[Link]) -> str | None:
    return links[0].url if links else None


def _is_label(block: Block) -> bool:
    """A short line that is not a sentence ("Table of contents", "Related"): it heads what follows."""
    return block.kind == "p" and len(block.text) <= MAX_LABEL_CHARS and block.text[-1:] not in ".!?؟…:;،,"


def _without_furniture(blocks: list[Block]) -> list[Block]:
    """Drop menu and teaser lines, and headings or labels that head nothing but such lines."""
    result: list[Block] = []
    for index, block in enumerate(blocks):
        if block.is_placeholder:
            result.append(block)
            continue
        if block.is_link_list_item():
            continue
        if block.kind == "h" or _is_label(block):
            following = next((b for b in blocks[index + 1:] if b.kind != "image"), None)
            if following is None and block.kind == "h" or following is not None and (
                following.is_link_list_item()
                or (block.kind == following.kind == "h" and following.level <= block.level)
            ):
                continue
        result.append(block)
    return result
