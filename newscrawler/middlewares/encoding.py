"""Downloader middleware: re-decode pages whose UTF-8 label (or missing label) is wrong."""

from __future__ import annotations

import logging

from scrapy.http import TextResponse

from newscrawler.component import CrawlerComponent
from newscrawler.encoding import decoded_as_utf8, is_utf8, is_valid_utf8, repair_mislabelled_utf8

logger = logging.getLogger(__name__)


class MislabelledEncodingMiddleware(CrawlerComponent):
    """Pages declared UTF-8 (or not declared at all) whose bytes are not UTF-8 are decoded line by
    line, windows-1256 where UTF-8 fails. Counted as ``newscrawler/encoding/repaired``."""

    def process_response(self, request, response):
        if not isinstance(response, TextResponse) or not response.body:
            return response
        declared = response._declared_encoding()
        if declared and not is_utf8(declared):
            return response
        if _is_utf8_body(response):
            return response
        text = repair_mislabelled_utf8(response.body)
        self.stats.inc_value("newscrawler/encoding/repaired")
        logger.debug("Repaired windows-1256 bytes labelled %s in %s", declared or "nothing", response.url)
        return response.replace(body=text.encode("utf-8"), encoding="utf-8")


def _is_utf8_body(response: TextResponse) -> bool:
    """Whether the body is valid UTF-8, read where it can be off the text Scrapy decodes (and
    keeps) anyway, rather than by decoding the body once more: a text decoded as UTF-8 in which
    nothing was replaced (no U+FFFD) comes from valid UTF-8. Otherwise the bytes are checked."""
    return decoded_as_utf8(response.encoding, response.text) or is_valid_utf8(response.body)

