from lxml import html

from newscrawler.extract.blocks import blocks_of


def blocks(markup: str):
    return blocks_of(html.fromstring(markup), "https://example.com/a/1")


def test_every_block_element_is_its_own_paragraph():
    found = blocks("<div><h2>تلاعب أو احتفال</h2><p>اعتبر الرئيس</p><ul><li>أ</li><li>ب</li></ul>"
                   "<blockquote>قول</blockquote><div>فقرة في div</div></div>")
    assert [(b.kind, b.text) for b in found] == [
        ("h", "تلاعب أو احتفال"), ("p", "اعتبر الرئيس"), ("li", "أ"), ("li", "ب"),
        ("quote", "قول"), ("p", "فقرة في div"),
    ]
    assert found[0].level == 2


def test_br_ends_a_paragraph_and_bold_heading_stays_separate():
    found = blocks("<td><b>تلاعب أو احتفال</b><br>اعتبر الرئيس<br><br>فقرة ثانية</td>")
    assert [b.text for b in found] == ["تلاعب أو احتفال", "اعتبر الرئيس", "فقرة ثانية"]
    assert found[0].bold and not found[1].bold


def test_inline_elements_do_not_split_and_links_are_recorded():
    found = blocks('<p>قال <a href="/b/2">الوزير</a> <strong>اليوم</strong> إن</p>')
    assert len(found) == 1
    assert found[0].text == "قال الوزير اليوم إن"
    assert [(link.url, link.text) for link in found[0].links] == [("https://example.com/b/2", "الوزير")]
    assert found[0].link_chars == len("الوزير")


def test_link_list_items():
    teaser, prose = blocks('<div><p><a href="/x">عنوان خبر آخر</a></p><p>نص طويل فيه <a href="/y">رابط</a> واحد فقط</p></div>')
    assert teaser.is_link_list_item()
    assert not prose.is_link_list_item()


def test_the_whole_page_takes_the_article_blocks_read_already(corpus):
    """An outlet's article blocks are read first; the whole page's blocks (what lies around the
    article: date lines, source lines) take those very blocks instead of walking the article
    again, and are what a walk of the whole page gives."""
    from newscrawler.extract.page import read_page
    from newscrawler.extract.parser import ArticleParser
    from newscrawler.outlets import outlet_for_url
    from tests.extract.test_css import pages

    read = 0
    for name, markup in pages(corpus):
        url = name if name.startswith("http") else "https://" + name.split("/mirror/", 1)[-1]
        outlet = outlet_for_url(url)
        if outlet is None:
            continue
        page = read_page(markup, url, outlet)
        article = ArticleParser(outlet).article_blocks(page).blocks
        if not page.blocks_read:
            continue
        read += 1
        whole = page.blocks
        walked = blocks_of(page.body, page.base_url, page.furniture.placeholders)
        assert whole == walked and [b.element for b in whole] == [b.element for b in walked], name
        assert all(any(b is w for w in whole) for b in article), name
    assert read >= 20, read
