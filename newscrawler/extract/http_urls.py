"""The one gate every URL a page offers passes before it becomes a field (a picture, an embed, a
read-also link, the canonical URL): made absolute, and kept only when it is http(s).

Pages carry ``javascript:``, ``data:``, ``mailto:`` and stranger schemes, written the way browsers
still accept them: in any case, after spaces or control characters, with tabs and line breaks
inside (``java&#10;script:``). They are read here as a browser reads them (the WHATWG URL
standard: C0 controls and spaces trimmed at both ends, tabs and newlines removed), so that none
slips through by its spelling.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

HTTP_SCHEMES = frozenset({"http", "https"})
#: What a browser trims from both ends of a URL (C0 controls and space) and removes inside it.
_C0_CONTROL_OR_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


#: An absolute http(s) URL, or a path from the root, written the plain way most links are: no
#: spaces or controls, no ";" parameters, no "#" fragment, no "?" without a query, and for an
#: absolute URL a host of letters, digits, dots and hyphens. ``urljoin`` gives such an absolute URL
#: back as it is, and such a path (without "." or ".." segments) after the base's scheme and host.
_PLAIN_ABSOLUTE = re.compile(r"https?://[A-Za-z0-9.\-]+(?::[0-9]*)?(?:/[^\x00-\x20;?#]*)?(?:\?[^\x00-\x20#]+)?")
_PLAIN_ROOTED = re.compile(r"(/(?!/)[^\x00-\x20;?#]*)(?:\?[^\x00-\x20#]+)?")
_DOT_SEGMENT = re.compile(r"/\.\.?(?:/|$)")


def joined(base: str, href: str) -> str:
    """``urljoin(base, href)``, without its parsing for the links most pages are made of (a plain
    absolute URL, a plain path from the root): the same string, several times sooner."""
    if _PLAIN_ABSOLUTE.fullmatch(href):
        return href
    if (rooted := _PLAIN_ROOTED.fullmatch(href)) and not _DOT_SEGMENT.search(rooted.group(1)) \
            and (origin := _origin(base)):
        return origin + href
    return urljoin(base, href)


@lru_cache(maxsize=256)
def _origin(base: str) -> str | None:
    """"scheme://host" of an http(s) ``base`` as ``urljoin`` reads it, or None (it then joins)."""
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in HTTP_SCHEMES and parts.netloc else None


@lru_cache(maxsize=8192)
def http_url(value: str | None, base: str | None = None) -> str | None:
    """``value`` made absolute against ``base``, when it is an http(s) URL with a host; else None.

    >>> http_url("/news/1", "https://site.example/a")
    'https://site.example/news/1'
    >>> http_url(" JavaScript:alert(1)", "https://site.example/a") is None
    True
    """
    if not isinstance(value, str):
        return None
    value = _TAB_OR_NEWLINE.sub("", value.strip(_C0_CONTROL_OR_SPACE))
    if not value:
        return None
    try:
        url = joined(base, value) if base else value
        parts = urlsplit(url)
    except ValueError:  # an unbalanced IPv6 bracket: no address at all
        return None
    if parts.scheme.lower() not in HTTP_SCHEMES or not parts.hostname:
        return None
    return url


def http_urls(values, base: str | None = None) -> list[str]:
    """The http(s) URLs among ``values``, made absolute, in order."""
    return [url for value in values if (url := http_url(value, base)) is not None]
