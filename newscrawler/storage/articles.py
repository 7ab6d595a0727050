"""The ``articles`` collection and its read-also links: indexes and batched idempotent writes.

Every article is keyed by its URL (``_id`` is the URL), and so is every read-also link document
(``_id`` is the child's URL): a batch is read and written by key, in a handful of commands whatever
its size (one of each kind at most: reads of the links, the parents, the stored articles, the
children's parents and the new documents' links again; inserts and updates of links; inserts of
previous versions; inserts and updates of articles), and the embedded store answers each from its
primary key (``engine.py``), so a write costs the same with 500 articles stored as with 500,000.

Linking is data, not crawl order. ``read_also_links`` holds one document per child, with every
page that lists it as read-also (``parent_urls``) and when the first link was seen; writing a link
twice changes nothing. A document being written takes its ``parent_urls`` from there, and a parent
being written adds itself to the children already stored (an update by key); whichever page
arrives first, the result is the same, also when two workers write parent and child at once (a
new document reads its links again once it is inserted). A child's own page is authoritative: an
embedded copy never overwrites it, and it replaces an embedded copy without counting as a new
version. A fetch older than the stored one (a journal replayed after a newer crawl) adds its links
and changes nothing else.

Writes are plain inserts for new documents and updates for existing ones (no upserts of
articles); a document that another worker inserted meanwhile is retried as an update. Every string
is made encodable first (``encodable.py``). A batch that fails for the fault of one document
(``write_each``: too large, an invalid key) is written one document at a time, so that the others
are stored; only an outage (``connection.is_outage``) fails the whole batch.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import datetime

from pymongo import ASCENDING, DESCENDING, TEXT, IndexModel, UpdateOne

from newscrawler.items import ARTICLE_FIELDS, TRANSIENT_FIELDS
from newscrawler.storage.connection import is_outage
from newscrawler.storage.inserts import insert_new
from newscrawler.storage.syndication import Syndication
from newscrawler.text.letters import encodable

ARTICLES = "articles"
ARTICLE_VERSIONS = "article_versions"
READ_ALSO_LINKS = "read_also_links"

INDEXES = [
    IndexModel([("url", ASCENDING)], name="url"),  # unique as _id; indexed for readers who ask by url
    IndexModel([("outlet", ASCENDING), ("published_at", DESCENDING)], name="outlet_published_at"),
    IndexModel([("parent_urls", ASCENDING)], name="parent_urls"),
    IndexModel([("published_at", DESCENDING)], name="published_at"),
    IndexModel([("original_url", ASCENDING)], name="original_url", sparse=True),  # a story's copies
    # word search in the search form: no stemming (MongoDB has none for Arabic), and the documents'
    # own `language` field ("ar") must not be taken for the index's language, which MongoDB refuses
    IndexModel([("body_normalized", TEXT)], name="body_normalized_text", default_language="none",
               language_override="search_language"),
]
LINK_INDEXES = [IndexModel([("parent_urls", ASCENDING)], name="parent_urls")]

#: Fields that belong to the article's content (the rest are links and bookkeeping).
CONTENT_FIELDS = tuple(
    name for name in ARTICLE_FIELDS
    if name not in TRANSIENT_FIELDS and name not in ("url", "origin", "parent_urls", "fetched_at")
)


def content_hash(document: dict) -> str:
    """Over title and body: what makes a new version of an article."""
    text = f"{document.get('title') or ''}\n{document.get('body') or ''}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class WriteSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    embedded: int = 0


#: What a write can make of a document, as ``WriteSummary`` counts it.
OUTCOMES = tuple(f.name for f in fields(WriteSummary))


class ArticleStore:
    def __init__(self, database):
        self.database = database
        self.articles = database[ARTICLES]
        self.versions = database[ARTICLE_VERSIONS]
        self.links = database[READ_ALSO_LINKS]
        self.syndication = Syndication(database)
        #: Seconds spent on read-also and syndication links, for the benchmark's "link" stage.
        self.link_seconds = 0.0

    def ensure_indexes(self) -> None:
        """Bring what older versions stored to the current shape (``schema.py``), then index."""
        from newscrawler.storage.schema import migrate

        migrate(self.database)
        self.articles.create_indexes(INDEXES)
        self.links.create_indexes(LINK_INDEXES)

    def write(self, documents: list[dict], *, crawl_id: str, seen_at: datetime) -> WriteSummary:
        """Store ``documents`` (dicts of item fields, in scrape order); safe to repeat."""
        summary = WriteSummary()
        batch = coalesce([encodable(document) for document in documents])
        if not batch:
            return summary
        urls = list(batch)
        started = time.perf_counter()
        self._add_links(batch, seen_at)
        parents = self._parents_of(urls)
        self.link_seconds += time.perf_counter() - started
        existing = {d["_id"]: d for d in self.articles.find({"_id": {"$in": urls}})}
        inserts, updates, versions, written = [], [], [], []
        for url, document in batch.items():
            plan = _plan(document, existing.get(url), sorted(parents.get(url, set()) - {url}), crawl_id, seen_at)
            setattr(summary, plan.outcome, getattr(summary, plan.outcome) + 1)
            if plan.content:
                written.append(url)
            if plan.insert is not None:
                inserts.append(plan.insert)
            if plan.update is not None:
                updates.append(plan.update)
            versions += plan.versions
        updates += self._link_stored_children(batch)
        if versions:
            insert_new(self.versions, versions)  # a version written again by a replay stays as it is
        retry = self._insert(inserts)
        updates += self._parents_linked_meanwhile([d["_id"] for d in inserts if d["_id"] not in retry], parents)
        if updates:
            self.articles.bulk_write(updates, ordered=True)
        started = time.perf_counter()
        self.syndication.link([batch[url] for url in written if url not in retry])
        self.link_seconds += time.perf_counter() - started
        if retry:  # inserted by another worker since we looked: now they are updates
            summary.new -= sum(1 for url in retry if batch[url]["origin"] == "page")
            summary.embedded -= sum(1 for url in retry if batch[url]["origin"] == "embedded")
            again = self.write([batch[url] for url in retry], crawl_id=crawl_id, seen_at=seen_at)
            for outcome in OUTCOMES:
                setattr(summary, outcome, getattr(summary, outcome) + getattr(again, outcome))
        return summary

    def write_each(self, documents: list[dict], *, crawl_id: str, seen_at: datetime
                   ) -> tuple[WriteSummary, list[tuple[dict, Exception]]]:
        """``write``; when the batch fails and it is not an outage, again one document at a time.
        Returns what was written and the documents refused, each with its error. Raises an outage
        (what was written before it stays written; writing it again changes nothing)."""
        try:
            return self.write(documents, crawl_id=crawl_id, seen_at=seen_at), []
        except Exception as error:
            if is_outage(error):
                raise
        summary, refused = WriteSummary(), []
        for document in documents:
            try:
                written = self.write([document], crawl_id=crawl_id, seen_at=seen_at)
            except Exception as error:
                if is_outage(error):
                    raise
                refused.append((document, error))
                continue
            for outcome in OUTCOMES:
                setattr(summary, outcome, getattr(summary, outcome) + getattr(written, outcome))
        return summary, refused

    def recrawl_states(self, urls: list[str]) -> dict[str, dict]:
        """What a re-crawl needs to know of the stored articles among ``urls``, in one read: when
        each was fetched and last seen, when it was published, and whether its own page was read."""
        projection = {"origin": 1, "fetched_at": 1, "last_seen_at": 1, "published_at": 1}
        return {d.pop("_id"): d for d in self.articles.find({"_id": {"$in": list(dict.fromkeys(urls))}}, projection)}

    def _add_links(self, batch: dict[str, dict], seen_at: datetime) -> None:
        """Every parent → child link the batch shows that is not stored yet (a re-crawl finds them
        stored and sends none; a link is never taken away): a child without a link document gets
        one by an insert, a child with one the parents it lacks by an update. (An upsert would do
        both, at several times an insert's cost on the embedded store.) A link document another
        worker inserted since it was read is updated instead."""
        parents = _links_in(batch)
        if not parents:
            return
        held = _parent_lists(self.links, parents)
        fresh = [child for child in parents if child not in held]
        refused = insert_new(self.links, [{"_id": child, "parent_urls": sorted(parents[child]), "first_seen_at": seen_at}
                                          for child in fresh])
        grown = [child for child, urls in parents.items() if child in held and not urls <= held[child]]
        grown += [fresh[i] for i in refused]
        if grown:
            self.links.bulk_write([
                UpdateOne({"_id": child}, {"$addToSet": {"parent_urls": {"$each": sorted(parents[child])}},
                                           "$setOnInsert": {"first_seen_at": seen_at}}, upsert=True)
                for child in grown
            ], ordered=False)

    def _parents_of(self, urls: list[str]) -> dict[str, set[str]]:
        return _parent_lists(self.links, urls)

    def _link_stored_children(self, batch: dict[str, dict]) -> list[UpdateOne]:
        """Children stored before their parent get the parent now. A stored child that holds its
        parents already is left alone (a re-crawl finds them all so: an update of a whole article
        costs a server more than reading its links). A child not stored yet gets the parent from
        its link document when it is stored (``_parents_linked_meanwhile`` when another worker
        stores it meanwhile)."""
        parents = _links_in(batch, children_outside_only=True)
        if not parents:
            return []
        held = _parent_lists(self.articles, parents)
        return [UpdateOne({"_id": child}, {"$addToSet": {"parent_urls": {"$each": sorted(urls)}}})
                for child, urls in parents.items() if child in held and not urls <= held[child]]

    def _parents_linked_meanwhile(self, inserted: list[str], read: dict[str, set[str]]) -> list[UpdateOne]:
        """The parents linked to the just-inserted ``inserted`` since their links were ``read``:
        another worker's parent that added its link after that read, and looked for the child
        before it was inserted, left the child to this read (whichever comes first, the child's
        insert or the parent's look, one of the two sees the other)."""
        if not inserted:
            return []
        now = _parent_lists(self.links, inserted)
        return [UpdateOne({"_id": url}, {"$addToSet": {"parent_urls": {"$each": sorted(added)}}})
                for url in inserted if (added := now.get(url, set()) - read.get(url, set()) - {url})]

    def _insert(self, documents: list[dict]) -> list[str]:
        """Insert new documents; return the URLs that turned out to exist already."""
        return [documents[i]["url"] for i in insert_new(self.articles, documents)]


def _parent_lists(collection, urls) -> dict[str, set[str]]:
    """The ``parent_urls`` stored under each of ``urls`` that ``collection`` holds, in one read."""
    return {d["_id"]: set(d.get("parent_urls") or [])
            for d in collection.find({"_id": {"$in": sorted(urls)}}, {"parent_urls": 1})}


def _links_in(batch: dict[str, dict], *, children_outside_only: bool = False) -> dict[str, set[str]]:
    """child URL → the URLs of its parents, from the batch's read-also lists (and, unless
    ``children_outside_only``, its documents' parent lists)."""
    parents: dict[str, set[str]] = defaultdict(set)
    for url, document in batch.items():
        for child in document.get("read_also_urls", []):
            if child != url and not (children_outside_only and child in batch):
                parents[child].add(url)
        if not children_outside_only:
            for parent in document.get("parent_urls", []):
                if parent != url:
                    parents[url].add(parent)
    return dict(parents)


def bson_precision(value):
    """What MongoDB keeps of a value: datetimes to the millisecond."""
    if isinstance(value, datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    if isinstance(value, list):
        return [bson_precision(v) for v in value]
    if isinstance(value, dict):
        return {k: bson_precision(v) for k, v in value.items()}
    return value


def coalesce(documents: list[dict]) -> dict[str, dict]:
    """One document per URL, in first-seen order: the page's own copy wins over embedded ones,
    and the parents of every copy are kept."""
    merged: dict[str, dict] = {}
    for document in documents:
        url = document["url"]
        known = merged.get(url)
        if known is None or document["origin"] == "page" or known["origin"] == "embedded":
            parents = set(document.get("parent_urls", [])) | set(known.get("parent_urls", []) if known else [])
            merged[url] = {**document, "parent_urls": sorted(parents)}
        else:
            known["parent_urls"] = sorted(set(known["parent_urls"]) | set(document.get("parent_urls", [])))
    return merged


@dataclass
class _Plan:
    outcome: str
    insert: dict | None = None
    update: UpdateOne | None = None
    versions: list[dict] = field(default_factory=list)
    #: Whether the document's content is written (new, changed, an embedded copy or its page):
    #: then it takes part in syndication links.
    content: bool = False


def _plan(document: dict, existing: dict | None, parents: list[str], crawl_id: str, seen_at: datetime) -> _Plan:
    """What to write for one document, given what is stored."""
    url = document["url"]
    digest = content_hash(document)
    content = {name: bson_precision(document.get(name)) for name in CONTENT_FIELDS}
    seen = {"last_seen_at": seen_at, "crawl_id": crawl_id}
    if existing is not None:  # parents are only ever added: the ones it holds need no update
        held = set(existing.get("parent_urls") or [])
        parents = [parent for parent in parents if parent not in held]
    add_parents = {"$addToSet": {"parent_urls": {"$each": parents}}} if parents else {}
    embedded = document["origin"] == "embedded"

    if existing is None:
        return _Plan("embedded" if embedded else "new", content=True, insert={
            "_id": url, "url": url, **content, "origin": document["origin"], "parent_urls": parents,
            "fetched_at": None if embedded else bson_precision(document.get("fetched_at")), "content_hash": digest,
            "version": 1, "first_seen_at": seen_at, **seen,
        })
    if embedded and existing.get("origin") == "page":  # the own page is authoritative
        return _Plan("embedded", update=UpdateOne({"_id": url}, {"$set": seen, **add_parents}))
    if embedded:
        update = {"$set": {**content, **seen, "content_hash": digest}, **add_parents}
        return _Plan("embedded", update=UpdateOne({"_id": url}, update), content=digest != existing.get("content_hash"))
    fetched = {"fetched_at": bson_precision(document.get("fetched_at"))}
    newer_reader = _newer(document.get("extractor_version"), existing.get("extractor_version"))
    if existing.get("origin") == "page" and _before(fetched["fetched_at"], existing.get("fetched_at")) \
            and not newer_reader:
        # an older fetch arriving late (a journal replayed after a newer crawl): links only. An
        # archived page read again by a newer extractor (reextract) goes on: its reading is better.
        return _Plan("unchanged", update=UpdateOne({"_id": url}, add_parents) if parents else None)
    if existing.get("origin") != "page":  # the own page replaces the embedded copy: not a new version
        update = {"$set": {**content, **seen, **fetched, "origin": "page", "content_hash": digest}, **add_parents}
        return _Plan("updated", update=UpdateOne({"_id": url}, update), content=True)
    if existing.get("content_hash") == digest:  # only what differs besides title and body is set
        changed = {name: value for name, value in content.items() if existing.get(name) != value}
        return _Plan("unchanged", update=UpdateOne({"_id": url}, {"$set": {**changed, **seen}, **add_parents}))
    version = int(existing.get("version") or 1)
    previous = {"_id": {"url": url, "version": version}, "url": url, "version": version,
                "content_hash": existing.get("content_hash"), "title": existing.get("title"),
                "body": existing.get("body"), "fetched_at": existing.get("fetched_at")}
    update = {"$set": {**content, **seen, **fetched, "content_hash": digest, "version": version + 1,
                       "changed_at": seen_at}, **add_parents}
    return _Plan("updated", update=UpdateOne({"_id": url}, update), versions=[previous], content=True)


def _before(fetched: datetime | None, stored: datetime | None) -> bool:
    return fetched is not None and stored is not None and fetched < stored


def _version_key(version: str | None) -> tuple[int, ...]:
    """``"2026.12.2"`` → (2026, 12, 2); a document stored before versions were recorded → ()."""
    try:
        return tuple(int(part) for part in (version or "").split(".") if part)
    except ValueError:
        return ()


def _newer(reader: str | None, stored: str | None) -> bool:
    """Whether ``reader`` is a later extractor version than the one that read the stored document."""
    return _version_key(reader) > _version_key(stored)

