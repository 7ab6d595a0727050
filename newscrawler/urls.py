"""URLs as documents are keyed: canonical, normalised, and derived for unlinked read-also children;
and the publication day a URL names."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from newscrawler.outlets.base import Outlet

READ_ALSO_FRAGMENT = "read-also-"
_SECOND_LEVEL_LABELS = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "news", "info"})


#: Query parameters that only track a click; they never select a different article.
TRACKING_PARAMETERS = re.compile(
    r"^(?:utm_\w+|relatedposts_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|ref_url|_ga|at_\w+)$"
)


def normalize_url(url: str) -> str:
    """w3lib's canonical form, without tracking parameters (utm_*, Jetpack's relatedposts_* …);
    the fragment is kept only on derived read-also URLs."""
    parts = urlsplit(url)
    if parts.query:
        kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMETERS.match(k)]
        url = urlunsplit(parts._replace(query=urlencode(kept)))
    keep = parts.fragment.startswith(READ_ALSO_FRAGMENT)
    return canonicalize_url(url, keep_fragments=keep)


def derived_child_url(parent_url: str, position: int) -> str:
    """The stable URL of the ``position``-th (from 1) read-also section, when the page gives none."""
    return normalize_url(f"{parent_url.split('#')[0]}#{READ_ALSO_FRAGMENT}{position}")


def registered_domain(host: str) -> str:
    """example.com for www.example.com; example.com.eg for news.example.com.eg."""
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL_LABELS and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(url: str, other: str, outlet: Outlet | None) -> bool:
    if outlet is not None:
        return outlet.owns(url)
    host, other_host = urlsplit(url).hostname or "", urlsplit(other).hostname or ""
    return bool(host) and registered_domain(host) == registered_domain(other_host)


def document_url(request_url: str, canonical: str | None, outlet: Outlet | None) -> str:
    """The page's ``rel=canonical`` when it is on the same registered domain (and not the home
    page standing in for every page), else the request URL; normalised either way."""
    if canonical and canonical.startswith(("http://", "https://")) and same_site(canonical, request_url, outlet):
        canonical_path = urlsplit(canonical).path.strip("/")
        if canonical_path or not urlsplit(request_url).path.strip("/"):
            return normalize_url(canonical)
    return normalize_url(request_url)


def normalized_urls(urls: list[str], *, exclude: str) -> list[str]:
    """``urls`` normalised, without duplicates and without ``exclude`` (a page's link to itself),
    in their order."""
    kept = dict.fromkeys(normalize_url(url) for url in urls if url)
    kept.pop(exclude, None)
    return list(kept)


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
