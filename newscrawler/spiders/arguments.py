"""Spider arguments (``-a name=value``) read into what a spider uses, or refused with one
``UsageError`` line (``scrapy crawl`` prints it and exits 2; never a traceback).

A ``urls_file`` is the operator's file, but it may be the wrong one (``/etc/shadow``, a binary,
a folder): it is refused by what is wrong with it, and its lines are never repeated in the
message, only how many are not URLs and where the first one is.
"""

from __future__ import annotations

import re
import stat
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

#: Bad values named in a message, at most.
SHOWN_VALUES = 5


def parse_flag(value: str | None) -> bool:
    """``-a force=1`` (or true, yes); anything else but 0/false/no/empty is a usage error."""
    if value is None or str(value).strip().lower() in ("", "0", "false", "no"):
        return False
    if str(value).strip().lower() in ("1", "true", "yes"):
        return True
    raise UsageError(f"force must be 1 or 0, not {value!r}")


def parse_since(value: str | None) -> str | None:
    """``-a since=YYYY-MM-DD``: the first publication day discovery keeps."""
    if not value:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise UsageError(f"since must be a date written YYYY-MM-DD, not {value!r}") from None


def is_http_url(text: str) -> bool:
    """Whether ``text`` is an absolute http(s) URL with a host (and a port, if any, that is one):
    ``http://[::1/`` and ``https://a.com:99999/`` are not."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number below 65536
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def parse_url_argument(urls: str | None, urls_file: str | None) -> list[str]:
    """``-a urls="U1 U2"`` or ``"U1,U2"``, and ``-a urls_file=PATH`` (one URL a line, # comments);
    also ``-a sitemap=`` and ``-a feed=``. The URLs in order, without duplicates."""
    found: list[str] = []
    if urls:
        given = [u for u in re.split(r"[\s,]+", urls) if u]
        bad = [u for u in given if not is_http_url(u)]
        if bad:
            raise UsageError(f"not an http(s) URL: {', '.join(repr(u) for u in bad[:SHOWN_VALUES])}")
        found += given
    if urls_file:
        found += urls_in_file(urls_file)
    return list(dict.fromkeys(found))


def urls_in_file(name: str) -> list[str]:
    """The URLs of a ``urls_file``: a UTF-8 text file, one http(s) URL a line, blank lines and
    ``#`` comments allowed. Anything else is a usage error that says what is wrong with the file
    without quoting it."""
    text = _text_of(name)
    urls, bad_lines = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_http_url(line):
            urls.append(line)
        else:
            bad_lines.append(number)
    if bad_lines:
        first = ", ".join(str(n) for n in bad_lines[:SHOWN_VALUES])
        raise UsageError(f"urls_file {name!r} is not a list of URLs: {len(bad_lines)} of its lines "
                         f"{'is' if len(bad_lines) == 1 else 'are'} not an http(s) URL ({'line' if len(bad_lines) == 1 else 'lines'} {first}"
                         f"{', …' if len(bad_lines) > SHOWN_VALUES else ''}); it should hold one URL a line")
    if not urls:
        raise UsageError(f"urls_file {name!r} holds no URL")
    return urls


def _text_of(name: str) -> str:
    path = Path(name)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise UsageError(f"urls_file {name!r} is a directory, not a file of URLs")
        if not stat.S_ISREG(mode):
            raise UsageError(f"urls_file {name!r} is not a regular file")
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError(f"urls_file {name!r} does not exist") from None
    except PermissionError:
        raise UsageError(f"urls_file {name!r} cannot be read: permission denied") from None
    except OSError as error:
        raise UsageError(f"urls_file {name!r} cannot be read: {error.strerror or type(error).__name__}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"urls_file {name!r} is not a UTF-8 text file of URLs") from None
    if "\x00" in text:
        raise UsageError(f"urls_file {name!r} is a binary file, not a list of URLs")
    return text
