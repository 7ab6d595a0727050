"""Page furniture: what is removed from the DOM before any text is taken, what is recorded
first, and what is marked as furniture for the content rules to judge.

Order matters, and ``prepare`` keeps it:

1. embeds (tweets, Instagram, TikTok, YouTube) are recorded and replaced by ``embed`` blocks;
2. figures become ``image`` blocks;
3. read-also link lists (the outlet's selectors, or a container labelled "اقرأ أيضا") become
   ``links`` blocks, before the rules below would throw them away as related links;
4. what is furniture by nature is removed: scripts and styles, hidden elements, navigation,
   dialogs, page-level headers and footers, forms and asides that do not hold the article;
5. what is furniture by name is only *marked* (``Furniture.marked``): a class or id that says
   comments, consent, share, related, sidebar… is evidence, not a verdict. An outlet's body
   selector drops marked elements inside the body; the generic content rules weigh them against
   what they hold (``content.py``), so that an article wrapper called "content-sidebar-wrap"
   survives and a comments block full of long comments still loses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from newscrawler.extract.blocks import Block, blocks_of, class_words, is_inside
from newscrawler.extract.css import select
from newscrawler.extract.http_urls import http_url
from newscrawler.extract.markers import is_read_also_label

REMOVED_TAGS = frozenset("script style noscript template iframe svg canvas object embed map".split())
#: Controls, removed unless broken markup left one open around the article (an unclosed
#: <button> in the header swallows the rest of the page).
CONTROL_TAGS = frozenset("button select input textarea".split())
#: Furniture by nature, unless it wraps the article: ASP.NET pages put everything in one <form>.
FURNITURE_TAGS = frozenset({"form", "nav", "aside", "dialog"})
#: ARIA roles that say the same of any element.
FURNITURE_ROLES = frozenset({"navigation", "complementary", "dialog", "alertdialog", "search", "menu", "menubar"})
#: header and footer are page furniture unless they sit inside the article (where a header holds
#: the title and a footer the tags).
PAGE_LEVEL_TAGS = frozenset({"header", "footer"})
PAGE_LEVEL_ROLES = frozenset({"banner", "contentinfo"})
#: Tags and attributes that may make an element furniture by nature (``_is_furniture``).
NATURE_TAGS = REMOVED_TAGS | CONTROL_TAGS | FURNITURE_TAGS | PAGE_LEVEL_TAGS
NATURE_ATTRIBUTES = frozenset({"hidden", "style", "role", "aria-modal"})

#: Class or id words (split on "-", "_" and camelCase) that name what is never the article, however
#: much text it holds: comments and consent banners. Kept only when it holds the page's <h1>.
COMMENT_AND_CONSENT_WORDS = frozenset(
    """comment comments commentlist commentform disqus respond replies
    cookie cookies cookiebot cookielaw consent gdpr onetrust didomi usercentrics""".split()
)
#: Words that name furniture: kept when the element holds most of the page's prose (then it is a
#: layout wrapper that happens to be named after its neighbour) or the <h1>.
FURNITURE_WORDS = frozenset(
    """ad ads adv advert adverts advertisement advertising adsbygoogle adslot adunit dfp gpt
    sponsor sponsored taboola outbrain mgid promo
    share shares sharing sharedaddy addthis sharethis social socials
    breadcrumb breadcrumbs
    newsletter subscribe subscription signup
    related relatedposts
    mostread popular trending
    sidebar pagination pager modal popup toolbar
    testimonial testimonials disclosure disclosures disclaimer
    cta recommend recommended recommendations recirculation upsell
    sronly""".split()
)
#: With "author", words that name the box about the author after an article ("author-box").
AUTHOR_BOX_WORDS = frozenset({"box", "bio", "info", "card", "profile", "about", "details", "description"})
#: Words that name the page's frame. Weighed like the words above by the generic rules, but not
#: dropped for an outlet's selectors, whose body may sit in an "article-header".
LAYOUT_WORDS = frozenset(
    {"header", "footer", "colophon", "masthead", "banner", "navbar", "navigation", "menu", "prev", "previous"}
)
#: Words that name furniture only when the element's content agrees (mostly links, or little text).
WEAK_FURNITURE_WORDS = frozenset({"print", "tags", "author", "bio", "meta", "caption", "credit", "credits", "photo"})
#: Words that name furniture only when the element is mostly links: page builders call every
#: text section of an article a widget.
LINKS_FURNITURE_WORDS = frozenset({"widget", "widgets"})
#: Words that name a picture's wrapper: with one <img> and a short text, it is a figure.
FIGURE_WORDS = frozenset({"caption", "figure", "photo"})
MAX_CAPTION_CHARS = 300
#: A read-also label is short, and says "also" or "likewise" in one of its spellings (a cheap
#: look before the marker's full pattern).
MAX_LABEL_CHARS = 40
_MAYBE_LABEL = re.compile("ي[\u064B-\u0652\u0670\u0640]*ض|ك[\u064B-\u0652\u0670\u0640]*ذ|also", re.IGNORECASE)
#: A read-also card holds a label, a linked headline and at most this much text (a teaser line).
MAX_CARD_TEXT = 300
FURNITURE_CLASS_NAMES = frozenset(
    {"sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "most-read",
     "jp-relatedposts", "more-on", "read-more", "readmore", "tags-links"}
)

#: The page's own frame: WordPress names <body> after everything the page has ("comments-open").
UNMARKED_TAGS = frozenset({"html", "body", "head", "main", "article", "link", "meta", "img"})

#: Elements that hold text rather than frame it.
TEXT_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "span", "strong", "em", "b", "i", "a", "blockquote"})

_CLASS_WORDS = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")


@dataclass
class Furniture:
    """What ``prepare`` found: placeholder blocks by element, and elements marked as furniture by
    their names, with the kind of the mark (see ``furniture_mark``)."""

    placeholders: dict = field(default_factory=dict)
    marked: dict = field(default_factory=dict)
    #: Elements holding a recorded embed or read-also list.
    holders: set = field(default_factory=set)


def furniture_mark(element, names: str | None = None) -> str | None:
    """``comments`` (comments, consent), ``named`` (share, related, sidebar…), ``layout``
    (header, footer, menu), ``weak`` (caption, author…), ``links`` (widget) or None, from the
    element's class and id (``names``: the two as "class id", when already read)."""
    return _mark(_names(element) if names is None else names, element.tag in TEXT_TAGS)


@lru_cache(maxsize=4096)
def _mark(names: str, is_text: bool) -> str | None:
    """``furniture_mark`` of an element with these class and id names; ``is_text``: one of the
    TEXT_TAGS (a site repeats its names on every page)."""
    words = name_words(names)
    if not words:
        return None
    if words & COMMENT_AND_CONSENT_WORDS:
        return "comments"
    if words & FURNITURE_WORDS or set(names.lower().split()) & FURNITURE_CLASS_NAMES \
            or "author" in words and words & AUTHOR_BOX_WORDS:
        return "named"
    if words & LAYOUT_WORDS and not is_text:  # an <h2 class="header-anchor"> heads the text
        return "layout"
    if words & WEAK_FURNITURE_WORDS:
        return "weak"
    if words & LINKS_FURNITURE_WORDS:
        return "links"
    return None


def names_of(class_name: str, identifier: str) -> str:
    """An element's class and id as one string, "class id": what its furniture mark is read from."""
    return f"{class_name} {identifier}"


def _names(element) -> str:
    return names_of(element.get("class") or "", element.get("id") or "")


def _words(element) -> frozenset[str]:
    """The words of an element's class and id, split on "-", "_" and camelCase."""
    return name_words(_names(element))


@lru_cache(maxsize=4096)
def name_words(names: str) -> frozenset[str]:
    if names.lower() == names:  # no camelCase to split
        return class_words(names)
    return frozenset(w.lower() for w in _CLASS_WORDS.split(names) if w)


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style


def holds_article(element) -> bool:
    """Safety: never remove what holds the title or the article's prose."""
    if element.tag == "article" or next(element.iterdescendants("h1"), None) is not None:
        return True
    long_paragraphs = [p for p in element.iter("p") if len("".join(p.itertext()).strip()) >= 80]
    return len(long_paragraphs) >= 3 and not _link_dominated(element)


def _link_dominated(element) -> bool:
    text = len("".join(element.itertext()).strip())
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return text > 0 and links / text >= 0.5


# ---------------------------------------------------------------- embeds and images


def canonical_tweet_url(href: str) -> str:
    parts = urlsplit(href)
    host = "twitter.com" if parts.netloc.lower() in ("x.com", "www.x.com", "www.twitter.com", "mobile.twitter.com") else parts.netloc.lower()
    return urlunsplit(("https", host, parts.path.rstrip("/"), "", ""))


def _embed_block(element, base_url: str) -> Block | None:
    tag = element.tag
    classes = (element.get("class") or "").lower()
    if tag == "blockquote" and "twitter-tweet" in classes:
        status = [a.get("href") for a in element.iter("a") if "/status/" in (a.get("href") or "")]
        text = " ".join(_tweet_text(p) for p in element.iter("p")).strip()
        status_url = http_url(status[-1], base_url) if status else None
        url = canonical_tweet_url(status_url) if status_url else None
        return Block("embed", data={"type": "tweet", "url": url, "text": " ".join(text.split()) or None})
    if tag == "blockquote" and ("instagram-media" in classes or "tiktok-embed" in classes):
        kind = "instagram" if "instagram" in classes else "tiktok"
        url = http_url(element.get("data-instgrm-permalink") or element.get("cite"), base_url)
        return Block("embed", data={"type": kind, "url": url, "text": None})
    if tag == "iframe":
        src = http_url(element.get("src") or element.get("data-src"), base_url)
        host = urlsplit(src).netloc.lower() if src else ""
        for kind, hosts in (("youtube", ("youtube.com", "youtube-nocookie.com", "youtu.be")),
                            ("facebook", ("facebook.com",)), ("twitter", ("twitter.com", "x.com"))):
            if any(host == h or host.endswith("." + h) for h in hosts):
                return Block("embed", data={"type": kind, "url": src, "text": None})
    return None


def _tweet_text(paragraph) -> str:
    """The tweet's words, without the pic.twitter.com link that stands for its media."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        if isinstance(child.tag, str):  # a comment's text is not the tweet's, its tail is
            child_text = "".join(child.itertext())
            if not (child.tag == "a" and child_text.strip().startswith(("pic.twitter.com", "pic.x.com"))):
                parts.append(child_text)
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _is_figure(element) -> bool:
    """A <figure>, or a picture with its caption in a wrapper named for it ("wp-caption")."""
    if element.tag == "figure":
        return True
    if not isinstance(element.tag, str) or not FIGURE_WORDS & _words(element):
        return False
    return sum(1 for _ in element.iter("img")) == 1 and len("".join(element.itertext()).strip()) <= MAX_CAPTION_CHARS


def _image_block(figure, base_url: str) -> Block | None:
    img = next(iter(figure.iter("img")), None)
    if img is None:
        return None
    src = http_url(img.get("data-src"), base_url) or http_url(img.get("src"), base_url)
    if src is None:  # none, or data:, javascript: …
        return None
    captions = [" ".join("".join(c.itertext()).split()) for c in figure.iter("figcaption")]
    own_text = " ".join("".join(figure.itertext()).split())  # a caption paragraph beside the picture
    caption = next((c for c in captions if c), None) or own_text or (img.get("alt") or "").strip() or None
    return Block("image", data={"url": src, "caption": caption})


# ---------------------------------------------------------------- read-also link lists


def links_block(container, base_url: str, page_url: str) -> Block | None:
    """A read-also list: the container's links, deduplicated, in page order."""
    seen: dict[str, str] = {}
    for block in blocks_of(container, base_url):
        for link in block.links:
            url = link.url.split("#")[0]
            is_other_page = http_url(url) is not None and url.rstrip("/") != page_url.split("#")[0].rstrip("/")
            if is_other_page and not seen.get(url):
                seen[url] = link.text
    if not seen:
        return None
    return Block("links", data={"links": [{"url": u, "text": t} for u, t in seen.items()]})


def _starts_with_read_also_label(element) -> bool:
    first_text = next((t.strip() for t in element.itertext() if t.strip()), "")
    return len(first_text) <= MAX_LABEL_CHARS and _MAYBE_LABEL.search(first_text) is not None \
        and is_read_also_label(first_text)


def may_be_label(text: str) -> bool:
    """Short enough to be a read-also label, and saying "also" in one of its spellings: a cheap
    look before the marker's full pattern (most texts hold none of the letters it starts with)."""
    return (len(text) <= MAX_LABEL_CHARS or len(text.strip()) <= MAX_LABEL_CHARS) \
        and ("ي" in text or "ك" in text or "l" in text or "L" in text) and _MAYBE_LABEL.search(text) is not None


def _label_led(holders: list) -> set:
    """Every element whose first words are a read-also label: found from the elements that hold a
    short text that may be one, up as far as the label stays first."""
    led = set()
    for holder in holders:
        while holder is not None and holder not in led and _starts_with_read_also_label(holder):
            led.add(holder)
            holder = holder.getparent()
    return led


def _labelled_read_also(element, led: set) -> bool:
    """A container whose first words are "اقرأ أيضا" and that holds links: mostly links (a list
    of headlines), or a card (a linked headline, a picture, a line of teaser)."""
    if element not in led:
        return False
    texts = [t.strip() for t in element.itertext() if t.strip()]
    body = sum(len(t) for t in texts[1:])
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    if not any(a.get("href") for a in element.iter("a")):
        return False
    return links / max(body, 1) >= 0.6 or (links > 0 and body <= MAX_CARD_TEXT)


# ---------------------------------------------------------------- the whole preparation


def prepare(root, index, *, base_url: str, page_url: str, read_also_selectors=(), removal_selectors=()) -> Furniture:
    """Mutate ``root`` (the page, read by ``index``): record placeholders, remove furniture by
    nature, mark furniture by name."""
    found = Furniture()
    placeholders = found.placeholders
    figures = [element for element in index.figures if _is_figure(element)]
    for element in list(root.iter("blockquote", "iframe")):
        if (block := _embed_block(element, base_url)) is not None:
            placeholders[element] = block
    for figure in _outermost(figures):
        if (block := _image_block(figure, base_url)) is not None:
            placeholders[figure] = block
    containers = [e for css in read_also_selectors for e in select(root, css, index)]
    led = _label_led(index.label_holders)
    containers += [
        e for e in root.iter("div", "section", "aside", "ul", "ol", "nav")
        if e in led and e not in containers and _labelled_read_also(e, led)
    ]
    for container in _outermost(containers):
        if (block := links_block(container, base_url, page_url)) is not None:
            placeholders[container] = block
        else:
            _drop(container)
    for css in removal_selectors:
        for element in select(root, css, index):
            _drop(element)
    found.holders = {a for element, block in placeholders.items() if block.kind != "image" for a in element.iterancestors()}
    # What is left under the root, but for placeholders and what they hold: furniture by nature
    # goes, in page order (what a removed element holds goes with it); what stays is marked.
    alive = set(root.iter())
    alive.discard(root)
    for element in placeholders:
        alive.difference_update(element.iter())
    for element in index.nature:
        if element in alive and _is_furniture(element):
            alive.difference_update(element.iter())
            _drop(element)
    # A block labelled "اقرأ أيضا" is read-also, whatever its class ("related-read-also").
    found.marked = {element: mark for element, names in index.named.items()
                    if element in alive and element.tag not in UNMARKED_TAGS and (mark := furniture_mark(element, names))
                    and element not in led}
    return found


def drop_marked(furniture: Furniture) -> None:
    """For an outlet's selectors: furniture named as such goes, unless it holds the article.
    Frame and weak names stay: the outlet's selectors say where the article is."""
    for element, mark in furniture.marked.items():
        # A wrapper named like furniture ("related_post_wrapper") that holds a recorded embed or
        # read-also list stays; sidebars and navigation went whatever they held.
        if mark in ("comments", "named") and element not in furniture.holders and element.getparent() is not None \
                and not holds_article(element):
            _drop(element)
    furniture.marked.clear()


def _is_furniture(element) -> bool:
    tag = element.tag.lower()
    if tag in REMOVED_TAGS:
        return True
    if tag in CONTROL_TAGS or _hidden(element):
        # Hidden until a script shows it: React streams a page's content into <div hidden>.
        return not holds_article(element)
    role = (element.get("role") or "").lower()
    if tag in FURNITURE_TAGS or role in FURNITURE_ROLES or element.get("aria-modal") == "true":
        return not holds_article(element)
    if tag in PAGE_LEVEL_TAGS or role in PAGE_LEVEL_ROLES:
        return not is_inside(element, "article") and not holds_article(element)
    return False


def _outermost(elements: list) -> list:
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def _drop(element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = _settable((previous.tail or "") + tail)
        else:
            parent.text = _settable((parent.text or "") + tail)


#: What lxml refuses to set as text, though its HTML parser keeps it from a page: C0 controls but
#: tab and line breaks, and the two non-characters U+FFFE and U+FFFF.
_NOT_SETTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _settable(text: str) -> str:
    return _NOT_SETTABLE.sub("", text)
