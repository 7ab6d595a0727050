"""The mirror: fetch every http(s) URL from a local copy, keeping the original URL everywhere else.

With ``NEWSCRAWLER_MIRROR=http://HOST:PORT`` a request for ``http(s)://H/P?Q`` is fetched from
``http://HOST:PORT/H/P?Q``. Responses come back under the original URL, so stored URLs, followed
links, robots.txt, offsite checks and redirects all see the original hosts.
"""

from urllib.parse import urlsplit, urlunsplit


def mirror_url(mirror: str, url: str) -> str:
    """Where ``url`` is fetched from on ``mirror``: same host as the first path segment, same path,
    same query, whatever the scheme."""
    original = urlsplit(url)
    base = urlsplit(mirror.rstrip("/"))
    path = f"{base.path}/{original.netloc}{original.path or '/'}"
    return urlunsplit((base.scheme, base.netloc, path, original.query, ""))
