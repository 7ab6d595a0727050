"""Words that dates are written with on Arabic news pages.

Every key is written as it reads after ``fold_search`` (no diacritics, one alef, ي for ى,
ه for ة), which is the form ``parse_date`` matches against.
"""

from __future__ import annotations

from newscrawler.text.letters import fold_search

_GREGORIAN_MONTHS = {
    1: ["يناير", "كانون الثاني", "جانفي", "ينير", "january", "jan"],
    2: ["فبراير", "شباط", "فيفري", "فبرير", "february", "feb"],
    3: ["مارس", "آذار", "march", "mar"],
    4: ["أبريل", "إبريل", "نيسان", "أفريل", "ابريل", "april", "apr"],
    5: ["مايو", "أيار", "ماي", "may"],
    6: ["يونيو", "يونيه", "حزيران", "جوان", "يونيوز", "june", "jun"],
    7: ["يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "july", "jul"],
    8: ["أغسطس", "آب", "أوت", "غشت", "august", "aug"],
    9: ["سبتمبر", "أيلول", "شتنبر", "september", "sept", "sep"],
    10: ["أكتوبر", "تشرين الأول", "اكتوبر", "october", "oct"],
    11: ["نوفمبر", "تشرين الثاني", "نونبر", "november", "nov"],
    12: ["ديسمبر", "كانون الأول", "دجنبر", "december", "dec"],
}

_HIJRI_MONTHS = {
    1: ["محرم", "المحرم"],
    2: ["صفر"],
    3: ["ربيع الأول", "ربيع أول"],
    4: ["ربيع الثاني", "ربيع الآخر", "ربيع ثاني", "ربيع آخر"],
    5: ["جمادى الأولى", "جمادى الأول", "جمادى أولى"],
    6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني", "جمادى ثاني"],
    7: ["رجب"],
    8: ["شعبان"],
    9: ["رمضان"],
    10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة", "ذو القعده"],
    12: ["ذو الحجة", "ذي الحجة"],
}


def _folded(table: dict[int, list[str]]) -> dict[str, int]:
    return {fold_search(name).casefold(): month for month, names in table.items() for name in names}


GREGORIAN_MONTHS = _folded(_GREGORIAN_MONTHS)
HIJRI_MONTHS = _folded(_HIJRI_MONTHS)

#: "بتوقيت مكة", "ت.غ", "GMT": a time that names its zone is read in that zone.
ZONE_WORDS = {
    fold_search(word).casefold(): zone
    for zone, words in {
        "UTC": ["GMT", "UTC", "ت.غ", "ت. غ", "بتوقيت غرينتش", "بتوقيت جرينتش", "بتوقيت غرينيتش",
                "توقيت غرينتش"],
        "Asia/Riyadh": ["بتوقيت مكة المكرمة", "بتوقيت مكة", "بتوقيت السعودية", "بتوقيت الرياض"],
        "Asia/Qatar": ["بتوقيت الدوحة", "بتوقيت قطر"],
        "Africa/Cairo": ["بتوقيت القاهرة", "بتوقيت مصر"],
        "Asia/Beirut": ["بتوقيت بيروت", "بتوقيت لبنان"],
        "Asia/Jerusalem": ["بتوقيت القدس"],
        "Asia/Dubai": ["GST", "بتوقيت أبوظبي", "بتوقيت أبو ظبي", "بتوقيت الإمارات", "بتوقيت دبي"],
        "Asia/Damascus": ["بتوقيت دمشق", "بتوقيت سوريا"],
        "Asia/Baghdad": ["بتوقيت بغداد", "بتوقيت العراق"],
        "Asia/Amman": ["بتوقيت الأردن"],
        "Asia/Kuwait": ["بتوقيت الكويت"],
        "Asia/Aden": ["بتوقيت صنعاء", "بتوقيت عدن", "بتوقيت اليمن"],
        "Africa/Tunis": ["بتوقيت تونس"],
        "Africa/Algiers": ["بتوقيت الجزائر"],
        "Africa/Casablanca": ["بتوقيت المغرب", "بتوقيت الرباط"],
    }.items()
    for word in words
}

#: Hours of the day: ص/صباحاً is before noon, م/مساءً after it.
AM_WORDS = {"ص", "صباحا", "صباح", "فجرا", "am", "a.m."}
PM_WORDS = {"م", "مساء", "مساءا", "ظهرا", "عصرا", "ليلا", "بعد الظهر", "pm", "p.m."}

#: Units of "منذ 3 ساعات" / "3 hours ago": (unit, count implied by a dual or singular form).
RELATIVE_UNITS = {
    **{w: ("seconds", None) for w in ["ثانيه", "ثواني", "ثوان", "ثانية", "second", "seconds"]},
    **{w: ("minutes", None) for w in ["دقيقه", "دقائق", "دقيقة", "minute", "minutes", "min", "mins"]},
    **{w: ("minutes", 2) for w in ["دقيقتين", "دقيقتان"]},
    **{w: ("hours", None) for w in ["ساعه", "ساعات", "hour", "hours"]},
    **{w: ("hours", 2) for w in ["ساعتين", "ساعتان"]},
    **{w: ("days", None) for w in ["يوم", "ايام", "day", "days"]},
    **{w: ("days", 2) for w in ["يومين", "يومان"]},
    **{w: ("weeks", None) for w in ["اسبوع", "اسابيع", "week", "weeks"]},
    **{w: ("weeks", 2) for w in ["اسبوعين", "اسبوعان"]},
    **{w: ("months", None) for w in ["شهر", "اشهر", "شهور", "month", "months"]},
    **{w: ("months", 2) for w in ["شهرين", "شهران"]},
    **{w: ("years", None) for w in ["سنه", "سنوات", "عام", "اعوام", "year", "years"]},
    **{w: ("years", 2) for w in ["سنتين", "عامين", "سنتان", "عامان"]},
}

#: Number words that precede a unit: "منذ ثلاث ساعات".
NUMBER_WORDS = {
    "واحد": 1, "واحده": 1, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4,
    "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمان": 8,
    "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10, "a": 1, "an": 1, "one": 1,
}

YESTERDAY_WORDS = {"امس", "البارحه", "yesterday"}
TODAY_WORDS = {"اليوم", "today"}
