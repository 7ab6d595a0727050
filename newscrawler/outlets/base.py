"""What an outlet module declares: one ``Outlet`` value, no code unless the outlet is unusual."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

SourceKind = Literal["sitemap", "sitemap_index", "news_sitemap", "feed", "section", "robots"]


@dataclass(frozen=True)
class Discovery:
    """Where an outlet lists its articles. ``verified`` is False for every address that could not
    be checked from this project's offline machines; the README lists them as unverified."""

    url: str
    kind: SourceKind
    verified: bool = False


@dataclass(frozen=True)
class Selectors:
    """CSS selectors for what structured data does not give. Every one is optional."""

    title: str | None = None
    body: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: str | None = None
    section: str | None = None
    tags: str | None = None
    summary: str | None = None
    #: The article's own pictures (<img> or <figure> elements) when they sit outside the body.
    images: str | None = None
    #: Link-only read-also blocks ("اقرأ أيضا" lists), recorded as the page's read-also children.
    read_also: tuple[str, ...] = ()
    #: Further chrome inside the body that the generic rules do not catch.
    remove: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """Selectors used for pages published from ``since`` on (a layout change gets a new one)."""

    since: str  # ISO date
    selectors: Selectors


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    timezone: str
    discovery: tuple[Discovery, ...] = ()
    #: Regex on the URL path of an article page; links elsewhere on a section page are ignored.
    article_path: str = r"."
    selectors: Selectors = field(default_factory=Selectors)
    layouts: tuple[Layout, ...] = ()
    needs_js: bool = False
    language: str = "ar"
    #: Names the site appends to titles (" | الجزيرة نت").
    site_names: tuple[str, ...] = ()
    #: Path prefixes the outlet owns on its domains, when it shares them (bbc.com/arabic).
    path_prefixes: tuple[str, ...] = ()
    #: The parser that reads the outlet's pages: a subclass of ``newscrawler.extract.ArticleParser``
    #: declared in the outlet's own module, overriding the one step it reads differently; None
    #: for the default parser.
    parser: type | None = None

    def matching_domain(self, url: str) -> str | None:
        """The longest of this outlet's domains that holds ``url``'s host, or None."""
        parts = urlsplit(url)
        return self.matching_host((parts.hostname or "").lower()) if self.holds_path(parts.path) else None

    def holds_path(self, path: str) -> bool:
        """Whether the outlet owns ``path`` on its domains (any path, unless it has path prefixes)."""
        return not self.path_prefixes or any(path.startswith(prefix) for prefix in self.path_prefixes)

    def matching_host(self, host: str) -> str | None:
        """The longest of this outlet's domains that is ``host`` (lower case) or holds it, or None."""
        matches = [d for d in self.domains if host == d or host.endswith("." + d)]
        return max(matches, key=len, default=None)

    def owns(self, url: str) -> bool:
        return self.matching_domain(url) is not None

    def is_article_url(self, url: str) -> bool:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.owns(url) and re.search(self.article_path, path) is not None

    def selectors_for(self, published: str | None) -> Selectors:
        """The layout in force on ``published`` (an ISO date, YYYY-MM-DD…); the default selectors
        when the date is unknown or no layout is declared."""
        if not published:
            return self.selectors
        chosen = self.selectors
        for layout in sorted(self.layouts, key=lambda layout: layout.since):
            if published[:10] >= layout.since:
                chosen = layout.selectors
        return chosen
