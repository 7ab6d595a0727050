"""Pages out of WARC files: ours (``writer.py``) or any web archive's, such as Common Crawl's
CC-NEWS. Every ``response`` record of an HTML page answered 200 is a page; the rest (requests,
metadata, redirects, images) are passed over."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newscrawler.archive.writer import RENDERED_HEADER


@dataclass
class ArchivedPage:
    url: str
    body: bytes
    headers: dict[str, str]
    fetched_at: datetime | None
    rendered: bool


class CutRecord(Exception):
    """The file ends in the middle of a record (a crawl killed while writing it)."""


def read_warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def archived_pages(path: Path) -> Iterator[ArchivedPage]:
    """The HTML pages of one WARC file (gzipped or not), in file order. Raises ``CutRecord`` at a
    record cut short, after the pages before it."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                page = _page(record)
                if page is not None:
                    yield page
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as error:
            raise CutRecord(f"{path}: {error}") from None


def _page(record) -> ArchivedPage | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if content_type and "html" not in content_type:
        return None
    body = record.content_stream().read()  # with the transfer and content encodings undone
    headers = {name: value for name, value in record.http_headers.headers
               if name.lower() not in ("content-encoding", "transfer-encoding", "content-length")}
    return ArchivedPage(url=record.rec_headers.get_header("WARC-Target-URI"), body=body, headers=headers,
                        fetched_at=read_warc_date(record.rec_headers.get_header("WARC-Date")),
                        rendered=record.rec_headers.get_header(RENDERED_HEADER) == "true")
