"""Where a page says when the article was published: markup, the headline's date line, datelines,
and the choice among what the page states."""

from lxml import html

from newscrawler.extract.blocks import blocks_of
from newscrawler.extract.index import index_page
from newscrawler.extract.published import dateline, header_date, markup_dates, most_complete


def root(body: str):
    return html.fromstring(f"<html><body>{body}</body></html>")


def test_marked_dates_before_a_plain_time_and_never_from_furniture():
    page = root('<aside class="related"><time datetime="2024-01-01T00:00:00Z">قديم</time></aside>'
                '<time datetime="2025-05-03">3 مايو</time>'
                '<abbr class="published" title="2025-05-02T10:00:00+03:00">2 مايو</abbr>'
                '<span class="updated">2025-05-04</span>')
    related = page.xpath("//aside")[0]
    found = markup_dates(page, {related}, index_page(page).dated)
    assert found.published == "2025-05-02T10:00:00+03:00"  # hAtom's title before the visible text
    assert found.modified == "2025-05-04"
    assert found.first_time == "2025-05-03"


def test_itemprop_and_time_pubdate_give_their_full_timestamp():
    page = root('<div itemprop="datePublished" content="2025-05-15T08:30:00+02:00">15 مايو</div>')
    assert markup_dates(page, set(), index_page(page).dated).published == "2025-05-15T08:30:00+02:00"
    page = root('<time pubdate datetime="2021-04-21">Apr 21, 2021</time>')
    assert markup_dates(page, set(), index_page(page).dated).published == "2021-04-21"


def test_the_date_line_under_the_headline_but_not_an_update_line():
    page = blocks_of(root("<h1>العنوان</h1><p>بقلم فلان - 27 مارس 2024</p><p>نص الخبر الأول.</p>"), "")
    assert header_date(page, page[2:]) == "بقلم فلان - 27 مارس 2024"
    page = blocks_of(root("<h1>Title</h1><p>Updated November 19, 2021</p><p>Text of the story.</p>"), "")
    assert header_date(page, page[2:]) is None


def test_a_wire_dateline():
    article = blocks_of(root("<p>RAJSHAHI, Dec 20, 2025 (BSS) - Homestead gardening makes communities self-reliant.</p>"), "")
    assert dateline(article) == "Dec 20, 2025"


def test_the_most_complete_statement_of_the_day_wins():
    assert most_complete(["2020-08-27T09:14", None, "2020-08-27T09:14:22Z"]) == "2020-08-27T09:14:22Z"
    assert most_complete(["2020-11-10", "2020-11-10T23:12:05+00:00"]) == "2020-11-10T23:12:05+00:00"
    assert most_complete(["2020-11-10", "2020-11-12T23:12:05+00:00"]) == "2020-11-10"  # another day says nothing


def test_second_opinions_choose_among_the_pages_dates():
    stated = ["2022-11-11T20:23:00-05:00", "2022-11-09"]
    assert most_complete(stated, url_day="2022-11-09") == "2022-11-09"
    assert most_complete(stated, opinion=lambda: "2022-11-09") == "2022-11-09"
    assert most_complete(stated, opinion=lambda: "2001-01-01") == stated[0]  # no candidate agrees: the page's own
    # The same instant in another offset is no disagreement: the first statement stays.
    assert most_complete(["2020-12-26T22:30:41+00:00", "2020-12-27T00:30:41+02:00"], opinion=lambda: "2020-12-27") \
        == "2020-12-26T22:30:41+00:00"
    assert most_complete([], url_day="2013-09-15", opinion=lambda: "2013-01-01") == "2013-09-15"
    assert most_complete([], opinion=lambda: "2025-01-27") == "2025-01-27"
