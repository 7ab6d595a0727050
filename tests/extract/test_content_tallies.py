"""What each element of a page holds (``_Page``'s tallies) is the sum over the blocks inside it,
however the page nests, before and after blocks are set aside."""

from hypothesis import given
from hypothesis import strategies as st
from lxml import html

from newscrawler.extract.blocks import blocks_of
from newscrawler.extract.content import _ancestry, _Page, _Tally, block_value

URL = "https://news.example/2025/05/01/story"
TEXTS = ["نص قصير", "فقرة طويلة من نص الخبر العربي تتكرر هنا لتكون نثراً يقرأه القارئ بجمل كاملة ومفهومة. " * 2,
         "<a href='/2025/04/1/other'>خبر آخر من الموقع نفسه</a>", "<a href='https://elsewhere.example/'>رابط</a> وكلمة", ""]


def element(depth: int):
    leaf = st.builds(lambda tag, text: f"<{tag}>{text}</{tag}>", st.sampled_from(["p", "h2", "h3", "li", "span"]),
                     st.sampled_from(TEXTS))
    if depth == 0:
        return leaf
    return st.one_of(leaf, st.builds(lambda tag, children: f"<{tag}>{''.join(children)}</{tag}>",
                                     st.sampled_from(["div", "section", "article", "ul"]),
                                     st.lists(element(depth - 1), min_size=1, max_size=4)))


def by_chains(page: _Page) -> dict:
    """Each block counted in every element above it, one at a time."""
    tallies: dict = {}
    for block, value, chain, headline in zip(page.blocks, page.values, page.chains, page.headlines):
        for each in chain:
            tallies.setdefault(each, _Tally()).add(block, value, headline)
    return tallies


def same(found: dict, expected: dict) -> None:
    assert set(found) == set(expected)
    for each, tally in expected.items():
        got = found[each]
        assert (got.chars, got.link_chars, got.headlines, got.texts) == (tally.chars, tally.link_chars, tally.headlines, tally.texts)
        assert abs(got.total - tally.total) < 1e-6 and abs(got.prose - tally.prose) < 1e-6


@given(st.lists(element(4), min_size=1, max_size=5), st.data())
def test_every_element_holds_the_sum_of_the_blocks_inside_it(children, data):
    root = html.fromstring(f"<html><body><div>{''.join(children)}</div></body></html>")
    body = next(iter(root.iter("body")))
    blocks = blocks_of(body, URL, set())
    page = _Page(blocks, [block_value(b) for b in blocks], [_ancestry(b.element, body) for b in blocks], "news.example")
    same(page.tallies, by_chains(page))
    elements = list(page.tallies)
    aside = set(data.draw(st.lists(st.sampled_from(elements), max_size=3))) if elements else set()
    page.remove(aside)
    assert not any(e in aside for chain in page.chains for e in chain)
    same(page.tallies, {e: t for e, t in by_chains(page).items() if t.chars})
