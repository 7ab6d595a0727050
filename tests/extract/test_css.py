"""A CSS selector finds what parsel (or lxml's CSSSelector) finds, whether or not the branches the
page cannot match are skipped."""

from dataclasses import fields
from pathlib import Path

import pytest
from lxml.cssselect import CSSSelector
from parsel.csstranslator import css2xpath
from w3lib.encoding import html_to_unicode

from newscrawler.evaluate.corpus import read_pages
from newscrawler.extract.css import css_select, select
from newscrawler.extract.index import index_page
from newscrawler.extract.page import parse
from newscrawler.outlets import all_outlets
from newscrawler.outlets.base import Selectors
from tests.fixture_cases import MIRROR

#: Selectors whose branches need classes and ids in every way CSS can say so.
SELECTORS = (
    "div.a.b, .c, #main .d p, h1",
    "div:not(.absent) > p.lead, .absent p",
    ".Camel, .camel",
    "#absent, #present",
    "ul li.x a, .y ~ .z, .y + p",
    "article :is(.absent, p)",
    "div ::text, .absent ::text",
    ".with\u00a0space",  # one class to CSS and XPath, two words to str.split()
)
PAGE = """<html><body><div id="main" class="a  b">
<p class="d">one</p><p class="lead">two</p><div class="Camel">three</div>
<ul><li class="x"><a href="/1">four</a></li></ul><span class="y"></span><p class="z">five</p>
<div class="c\tlead\nx">six</div><div id="present" class="with\u00a0space">seven</div>
<article><p>eight</p></article></div></body></html>"""


def outlet_selectors() -> set[str]:
    found = set()
    for outlet in all_outlets():
        for selectors in (outlet.selectors, *(layout.selectors for layout in outlet.layouts)):
            found |= {getattr(selectors, f.name) for f in fields(Selectors) if isinstance(getattr(selectors, f.name), str)}
    return found


def pages(corpus_folder: Path | None) -> list[tuple[str, str]]:
    found = [(str(path), html_to_unicode(None, path.read_bytes())[1]) for path in sorted(MIRROR.rglob("*"))
             if path.is_file() and path.read_bytes().lstrip()[:1] == b"<"]
    if corpus_folder is not None:
        found += [(page.url, html_to_unicode(None, page.html)[1]) for page in read_pages(corpus_folder)]
    return found


def same(root, css: str) -> None:
    index = index_page(root)
    found = css_select(root, css, index)
    assert found == root.xpath(css2xpath(css), smart_strings=False), css
    assert found == css_select(root, css), css
    if "::" not in css:  # lxml's reading has no pseudo-elements
        assert select(root, css, index) == CSSSelector(css)(root) == select(root, css), css


@pytest.mark.parametrize("css", SELECTORS)
def test_skipped_branches_change_nothing(css):
    root = parse(PAGE).root
    same(root, css)


def test_a_branch_needing_what_the_page_lacks_finds_nothing_and_the_rest_still_find():
    root = parse(PAGE).root
    assert [e.text for e in css_select(root, "#absent, #present", index_page(root))] == ["seven"]
    assert css_select(root, ".absent, #absent p", index_page(root)) == []


def test_every_outlet_selector_finds_what_parsel_finds_on_every_page(corpus):
    selectors = outlet_selectors()
    assert len(selectors) > 50
    checked = 0
    for _, html in pages(corpus):
        root = parse(html).root
        for css in selectors:
            same(root, css)
            checked += 1
    assert checked > 1000
