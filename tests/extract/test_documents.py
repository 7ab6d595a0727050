"""Extraction hands out finished documents: URLs decided once, read-also links as data."""

from datetime import UTC, datetime

from newscrawler.extract import extract_page

TEXT = "نص الخبر الكامل بجمل تكفي لتكون مقالاً كاملاً يقرؤه القارئ من أوله إلى آخره دون انقطاع. " * 4
CHILD = "نص الخبر المضمن كاملاً كما طبعته الصفحة تحت عنوانه، وهو يكفي ليكون خبراً قائماً بذاته. " * 2


def page(read_also: str) -> str:
    return (f'<html><head><title>العنوان</title><link rel="canonical" href="https://a.com/x?utm_source=t">'
            f"</head><body><article><h1>العنوان</h1><p>{TEXT}</p>{read_also}</article></body></html>")


def test_urls_parents_and_read_also_links_come_out_finished():
    links = ('<div><p>اقرأ أيضاً</p><ul><li><a href="https://b.com/2">خبر ثان مرتبط</a></li>'
             '<li><a href="https://b.com/1">خبر أول مرتبط</a></li><li><a href="https://b.com/2#frag">خبر ثان مرتبط</a></li>'
             '<li><a href="https://a.com/x">الخبر نفسه</a></li></ul></div>')
    fetched = datetime(2025, 5, 4, tzinfo=UTC)
    extraction = extract_page(page(links), "https://a.com/x?utm_medium=y", None,
                              parents=["https://p.com/1?b=2&a=1"], fetched_at=fetched)
    article = extraction.article
    assert article.url == "https://a.com/x"
    assert article.read_also_urls == ["https://b.com/2", "https://b.com/1"]  # deduplicated, no self-link, page order
    assert article.parent_urls == ["https://p.com/1?a=1&b=2"]
    assert article.fetched_at == fetched and extraction.children == []


def test_an_embedded_unlinked_child_gets_a_derived_url_and_its_parent():
    embedded = f"<p>اقرأ أيضاً:</p><h2>عنوان الخبر المضمن</h2><p>{CHILD}</p>"
    extraction = extract_page(page(embedded), "https://a.com/x", None)
    (child,) = extraction.children
    assert child.url == "https://a.com/x#read-also-1" and child.origin == "embedded"
    assert child.parent_urls == ["https://a.com/x"] and extraction.article.read_also_urls == [child.url]
    assert child.body == CHILD.strip() and CHILD.strip() not in extraction.article.body
    assert extraction.articles == [extraction.article, child]
