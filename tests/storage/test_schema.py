"""Stores written by earlier versions are brought to the current shape on first use."""

from datetime import UTC, datetime, timedelta

from bson import ObjectId
from pymongo import ASCENDING, IndexModel

from newscrawler.storage import ArticleStore
from newscrawler.storage.schema import SCHEMA, VERSION, migrate
from tests.storage.test_articles import CHILD, OTHER_PARENT, PARENT, T0, doc, state, write

OLD_INDEXES = [IndexModel([("url", ASCENDING)], unique=True, name="url_unique")]
OLD_LINK_INDEXES = [IndexModel([("child", ASCENDING)], name="child"), IndexModel([("parent", ASCENDING)], name="parent")]


def version_1_store(db):
    """What a store written before December 2026 held: ObjectId keys, one link per pair."""
    db.articles.create_indexes(OLD_INDEXES)
    db.read_also_links.create_indexes(OLD_LINK_INDEXES)
    parent = {**doc(PARENT, read_also=[CHILD]), "_id": ObjectId(), "version": 1, "first_seen_at": T0}
    child = {**doc(CHILD, origin="embedded", parents=[PARENT, OTHER_PARENT]), "_id": ObjectId(), "version": 1,
             "first_seen_at": T0}
    db.articles.insert_many([parent, child])
    db.read_also_links.insert_many([
        {"_id": {"parent": p, "child": CHILD}, "parent": p, "child": CHILD, "first_seen_at": T0 + timedelta(minutes=n)}
        for n, p in enumerate([OTHER_PARENT, PARENT])
    ])
    return {d["url"]: {k: v for k, v in d.items() if k != "_id"} for d in (parent, child)}


def test_a_version_1_store_is_keyed_by_url_and_its_links_grouped_by_child(db):
    before = version_1_store(db)
    store = ArticleStore(db)
    store.ensure_indexes()
    assert {d["_id"] for d in db.articles.find({}, {"_id": 1})} == {PARENT, CHILD}
    assert state(db) == before  # every field kept
    (link,) = db.read_also_links.find({})
    assert link == {"_id": CHILD, "parent_urls": sorted([PARENT, OTHER_PARENT]), "first_seen_at": T0}
    assert "url_unique" not in {i["name"] for i in db.articles.list_indexes()}
    assert not {"child", "parent"} & {i["name"] for i in db.read_also_links.list_indexes()}
    assert db[SCHEMA].find_one({"_id": "schema"})["version"] == VERSION
    # and the store goes on as if it had always been this way
    write(store, doc(PARENT, read_also=[CHILD], body="نص معدل"), at=T0 + timedelta(hours=1))
    assert state(db)[PARENT]["version"] == 2 and db.articles.count_documents({}) == 2


def test_a_migration_stopped_half_way_finishes_and_running_it_twice_changes_nothing(db):
    before = version_1_store(db)
    # stopped after copying the parent under its URL, before deleting the original
    original = db.articles.find_one({"url": PARENT})
    db.articles.drop_index("url_unique")
    db.articles.insert_one({**original, "_id": PARENT})
    migrate(db)
    once = state(db)
    db[SCHEMA].delete_many({})
    migrate(db)
    assert state(db) == once == before
    assert db.articles.count_documents({}) == 2 and db.read_also_links.count_documents({}) == 1


def test_a_new_store_is_marked_current_and_not_migrated_again(db):
    migrate(db)
    marked = db[SCHEMA].find_one({"_id": "schema"})
    assert marked["version"] == VERSION and marked["migrated_at"] <= datetime.now(UTC)
    db.articles.insert_one({"_id": ObjectId(), "url": "https://arabkhabar.com/a/9"})  # not looked for again
    migrate(db)
    assert db.articles.count_documents({"_id": {"$type": "objectId"}}) == 1
