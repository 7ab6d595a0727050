"""A page handed to extraction as its UTF-8 bytes (what a crawl's page workers get: ``page_source``)
is read exactly as its text is: the same tree, the same documents."""

import codecs

from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree
from w3lib.encoding import html_to_unicode

from newscrawler.evaluate.corpus import read_pages
from newscrawler.extract import extract_page
from newscrawler.extract.source import page_source, root_of
from newscrawler.outlets import outlet_for_url
from tests.extract.test_css import mirror_pages

PAGE = "<html><head><title>عنوان</title></head><body><p>نص الخبر</p></body></html>"


def fixture_pages() -> list[tuple[str, bytes]]:
    return [("https://" + str(path).split("/mirror/", 1)[-1], body) for path, body in mirror_pages()]


def same_documents_from_bytes(pages: list[tuple[str, bytes]]) -> int:
    """Each page handed over as a crawl hands it (bytes where ``page_source`` gives them) yields the
    very documents its text does; how many went as bytes."""
    as_bytes = 0
    for url, body in pages:
        encoding, text = html_to_unicode(None, body)
        source = page_source(body, encoding, text)
        if isinstance(source, str):
            continue
        as_bytes += 1
        assert source.decode("utf-8") == text, url
        outlet = outlet_for_url(url)
        assert repr(extract_page(source, url, outlet)) == repr(extract_page(text, url, outlet)), url
    return as_bytes


def test_every_fixture_page_reads_the_same_from_its_bytes():
    assert same_documents_from_bytes(fixture_pages()) >= 90


def test_every_corpus_page_reads_the_same_from_its_bytes(corpus):
    assert same_documents_from_bytes([(page.url, page.html) for page in read_pages(corpus)]) >= 10


#: What may stand at a page's ends: the white space str.strip() takes (ASCII, the C0 separators,
#: NEL, NBSP, the U+2000 spaces, the ideographic space), NULs, and what it leaves.
ENDS = st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x1f\x00\x85\xa0\u2000\u3000\u200bاa<>", max_size=4)


@given(start=ENDS, middle=st.sampled_from([PAGE, "نص", "", "<p>a\x00b</p>", "\x00"]), end=ENDS)
@example(start="\x00 ", middle=PAGE, end="")  # a NUL before white space: stripped first, then removed
@example(start="\x1c", middle=PAGE, end="")  # a separator str.strip() takes
@example(start="\u3000", middle=PAGE, end="\xa0")  # spaces beyond ASCII
@example(start=" ", middle="", end="\n")  # nothing but white space
def test_a_page_parses_from_its_bytes_into_the_tree_of_its_text(start, middle, end):
    text = start + middle + end
    assert etree.tostring(root_of(text.encode("utf-8"))) == etree.tostring(root_of(text))


def test_the_bytes_go_to_the_workers_only_when_they_are_exactly_the_text():
    body = PAGE.encode("utf-8")
    assert page_source(body, "utf-8", PAGE) is body
    assert page_source(body, "UTF8", PAGE) is body
    # undecodable bytes (replaced by U+FFFD in the text), or a U+FFFD of the page's own: the text
    broken = b"<p>\xff\xfe</p>"
    assert page_source(broken, "utf-8", broken.decode("utf-8", "replace")) == "<p>\ufffd\ufffd</p>"
    own = "<p>\ufffd</p>"
    assert page_source(own.encode("utf-8"), "utf-8", own) == own
    # a byte order mark (the text is what follows it), or another encoding: the text
    assert page_source(codecs.BOM_UTF8 + body, "utf-8", PAGE) == PAGE
    windows = PAGE.encode("cp1256")
    assert page_source(windows, "cp1256", PAGE) == PAGE
