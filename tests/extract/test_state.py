"""Script state: JavaScript literals read without JavaScript, and the article found in them."""

import json

import pytest
from parsel import Selector

from newscrawler.extract.js import is_javascript_shell
from newscrawler.extract.js_literal import NotALiteral, parse_literal
from newscrawler.extract.state import script_states, state_article

TEXT = "نص الخبر الكامل كما تحفظه حالة التطبيق، بجمل تكفي لتكون مقالاً لا مقتطفاً قصيراً في قائمة. " * 3


def test_javascript_literals_json_and_nuxts_invoked_function():
    assert parse_literal('{a:1, "b":[true,null,void 0,\'x\\u0041\'], c:{d:-1.5}}') == {
        "a": 1, "b": [True, None, None, "xA"], "c": {"d": -1.5}}
    assert parse_literal('(function(a,b){return {t:a,l:[a,b]}}("x",null));') == {"t": "x", "l": ["x", None]}
    assert parse_literal('(function(a){return {t:a}})("y")') == {"t": "y"}


@pytest.mark.parametrize("text", ["{a: new Date(1)}", "{a: b + 1}", "alert(1)", "{a: unknown}", "{" * 500 + "}" * 500])
def test_what_is_not_a_literal_is_refused_never_guessed(text):
    with pytest.raises((NotALiteral, RecursionError)):
        parse_literal(text)


def page(script: str, body: str = '<div id="__next"><div class="skeleton"></div></div>') -> Selector:
    return Selector(text=f"<html><head><title>t</title></head><body>{body}{script}</body></html>")


def test_the_article_in_next_data_with_rich_text_blocks():
    state = {"props": {"pageProps": {
        "mostRead": [{"title": "خبر آخر", "body": "قصير"}],
        "article": {"headline": "العنوان", "publishedAt": "2025-06-02T08:15:00+03:00", "authors": [{"name": "عمر"}],
                    "body": [{"_type": "block", "children": [{"text": TEXT[:60]}, {"text": TEXT[60:]}]},
                             {"_type": "block", "children": [{"text": "فقرة ثانية."}]}]}}}}
    selector = page(f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>')
    article = state_article(script_states(selector))
    assert article.title == "العنوان" and article.authors == ["عمر"]
    assert article.paragraphs == [TEXT.strip(), "فقرة ثانية."]  # spans joined as written
    assert article.published == "2025-06-02T08:15:00+03:00"


def test_the_article_in_window_state_as_html():
    script = f'<script>window.__INITIAL_STATE__ = {{story: {{title: "العنوان", content: "<p>{TEXT}</p><p>الثانية</p>"}}}};</script>'
    article = state_article(script_states(page(script)))
    assert article.paragraphs == [TEXT.strip(), "الثانية"]


def test_a_teaser_in_state_is_not_an_article():
    script = '<script>window.__STATE__ = {items: [{title: "خبر", body: "مقتطف قصير"}]};</script>'
    assert state_article(script_states(page(script))) is None


@pytest.mark.parametrize("body", [
    '<div id="app"></div>',
    '<div id="app"><div class="spinner" aria-busy="true"></div><p>جارٍ التحميل...</p></div>',
    '<header><a href="/">الرئيسية</a> <a href="/a">أخبار</a></header><div id="__next"><div class="skeleton-box"></div>'
    '<ul><li>الأكثر قراءة: خبر أول طويل العنوان</li><li>خبر ثان طويل العنوان أيضا</li></ul></div>',
    "<noscript>يرجى تفعيل جافا سكريبت في متصفحك لعرض هذه الصفحة.</noscript><div>شعار</div>",
])
def test_shells_are_recognised_by_their_loading_state(body):
    assert is_javascript_shell(page("<script>start()</script>", body))


def test_a_page_with_its_text_and_a_script_is_no_shell():
    assert not is_javascript_shell(page("<script>track()</script>", f"<div id='app'><article><p>{TEXT}</p></article></div>"))
