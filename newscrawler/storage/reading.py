"""What analysts read out of the store: the articles that match a filter, streamed; figures per
outlet; the latest crawl records. Every read here works alike on the embedded store and on a
MongoDB server (plain queries and aggregation pipelines, no server-side JavaScript)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from pymongo import DESCENDING

from newscrawler.storage.articles import ARTICLES

#: Fields whose coverage ``outlet_figures`` reports: the share of an outlet's articles that hold
#: a value (not null, not empty).
COVERED_FIELDS = ("title", "summary", "body", "published_at", "modified_at", "authors", "section", "tags",
                  "images", "source")


def article_filter(*, outlets: Iterable[str] = (), since: datetime | None = None, until: datetime | None = None,
                   fetched_since: datetime | None = None) -> dict:
    """The query for articles of these outlets (any, when none) published in [since, until]
    and fetched from their own page at or after ``fetched_since``."""
    query: dict = {}
    outlets = list(outlets)
    if outlets:
        query["outlet"] = outlets[0] if len(outlets) == 1 else {"$in": outlets}
    published = {key: value for key, value in (("$gte", since), ("$lte", until)) if value is not None}
    if published:
        query["published_at"] = published
    if fetched_since is not None:
        query["fetched_at"] = {"$gte": fetched_since}
    return query


def count_matching(database, query: dict) -> int:
    return database[ARTICLES].count_documents(query)


def matching(database, query: dict, fields: Iterable[str], *, batch_size: int = 500) -> Iterator[dict]:
    """The matching articles, ``fields`` of each, read from the server ``batch_size`` at a time:
    memory stays that of one batch however many match. In the store's natural order (a sort
    would make the embedded store read everything first)."""
    projection = {"_id": 0, **dict.fromkeys(fields, 1)}
    cursor = database[ARTICLES].find(query, projection, batch_size=batch_size)
    try:
        yield from cursor
    finally:
        cursor.close()


def _holds(field: str) -> dict:
    """1 when the document holds a value in ``field`` (neither missing, null, "" nor [])."""
    value = f"${field}"
    return {"$cond": [{"$and": [{"$ne": [{"$ifNull": [value, None]}, None]}, {"$ne": [value, ""]},
                                {"$ne": [value, []]}]}, 1, 0]}


def outlet_figures(database) -> list[dict]:
    """Per outlet: ``articles`` (of them ``own_page``, read from their own page), the range of
    ``published_at`` (``first``, ``last``), ``holding`` (field → articles that hold it),
    ``read_also_links`` (links from its pages), ``with_parents`` (articles listed by a parent),
    ``copies`` (articles linked to an original elsewhere) and ``originals`` (articles others
    copied), and ``last_seen`` (the latest crawl that saw one)."""
    group = {
        "_id": "$outlet",
        "articles": {"$sum": 1},
        "own_page": {"$sum": {"$cond": [{"$eq": ["$origin", "page"]}, 1, 0]}},
        "first": {"$min": "$published_at"},
        "last": {"$max": "$published_at"},
        "last_seen": {"$max": "$last_seen_at"},
        "read_also_links": {"$sum": {"$size": {"$ifNull": ["$read_also_urls", []]}}},
        "with_parents": {"$sum": _holds("parent_urls")},
        "copies": {"$sum": _holds("original_url")},
        "originals": {"$sum": _holds("copy_urls")},
        **{f"holding_{name}": {"$sum": _holds(name)} for name in COVERED_FIELDS},
    }
    figures = []
    for row in database[ARTICLES].aggregate([{"$group": group}, {"$sort": {"_id": 1}}]):
        row["outlet"] = row.pop("_id")
        row["holding"] = {name: row.pop(f"holding_{name}") for name in COVERED_FIELDS}
        figures.append(row)
    return figures


def last_crawls(database) -> dict[str, dict]:
    """Each spider's latest crawl record: ``{spider: {finished_at, finish_reason, stored}}``."""
    rows = database.crawl_runs.aggregate([
        {"$sort": {"finished_at": -1}},
        {"$group": {"_id": "$spider", "finished_at": {"$first": "$finished_at"},
                    "finish_reason": {"$first": "$finish_reason"}, "stored": {"$first": "$articles.stored"}}},
    ])
    return {row.pop("_id"): row for row in rows}


def latest_runs(database, limit: int = 20) -> list[dict]:
    """The latest ``limit`` crawl records (all of them for 0), newest first."""
    cursor = database.crawl_runs.find({}, {"_id": 0}).sort("finished_at", DESCENDING)
    return list(cursor.limit(limit) if limit else cursor)


def articles_per_day(database) -> list[dict]:
    """``{outlet, day, articles}`` for every outlet and publication day (UTC, ``YYYY-MM-DD``) that
    has articles; articles without a publication date are left out."""
    rows = database[ARTICLES].aggregate([
        {"$match": {"published_at": {"$ne": None}}},
        {"$group": {"_id": {"outlet": "$outlet", "day": {"$dateToString": {"format": "%Y-%m-%d", "date": "$published_at"}}},
                    "articles": {"$sum": 1}}},
    ])
    return sorted(({"outlet": r["_id"]["outlet"], "day": r["_id"]["day"], "articles": r["articles"]} for r in rows),
                  key=lambda r: (r["outlet"] or "", r["day"] or ""))


def most_linked(database, limit: int = 20) -> list[dict]:
    """The read-also targets most pages link to: ``{url, parents, title, outlet}``, most first."""
    links = list(database.read_also_links.aggregate([
        {"$project": {"parents": {"$size": {"$ifNull": ["$parent_urls", []]}}}},
        {"$sort": {"parents": -1, "_id": 1}},
        {"$limit": limit},
    ]))
    titles = {d["_id"]: d for d in database[ARTICLES].find({"_id": {"$in": [link["_id"] for link in links]}},
                                                           {"title": 1, "outlet": 1})}
    return [{"url": link["_id"], "parents": link["parents"], "title": titles.get(link["_id"], {}).get("title"),
             "outlet": titles.get(link["_id"], {}).get("outlet")} for link in links]


def syndication_pairs(database, limit: int = 50) -> list[dict]:
    """Copies linked to their original: ``{url, outlet, title, original_url}``."""
    # "a non-empty string": {"$nin": [None, ""]} also matches documents without the field in mongoeco
    query = {"original_url": {"$gt": ""}}
    return list(database[ARTICLES].find(query, {"_id": 0, "url": 1, "outlet": 1, "title": 1, "original_url": 1})
                .limit(limit))
