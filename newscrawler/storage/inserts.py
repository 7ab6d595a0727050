"""Inserts that tolerate what is there already: articles a concurrent worker stored first,
versions and links written again by a replay, syndication keys another worker inserted."""

from __future__ import annotations

DUPLICATE_KEY = 11000


def insert_new(collection, documents: list[dict]) -> list[int]:
    """Insert ``documents`` (unordered); the indexes of those refused because their ``_id`` is
    stored already. Any other error is raised."""
    if not documents:
        return []
    try:
        collection.insert_many(documents, ordered=False)
    except Exception as error:
        duplicates = _duplicate_indexes(error)
        if duplicates is None:
            raise
        return duplicates
    return []


def _duplicate_indexes(error: Exception) -> list[int] | None:
    """Indexes of the documents a bulk insert refused as duplicates; None for any other error."""
    details = getattr(error, "details", None) or {}
    errors = details.get("writeErrors") or []
    if not errors or any(e.get("code") != DUPLICATE_KEY for e in errors):
        return None
    return [e["index"] for e in errors]
