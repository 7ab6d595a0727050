"""CSS selectors, compiled once, and skipped in part where the page cannot match: an outlet's
selector lists the layouts it has had ("h1.node-title, h1.entry-title, h1"), and a branch that
needs a class or an id the page does not have finds nothing, so it is never evaluated
(``PageIndex`` knows the page's classes and ids from its one walk; removing elements since only
takes classes away).

Evaluating a branch from the root tests every element of the page (libxml2 spends about as long
on that as the page's whole walk in Python, for every selector). A branch whose first element must
have a class or an id (".post-meta a", "div#main > p") is read instead from under the few elements
the walk saw holding it, the rest of the branch relative to each: the same elements, in the same
order, as long as the branch only goes down from there (descendant and child combinators, no
sibling ones) and none of those elements lies within another (their findings would interleave);
otherwise, and where they are many, from the root.

Two readings of CSS, each kept as it was: parsel's (``css_select``: the fields an outlet's
selectors read, ``::text`` included) and lxml's ``CSSSelector`` (``select``: the body, read-also
and removal selectors).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

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


#: Beyond this many holders, a branch is read from the root.
MOST_HOLDERS = 24


class _Branch(NamedTuple):
    #: The classes and the ids it needs somewhere on the page.
    classes: frozenset
    ids: frozenset
    #: Its XPath from the element selected under.
    xpath: str
    #: ("class", name) or ("id", name): what its first element must have (any one will do), when it
    #: only goes down from there; else empty.
    anchors: tuple
    #: Its XPath from an element holding one of them.
    from_holder: str


def _select(root, css: str, index, reading: str) -> list:
    branches = _branches(css, reading)
    plain = reading == "parsel"
    if index is not None:
        branches = tuple(b for b in branches if b.classes <= index.class_tokens and b.ids <= index.ids)
        if not branches:
            return []
        if root is index.root and all(b.anchors for b in branches):
            found = _under_holders(branches, index, plain)
            if found is not None:
                return found
    return _compiled(tuple(b.xpath for b in branches), plain)(root)


def _under_holders(branches: tuple, index, plain: bool) -> list | None:
    """What ``branches`` find, read from under the elements holding their anchors; None when it
    cannot be read so (too many holders, or one within another)."""
    holders = {}
    for branch in branches:
        holders.update(min((index.holding(anchor) for anchor in branch.anchors), key=len))
    if len(holders) > MOST_HOLDERS:
        return None
    elements = set(holders.values())
    under = []
    for _, holder in sorted(holders.items()):
        top = holder
        for ancestor in holder.iterancestors():
            if ancestor in elements:
                return None
            top = ancestor
        if top is index.root:  # not removed since the walk
            under.append(holder)
    find = _compiled(tuple(b.from_holder for b in branches), plain)
    return [found for holder in under for found in find(holder)]


@lru_cache(maxsize=512)
def _branches(css: str, reading: str) -> tuple[_Branch, ...]:
    """Each branch of ``css``, in the reading's XPath; together, the reading's XPath for it."""
    translator = _READINGS[reading]
    return tuple(_Branch(
        *_needed(selector.parsed_tree),
        translator.selector_to_xpath(selector, "descendant-or-self::", translate_pseudo_elements=True),
        _anchors(selector.parsed_tree),
        translator.selector_to_xpath(selector, "self::", translate_pseudo_elements=True),
    ) for selector in parser.parse(css))


def _anchors(node) -> tuple:
    """What the first element of a selector must have, ("class", name) or ("id", name), when every
    combinator after it goes down (descendant or child); else ()."""
    while isinstance(node, parser.CombinedSelector):
        if node.combinator not in (" ", ">"):
            return ()
        node = node.selector
    anchors = []
    while node is not None:  # the first compound: its simple selectors, not those under :not() or :is()
        if isinstance(node, parser.Class) and not any(ch.isspace() for ch in node.class_name):
            anchors.append(("class", node.class_name))
        elif isinstance(node, parser.Hash):
            anchors.append(("id", node.id))
        node = getattr(node, "selector", None)
    return tuple(anchors)


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
