"""The generic content rules, one layout class at a time (each page written here, small)."""

from lxml import html

from newscrawler.extract.blocks import blocks_of
from newscrawler.extract.content import article_blocks
from newscrawler.extract.furniture import prepare
from newscrawler.extract.index import index_page

URL = "https://news.example/2025/05/01/story"
P = "نص الفقرة الطويلة التي تروي الخبر وتشرح تفاصيله للقارئ بجمل كاملة ومفهومة. "


def paragraph(n: int) -> str:
    return f"{P * 2}({n})"


def read(page: str) -> list[str]:
    root = html.fromstring(page)
    furniture = prepare(root, index_page(root), base_url=URL, page_url=URL)
    body = next(iter(root.iter("body")))
    return [b.text for b in article_blocks(blocks_of(body, URL, furniture.placeholders), body, furniture.marked, URL).blocks
            if b.text]


MENU = '<nav><ul>' + "".join(f'<li><a href="/s/{n}">قسم {n}</a></li>' for n in range(8)) + "</ul></nav>"
FOOTER = '<div class="site-footer"><p>' + " ".join(f'<a href="/p/{n}">رابط الصفحة {n}</a>' for n in range(12)) + "</p></div>"


def test_text_outside_paragraphs_br_runs_spans_and_spacer_divs():
    page = (f"<html><body>{MENU}<div class='story'>{paragraph(1)}<br><br>{paragraph(2)}<div class='spacer'></div>"
            f"<span>{paragraph(3)}</span><h2>عنوان فرعي</h2><ul><li>بند أول</li></ul>{paragraph(4)}</div>{FOOTER}</body></html>")
    assert read(page) == [paragraph(1), paragraph(2), paragraph(3), "عنوان فرعي", "بند أول", paragraph(4)]


def test_a_story_split_over_sibling_containers_is_read_whole():
    columns = "".join(f"<section class='text-block'><h2>قسم {n}</h2><p>{paragraph(n)}</p></section>" for n in range(1, 5))
    page = f"<html><body>{MENU}<main>{columns}</main>{FOOTER}</body></html>"
    assert read(page) == [line for n in range(1, 5) for line in (f"قسم {n}", paragraph(n))]


def test_a_wrapper_named_after_the_sidebar_beside_it_is_kept():
    page = (f"<html><body>{MENU}<div class='content-sidebar-wrap'><main>{paragraph(1)}<p>{paragraph(2)}</p></main>"
            f"<div class='sidebar'><p>{paragraph(9)}</p></div></div>{FOOTER}</body></html>")
    assert read(page) == [paragraph(1), paragraph(2)]


def test_long_comments_and_a_consent_banner_do_not_outweigh_a_short_post():
    comments = "".join(f"<li class='comment'><p>{paragraph(10 + n)}</p></li>" for n in range(6))
    page = (f"<html><body><div class='cookie-consent'><p>{paragraph(99)}</p></div>{MENU}<div class='wrap'>"
            f"<p>{paragraph(1)}</p><p>{paragraph(2)}</p><ol id='comments'>{comments}</ol></div></body></html>")
    assert read(page) == [paragraph(1), paragraph(2)]


def test_related_teaser_cards_after_the_story_are_not_the_story():
    cards = "".join(f"<div class='c{n}'><h3><a href='/2025/04/{n}/other'>خبر آخر رقم {n}</a></h3><p>{paragraph(20 + n)}</p></div>"
                    for n in range(4))
    story = "".join(f"<p>{paragraph(n)}</p>" for n in range(1, 7))
    page = f"<html><body><div class='wrap'>{story}<div class='grid'>{cards}</div></div></body></html>"
    assert read(page) == [paragraph(n) for n in range(1, 7)]


def test_a_list_of_links_between_two_halves_of_a_story_is_kept():
    links = "<ul>" + "".join(f"<li><a href='https://other.example/{n}'>مصدر رقم {n}</a></li>" for n in range(5)) + "</ul>"
    page = f"<html><body>{MENU}<div class='story'><p>{paragraph(1)}</p><p>{paragraph(2)}</p>{links}<p>{paragraph(3)}</p><p>{paragraph(4)}</p></div>{FOOTER}</body></html>"
    assert read(page)[:2] == [paragraph(1), paragraph(2)] and read(page)[-2:] == [paragraph(3), paragraph(4)]


def test_a_paragraph_printed_twice_is_read_once():
    story = f"<p>{paragraph(1)}</p><p>{paragraph(2)}</p>"
    page = f"<html><body><div class='mobile'>{story}</div><div class='desktop'>{story}</div></body></html>"
    assert read(page) == [paragraph(1), paragraph(2)]


def container_class(page: str) -> str | None:
    root = html.fromstring(page)
    furniture = prepare(root, index_page(root), base_url=URL, page_url=URL)
    body = next(iter(root.iter("body")))
    return article_blocks(blocks_of(body, URL, furniture.placeholders), body, furniture.marked, URL).container.get("class")


def test_the_innermost_of_the_wrappers_holding_only_the_article_is_its_container():
    """Sub-headings count 0.3 of their letters, so the scores are not whole numbers. Once the share
    bar and the related links are set aside, the wrappers around the article hold what it holds and
    score what it scores, and the innermost of them wins: not one whose score came out a rounding
    error higher (as it did when the blocks set aside were subtracted from each wrapper's sum)."""
    for n in range(1, 40):
        heads = "".join(f"<h2>عنوان فرعي {'م' * (k + n % 7)}</h2><p>{P * (1 + k % 3)}</p>" for k in range(1 + n % 5))
        links = "".join(f"<h3>{'ع' * (3 + k * n % 11)}</h3><p><a href='/x/{k}'>{'رابط ' * (1 + k % 4)}</a> كلمة</p>"
                        for k in range(n % 6 + 1))
        page = (f"<html><body><div class='outer'><div class='share'>{links}</div><div class='mid'><div class='inner'>"
                f"<h1>العنوان</h1>{heads}<p>{P * 3}</p></div></div><div class='related'>{links}</div></div></body></html>")
        assert container_class(page) == "inner", n
