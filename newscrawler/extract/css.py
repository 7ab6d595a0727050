"""CSS selectors as parsel reads them, compiled once, and skipped in part where the page cannot
match: an outlet's selector lists the layouts it has had ("h1.node-title, h1.entry-title, h1"),
and a branch that needs a class or an id the page does not have finds nothing, so it is never
evaluated (``PageIndex`` knows the page's classes and ids from its one walk).
"""

from __future__ import annotations

from functools import lru_cache

from cssselect import parser
from lxml import etree
from parsel.csstranslator import HTMLTranslator

#: Every text node under an element (parsel's ``::text``).
texts_under = etree.XPath("descendant-or-self::text()", smart_strings=False)

_TRANSLATOR = HTMLTranslator()


def css_select(root, css: str, names=None) -> list:
    """What the CSS selector ``css`` finds under ``root`` (elements; strings with ``::text``), in
    page order; ``names``: the page's ``PageIndex``, to skip the branches it cannot match."""
    branches = _branches(css)
    if names is not None:
        branches = tuple(xpath for classes, ids, xpath in branches
                         if classes <= names.class_tokens and ids <= names.ids)
    else:
        branches = tuple(xpath for _, _, xpath in branches)
    return _compiled(branches)(root) if branches else []


@lru_cache(maxsize=512)
def _branches(css: str) -> tuple:
    """(the classes it needs, the ids it needs, its XPath) for each branch of ``css``: together,
    parsel's reading of it."""
    return tuple((*_needed(selector.parsed_tree), _TRANSLATOR.selector_to_xpath(
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
def _compiled(branches: tuple) -> etree.XPath:
    return etree.XPath(" | ".join(branches), smart_strings=False)
