"""``clean_text``: the display form of Arabic text, and ``normalize_for_search``: its matching form."""

from __future__ import annotations

import re

from newscrawler.text.boilerplate import boilerplate_rule, strip_glued_ad_label
from newscrawler.text.letters import fold_display, fold_search
from newscrawler.text.mojibake import repair_mojibake

#: Every kind of line break becomes "\n": CR LF, CR, vertical tab, form feed, NEL, U+2028, U+2029.
_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x85\u2028\u2029]")
#: Spaces inside a line: tabs, NBSP, the U+2000 family, narrow NBSP, ideographic space …
_SPACES = re.compile(r"[^\S\n]+")
#: Three or more line breaks (with blanks between) are one paragraph break.
_BLANK_RUNS = re.compile(r"\n{3,}")


def clean_text(text: str | None) -> str:
    """Display form of ``text``; diacritics are kept.

    * repairs mojibake: UTF-8 once decoded as windows-1252 ("Ø§Ù„Ø®Ø¨Ø±" → "الخبر", see
      ``newscrawler.text.mojibake``);
    * NFKC-folds the Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) and nothing else;
    * maps ک → ك and ی → ي;
    * removes tatweel and invisible controls (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069,
      U+FEFF, and U+061C, U+2060, U+00AD);
    * collapses spaces inside a line and keeps line and paragraph breaks ("\\n" and "\\n\\n");
    * drops boilerplate paragraphs (tweet residue, subscribe and share calls, ad labels: see
      ``newscrawler.text.boilerplate``);
    * removes an ad label glued to the start of a paragraph ("إعلانوبهذا" → "وبهذا").
    """
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", fold_display(repair_mojibake(text)))
    kept: list[str] = []
    for line in text.split("\n"):
        line = strip_glued_ad_label(_SPACES.sub(" ", line).strip())
        if line and boilerplate_rule(line):
            continue
        kept.append(line)
    return _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip("\n")


def clean_paragraphs(text: str | None) -> list[str]:
    """The non-empty paragraphs of ``clean_text(text)``."""
    return [line for line in clean_text(text).split("\n") if line]


def normalize_for_search(text: str | None) -> str:
    """Matching form: ``clean_text``, then a letter and a combining hamza composed (NFC), harakat,
    tanween, shadda, sukun and superscript alef stripped, أ إ آ ٱ → ا, ى → ي, ة → ه, and
    Arabic-Indic and Persian digits as ASCII digits.

    Apply it to queries too, so that "الرئاسة" finds "الرِّئاسة" and "٢٠٢٥" finds "2025".
    """
    return search_form(clean_text(text))


def search_form(cleaned: str) -> str:
    """``normalize_for_search`` of a text that is already ``clean_text``'s output (the pipeline's
    body): folded, and the spaces that stripped marks leave at the ends of a line tidied.
    Nothing more is dropped: boilerplate rules already judged each paragraph by its search form."""
    lines = (_SPACES.sub(" ", line).strip() for line in fold_search(cleaned).split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
