"""Page chrome: what is removed from the DOM before any text is taken, and what is recorded first.

Order matters, and ``prepare`` keeps it:

1. embeds (tweets, Instagram, TikTok, YouTube) are recorded and replaced by ``embed`` blocks;
2. figures become ``image`` blocks;
3. read-also link lists (the outlet's selectors, or a container labelled "اقرأ أيضا") become
   ``links`` blocks, before the generic rules below would throw them away as related links;
4. scripts, navigation, ad containers, share bars, breadcrumbs, related-link blocks,
   newsletter boxes and comments are removed.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from newscrawler.extract.blocks import Block, blocks_of, is_inside, select
from newscrawler.extract.markers import is_read_also_label

REMOVED_TAGS = frozenset(
    "script style noscript template iframe button select input textarea svg canvas object embed map".split()
)
#: Chrome by nature, unless it wraps the article: ASP.NET pages put everything in one <form>.
CHROME_TAGS = frozenset({"form", "nav", "aside", "dialog"})
#: header and footer are page chrome unless they sit inside the article (where a header holds
#: the title and a footer the tags).
PAGE_LEVEL_TAGS = frozenset({"header", "footer"})

#: class or id words (split on "-" and "_") that mark chrome.
CHROME_CLASS_WORDS = frozenset(
    """ad ads adv advert adverts advertisement advertising adsbygoogle adslot adunit dfp gpt
    sponsor sponsored taboola outbrain mgid promo
    share shares sharing sharedaddy addthis sharethis social socials
    breadcrumb breadcrumbs
    newsletter subscribe subscription signup
    comments comment disqus respond
    related relatedposts
    mostread popular trending
    sidebar widget pagination pager cookie cookies modal popup print toolbar
    sronly""".split()
)
CHROME_CLASS_NAMES = frozenset(
    {"sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "most-read",
     "jp-relatedposts", "more-on", "read-more", "readmore", "tags-links"}
)

_CLASS_SPLIT = re.compile(r"[-_]")


def _chrome_class(element) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower().split()
    for name in names:
        if name in CHROME_CLASS_NAMES or any(w in CHROME_CLASS_WORDS for w in _CLASS_SPLIT.split(name)):
            return True
    return False


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style


def _holds_article(element) -> bool:
    """Safety: never remove what holds the title or the article's prose."""
    if element.tag == "article" or element.xpath("boolean(.//h1)"):
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
        url = canonical_tweet_url(urljoin(base_url, status[-1])) if status else None
        return Block("embed", data={"type": "tweet", "url": url, "text": " ".join(text.split()) or None})
    if tag == "blockquote" and ("instagram-media" in classes or "tiktok-embed" in classes):
        kind = "instagram" if "instagram" in classes else "tiktok"
        url = element.get("data-instgrm-permalink") or element.get("cite")
        return Block("embed", data={"type": kind, "url": url, "text": None})
    if tag == "iframe":
        src = urljoin(base_url, element.get("src") or element.get("data-src") or "")
        host = urlsplit(src).netloc.lower()
        for kind, hosts in (("youtube", ("youtube.com", "youtube-nocookie.com", "youtu.be")),
                            ("facebook", ("facebook.com",)), ("twitter", ("twitter.com", "x.com"))):
            if any(host == h or host.endswith("." + h) for h in hosts):
                return Block("embed", data={"type": kind, "url": src, "text": None})
    return None


def _tweet_text(paragraph) -> str:
    """The tweet's words, without the pic.twitter.com link that stands for its media."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        child_text = "".join(child.itertext())
        if not (child.tag == "a" and child_text.strip().startswith(("pic.twitter.com", "pic.x.com"))):
            parts.append(child_text)
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _image_block(figure, base_url: str) -> Block | None:
    img = next(iter(figure.iter("img")), None)
    if img is None:
        return None
    src = img.get("data-src") or img.get("src") or ""
    if not src or src.startswith("data:"):
        return None
    captions = [" ".join("".join(c.itertext()).split()) for c in figure.iter("figcaption")]
    caption = captions[0] if captions and captions[0] else (img.get("alt") or "").strip() or None
    return Block("image", data={"url": urljoin(base_url, src), "caption": caption})


# ---------------------------------------------------------------- read-also link lists


def links_block(container, base_url: str, page_url: str) -> Block | None:
    """A read-also list: the container's links, deduplicated, in page order."""
    seen: dict[str, str] = {}
    for block in blocks_of(container, base_url):
        for link in block.links:
            url = link.url.split("#")[0]
            is_other_page = url.startswith("http") and url.rstrip("/") != page_url.split("#")[0].rstrip("/")
            if is_other_page and not seen.get(url):
                seen[url] = link.text
    if not seen:
        return None
    return Block("links", data={"links": [{"url": u, "text": t} for u, t in seen.items()]})


def _labelled_read_also(element) -> bool:
    """A container whose first words are "اقرأ أيضا" and whose content is mostly links."""
    first_text = next((t.strip() for t in element.itertext() if t.strip()), "")
    return is_read_also_label(first_text) and _link_dominated_after_label(element)


def _link_dominated_after_label(element) -> bool:
    texts = [t.strip() for t in element.itertext() if t.strip()]
    body = sum(len(t) for t in texts[1:])
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return links > 0 and links / max(body, 1) >= 0.6


# ---------------------------------------------------------------- the whole preparation


def prepare(root, *, base_url: str, page_url: str, read_also_selectors=(), removal_selectors=()) -> dict:
    """Mutate ``root`` (a private copy of the page) and return the placeholder blocks by element."""
    placeholders: dict = {}
    for element in list(root.iter("blockquote", "iframe")):
        if (block := _embed_block(element, base_url)) is not None:
            placeholders[element] = block
    for figure in list(root.iter("figure")):
        if (block := _image_block(figure, base_url)) is not None:
            placeholders[figure] = block
    containers = [e for css in read_also_selectors for e in select(root, css)]
    containers += [
        e for e in root.iter("div", "section", "aside", "ul", "ol", "nav")
        if e not in containers and _labelled_read_also(e)
    ]
    for container in _outermost(containers):
        if (block := links_block(container, base_url, page_url)) is not None:
            placeholders[container] = block
        else:
            _drop(container)
    for css in removal_selectors:
        for element in select(root, css):
            _drop(element)
    # A wrapper whose class looks like chrome ("related_post_wrapper") but holds a recorded embed
    # or read-also list is kept; sidebars and navigation go whatever they hold.
    holders = {a for element, block in placeholders.items() if block.kind != "image" for a in element.iterancestors()}
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element in placeholders or element.getparent() is None:
            continue
        if any(a in placeholders for a in element.iterancestors()):
            continue
        if _is_chrome(element, by_class=element not in holders):
            _drop(element)
    return placeholders


def _is_chrome(element, *, by_class: bool = True) -> bool:
    tag = element.tag.lower()
    if tag in REMOVED_TAGS or _hidden(element):
        return True
    if tag in CHROME_TAGS:
        return not _holds_article(element)
    if tag in PAGE_LEVEL_TAGS:
        return not is_inside(element, "article") and not element.xpath("boolean(.//h1)")
    return by_class and _chrome_class(element) and not _holds_article(element)


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
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
