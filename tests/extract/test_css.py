"""A CSS selector finds what parsel (or lxml's CSSSelector) finds, whether or not the branches the
page cannot match are skipped."""

from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from lxml.cssselect import CSSSelector
from parsel.csstranslator import css2xpath
from w3lib.encoding import html_to_unicode

from newscrawler.evaluate.corpus import read_pages
from newscrawler.extract.css import css_select, select
from newscrawler.extract.furniture import prepare
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


def mirror_pages() -> list[tuple[Path, bytes]]:
    """Every HTML page of the fixture mirror, as its bytes."""
    found = ((path, path.read_bytes()) for path in sorted(MIRROR.rglob("*")) if path.is_file())
    return [(path, body) for path, body in found if body.lstrip()[:1] == b"<"]


def pages(corpus_folder: Path | None) -> list[tuple[str, str]]:
    found = [(str(path), html_to_unicode(None, body)[1]) for path, body in mirror_pages()]
    if corpus_folder is not None:
        found += [(page.url, html_to_unicode(None, page.html)[1]) for page in read_pages(corpus_folder)]
    return found


def same(root, css: str, index=None) -> None:
    """``css`` finds, on ``root`` read by ``index`` (by a walk of it now, when none), what parsel's
    XPath and lxml's ``CSSSelector`` find from the root, and what it finds without an index."""
    index = index or index_page(root)
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


def test_every_outlet_selector_finds_what_the_root_finds_once_furniture_is_removed(corpus):
    """As extraction reads the body, read-also and removal selectors: on the page prepared in
    place (furniture removed since the walk)."""
    selectors = outlet_selectors()
    removed = 0
    for name, html in pages(corpus):
        root = parse(html).root
        index = index_page(root)
        before = sum(1 for _ in root.iter())
        prepare(root, index, base_url="https://example.com/", page_url="https://example.com/a")
        removed += before - sum(1 for _ in root.iter())
        for css in selectors:
            same(root, css, index)
    assert removed > 1000  # the pages did lose elements


# ---------------------------------------------------------------- read from under the holders
# A branch whose first element needs a class or an id is read from under the elements the walk saw
# holding it; the page may have lost elements since (furniture removed in place).

HOLDERS_PAGE = """<html><body>
<div class="a" id="m"><p>one</p><div class="a"><p>two</p></div><p>three</p></div>
<div class="b"><p>four</p><span class="b">five</span></div><p class="b">six</p>
<div class="gone"><p>seven</p></div><div class="c"><p>eight</p></div><p>nine</p>
<section><i class="s">x</i><p>ten</p><i class="s">y</i><p>eleven</p></section>
</body></html>"""


def prepared(html: str, removed_classes=()) -> tuple:
    """The page's root and its index, then elements of ``removed_classes`` removed in place."""
    root = parse(html).root
    index = index_page(root)
    for name in removed_classes:
        for element in root.xpath(f"//*[@class='{name}']"):
            element.getparent().remove(element)
    return root, index


def texts(found) -> list:
    return [f if isinstance(f, str) else f.text for f in found]


@pytest.mark.parametrize(("css", "expected"), [
    (".a p", ["one", "two", "three"]),  # one holder within another: read from the root, in page order
    (".b p, .b span", ["four", "five"]),  # "six" is a holder itself, not under one
    ("#m > p", ["one", "three"]),
    (".gone p, .c p", ["eight"]),  # a holder removed since the walk finds nothing
    (".b ~ p", ["six", "nine"]),  # sibling combinators leave the holder: read from the root
    (".s ~ p", ["ten", "eleven"]),
    (".s + p", ["ten", "eleven"]),
    (".c p::text", ["eight"]),
])
def test_read_under_holders_finds_what_the_root_finds(css, expected):
    root, index = prepared(HOLDERS_PAGE, removed_classes=("gone",))
    assert texts(css_select(root, css, index)) == expected
    same(root, css, index)


def test_a_subtree_is_read_from_itself_not_from_the_page_holders():
    root, index = prepared(HOLDERS_PAGE)
    inner = root.xpath("//div[@id='m']")[0]
    assert texts(css_select(inner, ".a p", index)) == ["one", "two", "three"]
    assert texts(css_select(root.xpath("//div[@class='b']")[0], ".b span", index)) == ["five"]


CLASSES = ["a", "b", "A", "a-b", "x\u00a0a"]
TAGS = ["div", "p", "span", "a", "section"]


@st.composite
def trees(draw, depth=0) -> str:
    children = draw(st.lists(trees(depth + 1), max_size=3)) if depth < 4 else []
    tag = draw(st.sampled_from(TAGS))
    classes = draw(st.lists(st.sampled_from(CLASSES), max_size=2))
    identifier = draw(st.sampled_from(["", "", "m", "n"]))
    attributes = (f' class="{" ".join(classes)}"' if classes else "") + (f' id="{identifier}"' if identifier else "")
    return f"<{tag}{attributes}>{draw(st.sampled_from(['', 't', ' u ']))}{''.join(children)}</{tag}>"


@st.composite
def selectors(draw) -> str:
    def compound() -> str:
        tag = draw(st.sampled_from(["", "", "div", "p", "span", "*"]))
        simple = draw(st.lists(st.sampled_from([".a", ".b", ".A", ".a-b", "#m", "#n", ":not(.b)", ":first-child"]),
                               max_size=2))
        return (tag + "".join(simple)) or "*"

    branches = []
    for _ in range(draw(st.integers(1, 3))):
        branch = compound()
        for _ in range(draw(st.integers(0, 2))):
            branch += draw(st.sampled_from([" ", " > ", " + ", " ~ "])) + compound()
        branches.append(branch)
    return ", ".join(branches)


@given(st.lists(trees(), min_size=1, max_size=4), selectors(), st.lists(st.sampled_from(CLASSES[:3]), max_size=2),
       st.booleans())
@example(["<div class='a'><div class='a'><p>t</p></div><p>u</p></div>"], ".a p", [], False)
def test_any_selector_finds_what_the_root_finds_after_removals(bodies, css, removed, text):
    root, index = prepared(f"<html><body>{''.join(bodies)}</body></html>", removed_classes=removed)
    same(root, css, index)
    if text:
        same(root, css.replace(",", " ::text,") + " ::text", index)
