"""The raw-page archive: with ``NEWSCRAWLER_ARCHIVE_DIR`` set, every article page a crawl reads is
written to WARC files there (gzipped records, WARC/1.1, the format web archives and Common Crawl
use), as the spider read it: the response's status, headers and body (decompressed, after the
encoding repair), or for a page rendered in the browser the rendered HTML, marked
``WARC-Newscrawler-Rendered: true``. ``WARC-Date`` is the instant the page was read (its
``fetched_at``, to the microsecond). Files are ``<crawl id>-<n>.warc.gz``, a new one once a file
passes ``NEWSCRAWLER_ARCHIVE_FILE_MB``; each starts with a ``warcinfo`` record naming the extractor
version. ``python -m newscrawler reextract`` reads them back.
"""

from __future__ import annotations

import logging
from datetime import datetime
from io import BytesIO
from pathlib import Path

from scrapy import signals

from newscrawler.component import OnePerCrawler
from newscrawler.defaults import setting
from newscrawler.extract.version import EXTRACTOR_VERSION

logger = logging.getLogger(__name__)

RENDERED_HEADER = "WARC-Newscrawler-Rendered"
#: Headers that describe the bytes on the wire, not the body kept (decompressed, whole).
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def warc_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class PageArchive(OnePerCrawler):
    """``PageArchive.of(crawler).keep(response, fetched_at)``; does nothing without the setting."""

    def __init__(self, crawler):
        value = setting(crawler.settings, "NEWSCRAWLER_ARCHIVE_DIR")
        self.folder = Path(value) if value else None
        self.file_bytes = setting(crawler.settings, "NEWSCRAWLER_ARCHIVE_FILE_MB") * 1024 * 1024
        self.stats = crawler.stats
        self.handle = None
        self.writer = None
        self.number = 0
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            crawler.signals.connect(self.close, signal=signals.spider_closed)

    def keep(self, response, fetched_at: datetime) -> None:
        if self.folder is None:
            return
        from warcio.statusandheaders import StatusAndHeaders

        if self.writer is None or self.handle.tell() >= self.file_bytes:
            self._next_file()
        rendered = bool(response.meta.get("playwright"))
        headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, values in response.headers.items()
                   for value in values if name.decode("latin-1").lower() not in _WIRE_HEADERS]
        if rendered:  # the browser's DOM, serialised: UTF-8 HTML whatever the page was sent as
            headers = [(n, v) for n, v in headers if n.lower() != "content-type"]
            headers.append(("Content-Type", "text/html; charset=utf-8"))
        headers.append(("Content-Length", str(len(response.body))))
        warc_headers = {"WARC-Date": warc_date(fetched_at)}
        if rendered:
            warc_headers[RENDERED_HEADER] = "true"
        record = self.writer.create_warc_record(
            response.url, "response", payload=BytesIO(response.body), warc_headers_dict=warc_headers,
            http_headers=StatusAndHeaders(f"{response.status} {_reason(response.status)}", headers, protocol="HTTP/1.1"))
        self.writer.write_record(record)
        self.handle.flush()
        self.stats.inc_value("newscrawler/archive/pages")

    def _next_file(self) -> None:
        from warcio.warcwriter import WARCWriter

        self.close()
        crawl_id = self.stats.get_value("newscrawler/crawl_id") or "crawl"
        self.number += 1
        path = self.folder / f"{crawl_id}-{self.number:05d}.warc.gz"
        self.handle = open(path, "ab")
        self.writer = WARCWriter(self.handle, gzip=True, warc_version="1.1")
        self.writer.write_record(self.writer.create_warcinfo_record(
            path.name, {"software": "newscrawler", "extractor-version": EXTRACTOR_VERSION, "format": "WARC File Format 1.1"}))
        logger.info("Archiving the pages read in %s", path)

    def close(self, *_) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = self.writer = None


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
