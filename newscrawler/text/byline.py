"""Bylines: "كتبت هبة حسام" names هبة حسام."""

from __future__ import annotations

import re

from newscrawler.text.letters import tolerant_pattern, without_lone_surrogates

#: Words that introduce a name in a byline: كتب/كتبت/كتبه, بقلم, إعداد, حوار, تقرير, متابعة, By.
BYLINE_WORDS = ("كتب", "كتبت", "كتبه", "بقلم", "إعداد", "اعداد", "حوار", "تقرير", "متابعة", "تحرير", "by")
_BYLINE = re.compile(
    r"^\s*(?:" + "|".join(tolerant_pattern(word) for word in BYLINE_WORDS) + r")\s*[:：\-–—]?\s+",
    re.IGNORECASE,
)


def strip_byline(name: str) -> str:
    """The name without the word that introduces it (encodable: a lone surrogate becomes U+FFFD)."""
    return _BYLINE.sub("", without_lone_surrogates(name or ""), count=1).strip()
