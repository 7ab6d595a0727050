"""Text markers: the labelled lines Arabic news pages print around an article.

"تاريخ النشر:", "المصدر:", "كلمات دلالية:", "إقرأ أيضاً:" … say what the text after them is,
whatever the markup, which is how an aggregator whose class names are unknown is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newscrawler.dates import parse_date
from newscrawler.text.letters import fold_display, tolerant_pattern

MARKER_LABELS: dict[str, tuple[str, ...]] = {
    "read_also": ("اقرأ أيضا", "اقرأ كذلك", "طالع أيضا", "طالع كذلك", "read also"),
    "published": ("تاريخ النشر", "نشر في", "نشر بتاريخ", "تم النشر", "تم نشره", "تاريخ الخبر", "published on",
                  "published", "posted on", "posted"),
    "modified": ("آخر تحديث", "تاريخ التحديث", "تم التحديث", "محدث في", "last updated", "updated"),
    "source": ("المصدر", "مصدر الخبر", "source"),
    #: "حوار: نادية الورتاني" opening an interview: the author, not a paragraph.
    "byline": ("حوار", "بقلم", "كتب", "كتبت", "إعداد", "تقرير", "متابعة"),
    "tags": ("كلمات دلالية", "الكلمات الدلالية", "الكلمات الدالة", "كلمات مفتاحية",
             "الكلمات المفتاحية", "الوسوم", "وسوم", "tags"),
    #: Headings of page furniture: what follows them is not the article any more.
    "end": ("الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "آخر الأخبار", "أخبار ذات صلة",
            "مواضيع ذات صلة", "مقالات ذات صلة", "أخبار متعلقة", "اخترنا لك", "التعليقات",
            "تعليقات", "أضف تعليق", "اترك تعليقا", "جميع الحقوق محفوظة"),
}
#: Kinds whose label needs a separator ("المصدر: …") so that a sentence starting with the same
#: word is not taken for a marker. A date label needs none ("تم نشره الجمعة 24 نيسان 2020"), but
#: what follows it must read as a date.
NEEDS_SEPARATOR = frozenset({"source", "byline"})
MAX_MARKER_CHARS = {"published": 90, "modified": 90, "source": 80, "byline": 50, "tags": 400, "end": 60, "read_also": 300}

_SEPARATOR = r"\s*(?:[:：\-–—|]|\.{2,}|…)\s*"


def _pattern(kind: str) -> re.Pattern[str]:
    labels = "|".join(tolerant_pattern(label) for label in MARKER_LABELS[kind])
    if kind in NEEDS_SEPARATOR:
        tail = rf"(?:{_SEPARATOR}(?P<value>.*)|\s*$)"
    else:
        tail = rf"(?:{_SEPARATOR}|\s+|$)(?P<value>.*)"
    return re.compile(rf"^\W*(?:{labels}){tail}", re.IGNORECASE | re.DOTALL)


_PATTERNS = {kind: _pattern(kind) for kind in MARKER_LABELS}


@dataclass(frozen=True)
class Marker:
    kind: str
    value: str


@lru_cache(maxsize=4096)
def marker_of(text: str) -> Marker | None:
    """The marker this line starts with, and the text after its label (kept for the lines a page
    repeats and the section reader looks at more than once)."""
    text = fold_display(text).strip()
    for kind, pattern in _PATTERNS.items():
        if len(text) > MAX_MARKER_CHARS[kind]:
            continue
        match = pattern.match(text)
        if not match:
            continue
        value = (match.group("value") or "").strip()
        if kind in ("published", "modified") and (not re.search(r"[\d٠-٩]", value) or parse_date(value) is None):
            continue
        if kind == "end" and len(value) > 20:
            continue
        return Marker(kind, value)
    return None


def is_date_line(text: str) -> bool:
    """A line that is nothing but a date ("الثلاثاء 12 مارس 2019"): page furniture, not prose."""
    words = text.split()
    return 2 <= len(words) <= 8 and len(text) <= 50 and re.search(r"\d", text) is not None and parse_date(text) is not None


def is_read_also_label(text: str) -> bool:
    marker = marker_of(text)
    return marker is not None and marker.kind == "read_also" and not marker.value.strip(" :-–—")


def split_list(value: str) -> list[str]:
    """Tags written as text: "أ، ب، ج" or "أ - ب" or "أ | ب"."""
    return [part.strip() for part in re.split(r"\s*[،,|/؛;]\s*|\s+-\s+", value) if part.strip()]
