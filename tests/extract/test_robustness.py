"""Extraction reads any page it is given, however broken: cut short, with a part missing, a part
twice, stray markup anywhere, its classes gone. A page extraction cannot read is a page lost (the
spider counts it as unreadable), so a crash is a bug, whatever the markup.
"""


from hypothesis import example, given
from hypothesis import strategies as st
from w3lib.encoding import html_to_unicode

from newscrawler.extract import extract_page
from newscrawler.outlets import outlet_for_url
from tests.fixture_cases import MIRROR

PAGES = sorted(str(path.relative_to(MIRROR)) for path in MIRROR.rglob("index.html"))
STRAY = ["<", ">", "</div>", "<p>", "<!--", "]]>", "\x00", "&", "<svg>", "<br>", "<a href=javascript:x>",
         '<a href="http://[::1">', "<body hidden>", "<base href='javascript:alert(1)'>", "</body>", "<h1>", "<li>"]

#: One change to a page: ("cut", where), ("drop", where, length), ("repeat", where, from) or
#: ("insert", where, markup); places are fractions of the page's length.
EDITS = st.one_of(
    st.tuples(st.just("cut"), st.floats(0, 1)),
    st.tuples(st.just("drop"), st.floats(0, 1), st.integers(1, 5000)),
    st.tuples(st.just("repeat"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(STRAY)),
    st.tuples(st.just("declass"), st.integers(1, 60)),
)


def edited(html: str, edits: list) -> str:
    for edit in edits:
        at = int(edit[1] * len(html)) if isinstance(edit[1], float) else edit[1]
        if edit[0] == "cut":
            html = html[:at]
        elif edit[0] == "drop":
            html = html[:at] + html[at + edit[2]:]
        elif edit[0] == "repeat":
            start = int(edit[2] * len(html))
            html = html[:at] + html[start:start + 3000] + html[at:]
        elif edit[0] == "insert":
            html = html[:at] + edit[2] + html[at:]
        else:
            html = html.replace("class=", "data-was-class=", at)
    return html


def page_url(page: str) -> str:
    return "https://" + page.removesuffix("index.html").rstrip("/")


@given(page=st.sampled_from(PAGES), edits=st.lists(EDITS, max_size=6))
# Found by mutating pages: an address urljoin cannot read ("Invalid IPv6 URL"), a body that is
# itself one teaser card (a linked headline and an excerpt), whose parent no tally covers, a
# comment inside a tweet's paragraph (read for its text as if it were an element) …
@example(page="arabic.rt.com/news/index.html", edits=[("insert", 0.5, '<a href="http://[::1">')])
@example(page="arabic.rt.com/news/index.html", edits=[("cut", 0.2)])
@example(page="elbaladtv.net/ضبط-3-أطنان-دقيق-مدعم-قبل-بيعها-في-السوق/index.html",
         edits=[("repeat", 0.0, 0.5807345982317934)])
# … a control character in the text after a removed element, which lxml will not set again, and
# a script with an attribute whose name lxml reads but cannot give back.
@example(page="arabic.cnn.com/2013/world/9/15/japan.typhoon.evacuation/index.html",
         edits=[("repeat", 0.0, 0.0), ("repeat", 0.8984375, 0.0), ("repeat", 0.765625, 0.0)])
@example(page="www.beirutobserver.com/2020/11/2339121/index.html",
         edits=[("repeat", 0.0, 0.25), ("cut", 0.1875), ("repeat", 0.0, 0.34375)])
def test_no_page_however_broken_makes_extraction_fail(page, edits):
    html = edited(html_to_unicode(None, (MIRROR / page).read_bytes())[1], edits)
    url = page_url(page)
    extraction = extract_page(html, url, outlet_for_url(url))
    assert extraction.article.url.startswith(("http://", "https://"))
    assert all(child.parent_urls == [extraction.article.url] for child in extraction.children)


def test_a_link_to_an_address_urljoin_cannot_read_leads_nowhere():
    html = ('<html><body><h1>عنوان الخبر</h1><p>' + "نص الخبر " * 40 + 'وفيه <a href="http://[::1">رابط مكسور</a> '
            + "ثم بقية الخبر " * 10 + '</p></body></html>')
    extraction = extract_page(html, "https://example.com/news/1")
    assert extraction.is_article and "رابط مكسور" in extraction.article.body
    assert extraction.article.read_also_urls == []


def test_a_page_whose_body_is_one_teaser_card_is_read():
    html = ('<html><body><h2><a href="https://example.com/news/2">عنوان خبر آخر من الموقع نفسه</a></h2>'
            '<p>مقتطف من الخبر يكفي ليكون نصا يقرأ قبل الانتقال إلى صفحة الخبر كاملا.</p></body></html>')
    extraction = extract_page(html, "https://example.com/news/1")
    assert not extraction.is_article and extraction.article.body.startswith("مقتطف من الخبر")


def test_a_comment_inside_a_tweet_is_not_its_text():
    html = ('<html><body><article><h1>عنوان</h1><p>' + "نص الخبر " * 40 + '</p><blockquote class="twitter-tweet"><p>نص '
            '<!-- تعليق -->التغريدة</p><a href="https://twitter.com/a/status/1">1</a></blockquote><p>'
            + "بقية الخبر " * 40 + '</p></article></body></html>')
    embeds = extract_page(html, "https://example.com/news/1").article.embeds
    assert [(e["type"], e["text"]) for e in embeds] == [("tweet", "نص التغريدة")]


def test_a_control_character_after_removed_furniture_is_dropped_with_nothing_else():
    html = ('<html><body><article><h1>عنوان</h1><p>' + "نص الخبر " * 40 + '<script>x()</script>\x01وبقية'
            ' الفقرة</p></article></body></html>')
    body = extract_page(html, "https://example.com/news/1").article.body
    assert body.endswith("نص الخبر وبقية الفقرة") and "\x01" not in body
