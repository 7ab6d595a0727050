"""Structured data: JSON-LD, OpenGraph and meta tags, <link rel=canonical>, <html lang>.

Only known keys are read, and only as strings: JSON-LD keys are never copied anywhere.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from lxml import etree

from newscrawler.extract.http_urls import http_url, http_urls

ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
     "backgroundnewsarticle", "blogposting", "liveblogposting", "reviewnewsarticle", "webpage",
     "report", "scholarlyarticle", "socialmediaposting"}
)
_TYPE_RANK = {"webpage": 1}
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})  # a WebPage node is used only when no article node exists


#: Meta tags (property, name or itemprop) that carry the publication and update dates.
PUBLISHED_TAGS = (
    "article:published_time", "og:published_time", "article:published", "datePublished", "pubdate", "publishdate",
    "publish-date", "published-date", "publish_date", "published_time", "publication_date", "date_published",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "DC.date.issued", "dcterms.issued", "DC.date.created",
    "dcterms.created", "citation_publication_date", "citation_date", "article.published", "originalpublicationdate",
    "date", "DC.date", "dc.date",
)
MODIFIED_TAGS = ("article:modified_time", "og:updated_time", "dateModified", "modified-date", "last-modified",
                 "dcterms.modified", "DC.date.modified", "article.updated")


#: A marked author longer than this is a box about the author, not a name.
MAX_AUTHOR_CHARS = 80


@dataclass
class Metadata:
    title: str | None = None
    og_title: str | None = None
    html_title: str | None = None
    site_name: str | None = None
    description: str | None = None
    #: From structured data (JSON-LD), and from meta tags.
    published: str | None = None
    modified: str | None = None
    published_tag: str | None = None
    modified_tag: str | None = None
    #: From structured data (JSON-LD, microdata), and from meta tags (often a site-wide default).
    authors: list[str] = field(default_factory=list)
    author_tags: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    canonical: str | None = None
    language: str | None = None
    is_article: bool = False
    is_listing: bool = False
    page_type: str | None = None


def _text(value) -> str | None:
    if isinstance(value, str):  # some publishers HTML-escape their JSON-LD ("&quot;")
        value = " ".join(html.unescape(value).split())
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def names(value) -> list[str]:
    """Names from a string, a number, a list, or objects with a ``name`` (or ``title``): JSON-LD
    authors and publishers, and the same shapes in script state."""
    if isinstance(value, list):
        return list(dict.fromkeys(n for item in value for n in names(item)))
    if isinstance(value, dict):
        name = _text(value.get("name")) or _text(value.get("title"))
        return [name] if name else []
    name = _text(value)
    return [name] if name else []


def _urls(value, nodes_by_id: dict | None = None) -> list[str]:
    if isinstance(value, dict) and isinstance(value.get("@list", value.get("@set")), list):
        value = value.get("@list", value.get("@set"))  # JSON-LD list syntax: {"@list": [...]}
    if isinstance(value, list):
        return [u for item in value for u in _urls(item, nodes_by_id)]
    if isinstance(value, dict):
        if set(value) == {"@id"} and nodes_by_id and value["@id"] in nodes_by_id:
            value = nodes_by_id[value["@id"]]  # Yoast: "image": {"@id": "…#primaryimage"}
        url = _text(value.get("url") or value.get("contentUrl"))
        return [url] if url else []
    url = _text(value)
    return [url] if url else []


def _types(node: dict) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower() for v in values if isinstance(v, str)}


def _nodes(data) -> list[dict]:
    if isinstance(data, list):
        return [n for item in data for n in _nodes(item)]
    if isinstance(data, dict):
        return [data, *_nodes(data.get("@graph", []))]
    return []


def json_ld_nodes(scripts: list[str]) -> list[dict]:
    nodes = []
    for script in scripts:
        try:
            nodes += _nodes(json.loads(script.strip().rstrip(";")))
        except (ValueError, RecursionError):
            continue
    return nodes


def json_ld_article(nodes: list[dict]) -> dict | None:
    """The page's article node (an article type before a WebPage)."""
    best, best_rank = None, 99
    for node in nodes:
        types = _types(node) & ARTICLE_TYPES
        if not types:
            continue
        rank = min(_TYPE_RANK.get(t, 0) for t in types)
        if rank < best_rank:
            best, best_rank = node, rank
    return best


def _keywords(value) -> list[str]:
    if isinstance(value, list):
        return [k for item in value for k in _keywords(item)]
    text = _text(value)
    return [k.strip() for k in re.split(r"[،,]", text) if k.strip()] if text else []


def _meta_tags(root) -> dict[str, list[str]]:
    """Every meta tag's non-empty content by its property, name or itemprop (lowercased), in page
    order: one pass over the page's meta elements."""
    tags: dict[str, list[str]] = {}
    for element in root.iter("meta"):
        value = " ".join((element.get("content") or "").split())
        if not value:
            continue
        for attribute in ("property", "name", "itemprop"):
            if key := (element.get(attribute) or "").strip().lower():
                tags.setdefault(key, []).append(value)
                if attribute == "itemprop":  # microdata, kept apart too: structured data, not a site default
                    tags.setdefault(f"itemprop:{key}", []).append(value)
    return tags


_MARKED_AUTHORS = etree.XPath('//*[@itemprop="author"]')
_MARKED_NAME = etree.XPath('string(.//*[@itemprop="name"])', smart_strings=False)
_STRING = etree.XPath("string(.)", smart_strings=False)
_AUTHOR_LINK = etree.XPath('string(//a[contains(concat(" ", normalize-space(@rel), " "), " author ")])', smart_strings=False)
_XML_LANG = etree.XPath("/html/@xml:lang", smart_strings=False)


def _microdata_authors(root, marked: list | None) -> list[str]:
    """Authors marked ``itemprop="author"`` (a meta tag's content, the nested ``itemprop="name"``,
    or the element's own short text: "كتبت: ريم عبد الله", whose byline word cleaning removes),
    else the first link marked ``rel="author"``."""
    found = []
    for element in _MARKED_AUTHORS(root) if marked is None else marked:
        if "organization" in (element.get("itemtype") or "").lower():
            continue  # the publisher standing in for a byline
        name = element.get("content") or _MARKED_NAME(element) or _STRING(element)
        name = " ".join((name or "").split())
        if name and len(name) <= MAX_AUTHOR_CHARS and not name.startswith("http"):
            found.append(name)
    if not found:  # a byline linking to the author's page: <a rel="author">
        byline = _AUTHOR_LINK(root)
        if (byline := " ".join((byline or "").split())) and len(byline) <= MAX_AUTHOR_CHARS:
            found.append(byline)
    return list(dict.fromkeys(found))


def read_metadata(root, base_url: str, marked_authors: list | None = None) -> Metadata:
    """Metadata from the page's root element; ``marked_authors``: its elements marked
    ``itemprop="author"``, when already found (``PageIndex.authors``)."""
    meta = Metadata()

    tags = _meta_tags(root)

    def content(*names: str) -> str | None:
        return next((tags[name.lower()][0] for name in names if name.lower() in tags), None)

    def contents(name: str) -> list[str]:
        return tags.get(name.lower(), [])

    nodes = json_ld_nodes([s.text for s in root.iter("script") if s.get("type") == "application/ld+json" and s.text])
    nodes_by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    node = json_ld_article(nodes) or {}
    types = _types(node)
    meta.page_type = next(iter(sorted(types)), None)
    meta.is_article = bool(types - {"webpage"})
    meta.title = _text(node.get("headline")) if meta.is_article else None
    meta.og_title = content("og:title", "twitter:title")
    meta.html_title = _text(" ".join(t for title in root.iter("title") for t in title.itertext()))
    publisher = node.get("publisher")
    meta.site_name = content("og:site_name") or (names(publisher)[0] if names(publisher) else None)
    meta.description = _text(node.get("description")) or content("og:description", "description", "twitter:description")
    meta.published = _text(node.get("datePublished")) or _text(node.get("dateCreated"))
    meta.modified = _text(node.get("dateModified"))
    meta.published_tag = content(*PUBLISHED_TAGS)
    meta.modified_tag = content(*MODIFIED_TAGS)
    meta.authors = names(node.get("author")) or _microdata_authors(root, marked_authors)
    meta.author_tags = [a for a in contents("author")[:1] + contents("article:author")[:1] if not a.startswith("http")]
    meta.section = _text(node.get("articleSection") if not isinstance(node.get("articleSection"), list) else (node["articleSection"] or [None])[0]) or content("article:section")
    meta.tags = contents("article:tag")
    meta.keywords = _keywords(node.get("keywords")) or _keywords(content("news_keywords"))
    image_urls = _urls(node.get("image"), nodes_by_id) + ([og] if (og := content("og:image", "twitter:image")) else [])
    meta.images = list(dict.fromkeys(http_urls(image_urls, base_url)))
    canonical = next((href for link in root.iter("link") if link.get("rel") == "canonical"
                      and (href := link.get("href")) is not None), None)
    meta.canonical = http_url(canonical, base_url) \
        or http_url(content("og:url"), base_url)
    html_lang = root.get("lang") if root.tag == "html" else None
    lang = html_lang or next(iter(_XML_LANG(root)), None) or content("og:locale") or _text(node.get("inLanguage"))
    meta.language = re.split(r"[-_]", lang.strip())[0].lower() if lang and lang.strip() else None
    meta.is_listing = not meta.is_article and any(_types(n) & LISTING_TYPES for n in nodes)
    if content("og:type") == "article" and not meta.is_listing:
        meta.is_article = True
    return meta
