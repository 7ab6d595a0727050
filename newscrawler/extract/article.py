"""Page → raw fields: structured data first, then the outlet's selectors, then generic rules.

``extract_page`` returns what is on the page, uncleaned: display cleaning and date parsing
happen once, downstream, in the pipelines.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from newscrawler.extract.blocks import Block, blocks_of, is_inside, select
from newscrawler.extract.content import article_blocks
from newscrawler.extract.furniture import drop_marked, prepare
from newscrawler.extract.markers import marker_of
from newscrawler.extract.js import is_javascript_shell
from newscrawler.extract.state import StateArticle, script_states, state_article
from newscrawler.extract.published import dateline, header_date, markup_dates, most_complete, second_opinion
from newscrawler.extract.sections import ReadAlso, Section, split_sections
from newscrawler.extract.structured import Metadata, read_metadata
from newscrawler.items import Article
from newscrawler.outlets import Outlet, Selectors
from newscrawler.urls import same_site

TEXT_KINDS = frozenset({"p", "h", "li", "quote"})
#: Below this much text a page is not an article, unless its structured data says it is one
#: (then a short brief of MIN_BRIEF_CHARS is).
MIN_ARTICLE_CHARS = 200
MIN_BRIEF_CHARS = 40
#: A page of linked headlines and teasers with less prose than this per entry is a listing.
LISTING_PROSE_PER_ENTRY = 200
#: A page whose structured data says it is a list, with less prose than this, is a listing.
LISTING_MAX_PROSE = 2000
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»«·•]\s+|\s*[|»«·•]\s*")


@dataclass
class ReadAlsoEntry:
    """A read-also child: its own URL when the page links it, and its content when the page
    embeds it (an Article whose url is still to be decided by whoever knows the parent's URL)."""

    url: str | None
    title: str | None
    embedded: Article | None = None


@dataclass
class PageExtraction:
    article: Article
    read_also: list[ReadAlsoEntry]
    canonical: str | None
    is_article: bool
    #: ``listing_page``, ``no_title``, ``too_little_text``, or ``javascript_shell`` (to render).
    why_not_article: str | None = None
    #: Whether the article was read from the page's script state rather than its markup.
    from_state: bool = False


def extract_page(html: str, url: str, outlet: Outlet | None = None) -> PageExtraction:
    selector = Selector(text=html or "<html></html>")
    base_url = selector.xpath("//base/@href").get() or url
    meta = read_metadata(selector, base_url)
    date_in_url = url_date(url)
    selectors = outlet.selectors_for(meta.published or meta.published_tag or date_in_url) if outlet else Selectors()
    visible = _visible_fields(selector, selectors)
    root = copy.deepcopy(selector.root)
    furniture = prepare(
        root, base_url=base_url, page_url=url,
        read_also_selectors=selectors.read_also, removal_selectors=selectors.remove,
    )
    placeholders = furniture.placeholders
    if outlet is not None and (outlet.whole_page or selectors.body):
        drop_marked(furniture)  # furniture by name goes before an outlet's selectors apply; generic rules weigh it
    body = next(iter(root.iter("body")), root)
    page = blocks_of(body, base_url, placeholders)
    blocks, regions, whole_page, others = _article_blocks(root, page, selectors, outlet, base_url, furniture, url)
    h1_text = next((b.text for b in blocks if b.kind == "h" and b.level == 1), None) or visible.get("h1")
    # The outlet's own title selector first: it was chosen knowing the outlet's structured data
    # (LBCI's JSON-LD headline carries escaped quotes, for one).
    title = _first(visible.get("title"), meta.title, meta.og_title, h1_text, meta.html_title)
    site_names = ((outlet.site_names if outlet else ()) + ((meta.site_name,) if meta.site_name else ()))
    title = strip_site_name(title, site_names)
    if whole_page:
        blocks = _after_title(blocks, title)
    elif blocks and blocks[0].kind in TEXT_KINDS and blocks[0].text == title:
        blocks = blocks[1:]
    parent = split_sections(blocks)
    _add_lists_outside(parent, root, blocks, placeholders)
    article, read_also = _from_section(parent, title=title, url=url, outlet=outlet)
    article.summary = _first(visible.get("summary"), meta.description)
    # A site-wide default in the meta author ("akhbarelyom") is not a byline; the outlet's own
    # byline is, even when it names the outlet.
    article.authors = _people(meta.authors + meta.author_tags, site_names, outlet) or visible.get("authors") or parent.authors or meta.authors
    article.section = _first(meta.section, visible.get("section"))
    # Visible tags first: JSON-LD keywords and news_keywords are often site-wide SEO lists.
    article.tags = visible.get("tags") or parent.tags or meta.tags or meta.keywords
    outside_furniture = [b for b in page if not others or not _inside(b.element, others)]
    page_markers = {} if whole_page else _page_markers(outside_furniture)
    markup = markup_dates(root, others)
    header = header_date(outside_furniture, blocks) if not whole_page else None
    published = [meta.published, visible.get("published"), markup.published, meta.published_tag, markup.first_time]
    modified = [meta.modified, visible.get("modified"), markup.modified, meta.modified_tag]
    if outlet is not None and outlet.visible_dates_first and visible.get("published"):
        published, modified = [visible.get("published")], [visible.get("modified")]
    article.published_raw = most_complete(
        published + [parent.published_raw, page_markers.get("published"), header, dateline(blocks)], date_in_url,
        second_opinion(selector.root, url))
    article.modified_raw = most_complete(modified + [parent.modified_raw, page_markers.get("modified")])
    article.source = article.source or page_markers.get("source")
    captions = {b.data["url"]: b.data["caption"] for b in placeholders.values() if b.kind == "image"}
    lead = [{"url": u, "caption": captions.get(u)} for u in meta.images[:1]]
    article.images = _merge_images(lead + _selected_images(selector, selectors.images, base_url), article.images)
    article.language = _language(meta.language, article.body, outlet)
    for entry in read_also:
        if entry.embedded is not None:
            entry.embedded.language = article.language
    is_article, why = _looks_like_article(article, blocks, meta, url)
    from_state = False
    if not is_article:
        # An application keeps its article in script state, readable without a browser; a shell
        # without one is rendered by the spider.
        state = state_article(script_states(selector))
        if state is not None:
            article, read_also, is_article, why, from_state = _from_state(article, state), [], True, None, True
        elif is_javascript_shell(selector):
            why = "javascript_shell"
    return PageExtraction(article, read_also, meta.canonical, is_article, why, from_state)


def _from_state(article: Article, state: StateArticle) -> Article:
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


def _people(names: list[str], site_names, outlet: Outlet | None) -> list[str]:
    """Authors, without the site's own name standing in for one ("akhbarelyom", "المدينة نيوز")."""
    not_people = {" ".join(n.split()).casefold() for n in site_names if n}
    if outlet is not None:
        not_people |= {outlet.name.casefold(), *(d.casefold() for d in outlet.domains), *(d.split(".")[0] for d in outlet.domains)}
    return [n for n in names if " ".join(n.split()).casefold() not in not_people]


def _first(*values):
    return next((v for v in values if v), None)


def _visible_fields(selector: Selector, selectors: Selectors) -> dict:
    """Fields the outlet's selectors find on the untouched page."""

    def texts(css: str | None) -> list[str]:
        if not css:
            return []
        found = []
        for node in selector.css(css):
            value = node.attrib.get("datetime") or node.attrib.get("content") or " ".join(node.css("::text").getall())
            value = " ".join(value.split())
            if value:
                found.append(value)
        return found

    fields = {
        "title": _first(*texts(selectors.title)),
        "published": _first(*texts(selectors.published)),
        "modified": _first(*texts(selectors.modified)),
        "summary": _first(*texts(selectors.summary)),
        "section": _first(*texts(selectors.section)),
        "authors": list(dict.fromkeys(texts(selectors.authors))),
        "tags": list(dict.fromkeys(texts(selectors.tags))),
        "h1": _first(*[" ".join(" ".join(t.split()) for t in h.css("::text").getall()).strip() for h in selector.css("h1")]),
    }
    return {key: value for key, value in fields.items() if value}


def _article_blocks(root, page: list[Block], selectors: Selectors, outlet: Outlet | None, base_url: str, furniture,
                    url: str):
    """The article's blocks: the whole page's (aggregators read by markers), those of every element
    the outlet's body selector matches (a lead and a text, say), or those the generic content
    rules choose among the ``page``'s blocks. Also returns the elements that hold the article,
    whether it is the whole page, and the furniture that holds other articles' dates (related
    lists, cards, sidebars)."""
    body = next(iter(root.iter("body")), root)
    if outlet is not None and outlet.whole_page:
        return page, [body], True, set()
    if selectors.body:
        # The most specific matches: a selector may name both a wrapper and the text inside it
        # (".article-body, article"), or two parts side by side (a lead and a text).
        matches = select(root, selectors.body)
        inside_others = {a for m in matches for a in m.iterancestors()}
        innermost = [m for m in matches if m not in inside_others]
        if any("".join(m.itertext()).strip() for m in innermost):
            return [b for region in innermost for b in blocks_of(region, base_url, furniture.placeholders)], innermost, False, set()
    content = article_blocks(page, body, furniture.marked, url)
    others = {e for e in content.furniture if furniture.marked.get(e) not in ("weak", "links", "layout")}
    return content.blocks, [content.container], False, others


def _after_title(blocks: list[Block], title: str | None) -> list[Block]:
    """On a whole page, the article starts after its title: the h1, or the block that reads as
    the title (legacy layouts print it in a table cell)."""
    for index, block in enumerate(blocks):
        if block.kind == "h" and block.level == 1:
            return blocks[index + 1:]
    for index, block in enumerate(blocks):
        if title and block.text and " ".join(block.text.split()) == title:
            return blocks[index + 1:]
    return blocks


def _add_lists_outside(parent: Section, root, blocks: list[Block], placeholders: dict) -> None:
    """Read-also lists outside the article's blocks still belong to the page, in page order."""
    taken = {id(b) for b in blocks}
    order = {element: index for index, element in enumerate(root.iter())}
    first = next((order[b.element] for b in blocks if b.element in order), 0)
    before, after = [], []
    for element, block in placeholders.items():
        if block.kind != "links" or id(block) in taken or element not in order:
            continue
        (before if order[element] < first else after).append((order[element], block))

    def entries(found):
        return [ReadAlso(link["url"], link["text"]) for _, block in sorted(found, key=lambda x: x[0]) for link in block.data["links"]]

    parent.read_also = entries(before) + parent.read_also + entries(after)


def _from_section(section: Section, *, title: str | None, url: str, outlet: Outlet | None) -> tuple[Article, list[ReadAlsoEntry]]:
    article = Article(
        url=url,
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
    entries = []
    for entry in section.read_also:
        child = None
        if entry.child is not None:
            child, _ = _from_section(entry.child, title=entry.child.title, url=entry.url or "", outlet=outlet)
        entries.append(ReadAlsoEntry(entry.url, entry.title, child))
    return article, entries


def _page_markers(page: list[Block]) -> dict[str, str]:
    """Marker lines anywhere on the page ("المصدر: …", "تم نشره …"): outlets print them outside
    the body block, around the title."""
    found: dict[str, str] = {}
    for block in page:
        if block.text and len(block.text) <= 90:
            marker = marker_of(block.text)
            value = marker.value.strip(" .:-–—") if marker else ""
            if marker is not None and marker.kind in ("source", "published", "modified") and value:
                found.setdefault(marker.kind, value)
    return found


def _inside(element, elements: set) -> bool:
    return element is not None and (element in elements or any(a in elements for a in element.iterancestors()))


#: Dates in URL paths: /2020/8/24/, /2020-06-03-…, /20250430/, /202003171044893040-…
_URL_DATES = (
    re.compile(r"/((?:19|20)\d{2})/(?:[a-z_-]+/)?(\d{1,2})/(\d{1,2})(?=/)"),
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?=[-/.]|$)"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=\d{0,12}(?:[-/.]|$))"),
)


def url_date(url: str) -> str | None:
    """The publication day an outlet writes into its URLs, as YYYY-MM-DD, or None."""
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        if match := pattern.search(path):
            year, month, day = (int(part) for part in match.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _time_datetime(region, *, anywhere: bool) -> str | None:
    """The first ``<time datetime>`` of the article. Across a whole page, only one inside an
    <article> or marked as the publication date counts: a header clock is not the article's date."""
    for element in region.iter("time"):
        value = (element.get("datetime") or "").strip()
        marked = element.get("itemprop") == "datePublished" or element.get("pubdate") is not None
        if value and (anywhere or marked or is_inside(element, "article")):
            return value
    return None


def _selected_images(selector: Selector, css: str | None, base_url: str) -> list[dict]:
    """Pictures the outlet's ``images`` selector points at: <img> elements, or <figure>s."""
    if not css:
        return []
    found = []
    for node in selector.css(css):
        image = node if node.root.tag == "img" else node.css("img")
        src = image.attrib.get("data-src") or image.attrib.get("src") if image else None
        if src and not src.startswith("data:"):
            caption = " ".join(" ".join(node.css("figcaption ::text").getall()).split()) or image.attrib.get("alt") or None
            found.append({"url": urljoin(base_url, src), "caption": caption})
    return found


def _merge_images(lead: list[dict], body: list[dict]) -> list[dict]:
    merged: dict[str, dict] = {}
    for image in lead + body:
        known = merged.get(image["url"])
        if known is None:
            merged[image["url"]] = dict(image)
        elif not known.get("caption"):
            known["caption"] = image.get("caption")
    return list(merged.values())


def strip_site_name(title: str | None, site_names) -> str | None:
    """'عنوان الخبر | الجزيرة نت' → 'عنوان الخبر' when the last (or first) part names the site."""
    if not title:
        return title
    title = " ".join(title.split())
    names = {" ".join(n.split()).casefold() for n in site_names if n}
    if not names:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) >= 2 and parts[-1].strip().casefold() in names:
        return title[: title.rfind(parts[-1])].rstrip(" |-–—:»«·•")
    if len(parts) >= 2 and parts[0].strip().casefold() in names:
        return title[len(parts[0]):].lstrip(" |-–—:»«·•")
    return title


def _arabic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= ch <= "\u06FF" or "\u0750" <= ch <= "\u077F" for ch in letters) / len(letters)


ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ku", "ckb", "sd", "ug"})


def _language(declared: str | None, body: str, outlet: Outlet | None) -> str | None:
    """The declared language, unless the text says otherwise (pages declaring en-US over Arabic)."""
    if body and _arabic_share(body) > 0.5 and declared not in ARABIC_SCRIPT_LANGUAGES:
        return outlet.language if outlet and outlet.language in ARABIC_SCRIPT_LANGUAGES else "ar"
    return declared or (outlet.language if outlet else None)


def _looks_like_article(article: Article, blocks: list[Block], meta: Metadata, url: str) -> tuple[bool, str | None]:
    """Listing, section, tag, search and home pages are not articles: they say so in structured
    data and hold little prose, or they are made of linked headlines and teaser lines rather than
    paragraphs."""
    prose = sum(len(line) for line in article.body.split("\n") if len(line) >= 80)
    if meta.is_listing and prose < LISTING_MAX_PROSE:  # a long review may mark up its ranking as an ItemList
        return False, "listing_page"
    if not meta.is_article:
        # Linked headlines and teaser lines leading to other pages of the site, with at most an
        # excerpt each; a story or a guide whose sections head with links says more under each.
        entries = len({b.links[0].url for b in blocks if b.kind in TEXT_KINDS and b.links and b.link_ratio >= 0.6
                       and (b.kind == "h" or b.is_link_list_item()) and same_site(b.links[0].url, url, None)})
        if entries >= 3 and prose < LISTING_PROSE_PER_ENTRY * entries:
            return False, "listing_page"
    if not article.title:
        return False, "no_title"
    if len(article.body) < (MIN_BRIEF_CHARS if meta.is_article else MIN_ARTICLE_CHARS):
        return False, "too_little_text"
    return True, None
