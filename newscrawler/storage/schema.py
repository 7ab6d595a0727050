"""What older versions stored, brought to the current shape once, the first time a store is used.

Version 1 (before December 2026) keyed articles by an ObjectId with a unique index on ``url``, and
kept one ``read_also_links`` document per parent → child pair. Version 2 keys articles by their
URL and keeps one link document per child (``articles.py`` says why). The migration is safe to
stop at any point and to run twice, from two workers at once too: each article is copied under its
new key before the old copy is deleted, and each link is added to its child's document before the
pair document is deleted. The version reached is recorded in ``newscrawler_schema``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime

from pymongo import UpdateOne

logger = logging.getLogger(__name__)

SCHEMA = "newscrawler_schema"
VERSION = 2
CHUNK = 500


def migrate(database) -> None:
    """Bring ``database`` to ``VERSION``; nothing to do (one read) once it is there."""
    from newscrawler.storage.articles import ARTICLES, READ_ALSO_LINKS

    marker = database[SCHEMA]
    if (marker.find_one({"_id": "schema"}) or {}).get("version", 1) >= VERSION:
        return
    moved = _key_articles_by_url(database[ARTICLES])
    regrouped = _group_links_by_child(database[READ_ALSO_LINKS])
    marker.update_one({"_id": "schema"}, {"$set": {"version": VERSION, "migrated_at": datetime.now(UTC)}},
                      upsert=True)
    if moved or regrouped:
        logger.warning("Stored data brought to schema version %d: %d articles keyed by URL, %d read-also "
                       "links grouped by child", VERSION, moved, regrouped)


def _key_articles_by_url(articles) -> int:
    _drop_indexes(articles, "url_unique")  # the copies share their URL with the originals for a moment
    old_ids = [d["_id"] for d in articles.find({"_id": {"$type": "objectId"}}, {"_id": 1})]
    for start in range(0, len(old_ids), CHUNK):
        old = [d for d in articles.find({"_id": {"$in": old_ids[start:start + CHUNK]}}) if d.get("url")]
        _insert_missing(articles, [{**d, "_id": d["url"]} for d in old])
        articles.delete_many({"_id": {"$in": [d["_id"] for d in old]}})
    return len(old_ids)


def _group_links_by_child(links) -> int:
    pairs = list(links.find({"child": {"$exists": True}}, {"_id": 1, "parent": 1, "child": 1, "first_seen_at": 1}))
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start:start + CHUNK]
        parents, first_seen = defaultdict(set), {}
        for pair in chunk:
            parents[pair["child"]].add(pair["parent"])
            seen = pair.get("first_seen_at")
            if seen is not None and (pair["child"] not in first_seen or seen < first_seen[pair["child"]]):
                first_seen[pair["child"]] = seen
        links.bulk_write([
            UpdateOne({"_id": child}, {"$addToSet": {"parent_urls": {"$each": sorted(urls)}},
                                       **({"$min": {"first_seen_at": first_seen[child]}} if child in first_seen else {})},
                      upsert=True)
            for child, urls in parents.items()
        ], ordered=False)
        links.delete_many({"_id": {"$in": [pair["_id"] for pair in chunk]}})
    _drop_indexes(links, "child", "parent")
    return len(pairs)


def _drop_indexes(collection, *names: str) -> None:
    present = {index["name"] for index in collection.list_indexes()}
    for name in names:
        if name in present:
            collection.drop_index(name)


def _insert_missing(collection, documents: list[dict]) -> None:
    """Insert, leaving alone the documents already there (a migration stopped half-way)."""
    from newscrawler.storage.inserts import insert_new

    insert_new(collection, documents)
