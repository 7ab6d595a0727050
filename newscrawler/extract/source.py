"""A page's source as its readers take it: its text, or the UTF-8 bytes it came in when they are
exactly that text.

A crawl's page workers get the bytes where it can (``page_source``): the text crosses to a worker
and is parsed without being encoded to UTF-8 twice and decoded once in between, which cost a 100 KB
Arabic page some 0.9 ms of CPU. ``root_of`` parses either into the very tree parsel makes of the text
(its ``create_root_node``: the text stripped, NULs removed, UTF-8 for lxml's HTML parser).
"""

from __future__ import annotations

import codecs

from lxml import etree
from parsel.selector import create_root_node

from newscrawler.encoding import decoded_as_utf8

#: What ``str.strip()`` strips among ASCII characters; the same bytes in UTF-8.
_ASCII_SPACES = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
#: What stands for an empty page (parsel's own stand-in for a page of white space is <html/>).
EMPTY_PAGE = "<html></html>"


def page_source(body: bytes, encoding: str, text: str) -> str | bytes:
    """What a page worker reads of a response (``text`` decoded from ``body`` in ``encoding``, as
    Scrapy's ``TextResponse.text`` is): ``body`` itself when it is exactly ``text`` in UTF-8 (decoded
    as UTF-8, without a byte order mark, and nothing replaced: no U+FFFD in ``text``), else ``text``."""
    return body if decoded_as_utf8(encoding, text) and not body.startswith(codecs.BOM_UTF8) else text


def as_text(source: str | bytes) -> str:
    """The page's text: ``source`` itself, or its UTF-8 bytes decoded."""
    return source.decode("utf-8") if isinstance(source, bytes) else source


def root_of(source: str | bytes, parser_class=etree.HTMLParser):
    """The page's tree, as parsel's ``create_root_node`` makes it of the text (an empty page is
    ``EMPTY_PAGE``)."""
    if isinstance(source, bytes) and source:
        stripped = source.strip(_ASCII_SPACES)
        # A non-ASCII character at an end may be a space (NBSP, U+3000 …) that str.strip() takes:
        # such a rare page is read as text.
        if not stripped or (stripped[0] < 0x80 and stripped[-1] < 0x80):
            return _parsed(stripped.replace(b"\x00", b"") or b"<html/>", parser_class)
    return create_root_node(as_text(source) or EMPTY_PAGE, parser_class)


def _parsed(body: bytes, parser_class):
    """parsel's ``create_root_node`` from its text on, for ``body``, the text's UTF-8 already
    stripped and without NULs."""
    parser = parser_class(recover=True, encoding="utf-8", huge_tree=True)
    root = etree.fromstring(body, parser=parser)
    if root is None:
        root = etree.fromstring(b"<html/>", parser=parser)
    return root
