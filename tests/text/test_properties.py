"""Properties of the text and date functions over generated input (hypothesis).

How many examples, and whether they are random, is the profile's (tests/conftest.py): CI runs
the same examples every time; ``HYPOTHESIS_PROFILE=long python -m pytest tests/text`` runs 5,000
random ones a test. Every input that ever failed stays as an ``@example`` on its test.
"""

import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newscrawler.dates import parse_date
from newscrawler.dates.vocabulary import (
    _GREGORIAN_MONTHS,
    _HIJRI_MONTHS,
    AM_WORDS,
    PM_WORDS,
    ZONE_WORDS,
)
from newscrawler.text import clean_paragraphs, clean_text, normalize_for_search, search_form, strip_byline
from newscrawler.text.boilerplate import boilerplate_rule, kept_paragraph, strip_glued_ad_label
from newscrawler.text.bounds import cut_line, cut_text
from newscrawler.text.letters import (
    INVISIBLE_CONTROLS,
    LETTER_FOLDS,
    PERSIAN_TO_ARABIC,
    PRESENTATION_FORM_RANGES,
    SEARCH_TABLE,
    _apply_search,
    fold_display,
    fold_search,
    search_line,
)

#: The number of examples comes from the profile (tests/conftest.py).
PROPERTY = settings(deadline=None)

# ----------------------------------------------------------------- text

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B) if c != 0x0640]
MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
SPECIAL = ["\u0640", "\u200b", "\u200c", "\u200f", "\u202b", "\u2067", "\ufeff", "\u00a0", "\t", "\r\n", "\n",
           "ک", "ی", "ﻻ", "ﷲ", "ﺑ", "…", "«", "»", "٣", "۴", "إعلان", "pic.twitter.com/x", "(@a)", "—"]
arabic_text = st.lists(
    st.sampled_from(ARABIC_LETTERS + MARKS + SPECIAL + [" ", " ", " ", ".", "،", "1", "a"]), max_size=200
).map("".join)
any_text = st.one_of(arabic_text, st.text(max_size=300))

presentation_form = st.one_of(
    [st.characters(min_codepoint=low, max_codepoint=high) for low, high in PRESENTATION_FORM_RANGES]
)
#: Article paragraphs: every line opens with "قال", so no boilerplate rule and no glued ad label applies.
article_text = st.lists(
    st.lists(
        st.sampled_from(ARABIC_LETTERS + MARKS + ["ک", "ی", "ٱ", "\u0640", "\u200c", "\u00a0", " ", " ", "٣", "«"])
        | presentation_form,
        max_size=60,
    ).map(lambda chars: "قال " + "".join(chars)),
    max_size=5,
).map("\n".join)

#: What the seed pages really contain, to be mixed with Arabic words.
SEED_FRAGMENTS = [
    "إعلان", "إعلانوبهذا", "إِعْلانوقال", "اعلانإعلانوفي", "إعلان بوتين", "إعلانه", "مساحة إعلانية", "ADVERTISEMENT",
    "pic.twitter.com/abc", "pic.x.com/AbC123", "— name (@handle) March 3, 2020",
    "— قناة الجزيرة (@AJArabic) April 28, 2025", "شارك الخبر", "اضغط هنا", "جميع الحقوق محفوظة ©",
    "لمتابعة أهم الأخبار انضموا إلينا عبر قناتنا على واتساب", "مساحة", "إعلانية", "الحقوق", "محفوظة",
    "الکوری", "الشمالی", "کیم", "الاقتـــصاد", "لـ«الصباح»", "الـ80", "1445هـ", "ﻻ", "ﷲ", "الرِّئاسةُ", "\u064b",
    "تفاصيل الخبرقال مصدر", "خلفية الأزمة\nوقال", "عنوان فرعي\n\n",  # headings glued to paragraphs
    *INVISIBLE_CONTROLS, "\u00a0", "\t", " ", " ", " ", "\n", "\n\n", "\r\n", "\r",
]
arabic_word = st.lists(st.sampled_from(ARABIC_LETTERS + MARKS), min_size=1, max_size=8).map("".join)
seed_text = st.lists(st.sampled_from(SEED_FRAGMENTS) | arabic_word, max_size=40).map("".join)

#: normalize_for_search's letter folding by its docstring: the Persian letters (already mapped by
#: clean_text), then أ إ آ ٱ → ا, ى → ي, ة → ه.
SEARCH_FOLDS = {**PERSIAN_TO_ARABIC, **LETTER_FOLDS}


def is_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" and unicodedata.category(ch) == "Lo"  # not tatweel (Lm), not marks


def arabic_letters(text: str) -> Counter:
    return Counter(ch for ch in text if is_letter(ch))


def folded(letters: Counter) -> Counter:
    return Counter(SEARCH_FOLDS.get(ch, ch) for ch in letters.elements())


def test_the_mapping_itself_is_what_the_specification_says():
    assert PERSIAN_TO_ARABIC == {"ک": "ك", "ی": "ي"}
    assert LETTER_FOLDS == {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}


@PROPERTY
@given(any_text)
@example("Â\x80\xad")  # mojibake repair, then a soft hyphen removed, made a new mojibake pair
@example("Ãƒ©")  # "é" encoded twice: repaired in two rounds, not one per pass
@example("Ø\u200b§")  # a zero-width space inside mojibake: removed only after the repair had looked
@example("ـ\nـ")  # a tatweel before a line break read as a proclitic letter ("$" matched before "\n")
def test_clean_text_never_raises_and_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@PROPERTY
@given(seed_text)
def test_clean_text_is_idempotent_and_clean_on_the_seed_problems(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert not set(once) & {*INVISIBLE_CONTROLS, "\u00a0", "\t", "\r", "ک", "ی"}


@PROPERTY
@given(any_text)
@example("\u064b\xa0إعلانإعلان")  # the display kept "ً إعلانإعلان", its search form "اعلاناعلان" was an ad label
@example("وـٔ")  # folding dropped the tatweel, and و and the hamza met only on a second fold
def test_normalize_for_search_never_raises_and_is_idempotent(text):
    once = normalize_for_search(text)
    assert normalize_for_search(once) == once


@PROPERTY
@given(arabic_text)
def test_clean_text_loses_no_arabic_letter_it_does_not_map(text):
    """Letters survive cleaning, except in paragraphs dropped as boilerplate and glued ad labels."""
    expected = Counter()
    for line in fold_display(text).replace("\r", "\n").split("\n"):
        line = " ".join(line.split())
        stripped = strip_glued_ad_label(line)
        if stripped and not boilerplate_rule(stripped):
            expected += arabic_letters(stripped)
    assert arabic_letters(clean_text(text)) == expected


@PROPERTY
@given(article_text)
def test_normalize_for_search_keeps_every_letter_or_folds_it(text):
    """No boilerplate here: each letter of the input is in the output, mapped as documented."""
    display = "".join(
        unicodedata.normalize("NFKC", ch) if any(low <= ord(ch) <= high for low, high in PRESENTATION_FORM_RANGES)
        else ch
        for ch in text
    )
    assert arabic_letters(normalize_for_search(text)) == folded(arabic_letters(display))


@PROPERTY
@given(seed_text)
@example("\u064b\xa0إعلانإعلان")  # the search form dropped it, the display kept "ً إعلانإعلان"
@example("مساحة ً إعلانية")
@example("شارك" + "\u064e" * 77)
@example("\u064bإعلانوبهذا")
def test_normalize_for_search_loses_only_what_clean_text_loses(text):
    assert arabic_letters(normalize_for_search(text)) == folded(arabic_letters(clean_text(text)))


@PROPERTY
@given(any_text | seed_text)
@example("\u064b\xa0إعلانإعلان")
@example("وـٔ")
def test_the_search_form_is_the_folding_of_the_display_form(text):
    """Boilerplate is judged once, on the search form: every paragraph the display keeps, judged
    again, stays as it is, and the search form is its folding, which cleaning leaves alone."""
    display = clean_text(text)
    search = normalize_for_search(text)
    assert search == search_form(display)
    for paragraph in display.split("\n"):
        assert kept_paragraph(paragraph) == paragraph
        assert kept_paragraph(search_line(paragraph)) == search_line(paragraph)
    assert normalize_for_search(search) == search


@PROPERTY
@given(any_text | seed_text | st.lists(st.sampled_from([*map(chr, SEARCH_TABLE), *ARABIC_LETTERS, " "])).map("".join))
def test_the_search_table_is_applied_as_str_translate_applies_it(text):
    """The search table is applied by a deletion and a few replacements (faster on Arabic than
    translate, which looks every character up): the same result."""
    assert _apply_search(text) == text.translate(SEARCH_TABLE)


@PROPERTY
@given(any_text | seed_text)
def test_every_line_of_clean_text_has_its_spaces_collapsed(text):
    for line in clean_text(text).split("\n"):
        assert line == " ".join(line.split()), line


@PROPERTY
@given(any_text)
@example("وـٔ")
@example("أٔ")  # أ folds to ا, which composes with the next hamza: folded until it is stable
def test_fold_search_is_idempotent(text):
    once = fold_search(text)
    assert fold_search(once) == once


#: Any text, lone UTF-16 surrogates included (st.text() leaves them out unless asked: category Cs).
surrogate = st.characters(categories=["Cs"])
text_with_surrogates = st.lists(
    st.characters(codec=None, exclude_categories=()) | surrogate | st.sampled_from(SEED_FRAGMENTS), max_size=60
).map("".join)


def encodes(value: str | None) -> bool:
    if value is not None:
        value.encode("utf-8")  # raises UnicodeEncodeError on a lone surrogate
    return True


@PROPERTY
@given(text_with_surrogates)
@example("\ud800")
@example("\udfff")
@example("إعلان\ud800وقال\udc00")
@example("\ud83d\ude00")  # a pair written as two halves: joined, not replaced
def test_every_stored_string_encodes_as_utf8(text):
    assert encodes(clean_text(text))
    assert encodes(normalize_for_search(text))
    assert encodes(search_form(text))
    assert all(encodes(paragraph) for paragraph in clean_paragraphs(text))
    assert encodes(strip_byline(text))
    assert encodes(cut_text(text, 50)[0])
    assert encodes(cut_line(text)[0])


# ----------------------------------------------------------------- dates

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
TIMEZONES = ["UTC", "Asia/Qatar", "Africa/Cairo", "Asia/Beirut", "Africa/Casablanca", "Nowhere/Atlantis"]
TO_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
MONTH_NAMES = sorted({name for table in (_GREGORIAN_MONTHS, _HIJRI_MONTHS) for names in table.values() for name in names})


def is_utc(moment) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() == timedelta(0)


@PROPERTY
@given(any_text, st.sampled_from(TIMEZONES))
def test_parse_date_never_raises_and_is_utc_or_none(text, timezone):
    parsed = parse_date(text, timezone=timezone, now=NOW)
    assert parsed is None or is_utc(parsed)


@st.composite
def date_like(draw):
    """The parts of a written date, some of them, in their usual order or any other, with Arabic-Indic
    digits or not."""
    parts = [
        str(draw(st.integers(1, 28) | st.integers(0, 40))),
        draw(st.sampled_from(MONTH_NAMES)),
        str(draw(st.integers(1990, 2035) | st.integers(1400, 1460) | st.integers(1290, 2110))),  # Hijri too
        f"{draw(st.integers(0, 25)):02d}:{draw(st.integers(0, 61)):02d}",
        draw(st.sampled_from(sorted(AM_WORDS | PM_WORDS))),
        draw(st.sampled_from(sorted(ZONE_WORDS))),
        *draw(st.lists(st.sampled_from(["GMT+3", "+03:00", "-0530", "UTC+15", "هـ", "م", "الموافق", "منذ 3",
                                        "أمس", "اليوم", "ساعات", "الخميس", "نشر في:", "/", "(", ")"]), max_size=3)),
    ]
    if draw(st.booleans()):
        parts = draw(st.permutations(parts))
    parts = [part for part in parts if draw(st.integers(0, 3)) != 3]  # each kept 3 times in 4
    text = "".join(part + draw(st.sampled_from([" ", " ", " ", "", "/", "-", "، ", ", ", "."])) for part in parts)
    return text.translate(TO_ARABIC_INDIC) if draw(st.booleans()) else text


@PROPERTY
@given(date_like(), st.sampled_from(TIMEZONES))
def test_parse_date_on_date_like_strings_is_utc_or_none(text, timezone):
    parsed = parse_date(text, timezone=timezone, now=NOW)
    assert parsed is None or is_utc(parsed)


def moments(zone: str):
    """Aware datetimes in ``zone``, to the minute; a wall-clock time that occurs twice is its first.
    Compare them in UTC: in such an hour they never equal a datetime of another zone (PEP 495)."""
    return st.datetimes(
        datetime(1990, 1, 1), datetime(2035, 12, 31, 23, 59), timezones=st.just(ZoneInfo(zone)), allow_imaginary=False
    ).map(lambda moment: moment.replace(second=0, microsecond=0, fold=0))


@PROPERTY
@given(st.sampled_from(sorted(set(ZONE_WORDS.values()))).flatmap(moments))
def test_iso_8601_round_trips(moment):
    assert parse_date(moment.isoformat(), timezone="Pacific/Kiritimati") == moment.astimezone(UTC)


ARABIC_MONTH_NAMES = {month: [n for n in names if not n.isascii()] for month, names in _GREGORIAN_MONTHS.items()}
ENGLISH_MONTH_ABBREVIATIONS = {month: [n for n in names if len(n) == 3] for month, names in _GREGORIAN_MONTHS.items()}


@st.composite
def written_dates(draw, month_names):
    """(text, timezone, instant) for "DD <month> YYYY HH:MM": 24-hour or with ص/م, its zone named by a
    zone word or given as ``timezone``, Arabic-Indic digits or not."""
    word, zone = draw(st.sampled_from(sorted(ZONE_WORDS.items())))
    moment = draw(moments(zone))
    text = f"{moment.day:02d} {draw(st.sampled_from(month_names[moment.month]))} {moment.year} "
    text += f"{moment:%I:%M} {'ص' if moment.hour < 12 else 'م'}" if draw(st.booleans()) else f"{moment:%H:%M}"
    timezone = zone
    if draw(st.booleans()):
        text, timezone = f"{text} {word}", "Pacific/Kiritimati"  # UTC+14: a zone word ignored shows
    return (text.translate(TO_ARABIC_INDIC) if draw(st.booleans()) else text), timezone, moment


@PROPERTY
@given(written_dates(ARABIC_MONTH_NAMES))
def test_arabic_day_month_year_time_round_trips(written):
    text, timezone, moment = written
    assert parse_date(text, timezone=timezone, now=NOW) == moment.astimezone(UTC)


@PROPERTY
@given(written_dates(ENGLISH_MONTH_ABBREVIATIONS))
@example(("03 mar 2020 10:15 م", "UTC", datetime(2020, 3, 3, 22, 15, tzinfo=UTC)))
@example(("03 mar 2020 10:15 gst", "UTC", datetime(2020, 3, 3, 6, 15, tzinfo=UTC)))
def test_english_month_abbreviation_round_trips(written):
    text, timezone, moment = written
    assert parse_date(text, timezone=timezone, now=NOW) == moment.astimezone(UTC)
