import json

from newscrawler.extract.fields import strip_site_name
from newscrawler.extract.page import parse
from newscrawler.extract.structured import read_metadata


def metadata(head: str, body: str = "", lang: str = "ar"):
    return read_metadata(parse(f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>').root,
                         "https://site.example/a/1")


def ld(data) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def test_json_ld_graph_with_id_references():
    meta = metadata(ld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": "https://site.example/a/1#webpage", "name": "صفحة"},
        {"@type": "ImageObject", "@id": "https://site.example/a/1#primaryimage", "url": "https://site.example/i.jpg"},
        {"@type": "NewsArticle", "headline": "العنوان", "datePublished": "2023-09-14T01:12:40+03:00",
         "author": [{"@type": "Person", "name": "كاتب"}], "image": {"@id": "https://site.example/a/1#primaryimage"},
         "keywords": "روسيا، كوريا", "articleSection": ["عربي ودولي"]},
    ]}))
    assert meta.title == "العنوان"
    assert meta.published == "2023-09-14T01:12:40+03:00"
    assert meta.authors == ["كاتب"]
    assert meta.images == ["https://site.example/i.jpg"]
    assert meta.keywords == ["روسيا", "كوريا"]
    assert meta.section == "عربي ودولي"
    assert meta.is_article


def test_meta_tags_when_no_json_ld():
    meta = metadata('<meta property="og:title" content="عنوان | الموقع"><meta property="article:published_time" '
                    'content="2025-01-01T10:00:00Z"><meta property="article:tag" content="أ"><meta property="article:tag" '
                    'content="ب"><link rel="canonical" href="/a/1">', lang="ar-EG")
    assert meta.og_title == "عنوان | الموقع"
    assert meta.published is None and meta.published_tag == "2025-01-01T10:00:00Z"
    assert meta.tags == ["أ", "ب"]
    assert meta.canonical == "https://site.example/a/1"
    assert meta.language == "ar"


def test_listing_pages_say_so():
    meta = metadata(ld({"@type": "CollectionPage", "name": "قسم"}) + '<meta property="og:type" content="article">')
    assert meta.is_listing and not meta.is_article


def test_broken_json_ld_is_ignored_and_its_keys_never_used():
    meta = metadata('<script type="application/ld+json">{not json</script>'
                    + ld({"@type": "NewsArticle", "headline": "ع", "$where": "x", "a.b": 1}))
    assert meta.title == "ع"


def test_site_name_suffix_is_stripped():
    assert strip_site_name("كيف ينظر الأوكرانيون | الجزيرة نت", ["الجزيرة نت"]) == "كيف ينظر الأوكرانيون"
    assert strip_site_name("عرب خبر - عنوان الخبر", ["عرب خبر"]) == "عنوان الخبر"
    assert strip_site_name("بوتين - كيم: لقاء", ["عرب خبر"]) == "بوتين - كيم: لقاء"


def test_meta_tags_are_read_by_property_name_or_itemprop_whatever_their_case():
    meta = metadata('<meta name="DC.Date.Issued" content="2021-02-16"><meta itemprop="dateModified" '
                    'content="2024-07-30"><meta name="published-date" content="2020-01-01">')
    assert meta.published_tag == "2020-01-01"  # the order of PUBLISHED_TAGS, not of the page
    assert meta.modified_tag == "2024-07-30"
