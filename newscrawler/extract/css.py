"""CSS selectors, compiled once, and skipped in part where the page cannot match: an outlet's
selector lists the layouts it has had ("h1.node-title, h1.entry-title, h1"), and a branch that
needs a class or an id the page does not have finds nothing, so it is never evaluated
(``PageIndex`` knows the page's classes and ids from its one walk; removing elements since only
takes classes away).

Two readings of CSS, each kept as it was: parsel's (``css_select``: the fields an outlet's
selectors read, ``::text`` included) and lxml's ``CSSSelector`` (``select``: the body, read-also
and removal selectors).
"""

from __future__ import annotations

from functools import lru_cache

from cssselect import parser
from lxml import etree
from lxml.cssselect import LxmlTranslator
from parsel.csstranslator import HTMLTranslator

#: Every text node under an element (parsel's ``::text``).
texts_under = etree.XPath("descendant-or-self::text()", smart_strings=False)

_READINGS = {"parsel": HTMLTranslator(), "lxml": LxmlTranslator()}


def css_select(root, css: str, index=None) -> list:
    """What the CSS selector ``css`` finds under ``root`` as parsel reads it (elements; strings with
    ``::text``), in page order; ``index``: the page's ``PageIndex``, to skip the branches it cannot
    match."""
    return _select(root, css, index, "parsel")


def select(root, css: str, index=None) -> list:
    """Elements under ``root`` matching ``css`` as lxml's ``CSSSelector`` reads it, in page order."""
    return _select(root, css, index, "lxml")


def _select(root, css: str, index, reading: str) -> list:
    branches = _branches(css, reading)
    if index is not None:
        kept = tuple(xpath for classes, ids, xpath in branches if classes <= index.class_tokens and ids <= index.ids)
    else:
        kept = tuple(xpath for _, _, xpath in branches)
    return _compiled(kept, reading == "parsel")(root) if kept else []


@lru_cache(maxsize=512)
def _branches(css: str, reading: str) -> tuple:
    """(the classes it needs, the ids it needs, its XPath) for each branch of ``css``: together,
    the reading's XPath for it."""
    translator = _READINGS[reading]
    return tuple((*_needed(selector.parsed_tree), translator.selector_to_xpath(
        selector, "descendant-or-self::", translate_pseudo_elements=True)) for selector in parser.parse(css))


def _needed(node) -> tuple[frozenset, frozenset]:
    """The classes and ids an element must have somewhere on the page for ``node`` to match: those
    of its compound selectors (not those under a :not() or another alternative)."""
    classes, ids = set(), set()
    while node is not None:
        if isinstance(node, parser.CombinedSelector):
            more_classes, more_ids = _needed(node.subselector)
            classes |= more_classes
            ids |= more_ids
        elif isinstance(node, parser.Class) and not any(ch.isspace() for ch in node.class_name):
            classes.add(node.class_name)
        elif isinstance(node, parser.Hash):
            ids.add(node.id)
        node = getattr(node, "selector", None)
    return frozenset(classes), frozenset(ids)


@lru_cache(maxsize=1024)
def _compiled(branches: tuple, plain_strings: bool) -> etree.XPath:
    return etree.XPath(" | ".join(branches), smart_strings=not plain_strings)
