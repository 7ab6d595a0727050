"""The article a JavaScript application keeps in its script state, read without a browser.

Next.js writes the page's data into ``<script id="__NEXT_DATA__" type="application/json">``, Nuxt 2
into ``window.__NUXT__=…``, other applications into ``window.__INITIAL_STATE__ = {…}`` and its
kin. Wherever it is, an article in it is an object with a headline and a body long enough to be a
story; the longest such body wins. The body may be HTML (``"<p>…</p>"``), a string, or a list of
rich-text blocks (Portable Text, Draft.js, Editor.js, Contentful…): each block becomes a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

from newscrawler.extract.blocks import blocks_of
from newscrawler.extract.js_literal import NotALiteral, parse_literal
from newscrawler.extract.structured import names

TITLE_KEYS = ("headline", "title", "name")
BODY_KEYS = ("articleBody", "body", "content", "content_html", "contentHtml", "html", "text", "bodyHtml", "story")
PUBLISHED_KEYS = ("datePublished", "publishedAt", "published_at", "publishDate", "publishedDate", "publicationDate",
                  "firstPublished", "date", "createdAt", "created_at", "pubDate")
MODIFIED_KEYS = ("dateModified", "updatedAt", "updated_at", "modifiedAt", "lastModified")
SUMMARY_KEYS = ("description", "dek", "excerpt", "summary", "standfirst", "subtitle")
AUTHOR_KEYS = ("author", "authors", "byline")
TAG_KEYS = ("tags", "keywords")
SECTION_KEYS = ("section", "category", "articleSection")
#: A body shorter than this is a teaser in a list of other articles, not the story.
MIN_STATE_BODY = 200
MAX_NODES = 200_000
_STATE_ASSIGNMENT = re.compile(r"(?:window|self)\s*\.\s*(__[A-Za-z_]+__|__[A-Z_]{3,})\s*=\s*")


@dataclass
class StateArticle:
    title: str
    paragraphs: list[str]
    published: str | None = None
    modified: str | None = None
    summary: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    section: str | None = None

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


def script_states(selector) -> list:
    """The state objects the page's scripts hold."""
    found = []
    for script in selector.xpath('//script[@type="application/json" or not(@type) or @type="text/javascript"]'):
        text = script.xpath("string()").get() or ""
        # One attribute read: parsel's .attrib reads them all, and a broken page can have a name
        # lxml cannot read back ("Invalid tag name").
        if script.root.get("type") == "application/json":
            if text.lstrip().startswith("{"):
                found.append(_parsed(text))
            continue
        for match in _STATE_ASSIGNMENT.finditer(text):
            found.append(_parsed(_literal_after(text, match.end())))
    return [state for state in found if state is not None]


def _parsed(text: str):
    try:
        return parse_literal(text)
    except (NotALiteral, ValueError, RecursionError):
        return None


def _literal_after(text: str, start: int) -> str:
    """The literal that starts at ``text[start]``: up to the ``;`` or the line end that closes it."""
    level, quote, escaped = 0, None, False
    for index in range(start, len(text)):
        ch = text[index]
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in "{[(":
            level += 1
        elif ch in "}])":
            level -= 1
        elif level == 0 and ch in ";\n":
            return text[start:index]
    return text[start:]


def state_article(states: list) -> StateArticle | None:
    """The article in the page's state: the object with a headline and the longest body."""
    best: StateArticle | None = None
    seen = 0
    stack = list(states)
    while stack and seen < MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        stack.extend(node.values())
        candidate = _article_of(node)
        if candidate and (best is None or len(candidate.body) > len(best.body)):
            best = candidate
    return best


def _article_of(node: dict) -> StateArticle | None:
    title = next((v.strip() for k in TITLE_KEYS if isinstance(v := node.get(k), str) and v.strip()), None)
    if not title:
        return None
    for key in BODY_KEYS:
        if key in node and len(body := "\n".join(paragraphs := _paragraphs(node[key]))) >= MIN_STATE_BODY:
            return StateArticle(
                title=title,
                paragraphs=paragraphs,
                published=_first_string(node, PUBLISHED_KEYS),
                modified=_first_string(node, MODIFIED_KEYS),
                summary=_first_string(node, SUMMARY_KEYS),
                authors=names(_first_present(node, AUTHOR_KEYS)),
                tags=names(_first_present(node, TAG_KEYS)),
                section=next(iter(names(_first_present(node, SECTION_KEYS))), None),
            ) if body else None
    return None


def _paragraphs(value) -> list[str]:
    """A body as lines: HTML parsed into blocks, a string split at line breaks, a list of
    rich-text blocks one line each."""
    if isinstance(value, str):
        if "<" in value and re.search(r"<(?:p|div|h\d|li|br|blockquote)\b", value, re.IGNORECASE):
            fragment = lxml_html.fragment_fromstring(value, create_parent="div")
            return [b.text for b in blocks_of(fragment, "") if b.text]
        return [line.strip() for line in value.split("\n") if line.strip()]
    if isinstance(value, list):
        lines = []
        for item in value:
            text = "".join(_texts(item)) if not isinstance(item, str) else item  # spans carry their own spaces
            text = " ".join(text.split())
            if text:
                lines.append(text)
        return lines
    if isinstance(value, dict):  # {"html": "…"}, {"blocks": […]}, {"json": …}
        for key in ("html", "blocks", "content", "children", "value", "text"):
            if key in value:
                return _paragraphs(value[key])
    return []


def _texts(item) -> list[str]:
    """The text of one rich-text block, its spans in order ("children"/"text"/"value")."""
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [t for sub in item for t in _texts(sub)]
    if isinstance(item, dict):
        for key in ("text", "value"):
            if isinstance(item.get(key), str):
                return [item[key]]
        for key in ("children", "content", "data"):
            if key in item:
                return _texts(item[key])
    return []


def _first_present(node: dict, keys):
    return next((node[k] for k in keys if node.get(k)), None)


def _first_string(node: dict, keys) -> str | None:
    value = _first_present(node, keys)
    return value.strip() if isinstance(value, str) and value.strip() else None
