import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.items import Article
from newscrawler.pipelines.clean import clean_article
from newscrawler.text import clean_paragraphs, clean_text, normalize_for_search, strip_byline
from newscrawler.text.boilerplate import PARAGRAPH_RULES, boilerplate_rule, strip_glued_ad_label
from newscrawler.text.mojibake import repair_mojibake

# ----------------------------------------------------------------- characters


def test_presentation_forms_are_folded_and_nothing_else():
    # ﻻ (FEFB) → لا, ﷲ (FDF2) → الله, ﺑ (FE91) → ب; "…", «», and Latin ligature ﬁ stay.
    assert clean_text("ﻻ ﷲ ﺑ … «قال» ﬁ") == "لا الله ب … «قال» ﬁ"


def test_persian_letters_map_to_arabic():
    assert clean_text("الکوری الشمالی کیم") == "الكوري الشمالي كيم"


def test_persian_letters_in_presentation_forms_also_map():
    # ﯾ (FBFE, Farsi yeh medial form) and ﮐ (FB90, keheh initial form)
    assert clean_text("ﮐﯾ") == "كي"


def test_tatweel_and_invisible_controls_are_removed():
    text = "الاقتـــصاد\u200b ال\u200cعالمي\u200f \u202bنص\u202c \u2067عزل\u2069\ufeff"
    assert clean_text(text) == "الاقتصاد العالمي نص عزل"


def test_tatweel_that_spells_a_prefix_stays_once():
    assert clean_text("لـ«الصباح» بـ”الجارة” الـ80 فـــ3 1445هـ") == "لـ«الصباح» بـ”الجارة” الـ80 فـ3 1445هـ"
    assert clean_text("بـالجارة الاقتـــصاد كتـ«") == "بالجارة الاقتصاد كت«"
    assert normalize_for_search("لـ«الصباح» الـ80") == "ل«الصباح» ال80"


def test_diacritics_are_kept_for_display():
    assert clean_text("الرِّئاسةُ") == "الرِّئاسةُ"


def test_spaces_collapse_but_paragraph_breaks_stay():
    assert clean_text("  أ \u00a0 ب\t ج  \n\n\n\n د  \r\n و ") == "أ ب ج\n\nد\nو"


def test_empty_and_none():
    assert clean_text(None) == ""
    assert clean_text("") == ""
    assert clean_text(" \n \u200b ") == ""


# ----------------------------------------------------------------- boilerplate paragraphs

#: Every rule with paragraphs it must drop and paragraphs it must keep.
RULE_EXAMPLES = {
    "tweet_media_link": (
        ['بمناسبة "عيد النصر".. #بوتين يعلن هدنة مؤقتة للحرب في #أوكرانيا pic.twitter.com/eh80wiK1TE',
         "صورة متداولة pic.x.com/AbC123"],
        ["نشرت الوزارة الصور على موقعها الرسمي twitter.com والمواقع الأخرى"],
    ),
    "tweet_attribution": (
        ["— قناة الجزيرة (@AJArabic) April 28, 2025", "— Al Jazeera English (@AJEnglish) 3 مايو 2025"],
        ["— قال الوزير إن الاتفاق سيوقع في 2025"],
    ),
    "messaging_channel_call": (
        ["لمتابعة أهم وأحدث الأخبار انضموا إلينا عبر قناتنا على واتساب", "تابعونا على تويتر وفيسبوك",
         "اشترك في النشرة البريدية"],
        ["وتابع في منشور على فيسبوك: نحن هنا من أجل الجميع", "انضم اللاعب إلى النادي في الصيف الماضي"],
    ),
    "newsletter_call": (
        ["Subscribe to Travel Noire, a free daily newsletter that features the best of travel.",
         "By signing up, you agree to receive recurring automated SMS marketing messages.",
         "Sign up now for the Mashable Deals newsletter.", "Join 800,000+ subscribers to get regular emails."],
        ["Subscribers to the service grew by 20 percent this year.", "Sign up deadlines were extended, the ministry said."],
    ),
    "form_message": (
        ["Thank you! Your submission has been received!", "Oops! Something went wrong while submitting the form."],
        ["Thank you, the minister said, for coming."],
    ),
    "click_here": (
        ["اضغط هنا", "للمزيد اضغط هنا", "انقر هنا لمشاهدة الفيديو"],
        ["وقال إن الضغط هنا كبير على الحكومة"],
    ),
    "share_call": (
        ["شارك الخبر", "شارك: فيسبوك تويتر واتساب", "مشاركة", "Share this article", "Share:"],
        ["شارك الرئيس في القمة العربية التي عقدت أمس في الرياض", "Shares of the company rose."],
    ),
    "app_download_call": (
        ["حمّل تطبيق الجزيرة", "قم بتحميل التطبيق الآن"],
        ["حمل المتظاهرون لافتات كتب عليها مطالبهم"],
    ),
    "comments_disclaimer": (
        ["الآراء الواردة أدناه لا تعبر عن رأي موقع CNN بالعربية، بل تعكس وجهات نظر أصحابها فقط.",
         "ترحب شبكة CNN بالنقاش الحيوي والمفيد، وكي لا نضطر إلى مراجعة التعليقات قبل نشرها."],
        ["قال الوزير إن الآراء تباينت داخل الحكومة حول الخطة"],
    ),
    "copyright_notice": (
        ["جميع الحقوق محفوظة © عرب خبر 2023", "حقوق النشر محفوظة لموقع عرب خبر © 2003-2023"],
        ["أكد الوزير أن حقوق المواطنين مصونة"],
    ),
    "ad_label": (
        ["إعلان", "اعلان", "- إعلان -", "Advertisement", "مساحة إعلانية"],
        ["إعلان بوتين هدنة جديدة", "إعلانات"],
    ),
}


def test_every_rule_has_examples():
    assert {rule.name for rule in PARAGRAPH_RULES} == set(RULE_EXAMPLES)


@pytest.mark.parametrize("rule", sorted(RULE_EXAMPLES))
def test_rule_drops_what_it_names_and_keeps_the_rest(rule):
    dropped, kept = RULE_EXAMPLES[rule]
    for paragraph in dropped:
        assert boilerplate_rule(paragraph) == rule, paragraph
        assert clean_text(f"قبل\n{paragraph}\nبعد") == "قبل\nبعد"
    for paragraph in kept:
        assert boilerplate_rule(paragraph) is None, paragraph
        assert paragraph in clean_text(paragraph) or clean_text(paragraph) == " ".join(paragraph.split())


def test_rules_are_documented():
    for rule in PARAGRAPH_RULES:
        assert rule.why, rule.name


@pytest.mark.parametrize("rule", [rule for rule in PARAGRAPH_RULES if rule.needs], ids=lambda rule: rule.name)
@given(data=st.data())
def test_every_match_of_a_rule_holds_a_word_it_needs(rule, data):
    """A paragraph without any of a rule's ``needs`` is passed over: every text the pattern
    matches, in every branch, must hold one."""
    matched = data.draw(st.from_regex(rule.pattern, fullmatch=True))
    assert any(needle in matched for needle in rule.needs), matched


# ----------------------------------------------------------------- glued ad label


@pytest.mark.parametrize(
    ("paragraph", "cleaned"),
    [
        ("إعلانوبهذا الصدد -وفي حديث مع الجزيرة نت- اعتبر", "وبهذا الصدد -وفي حديث مع الجزيرة نت- اعتبر"),
        ("إعلانوكتب في مقال على موقع", "وكتب في مقال على موقع"),
        ("اعلانقال الوزير", "قال الوزير"),
        ("إعلانإعلانوكتب", "وكتب"),
        ("إِعْلانوبهذا", "وبهذا"),
        ("إعلان بوتين هدنة", "إعلان بوتين هدنة"),
        ("إعلانه المفاجئ أربك الأسواق", "إعلانه المفاجئ أربك الأسواق"),
        ("إعلانات الشركات تراجعت", "إعلانات الشركات تراجعت"),
        ("إعلانها، الذي جاء متأخرا", "إعلانها، الذي جاء متأخرا"),
        ("إعلانية جديدة", "إعلانية جديدة"),
        ("إعلاناً رسمياً", "إعلاناً رسمياً"),
        ("إعلان: الرئيس يلقي كلمة", "إعلان: الرئيس يلقي كلمة"),
        ("في إعلانوبهذا", "في إعلانوبهذا"),  # only at the start of a paragraph
    ],
)
def test_glued_ad_label(paragraph, cleaned):
    assert strip_glued_ad_label(paragraph) == cleaned
    assert clean_text(paragraph) == cleaned


def test_a_label_glued_to_latin_text_goes_and_tweet_residue_after_it_too():
    assert strip_glued_ad_label("إعلانpic.twitter.com/abc") == "pic.twitter.com/abc"
    assert strip_glued_ad_label("إعلانBBC تقول") == "BBC تقول"
    assert strip_glued_ad_label("إعلان BBC") == "إعلان BBC"
    assert strip_glued_ad_label("إعلان2024") == "إعلان2024"  # a missing space, perhaps: kept
    assert clean_text("فقرة أولى\nإعلانpic.twitter.com/abc\nفقرة ثانية") == "فقرة أولى\nفقرة ثانية"


def test_glued_labels_in_a_multi_paragraph_text():
    text = "فقرة أولى\nإعلانوبهذا الصدد قال\nإعلان\nإعلانوكتب في مقال"
    assert clean_paragraphs(text) == ["فقرة أولى", "وبهذا الصدد قال", "وكتب في مقال"]


def test_clean_text_is_idempotent_on_the_seed_defects():
    text = "تلاعب أو احتفال\nإعلانوبهذا الصدد\n— قناة الجزيرة (@AJArabic) April 28, 2025\nالکوری"
    once = clean_text(text)
    assert clean_text(once) == once


# ----------------------------------------------------------------- search form


def test_normalize_for_search_strips_marks_and_folds_letters():
    assert normalize_for_search("الرِّئاسةُ أُعلنت إِنّ آمال ٱلله مستشفى") == "الرئاسه اعلنت ان امال الله مستشفي"


def test_normalize_for_search_digits():
    assert normalize_for_search("٢٠٢٥ و۱۴۰۴") == "2025 و1404"


def test_normalize_for_search_superscript_alef_and_tanween():
    assert normalize_for_search("هٰذا كتاباً") == "هذا كتابا"


def test_normalize_for_search_runs_clean_text_first():
    assert normalize_for_search("الکوری\u200c الاقتـصاد\nإعلانوبهذا") == "الكوري الاقتصاد\nوبهذا"


def test_a_paragraph_is_judged_once_on_its_search_form():
    # "ً إعلانإعلان": in the display a tanween and a space stand before the label; its search form
    # is "اعلاناعلان", two glued ad labels, and the paragraph is gone from both forms.
    paragraph = "\u064b\xa0إعلانإعلان"
    assert clean_text(paragraph) == normalize_for_search(paragraph) == ""
    assert clean_text(f"قبل\n{paragraph}\nبعد") == "قبل\nبعد"
    assert normalize_for_search(f"قبل\n{paragraph}\nبعد") == "قبل\nبعد"
    # A label with its diacritics goes whole, and the search form is the folding of what is left.
    assert clean_text("\u064b إِعْلانًوَقال") == "وَقال"
    assert normalize_for_search("\u064b إِعْلانًوَقال") == "وقال"


def test_query_and_text_meet():
    stored = normalize_for_search("أعلنت الرئاسة المصرية، الأحد، أن ٣ مستشفيات")
    assert normalize_for_search("اعلنت الرئاسه") in stored
    assert normalize_for_search("3 مستشفيات") in stored


def test_mojibake_is_repaired_and_latin_text_left_alone():
    assert repair_mojibake("Ø§Ù„Ø®Ø¨Ø±") == "الخبر"
    assert repair_mojibake("itâ€™s") == "it’s"
    assert repair_mojibake("Ãƒ©") == "é"  # encoded twice
    assert repair_mojibake("café Ärger naïve façade ¿Qué?") == "café Ärger naïve façade ¿Qué?"
    assert clean_text("Ø§Ù„Ø®Ø¨Ø± Ø§Ù„Ø¹Ø§Ø¬Ù„") == "الخبر العاجل"


# ----------------------------------------------------------------- encodable text


def test_a_lone_surrogate_becomes_the_replacement_character():
    # What json.loads('"\\ud800"') gives: no UTF-8 encoder can write it.
    assert clean_text("قال\ud800 الوزير\udfff") == "قال\ufffd الوزير\ufffd"
    assert normalize_for_search("قالَ\ud800") == "قال\ufffd"
    assert clean_paragraphs("\udc00نص") == ["\ufffdنص"]
    assert strip_byline("كتب\ud800 هبة") == "كتب\ufffd هبة"
    assert clean_text("\ud83d\ude00 وجه") == "\U0001F600 وجه"  # a pair's two halves are one character


def test_every_string_of_a_cleaned_article_encodes():
    item = Article(
        url="https://example.com/a\ud800", outlet="example\udfff", title="عنوان\ud800", summary="ملخص\udbff",
        body="قال الوزير\ud800 إن", authors=["كتب هبة\udc00"], section="سياسة\ud800", tags=["وسم\ud800"],
        source="وكالة\ud800", published_raw="2025\ud800", modified_raw="\udfff",
        images=[{"url": "https://example.com/i\ud800.jpg", "caption": "صورة\ud800"}],
        embeds=[{"url": "https://x.com/s\ud800", "text": "تغريدة\ud800"}],
        read_also_urls=["https://example.com/b\ud800"], parent_urls=["https://example.com/p\udfff"],
    )
    clean_article(item, max_body_bytes=1_000_000)
    assert item.body == "قال الوزير\ufffd إن"
    assert item.body_normalized == "قال الوزير\ufffd ان"
    assert item.url == "https://example.com/a\ufffd"
    assert item.authors == ["هبة\ufffd"]
    assert item.images == [{"url": "https://example.com/i\ufffd.jpg", "caption": "صورة\ufffd"}]
    assert item.read_also_urls == ["https://example.com/b\ufffd"]
    for value in (item.url, item.outlet, item.title, item.summary, item.section, item.source, item.published_raw,
                  item.modified_raw, *item.tags, *item.parent_urls, *item.embeds[0].values()):
        assert "\ufffd" in value
        value.encode("utf-8")
