"""Bounds on what one page can put into a document, far below MongoDB's 16 MB limit.

The body is cut at a paragraph boundary once it passes ``max_bytes`` of UTF-8 (at a character
boundary when a single paragraph is that long); one-line fields are cut at ``LINE_CHARS`` and
lists at ``LIST_ITEMS``. With the body's search form, a document stays under about 2.5 MB.
"""

from __future__ import annotations

from newscrawler.text.letters import without_lone_surrogates

LINE_CHARS = 20_000
LIST_ITEMS = 500


def cut_text(text: str, max_bytes: int) -> tuple[str, bool]:
    """``text`` cut to at most ``max_bytes`` UTF-8 bytes, at the last whole paragraph that fits;
    and whether it was cut. A lone surrogate, which UTF-8 cannot hold, is U+FFFD in the result."""
    text = without_lone_surrogates(text)
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text, False
    head = encoded[:max_bytes].decode("utf-8", errors="ignore")
    paragraph_end = head.rfind("\n")
    return (head[:paragraph_end] if paragraph_end > 0 else head).rstrip(), True


def cut_line(value: str | None) -> tuple[str | None, bool]:
    """``value`` cut to ``LINE_CHARS`` characters (encodable: a lone surrogate becomes U+FFFD), and
    whether it was cut."""
    if value is None:
        return value, False
    value = without_lone_surrogates(value)
    if len(value) <= LINE_CHARS:
        return value, False
    return value[:LINE_CHARS], True


def cut_list(values: list) -> tuple[list, bool]:
    return values[:LIST_ITEMS], len(values) > LIST_ITEMS
