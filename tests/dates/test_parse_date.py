from datetime import UTC, datetime

import pytest

from newscrawler.dates import parse_date

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "timezone", "expected"),
    [
        # ISO 8601, with offsets, Z, fractions; a naive one is in the outlet's timezone
        ("2025-04-30T11:43:12+03:00", "UTC", at(2025, 4, 30, 8, 43, 12)),
        ("2020-04-24T11:00:00.000Z", "Asia/Qatar", at(2020, 4, 24, 11, 0)),
        ("2023-09-14T01:12:40+0300", "UTC", at(2023, 9, 13, 22, 12, 40)),
        ("2020-10-07 12:30", "Africa/Cairo", at(2020, 10, 7, 10, 30)),
        ("2025-04-30", "Asia/Qatar", at(2025, 4, 29, 21, 0)),  # a date alone is local midnight
        # RFC 2822, as in feeds
        ("Wed, 30 Apr 2025 08:43:12 +0000", "Asia/Qatar", at(2025, 4, 30, 8, 43, 12)),
        ("Mon, 24 Aug 2020 10:00:00 GMT", "Africa/Cairo", at(2020, 8, 24, 10, 0)),
        # English with ordinals and a zone word
        ("14th, September 2023 GMT", "Asia/Qatar", at(2023, 9, 14)),
        ("3rd, May 2025 GMT", "UTC", at(2025, 5, 3)),
        ("April 28, 2025", "UTC", at(2025, 4, 28)),
        # Arabic month names: Egyptian/Gulf, Levantine, Maghrebi, and dual forms
        ("الخميس 14 سبتمبر 2023 - 10:05 ص", "Asia/Aden", at(2023, 9, 14, 7, 5)),
        ("الأربعاء 13 سبتمبر 2023 - 10:05 م", "Asia/Aden", at(2023, 9, 13, 19, 5)),
        ("30 نيسان/أبريل 2025", "Asia/Beirut", at(2025, 4, 29, 21, 0)),
        ("الأحد 5 كانون الثاني/يناير 2025 - 10:30 ص", "Asia/Beirut", at(2025, 1, 5, 8, 30)),
        ("12 تشرين الأول 2024", "Asia/Damascus", at(2024, 10, 11, 21, 0)),
        ("أبريل (نيسان) 30، 2025", "UTC", at(2025, 4, 30)),
        ("25 جوان 2021", "Africa/Tunis", at(2021, 6, 24, 23, 0)),
        ("السبت، 3 مايو 2025 10:00 مساءً", "Africa/Cairo", at(2025, 5, 3, 19, 0)),
        ("الجمعة 25 ديسمبر 2020 - 12:13 م", "Africa/Cairo", at(2020, 12, 25, 10, 13)),
        ("الثلاثاء 24 أغسطس 2020 12:00 ص", "Africa/Cairo", at(2020, 8, 23, 22, 0)),
        # labels, Arabic-Indic digits, numeric orders, zone words
        ("تاريخ النشر: 14th, September 2023 GMT", "Asia/Qatar", at(2023, 9, 14)),
        ("نشر في ٢٨/٤/٢٠٢٥", "Asia/Qatar", at(2025, 4, 27, 21, 0)),
        ("آخر تحديث: 28/4/2025 04:22 م (بتوقيت مكة)", "UTC", at(2025, 4, 28, 13, 22)),
        ("10:50 م 30/4/2025", "Asia/Qatar", at(2025, 4, 30, 19, 50)),
        ("2013/8/3", "UTC", at(2013, 8, 3)),
        ("17.03.2020", "Europe/Moscow", at(2020, 3, 16, 21, 0)),
        ("۱۴ سبتمبر ۲۰۲۳", "UTC", at(2023, 9, 14)),
        # Hijri (Umm al-Qura)
        ("14 ربيع الأول 1445هـ", "Asia/Riyadh", at(2023, 9, 28, 21, 0)),
        ("1 رمضان 1446 هـ", "UTC", at(2025, 3, 1)),
        ("1445/03/14", "UTC", at(2023, 9, 29)),
    ],
)
def test_parse_date(raw, timezone, expected):
    assert parse_date(raw, timezone=timezone, now=NOW) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("منذ 3 ساعات", at(2025, 5, 1, 9, 0)),
        ("منذ ساعتين", at(2025, 5, 1, 10, 0)),
        ("منذ ساعة", at(2025, 5, 1, 11, 0)),
        ("منذ ثلاث دقائق", at(2025, 5, 1, 11, 57)),
        ("منذ يومين", at(2025, 4, 29, 12, 0)),
        ("قبل 5 دقائق", at(2025, 5, 1, 11, 55)),
        ("3 hours ago", at(2025, 5, 1, 9, 0)),
    ],
)
def test_relative_phrases_count_from_now(raw, expected):
    assert parse_date(raw, timezone="Asia/Qatar", now=NOW) == expected


def test_yesterday_with_a_time_is_local():
    assert parse_date("أمس 10:30", timezone="Asia/Qatar", now=NOW) == at(2025, 4, 30, 7, 30)


@pytest.mark.parametrize("raw", [None, "", "   ", "garbage", "يونيو 2020", "30 نيسان/مايو 2025", "32/13/2025", "قبل قليل"])
def test_unreadable_is_none_never_a_guess(raw):
    assert parse_date(raw, timezone="UTC", now=NOW) is None


def test_result_is_aware_utc():
    parsed = parse_date("2025-04-30T11:43:12+03:00")
    assert parsed.tzinfo is UTC


def test_unknown_timezone_falls_back_to_utc():
    assert parse_date("2025-04-30 10:00", timezone="Mars/Olympus") == at(2025, 4, 30, 10, 0)


def test_both_calendars_printed_reads_the_gregorian_date():
    raw = "الخميس 14 ربيع الأول 1445هـ الموافق 28 سبتمبر 2023م - 10:00 ص"
    assert parse_date(raw, timezone="Asia/Riyadh", now=NOW) == at(2023, 9, 28, 7, 0)
