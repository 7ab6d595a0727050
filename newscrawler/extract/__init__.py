"""Page → raw fields. JSON-LD and meta first, then the outlet's selectors, then generic rules;
read-also blocks are found and split here. Returns what is on the page, uncleaned."""

from newscrawler.extract.article import PageExtraction, ReadAlsoEntry, extract_page

__all__ = ["PageExtraction", "ReadAlsoEntry", "extract_page"]
