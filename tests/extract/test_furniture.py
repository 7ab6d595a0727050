from lxml import html

from newscrawler.extract.blocks import blocks_of
from newscrawler.extract.furniture import canonical_tweet_url, drop_marked, furniture_mark, prepare
from newscrawler.extract.index import index_page

PAGE = """<html><body>
<nav><a href="/">الرئيسية</a></nav>
<div class="breadcrumbs"><a href="/">الرئيسية</a> › أخبار</div>
<article>
<p>الفقرة الأولى من الخبر.</p>
<div class="container--ads"><span>إعلان</span></div>
<blockquote class="twitter-tweet"><p lang="ar">نص التغريدة <a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; قناة (@AJArabic)
<a href="https://twitter.com/AJArabic/status/123?ref_src=twsrc">April 28, 2025</a></blockquote>
<figure><img src="/img/a.jpg"><figcaption>تعليق الصورة</figcaption></figure>
<div class="share-bar"><a href="#">شارك على فيسبوك</a></div>
<div class="newsletter-box">اشترك في النشرة</div>
<section class="more-on"><h2>اقرأ أيضا</h2><ul><li><a href="/news/1">خبر أول مرتبط</a></li><li><a href="/news/2">خبر ثان مرتبط</a></li></ul></section>
<div class="related-posts"><a href="/news/3">خبر ذو صلة</a></div>
<p>الفقرة الثانية.</p>
</article>
<footer>جميع الحقوق محفوظة</footer>
</body></html>"""


def prepared():
    """The page as an outlet's selectors read it: furniture by nature removed, by name dropped."""
    root = html.fromstring(PAGE)
    furniture = prepare(root, index_page(root), base_url="https://example.com/a/1", page_url="https://example.com/a/1")
    drop_marked(furniture)
    return blocks_of(root, "https://example.com/a/1", furniture.placeholders)


def test_furniture_is_removed_before_text_is_taken():
    texts = [b.text for b in prepared() if b.text]
    assert texts == ["الفقرة الأولى من الخبر.", "الفقرة الثانية."]


def test_tweet_image_and_read_also_list_become_placeholders_in_page_order():
    kinds = [(b.kind, b.data) for b in prepared() if b.is_placeholder]
    assert kinds == [
        ("embed", {"type": "tweet", "url": "https://twitter.com/AJArabic/status/123", "text": "نص التغريدة"}),
        ("image", {"url": "https://example.com/img/a.jpg", "caption": "تعليق الصورة"}),
        ("links", {"links": [{"url": "https://example.com/news/1", "text": "خبر أول مرتبط"},
                             {"url": "https://example.com/news/2", "text": "خبر ثان مرتبط"}]}),
    ]


def test_tweet_urls_are_canonical():
    assert canonical_tweet_url("https://x.com/AJArabic/status/9/?s=20") == "https://twitter.com/AJArabic/status/9"


def test_names_are_marked_not_removed():
    """Furniture by name is evidence for the content rules: marked, left in place."""
    root = html.fromstring(PAGE)
    furniture = prepare(root, index_page(root), base_url="https://example.com/a/1", page_url="https://example.com/a/1")
    marks = {e.get("class"): mark for e, mark in furniture.marked.items()}
    assert marks == {"breadcrumbs": "named", "container--ads": "named", "share-bar": "named",
                     "newsletter-box": "named", "related-posts": "named"}
    assert "اشترك في النشرة" in root.text_content()


def test_furniture_marks():
    def mark(attributes: str):
        return furniture_mark(html.fromstring(f"<div {attributes}>x</div>"))

    assert mark('id="comments"') == "comments"
    assert mark('class="CookieConsentBanner"') == "comments"  # camelCase words
    assert mark('class="content-sidebar-wrap"') == "named"
    assert mark('class="site-footer"') == "layout"
    assert mark('class="elementor-widget-text-editor"') == "links"
    assert mark('class="wp-caption-text"') == "weak"
    assert mark('class="entry-content"') is None
    assert mark('class="download"') is None  # "ad" only as a word of its own


def test_hidden_content_and_unclosed_controls_keep_the_article():
    """React streams a page's content into <div hidden>; an unclosed <button> swallows the rest
    of the page: both keep what holds the article, and lose what does not."""
    paragraphs = "".join(f"<p>{'نص الفقرة الطويلة التي تحمل الخبر نفسه. ' * 4}{n}</p>" for n in range(3))
    root = html.fromstring(f"<html><body><div hidden>{paragraphs}</div><div hidden><p>مخفي</p></div>"
                           f"<button>زر <div>{paragraphs}</div></body></html>")
    prepare(root, index_page(root), base_url="https://example.com/a/1", page_url="https://example.com/a/1")
    text = root.text_content()
    assert text.count("نص الفقرة الطويلة") == 24 and "مخفي" not in text


def test_a_picture_in_a_caption_wrapper_is_a_figure():
    root = html.fromstring('<html><body><p>نص</p><div class="wp-caption"><img src="/a.jpg">'
                           '<p class="wp-caption-text">صورة من الموقع</p></div></body></html>')
    furniture = prepare(root, index_page(root), base_url="https://example.com/a/1", page_url="https://example.com/a/1")
    assert [b.data for b in furniture.placeholders.values()] == [{"url": "https://example.com/a.jpg", "caption": "صورة من الموقع"}]
