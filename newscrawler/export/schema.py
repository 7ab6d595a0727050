"""The columns of an export: every stored field of an article, in schema order, with its kind,
read off the Article item's types (and the bookkeeping storage adds)."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import datetime

from newscrawler.items import ARTICLE_FIELDS, DOCUMENT_FIELDS, Article

#: The keys of the records in list-of-record fields.
RECORD_KEYS = {"images": ("url", "caption"), "embeds": ("type", "url", "text")}
_STORAGE_KINDS = {"version": "integer", "content_hash": "text", "changed_at": "time", "first_seen_at": "time",
                  "last_seen_at": "time", "crawl_id": "text", "original_url": "text", "original_found_by": "text",
                  "original_similarity": "number", "copy_urls": "texts"}


@dataclass(frozen=True)
class Column:
    name: str
    #: ``text``, ``texts`` (a list of strings), ``records`` (a list of objects with ``keys``),
    #: ``time`` (an aware UTC datetime), ``integer``, ``number`` or ``flag``.
    kind: str
    keys: tuple[str, ...] = ()


def _kind(annotation) -> str:
    options = [a for a in typing.get_args(annotation) if a is not type(None)] \
        if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union else [annotation]
    (annotation,) = options
    if annotation is datetime:
        return "time"
    if annotation is bool:
        return "flag"
    if annotation is int:
        return "integer"
    if typing.get_origin(annotation) is list:
        return "texts" if typing.get_args(annotation) == (str,) else "records"
    return "text"  # str and Literal["page", "embedded"]


def _columns() -> dict[str, Column]:
    hints = typing.get_type_hints(Article)
    kinds = {name: _kind(hints[name]) for name in ARTICLE_FIELDS} | _STORAGE_KINDS
    return {name: Column(name, kinds[name], RECORD_KEYS.get(name, ())) for name in DOCUMENT_FIELDS}


COLUMNS: dict[str, Column] = _columns()


def columns(names: list[str] | None) -> list[Column]:
    """The columns asked for (all, in schema order, when none); an unknown name is a ValueError
    that lists the known ones."""
    if not names:
        return list(COLUMNS.values())
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise ValueError(f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                         f"the fields are: {', '.join(COLUMNS)}")
    return [COLUMNS[name] for name in dict.fromkeys(names)]
