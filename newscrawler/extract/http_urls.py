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
        url = urljoin(base, value) if base else value
        parts = urlsplit(url)
    except ValueError:  # an unbalanced IPv6 bracket: no address at all
        return None
    if parts.scheme.lower() not in HTTP_SCHEMES or not parts.hostname:
        return None
    return url


def http_urls(values, base: str | None = None) -> list[str]:
    """The http(s) URLs among ``values``, made absolute, in order."""
    return [url for value in values if (url := http_url(value, base)) is not None]
