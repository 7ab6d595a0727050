"""Page → finished documents. JSON-LD and meta first, then the outlet's selectors, then generic
rules; read-also blocks are found and split here. Text is returned as the page has it: display
cleaning and date parsing happen once, downstream, in the pipelines."""

from __future__ import annotations

from datetime import datetime

from newscrawler.extract.page import read_page
from newscrawler.extract.parser import ArticleParser, PageExtraction
from newscrawler.extract.version import EXTRACTOR_VERSION
from newscrawler.outlets.base import Outlet

__all__ = ["EXTRACTOR_VERSION", "ArticleParser", "PageExtraction", "extract_page"]


def extract_page(html: str | bytes, url: str, outlet: Outlet | None = None, *, parents: list[str] = (),
                 fetched_at: datetime | None = None) -> PageExtraction:
    """Read the page at ``url`` (its text, or its UTF-8 bytes) with its outlet's parser (the
    default one for unknown sites). The documents come out finished: URLs canonical and
    normalised, read-also children linked to the page, the page to ``parents``, ``fetched_at`` set."""
    parser_class = (outlet.parser if outlet is not None else None) or ArticleParser
    return parser_class(outlet).read(read_page(html, url, outlet), parents=parents, fetched_at=fetched_at)
