"""Page → raw fields. JSON-LD and meta first, then the outlet's selectors, then generic rules;
read-also blocks are found and split here. Returns what is on the page, uncleaned."""

from newscrawler.extract.article import Extracted, PageExtraction, ReadAlsoEntry, extract_page

__all__ = ["Extracted", "PageExtraction", "ReadAlsoEntry", "extract_page"]
