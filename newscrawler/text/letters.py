"""Character-level rules for Arabic text, shared by display cleaning and search normalization.

Two tables, applied as ``str.translate`` would:

* ``DISPLAY_TABLE`` (used by ``clean_text``): folds the Arabic presentation forms
  (U+FB50–U+FDFF, U+FE70–U+FEFF) with NFKC and nothing else, maps the Persian letters
  ک → ك and ی → ي, and removes tatweel and invisible controls.
* ``SEARCH_TABLE`` (used by ``normalize_for_search`` after ``clean_text``): strips harakat,
  tanween, shadda, sukun and superscript alef; maps أ إ آ ٱ → ا, ى → ي, ة → ه; turns
  Arabic-Indic and Persian digits into ASCII digits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TATWEEL = "\u0640"

#: Zero-width and bidi controls that carry no text: ZWSP, ZWNJ, ZWJ, LRM, RLM (U+200B–U+200F),
#: the embeddings and overrides (U+202A–U+202E), the isolates (U+2066–U+2069), the byte-order
#: mark / ZWNBSP (U+FEFF), plus the Arabic letter mark (U+061C), the word joiner (U+2060) and the
#: soft hyphen (U+00AD), which are just as invisible.
INVISIBLE_CONTROLS = (
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\uFEFF", "\u061C", "\u2060", "\u00AD"]
)

PERSIAN_TO_ARABIC = {"\u06A9": "\u0643", "\u06CC": "\u064A"}  # ک → ك, ی → ي

#: Harakat and tanween (U+064B–U+0652: fathatan … sukun, shadda included) and superscript alef.
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]

ALEF_VARIANTS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"}
LETTER_FOLDS = {**ALEF_VARIANTS, "\u0649": "\u064A", "\u0629": "\u0647"}  # ى → ي, ة → ه

ARABIC_INDIC_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)}
PERSIAN_DIGITS = {chr(0x06F0 + d): str(d) for d in range(10)}
ASCII_DIGITS = {**ARABIC_INDIC_DIGITS, **PERSIAN_DIGITS}

PRESENTATION_FORM_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _map_persian(text: str) -> str:
    return "".join(PERSIAN_TO_ARABIC.get(ch, ch) for ch in text)


def _display_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for low, high in PRESENTATION_FORM_RANGES:
        for code in range(low, high + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            if folded != chr(code):
                table[code] = _map_persian(folded)
    for persian, arabic in PERSIAN_TO_ARABIC.items():
        table[ord(persian)] = arabic
    for ch in INVISIBLE_CONTROLS:
        table[ord(ch)] = None
    return table


def _search_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(ch): None for ch in [*DIACRITICS, TATWEEL]}
    for source, target in {**LETTER_FOLDS, **ASCII_DIGITS}.items():
        table[ord(source)] = target
    return table


DISPLAY_TABLE = _display_table()
SEARCH_TABLE = _search_table()


#: A single letter or the article at the start of a word (ب ل ك, هـ for هجري, ال, بال, وال, لل …).
_PROCLITIC = re.compile(r"(?:^|(?<=[^\u0621-\u064A]))(?:[وف]?(?:بال|كال|لل|ال)|[\u0621-\u064A])\Z")
_TATWEEL_RUN = re.compile(TATWEEL + "+")


def _tatweel(match: re.Match) -> str:
    """Tatweel stretches words and goes; one tatweel stays where it is spelling: after a letter or
    the article that meets a quote, a digit or a Latin word, or stands alone (لـ«الصباح», الـ80,
    بـ"الجارة", 1445هـ)."""
    text, start, end = match.string, match.start(), match.end()
    following = text[end:end + 1]
    attaches = not following or not "\u0621" <= following <= "\u064A"
    if attaches and _PROCLITIC.search(text[max(0, start - 4):start]):
        return TATWEEL
    return ""


def _any_of(codes) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(codes)) + "]")


#: Whether a text has anything a table changes: most lines of a Latin page have nothing.
_DISPLAY_CHARS = _any_of({*DISPLAY_TABLE, ord(TATWEEL)})


def _translator(table: dict[int, object]):
    """``str.translate(table)`` as a regex substitution of just the characters the table names:
    the same result, several times faster on Arabic text, where translate looks every character
    up (a few in a hundred change)."""
    replacements = {chr(code): "" if value is None else (value if isinstance(value, str) else chr(value))
                    for code, value in table.items()}
    replace = replacements.__getitem__
    substitute = _any_of(table).sub
    return lambda text: substitute(lambda match: replace(match.group()), text)


def _deleter_and_replacer(table: dict[int, object]):
    """``str.translate(table)`` for a short table none of whose replacements it replaces again:
    one regex substitution removes what it deletes, then each character it maps is replaced where
    the text has it. Faster than a substitution with a function per match on Arabic text, where a
    search table finds a dozen characters a line (ة, أ, ى, harakat)."""
    deleted = [code for code, value in table.items() if value is None]
    mapped = [(chr(code), value if isinstance(value, str) else chr(value)) for code, value in table.items()
              if value is not None]
    if any(ord(ch) in table for _, replacement in mapped for ch in replacement):
        raise ValueError("a replacement the table would replace again: str.replace in turn would chain")
    delete = _any_of(deleted).sub if deleted else (lambda _, text: text)
    any_mapped = _any_of(ord(source) for source, _ in mapped).search if mapped else (lambda _: None)

    def apply(text: str) -> str:
        text = delete("", text)
        if any_mapped(text):
            for source, replacement in mapped:
                if source in text:
                    text = text.replace(source, replacement)
        return text

    return apply


_apply_display = _translator(DISPLAY_TABLE)
_apply_search = _deleter_and_replacer(SEARCH_TABLE)


def fold_display(text: str) -> str:
    """Apply the display table (presentation forms, Persian letters, invisibles) and drop
    tatweel, except the one that attaches a proclitic to a quote, digit or Latin word."""
    if not _DISPLAY_CHARS.search(text):
        return text
    return _TATWEEL_RUN.sub(_tatweel, _apply_display(text))


def fold_search(text: str) -> str:
    """Apply the search table: diacritics stripped, letter variants and digits folded, after a letter
    and a combining hamza or madda are composed (NFC). Stripping can bring a letter and a hamza
    together again ("وـٔ", "أٔ"), so it is repeated until the text is NFC: folding a folded text
    changes nothing."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    folded = _apply_search(text)
    while _FOLDING_UNBLOCKS.search(text):
        text = unicodedata.normalize("NFC", folded)
        if text == folded:
            break
        folded = _apply_search(text)
    return folded


#: What folding removes or maps, right before a combining mark it keeps: only there can folding
#: leave a text that is not NFC (a letter and a hamza brought together, marks out of order).
_FOLDING_UNBLOCKS = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in sorted(SEARCH_TABLE)) + "]+["
    + "".join(re.escape(chr(code)) for code in range(0x300, 0x110000)
              if unicodedata.combining(chr(code)) and code not in SEARCH_TABLE)
    + "]"
)


def search_line(line: str) -> str:
    """The search form of one line of display text: ``fold_search``, then the spaces that
    stripped marks leave collapsed and trimmed. Cleaning judges each paragraph by it and the body's
    search form is made of it, so a paragraph's is remembered (a long one is not kept)."""
    return _remembered_search_line(line) if len(line) <= REMEMBERED_LINE_CHARS else _search_line(line)


#: Paragraphs up to this long have their search form remembered, the last few hundred of them.
REMEMBERED_LINE_CHARS = 4000


def _search_line(line: str) -> str:
    # a line's spaces (tabs, NBSP, the U+2000 family, ideographic space …) are what split() splits on
    return " ".join(fold_search(line).split())


_remembered_search_line = lru_cache(maxsize=512)(_search_line)


def without_lone_surrogates(text: str) -> str:
    """``text`` that always encodes as UTF-8: a pair of surrogate halves joined into its character,
    a lone half replaced by U+FFFD (the replacement character).

    Halves of UTF-16 surrogate pairs (U+D800–U+DFFF): Python strings can hold them (a JSON
    "\\ud800" escape makes one) but no UTF-8 encoder writes them, not MongoDB's, not the journal's."""
    try:
        text.encode("utf-8")  # only they fail it, and it is faster than looking for them
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def encodable(value):
    """``value`` with every string in it, keys too, at any depth of dicts and lists, encodable as
    UTF-8 (``without_lone_surrogates``): what MongoDB and the journal can write. One such character
    would otherwise make a whole batch unwritable."""
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, dict):
        return {encodable(key): encodable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encodable(item) for item in value]
    return value


DIGITS_TABLE = {ord(source): target for source, target in ASCII_DIGITS.items()}


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII digits, everything else untouched."""
    return text.translate(DIGITS_TABLE)


def is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064A" or "\u066E" <= ch <= "\u06D3" or ch in "\u06D5\u06FA\u06FB\u06FC"


_LETTER_CLASSES = {
    "\u0627": "[\u0627\u0623\u0625\u0622\u0671]",
    "\u064A": "[\u064A\u0649\u06CC]",
    "\u0647": "[\u0647\u0629]",
    "\u0643": "[\u0643\u06A9]",
}
_BETWEEN_LETTERS = "[\u064B-\u0652\u0670\u0640\u200c\u200d]*"


def tolerant_pattern(word: str) -> str:
    """A regex source matching ``word`` however it is spelled on a page: with or without
    diacritics and tatweel, with any alef, ي or ى, ه or ة, and any run of spaces between words."""
    pieces = []
    for ch in fold_search(word):
        if ch.isspace():
            pieces.append(r"\s+")
        else:
            pieces.append(_LETTER_CLASSES.get(ch, re.escape(ch)) + _BETWEEN_LETTERS)
    return "".join(pieces)
