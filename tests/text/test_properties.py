"""Properties of the text and date functions over generated input (hypothesis)."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.dates import parse_date
from newscrawler.text import clean_text, normalize_for_search
from newscrawler.text.boilerplate import boilerplate_rule, strip_glued_ad_label
from newscrawler.text.letters import PERSIAN_TO_ARABIC, fold_display

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B) if c != 0x0640]
MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
SPECIAL = ["\u0640", "\u200b", "\u200c", "\u200f", "\u202b", "\u2067", "\ufeff", "\u00a0", "\t", "\r\n", "\n",
           "ک", "ی", "ﻻ", "ﷲ", "ﺑ", "…", "«", "»", "٣", "۴", "إعلان", "pic.twitter.com/x", "(@a)", "—"]
arabic_text = st.lists(
    st.sampled_from(ARABIC_LETTERS + MARKS + SPECIAL + [" ", " ", " ", ".", "،", "1", "a"]), max_size=200
).map("".join)
any_text = st.one_of(arabic_text, st.text(max_size=300))


def arabic_letters(text: str) -> Counter:
    return Counter(ch for ch in text if "\u0621" <= ch <= "\u064A" and ch != "\u0640")


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_clean_text_never_raises_and_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_normalize_for_search_never_raises_and_is_idempotent(text):
    once = normalize_for_search(text)
    assert normalize_for_search(once) == once


@settings(max_examples=400, deadline=None)
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


def test_the_mapping_itself_is_what_the_specification_says():
    assert PERSIAN_TO_ARABIC == {"ک": "ك", "ی": "ي"}


@settings(max_examples=400, deadline=None)
@given(any_text, st.sampled_from(["UTC", "Asia/Qatar", "Africa/Cairo", "Asia/Aden", "Nowhere/Atlantis"]))
def test_parse_date_never_raises_and_is_utc_or_none(text, timezone):
    parsed = parse_date(text, timezone=timezone)
    assert parsed is None or parsed.utcoffset().total_seconds() == 0
