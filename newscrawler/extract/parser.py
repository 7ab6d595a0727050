"""The default reading of an article page, one step per method.

``ArticleParser.read`` takes a parsed ``Page`` to finished documents: the article's blocks, its
title, the split into the article and its read-also children, the fields structured data and the
outlet's selectors give, the dates, and the verdict whether this is an article at all. Plain
outlets are data (``outlets/``); an outlet with an oddity subclasses this class in its own module
and overrides the one step it reads differently (arabkhabar: the whole page is the article;
youm7: the visible date line before the machine dates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime

from newscrawler.extract.blocks import Block
from newscrawler.extract.content import article_blocks
from newscrawler.extract.css import select
from newscrawler.extract.documents import TEXT_KINDS, finish, section_article
from newscrawler.extract.fields import language, merge_images, people, strip_site_name
from newscrawler.extract.furniture import drop_marked
from newscrawler.extract.js import is_javascript_shell
from newscrawler.extract.markers import marker_of
from newscrawler.extract.page import Page, first
from newscrawler.extract.published import dateline, header_date, markup_dates, most_complete, second_opinion
from newscrawler.extract.sections import ReadAlso, Section, split_sections
from newscrawler.extract.state import StateArticle, script_states, state_article
from newscrawler.items import Article
from newscrawler.urls import same_site

#: Below this much text a page is not an article, unless its structured data says it is one
#: (then a short brief of MIN_BRIEF_CHARS is).
MIN_ARTICLE_CHARS = 200
MIN_BRIEF_CHARS = 40
#: A page of at least this many linked headlines and teasers, with less prose than this per
#: entry, is a listing; on a page the outlet's article URL pattern does not match, fewer suffice.
LISTING_PROSE_PER_ENTRY = 200
MIN_LISTING_ENTRIES = 5
MIN_ENTRIES_OFF_PATTERN = 3
#: … unless it has this much prose of its own beside the teasers (a guide's introduction).
MIN_OWN_PROSE = 400
#: A page whose structured data says it is a list, with less prose than this, is a listing.
LISTING_MAX_PROSE = 2000


@dataclass
class Regions:
    """Where the article is: its blocks, the elements that hold them, and the furniture that holds
    other articles (related lists, cards, sidebars: never a source of the article's dates)."""

    blocks: list[Block]
    elements: list
    others: set = field(default_factory=set)

    @cached_property
    def inside(self) -> set:
        """Every element of the article's regions."""
        return {e for element in self.elements for e in element.iter()}

    @cached_property
    def others_inside(self) -> set:
        return {e for element in self.others for e in element.iter()}


@dataclass
class PageExtraction:
    """What a page holds: its article (read even when it is not one, for the record) and the
    embedded read-also children, finished."""

    article: Article
    children: list[Article]
    is_article: bool
    #: ``listing_page``, ``no_title``, ``too_little_text``, or ``javascript_shell`` (to render).
    why_not_article: str | None = None
    #: Whether the article was read from the page's script state rather than its markup.
    from_state: bool = False

    @property
    def articles(self) -> list[Article]:
        """The documents to store: the page's article, then its embedded children."""
        return [self.article, *self.children] if self.is_article else []


class ArticleParser:
    """How an article page is read. Each step is a method an outlet may override."""

    def __init__(self, outlet=None):
        self.outlet = outlet

    def read(self, page: Page, *, parents: list[str] = (), fetched_at: datetime | None = None) -> PageExtraction:
        regions = self.article_blocks(page)
        title = self.title(page, regions.blocks)
        blocks = regions.blocks
        if blocks and blocks[0].kind in TEXT_KINDS and blocks[0].text == title:
            blocks = blocks[1:]
        parent = split_sections(blocks)
        self.add_lists_outside(page, parent, blocks)
        article = section_article(parent, url=page.url, title=title, outlet=self.outlet)
        meta, visible = page.meta, page.visible
        article.summary = first(visible.get("summary"), meta.description)
        site_names = self.site_names(page)
        # A site-wide default in the meta author ("akhbarelyom") is not a byline; the outlet's own
        # byline is, even when it names the outlet.
        article.authors = people(meta.authors + meta.author_tags, site_names, self.outlet) or visible.get("authors") \
            or parent.authors or meta.authors
        article.section = first(meta.section, visible.get("section"))
        # Visible tags first: JSON-LD keywords and news_keywords are often site-wide SEO lists.
        article.tags = visible.get("tags") or parent.tags or meta.tags or meta.keywords
        around = [b for b in page.blocks if b.element not in regions.others_inside]
        markers = page_markers([b for b in around if b.element not in regions.inside])
        article.source = article.source or markers.get("source")
        article.published_raw, article.modified_raw = self.dates(page, parent, blocks, around, regions, markers)
        captions = {b.data["url"]: b.data["caption"] for b in page.furniture.placeholders.values() if b.kind == "image"}
        lead = [{"url": u, "caption": captions.get(u)} for u in meta.images[:1]]
        article.images = merge_images(lead + page.images,
                                      article.images)
        article.language = language(meta.language, article.body, self.outlet)
        is_article, why = self.verdict(page, article, blocks)
        from_state = False
        if not is_article:
            # An application keeps its article in script state, readable without a browser; a
            # shell without one is rendered by the spider.
            state = state_article(script_states(page.untouched))
            if state is not None:
                article, parent, is_article, why, from_state = with_state(article, state), Section(), True, None, True
            elif is_javascript_shell(page.untouched):
                why = "javascript_shell"
        articles = finish(article, parent, request_url=page.url, canonical=meta.canonical, outlet=self.outlet,
                          parents=list(parents), fetched_at=fetched_at)
        return PageExtraction(articles[0], articles[1:], is_article, why, from_state)

    # ------------------------------------------------------------------ the steps

    def article_blocks(self, page: Page) -> Regions:
        """The blocks of every element the outlet's body selector matches (a lead and a text,
        say), or those the generic content rules choose. Furniture by name goes before an outlet's
        selectors apply; the generic rules weigh it."""
        if page.selectors.body:
            drop_marked(page.furniture)
            # The most specific matches: a selector may name both a wrapper and the text inside it
            # (".article-body, article"), or two parts side by side (a lead and a text).
            matches = select(page.root, page.selectors.body, page.index)
            inside_others = {a for m in matches for a in m.iterancestors()}
            innermost = [m for m in matches if m not in inside_others]
            if any("".join(m.itertext()).strip() for m in innermost):
                blocks = [b for m in innermost for b in page.blocks_of(m)]
                return Regions(blocks, innermost)
        content = article_blocks(page.blocks, page.body, page.furniture.marked, page.url)
        others = {e for e in content.furniture if page.furniture.marked.get(e) not in ("weak", "links", "layout")}
        return Regions(content.blocks, [content.container], others)

    def site_names(self, page: Page) -> tuple[str, ...]:
        return (self.outlet.site_names if self.outlet else ()) + ((page.meta.site_name,) if page.meta.site_name else ())

    def title(self, page: Page, blocks: list[Block]) -> str | None:
        """The outlet's own title selector first: it was chosen knowing the outlet's structured
        data (LBCI's JSON-LD headline carries escaped quotes, for one); then JSON-LD, OpenGraph,
        the article's <h1>, the page's <title>."""
        h1 = next((b.text for b in blocks if b.kind == "h" and b.level == 1), None) or page.visible.get("h1")
        meta = page.meta
        return strip_site_name(first(page.visible.get("title"), meta.title, meta.og_title, h1, meta.html_title),
                               self.site_names(page))

    def add_lists_outside(self, page: Page, parent: Section, blocks: list[Block]) -> None:
        """Read-also lists outside the article's blocks still belong to the page, in page order."""
        taken = {id(b) for b in blocks}
        order = {element: index for index, element in enumerate(page.root.iter())}
        start = next((order[b.element] for b in blocks if b.element in order), 0)
        before, after = [], []
        for element, block in page.furniture.placeholders.items():
            if block.kind != "links" or id(block) in taken or element not in order:
                continue
            (before if order[element] < start else after).append((order[element], block))

        def entries(found):
            return [ReadAlso(link["url"], link["text"]) for _, block in sorted(found, key=lambda x: x[0])
                    for link in block.data["links"]]

        parent.read_also = entries(before) + parent.read_also + entries(after)

    def dates(self, page: Page, parent: Section, blocks: list[Block], around: list[Block], regions: Regions,
              markers: dict) -> tuple[str | None, str | None]:
        """(published, modified) as the page states them, most reliable first: structured data,
        the outlet's date line, markup (itemprop, microformats), meta tags, the page's first
        <time>, a date line heading the text, marker lines around it, the date line under the
        headline, a wire dateline; the URL's day and htmldate's reading as second opinions."""
        meta, visible = page.meta, page.visible
        markup = markup_dates(page.root, regions.others, page.index.dated)
        published = most_complete(
            [meta.published, visible.get("published"), markup.published, meta.published_tag, markup.first_time,
             parent.published_raw, markers.get("published"), header_date(around, blocks), dateline(blocks)],
            page.url_day, lambda: second_opinion(page.html, page.url))
        modified = most_complete([meta.modified, visible.get("modified"), markup.modified, meta.modified_tag,
                                  parent.modified_raw, markers.get("modified")])
        return published, modified

    def verdict(self, page: Page, article: Article, blocks: list[Block]) -> tuple[bool, str | None]:
        """Listing, section, tag, search and home pages are not articles: they say so in structured
        data and hold little prose, or they are made of linked headlines and teaser lines rather
        than paragraphs."""
        meta = page.meta
        prose = sum(len(line) for line in article.body.split("\n") if len(line) >= 80)
        if meta.is_listing and prose < LISTING_MAX_PROSE:  # a long review may mark up its ranking as an ItemList
            return False, "listing_page"
        if not meta.is_article:
            # Linked headlines and teaser lines leading to other pages of the site, with at most an
            # excerpt each; a story or a guide whose sections head with links says more under each.
            # Fewer entries are enough on a page the outlet's URL pattern says is not an article.
            entries = len({b.links[0].url for b in blocks if b.kind in TEXT_KINDS and b.links and b.link_ratio >= 0.6
                           and (b.kind == "h" or b.is_link_list_item()) and same_site(b.links[0].url, page.url, None)})
            outside_pattern = self.outlet is not None and not self.outlet.is_article_url(page.url)
            if entries >= (MIN_ENTRIES_OFF_PATTERN if outside_pattern else MIN_LISTING_ENTRIES) \
                    and prose < LISTING_PROSE_PER_ENTRY * entries and own_prose(blocks) < MIN_OWN_PROSE:
                return False, "listing_page"
        if not article.title:
            return False, "no_title"
        if len(article.body) < (MIN_BRIEF_CHARS if meta.is_article else MIN_ARTICLE_CHARS):
            return False, "too_little_text"
        return True, None


def own_prose(blocks: list[Block]) -> int:
    """Characters of prose that is not a teaser's excerpt (a paragraph right after a linked
    headline): the page's own text, such as a guide's introduction."""
    own, after_entry = 0, False
    for block in blocks:
        if not block.text:
            continue
        if block.links and block.link_ratio >= 0.6 and (block.kind == "h" or block.is_link_list_item()):
            after_entry = True
            continue
        if len(block.text) >= 80 and block.link_ratio < 0.5:
            own += 0 if after_entry else len(block.text)
            after_entry = False
    return own


def page_markers(blocks: list[Block]) -> dict[str, str]:
    """Marker lines around the article ("المصدر: …", "تم نشره …"): outlets print them outside the
    body block, near the title."""
    found: dict[str, str] = {}
    for block in blocks:
        if block.text and len(block.text) <= 90:
            marker = marker_of(block.text)
            value = marker.value.strip(" .:-–—") if marker else ""
            if marker is not None and marker.kind in ("source", "published", "modified") and value:
                found.setdefault(marker.kind, value)
    return found


def with_state(article: Article, state: StateArticle) -> Article:
    """The page's article as its script state holds it; what the state does not say comes from
    the page (structured data, meta tags)."""
    article.title = state.title
    article.body = state.body
    article.summary = state.summary or article.summary
    article.authors = state.authors or article.authors
    article.tags = state.tags or article.tags
    article.section = state.section or article.section
    article.published_raw = state.published or article.published_raw
    article.modified_raw = state.modified or article.modified_raw
    return article
