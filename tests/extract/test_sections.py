from newscrawler.extract.blocks import Block, Link
from newscrawler.extract.markers import marker_of
from newscrawler.extract.sections import split_sections

PROSE = "نص طويل بما يكفي ليكون فقرة حقيقية من خبر صحفي منشور، وليس مجرد عنوان قصير أو رابط في قائمة. " * 2


def p(text, *links, kind="p"):
    block = Block(kind, text, links=[Link(u, t) for u, t in links])
    block.link_chars = sum(len(t) for _, t in links)
    return block


def test_markers():
    assert marker_of("تاريخ النشر: 14th, September 2023 GMT").value == "14th, September 2023 GMT"
    assert marker_of("المصدر : الجزيرة + وكالات").value == "الجزيرة + وكالات"
    assert marker_of("كلمات دلالية: الكوري الشمالي").kind == "tags"
    assert marker_of("إقرأ أيضاً:").kind == "read_also"
    assert marker_of("اقرأ ايضا").kind == "read_also"
    assert marker_of("المصدر الذي تحدث للجزيرة قال إن") is None  # a sentence, not a label
    assert marker_of("نشر في صحيفة الغارديان مقال") is None  # no date after the label


def test_aggregator_page_parent_then_embedded_child():
    parent = split_sections([
        p("تاريخ النشر: 14th, September 2023 GMT"),
        p("الجديد برس:"), p(PROSE),
        p("المصدر: الجديد برس"),
        p("كلمات دلالية: الكوري الشمالي كيم", ("/tag/1", "الكوري الشمالي"), ("/tag/2", "كيم")),
        p("إقرأ أيضاً:"),
        p("عنوان الخبر المضمن", ("https://www.aljazeera.net/x", "عنوان الخبر المضمن"), kind="h"),
        p(PROSE), p("تاريخ النشر: 1/5/2025"), p("فقرة أخيرة " + PROSE),
    ])
    assert [b.text for b in parent.blocks] == ["الجديد برس:", PROSE]
    assert parent.published_raw == "14th, September 2023 GMT"
    assert parent.source == "الجديد برس"
    assert parent.tags == ["الكوري الشمالي", "كيم"]
    (entry,) = parent.read_also
    assert entry.url == "https://www.aljazeera.net/x"
    assert entry.child.title == "عنوان الخبر المضمن"
    assert [b.text for b in entry.child.blocks] == [PROSE, "فقرة أخيرة " + PROSE]
    assert entry.child.published_raw == "1/5/2025"


def test_inline_read_also_line_is_a_link_and_the_body_goes_on():
    parent = split_sections([
        p(PROSE),
        p("اقرأ أيضا: وزير الري يتفقد السد", ("https://youm7.com/1", "وزير الري يتفقد السد")),
        p("بقية الخبر " + PROSE),
    ])
    assert [b.text for b in parent.blocks] == [PROSE, "بقية الخبر " + PROSE]
    assert [(e.url, e.child) for e in parent.read_also] == [("https://youm7.com/1", None)]


def test_read_also_label_then_a_list_of_links():
    parent = split_sections([
        p(PROSE), p("اقرأ أيضا"),
        p("خبر أول", ("https://a.com/1", "خبر أول"), kind="li"),
        p("خبر ثان", ("https://a.com/2", "خبر ثان"), kind="li"),
        p("تكملة " + PROSE),
    ])
    assert [e.url for e in parent.read_also] == ["https://a.com/1", "https://a.com/2"]
    assert all(e.child is None for e in parent.read_also)
    assert [b.text for b in parent.blocks] == [PROSE, "تكملة " + PROSE]


def test_unlinked_embedded_child_has_no_url():
    parent = split_sections([p(PROSE), p("المصدر: وكالات"), p("إقرأ أيضاً:"), p("عنوان", kind="h"), p(PROSE)])
    (entry,) = parent.read_also
    assert entry.url is None and entry.child.title == "عنوان"


def test_furniture_after_the_article_is_dropped():
    parent = split_sections([
        p(PROSE), p("الأكثر قراءة", kind="h"),
        p("عنوان", ("/1", "عنوان"), kind="li"), p("نص من الشريط الجانبي " + PROSE),
    ])
    assert [b.text for b in parent.blocks] == [PROSE]


def test_source_and_tags_printed_above_the_text_do_not_end_it():
    parent = split_sections([p("المصدر: وكالات"), p("كلمات دلالية: اقتصاد"), p(PROSE), p("فقرة ثانية " + PROSE)])
    assert parent.source == "وكالات" and parent.tags == ["اقتصاد"]
    assert [b.text for b in parent.blocks] == [PROSE, "فقرة ثانية " + PROSE]
