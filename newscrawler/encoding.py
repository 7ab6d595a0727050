"""Bytes labelled UTF-8 that are not UTF-8: Arabic sites often serve windows-1256 text under a
UTF-8 label, sometimes only for part of a page (a UTF-8 template around a windows-1256 article).

``repair_mislabelled_utf8`` decodes such bytes line by line: a line that is valid UTF-8 is UTF-8,
a line that is not is windows-1256. A windows-1256 line of Arabic is practically never valid UTF-8
(its letters are bytes 0xC1–0xFE, which in UTF-8 must be followed by continuation bytes).
"""

from __future__ import annotations

import codecs

FALLBACK_ENCODING = "cp1256"


def is_utf8(encoding: str | None) -> bool:
    """Whether ``encoding`` names UTF-8 (in any of its spellings)."""
    try:
        return encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def decoded_as_utf8(encoding: str | None, text: str) -> bool:
    """Whether ``text``, decoded in ``encoding`` with undecodable bytes replaced (as Scrapy's
    ``TextResponse.text`` is), came from valid UTF-8 with nothing replaced: it was decoded as UTF-8
    and holds no U+FFFD (a page's own U+FFFD counts against it too: the safe side)."""
    return is_utf8(encoding) and "\ufffd" not in text


def is_valid_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def repair_mislabelled_utf8(body: bytes) -> str:
    """Decode ``body``: UTF-8 lines as UTF-8, the others as windows-1256."""
    lines = []
    for line in body.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode(FALLBACK_ENCODING, errors="replace"))
    return "\n".join(lines)
