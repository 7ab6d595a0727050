from lxml import html

from newscrawler.extract.blocks import blocks_of
from newscrawler.extract.chrome import canonical_tweet_url, prepare

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
    root = html.fromstring(PAGE)
    placeholders = prepare(root, base_url="https://example.com/a/1", page_url="https://example.com/a/1")
    return blocks_of(root, "https://example.com/a/1", placeholders)


def test_chrome_is_removed_before_text_is_taken():
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
