"""Arabic text: pure functions, no Scrapy. ``clean_text`` for display, ``normalize_for_search``
for matching (apply it to queries too)."""

from newscrawler.text.byline import strip_byline
from newscrawler.text.clean import clean_paragraphs, clean_text, normalize_for_search, search_form

__all__ = ["clean_paragraphs", "clean_text", "normalize_for_search", "search_form", "strip_byline"]
