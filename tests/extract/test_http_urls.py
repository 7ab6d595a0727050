"""URL fields hold only http(s) URLs: ``javascript:`` and ``data:`` (in any case, after spaces or
control characters, with line breaks inside, as browsers read them) never reach ``images``,
``embeds``, ``read_also_urls`` or ``parent_urls``, whether the page is read here or crawled and
stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newscrawler.extract import extract_page
from newscrawler.extract.http_urls import http_url, joined
from newscrawler.mirror.server import MirrorServer
from tests.sites import PARAGRAPH

PROJECT = Path(__file__).resolve().parents[2]
HOST = "script-urls.example"
PAGE_URL = f"https://{HOST}/news/1"


def paragraph(n: int) -> str:
    return f"<p>{PARAGRAPH}(الفقرة {n})</p>"


#: A page offering every URL field good and bad values, the bad ones spelled as browsers accept them.
PAGE = f"""<html lang="ar"><head><meta charset="utf-8"><title>عنوان الخبر</title>
<meta property="og:image" content=" JavaScript:alert(0)">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "عنوان الخبر",
 "datePublished": "2025-06-10T08:30:00+03:00", "image": ["javascript:alert(1)", "https://cdn.{HOST}/lead.jpg"]}}</script>
</head><body><article><h1>عنوان الخبر</h1>{paragraph(1)}
<figure><img src="JavaScript:alert(2)"><figcaption>صورة أولى</figcaption></figure>
<figure><img src=" data:image/png;base64,AAAA"><figcaption>صورة ثانية</figcaption></figure>
<figure><img src="DATA:image/gif;base64,R0lG"><figcaption>صورة ثالثة</figcaption></figure>
<figure><img data-src="data:image/gif;base64,R0lG" src="/img/good.jpg"><figcaption>صورة جيدة</figcaption></figure>
<figure><img srcset="javascript:alert(3) 1x" src="/img/two.jpg"><figcaption>صورة جيدة ثانية</figcaption></figure>
{paragraph(2)}
<blockquote class="instagram-media" data-instgrm-permalink="javascript:alert(4)"></blockquote>
<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/abc/"></blockquote>
<iframe src="https://www.youtube.com/embed/xyz"></iframe>
<iframe src="javascript:alert(5)"></iframe>
{paragraph(3)}
<p>اقرأ أيضا: <a href="JavaScript:alert(6)">خبر أول مرتبط بالموضوع</a></p>
{paragraph(4)}
<p>اقرأ أيضا: <a href="&#1;javascript:alert(7)">خبر ثان مرتبط بالموضوع</a></p>
{paragraph(5)}
<p>اقرأ أيضا: <a href="java&#10;script:alert(8)">خبر ثالث مرتبط بالموضوع</a></p>
{paragraph(6)}
<p>اقرأ أيضا: <a href="data:text/html,hi">خبر رابع مرتبط بالموضوع</a></p>
{paragraph(7)}
<p>اقرأ أيضا: <a href="/news/2">خبر خامس مرتبط بالموضوع</a></p>
{paragraph(8)}
</article></body></html>"""

GOOD_IMAGES = [f"https://cdn.{HOST}/lead.jpg", f"https://{HOST}/img/good.jpg", f"https://{HOST}/img/two.jpg"]
GOOD_EMBEDS = ["https://www.instagram.com/p/abc/", "https://www.youtube.com/embed/xyz"]
GOOD_READ_ALSO = [f"https://{HOST}/news/2"]


def assert_only_http(urls: list) -> None:
    for url in urls:
        assert url is None or url.startswith(("http://", "https://")), url
        assert url is None or not any(bad in url.lower() for bad in ("javascript", "data:", "alert")), url


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "JavaScript:alert(1)", " \t javascript:alert(1)", "\x01javascript:alert(1)",
    "java\nscript:alert(1)", "jav\tascript:alert(1)", "data:image/png;base64,AAAA", " DATA:text/html,x",
    "mailto:a@b.example", "tel:+20100", "ftp://files.example/a", "vbscript:msgbox", "http://", "http://[::1/", "",
])
def test_http_url_refuses_every_other_scheme(value):
    assert http_url(value, "https://site.example/a/1") is None


def test_http_url_makes_urls_absolute():
    assert http_url("/img/a.jpg", "https://site.example/a/1") == "https://site.example/img/a.jpg"
    assert http_url("  //cdn.example/b.jpg\n", "https://site.example/a/1") == "https://cdn.example/b.jpg"
    assert http_url("HTTPS://Site.example/x") == "HTTPS://Site.example/x"
    assert http_url("img.jpg", "javascript:alert(1)//") is None  # a script base makes nothing absolute


def test_extraction_keeps_only_http_urls_in_url_fields():
    extraction = extract_page(PAGE, PAGE_URL, None, parents=["javascript:alert(9)", f"https://{HOST}/news/0"])
    article = extraction.article
    assert [image["url"] for image in article.images] == GOOD_IMAGES
    assert [embed["url"] for embed in article.embeds if embed["url"]] == GOOD_EMBEDS
    assert article.read_also_urls == GOOD_READ_ALSO
    assert article.parent_urls == [f"https://{HOST}/news/0"]
    assert article.url == PAGE_URL
    for document in extraction.articles:
        assert_only_http([document.url, *document.parent_urls, *document.read_also_urls,
                          *(i["url"] for i in document.images), *(e["url"] for e in document.embeds)])


@pytest.fixture
def script_site(tmp_path):
    (tmp_path / "mirror" / HOST / "news").mkdir(parents=True)
    (tmp_path / "mirror" / HOST / "news" / "1").write_text(PAGE, encoding="utf-8")
    with MirrorServer(tmp_path / "mirror") as server:
        yield server


@pytest.mark.e2e
def test_a_crawled_page_stores_only_http_urls(script_site, mongo_uri, database_name, db, tmp_path):
    environment = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name,
                   "NEWSCRAWLER_MIRROR": script_site.url, "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"urls={PAGE_URL}",
               "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5", "-s", "ROBOTSTXT_OBEY=False"]
    finished = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr[-3000:]
    stored = db.articles.find_one({"url": PAGE_URL})
    assert stored is not None, finished.stderr[-3000:]
    assert [image["url"] for image in stored["images"]] == GOOD_IMAGES
    assert [embed["url"] for embed in stored["embeds"] if embed["url"]] == GOOD_EMBEDS
    assert stored["read_also_urls"] == GOOD_READ_ALSO
    links = list(db.read_also_links.find({}, {"_id": 0}))
    assert links, "the read-also link is stored"
    for document in db.articles.find({}, {"_id": 0}):
        assert_only_http([document["url"], *document["parent_urls"], *document["read_also_urls"],
                          *(i["url"] for i in document["images"]), *(e["url"] for e in document["embeds"])])
    assert "javascript" not in str(links).lower() and "data:" not in str(links)


# ----------------------------------------------------------------- joined: urljoin, sooner

BASES = ["https://site.example/news/2025/1.html", "http://site.example:8080/dir/", "https://user@site.example/x",
         "HTTPS://Site.Example/a?b=1#c", "https://site.example", "", "ftp://files.example/x", "https://[::1]/x",
         "https://site.example/a;p?q#f", " https://site.example/x\t", "//site.example/a", "/relative/base",
         "https://موقع.example/خبر"]
#: Links as pages write them, and the spellings where urljoin changes something: dot segments,
#: empty queries, parameters, fragments, spaces and controls, other schemes, hosts with ports,
#: users or brackets, a path from the root next to one from the host.
HREF_STARTS = ["", "/", "//", "http://", "https://", "HTTP://", "https:", "http:/", "./", "../", "?", "#", ";",
               "https://site.example", "https://other.example:443", "https://u:p@h.example", "https://[::1]",
               "http://a.b-c.example/", "mailto:", "javascript:"]
HREF_TEXT = st.text(alphabet="ab/.:;?#@[]% \t\n\x00\x7f=&-_~اخبر12", max_size=14)


@given(base=st.sampled_from(BASES), start=st.sampled_from(HREF_STARTS), rest=HREF_TEXT)
@example(base=BASES[0], start="/", rest="news/2?")  # an empty query: urljoin drops the "?"
@example(base=BASES[0], start="https://site.example", rest="/a?")  # the same, on an absolute URL
@example(base=BASES[0], start="/", rest="a/./b")  # a dot segment: urljoin resolves it
@example(base=BASES[0], start="/", rest="a\tb")  # a tab inside: urljoin removes it
@example(base=BASES[0], start="https://site.example", rest="/a;")  # an empty parameter: dropped
@example(base=BASES[7], start="/", rest="a")  # a base urljoin cannot read
def test_joined_is_urljoin(base, start, rest):
    href = start + rest
    try:
        expected = urljoin(base, href)
    except ValueError:
        with pytest.raises(ValueError):
            joined(base, href)
        return
    assert joined(base, href) == expected
