"""``clean_text``: the display form of Arabic text, and ``normalize_for_search``: its matching form."""

from __future__ import annotations

import re

from newscrawler.text.boilerplate import kept_paragraph
from newscrawler.text.letters import fold_display, search_line, without_lone_surrogates
from newscrawler.text.mojibake import repair_mojibake

#: Every kind of line break becomes "\n": CR LF, CR, vertical tab, form feed, NEL, U+2028, U+2029.
_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x85\u2028\u2029]")
#: Whether a text has one of them at all (most have none: one scan for a character is faster).
_OTHER_BREAK = re.compile("[\r\v\f\x85\u2028\u2029]")
#: Three or more line breaks (with blanks between) are one paragraph break.
_BLANK_RUNS = re.compile(r"\n{3,}")


def _paragraph_breaks(text: str) -> str:
    """Runs of three or more line breaks as one paragraph break."""
    return _BLANK_RUNS.sub("\n\n", text) if "\n\n\n" in text else text


def clean_text(text: str | None) -> str:
    """Display form of ``text``; diacritics are kept.

    * makes it encodable: a lone UTF-16 surrogate (from a JSON "\\ud800" escape) becomes U+FFFD;
    * repairs mojibake: UTF-8 once decoded as windows-1252 ("Ø§Ù„Ø®Ø¨Ø±" → "الخبر", see
      ``newscrawler.text.mojibake``);
    * NFKC-folds the Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) and nothing else;
    * maps ک → ك and ی → ي;
    * removes tatweel and invisible controls (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069,
      U+FEFF, and U+061C, U+2060, U+00AD);
    * collapses spaces inside a line and keeps line and paragraph breaks ("\\n" and "\\n\\n");
    * drops boilerplate paragraphs (tweet residue, subscribe and share calls, ad labels: see
      ``newscrawler.text.boilerplate``) and removes an ad label glued to the start of a paragraph
      ("إعلانوبهذا" → "وبهذا"), each judged once, on the paragraph's search form, so the display
      and the search form keep the same paragraphs.
    """
    if not text:
        return ""
    # Invisibles go before the mojibake is repaired ("Ø\u200b§" is "ا"), and what the repair
    # brings back is folded too.
    text = fold_display(without_lone_surrogates(text))
    if (repaired := repair_mojibake(text)) != text:
        text = fold_display(repaired)
    if _OTHER_BREAK.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    # (a line holds no "\n": its spaces are what str.split() splits on, the same Unicode spaces)
    kept = (kept_paragraph(" ".join(line.split())) for line in text.split("\n"))
    return _paragraph_breaks("\n".join(line for line in kept if line is not None)).strip("\n")


def clean_paragraphs(text: str | None) -> list[str]:
    """The non-empty paragraphs of ``clean_text(text)``."""
    return [line for line in clean_text(text).split("\n") if line]


def normalize_for_search(text: str | None) -> str:
    """Matching form: the folding of ``clean_text``'s output (``search_form``): a letter and a
    combining hamza composed (NFC), harakat, tanween, shadda, sukun and superscript alef stripped,
    أ إ آ ٱ → ا, ى → ي, ة → ه, and Arabic-Indic and Persian digits as ASCII digits.

    Apply it to queries too, so that "الرئاسة" finds "الرِّئاسة" and "٢٠٢٥" finds "2025"; it
    changes nothing in its own output.
    """
    return search_form(clean_text(text))


def search_form(cleaned: str) -> str:
    """``normalize_for_search`` of a text that is already ``clean_text``'s output (the pipeline's
    body): each line folded (``search_line``). Nothing is dropped: cleaning judged each paragraph
    by this very form."""
    lines = (search_line(line) for line in without_lone_surrogates(cleaned).split("\n"))
    return _paragraph_breaks("\n".join(lines)).strip("\n")
