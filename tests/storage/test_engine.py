"""The embedded engine's lookups by key and its short way for ``$set`` give mongoeco's own
answers, and stay lookups."""

from datetime import UTC, datetime

import pytest
from bson import ObjectId
from mongoeco import CodecOptions, MongoClient
from mongoeco.engines.sqlite import SQLiteEngine
from pymongo import ASCENDING, IndexModel, UpdateOne

from newscrawler.storage.engine import KeyedSQLiteEngine

OID = ObjectId()
DOCUMENTS = [{"_id": "a", "v": 1, "tags": ["x", "y"]}, {"_id": "b", "v": 2, "tags": []}, {"_id": OID, "v": 3},
             {"_id": {"p": 1}, "v": 4}, {"_id": 7, "v": 5}]


def collection(engine_class, path=None):
    engine = engine_class(str(path)) if path is not None else engine_class()
    client = MongoClient(engine, codec_options=CodecOptions(tz_aware=True, tzinfo=UTC))
    articles = client.db.articles
    articles.create_indexes([IndexModel([("tags", ASCENDING)], name="tags")])
    articles.insert_many([dict(d) for d in DOCUMENTS])
    return client, articles


def operations(articles) -> list:
    """Reads and writes by _id, and a few that are not, with what each gives."""
    return [
        articles.find_one({"_id": "a"}, {"v": 1}), articles.find_one({"_id": "zz"}),
        sorted(d["_id"] for d in articles.find({"_id": {"$in": ["a", "b", "zz", "a"]}}, {"_id": 1})),
        list(articles.find({"_id": {"$in": ["a", "b"]}}).limit(1)), len(list(articles.find({"_id": {"$in": ["a", "b"]}}).limit(0))),
        articles.count_documents({"_id": {"$in": ["a", "b", "zz"]}}), articles.count_documents({"_id": OID}),
        articles.count_documents({"_id": {"p": 1}}), articles.count_documents({"_id": 7}),
        articles.update_one({"_id": "zz"}, {"$set": {"v": 9}}).matched_count,
        articles.update_one({"_id": "a"}, {"$addToSet": {"tags": {"$each": ["z"]}}}).modified_count,
        articles.update_one({"_id": "new"}, {"$set": {"v": 9}, "$setOnInsert": {"f": 1}}, upsert=True).upserted_id,
        articles.find_one({"_id": "new"}),
        articles.update_many({"_id": {"$in": ["a", "b"]}}, {"$set": {"m": 1}}).modified_count,
        articles.delete_many({"_id": {"$in": ["b", "new"]}}).deleted_count,
        sorted(map(str, articles.distinct("_id"))), articles.find_one({"tags": "z"})["_id"],
        list(articles.find({"_id": "a", "v": 1})), list(articles.find({"_id": "a", "v": 2})),
        list(articles.find({"_id": {"$in": ["a", OID]}}).sort("v", -1)),
        articles.bulk_write([UpdateOne({"_id": "a"}, {"$set": {"q": 1}}), UpdateOne({"_id": "no"}, {"$set": {"q": 1}})]).matched_count,
        list(articles.find({"_id": OID})), articles.find_one({"_id": str(OID)}),
        articles.find_one({"_id": "a"}),
        *set_operations(articles),
    ]


def set_operations(articles) -> list:
    """``$set`` by ``_id``: of fields no index reads (the short way) and of others, with what each
    gives and leaves stored."""
    when = datetime(2026, 12, 3, 10, 0, 1, 123000, tzinfo=UTC)
    answers = []
    for query, update in [
        ({"_id": "a"}, {"$set": {"seen": when, "crawl": "c1"}}),
        ({"_id": "a"}, {"$set": {"seen": when, "crawl": "c1"}}),  # nothing changes
        ({"_id": "a"}, {"$set": {"nested": {"k": [1, {"d": when}]}, "v": 1.5, "none": None}}),
        ({"_id": OID}, {"$set": {"v": 30}}), ({"_id": 7}, {"$set": {"v": 50}}), ({"_id": {"p": 1}}, {"$set": {"v": 40}}),
        ({"_id": "a"}, {"$set": {"tags": ["w"]}}),  # an indexed field
        ({"_id": "a"}, {"$set": {"nested.k": 2}}), ({"_id": "a"}, {"$set": {"seen": None}, "$unset": {"crawl": ""}}),
        ({"_id": "a"}, {"$set": {"v": 2}, "$inc": {"n": 1}}), ({"_id": "gone"}, {"$set": {"v": 1}}),
        ({"_id": "a", "v": 1}, {"$set": {"v": 3}}),  # more than the key
    ]:
        result = articles.update_one(query, update)
        answers.append((result.matched_count, result.modified_count, articles.find_one(query)))
    return [*answers, [d["_id"] for d in articles.find({"tags": "w"})], list(articles.find({}, sort=[("v", 1)]))]


def test_answers_are_mongoecos_own(tmp_path):
    keyed_client, keyed = collection(KeyedSQLiteEngine, tmp_path / "keyed.sqlite")
    plain_client, plain = collection(SQLiteEngine, tmp_path / "plain.sqlite")
    try:
        assert operations(keyed) == operations(plain)
    finally:
        keyed_client.close()
        plain_client.close()


def test_the_test_servers_answers_are_mongoecos_own():
    from mongoeco.engines.memory import MemoryEngine

    from newscrawler.storage.engine import KeyedMemoryEngine

    keyed_client, keyed = collection(KeyedMemoryEngine)
    plain_client, plain = collection(MemoryEngine)
    try:
        assert operations(keyed) == operations(plain)
    finally:
        keyed_client.close()
        plain_client.close()


@pytest.mark.parametrize("query", [{"_id": "nope"}, {"_id": {"$in": ["a", "nope"]}}])
def test_lookups_by_key_read_the_primary_key_not_the_collection(tmp_path, query):
    client, articles = collection(KeyedSQLiteEngine, tmp_path / "keyed.sqlite")
    try:
        plan = articles.find(query).explain()
        assert "storage_key IN" in plan["details"]["pushdown"]["sqlFragment"]
    finally:
        client.close()


def test_the_test_servers_memory_engine_still_refuses_a_taken_id():
    from mongoeco.engines.memory import MemoryEngine
    from pymongo.errors import DuplicateKeyError

    from newscrawler.storage.engine import KeyedMemoryEngine

    answers = []
    for engine in (MemoryEngine(), KeyedMemoryEngine()):
        client = MongoClient(engine)
        articles = client.db.articles
        articles.insert_many([{"_id": "a"}, {"_id": 1}, {"_id": OID}])
        refused = []
        for taken in ({"_id": "a"}, {"_id": 1.0}, {"_id": OID}, {"_id": {"n": 1}}, {"_id": "b"}):
            try:
                articles.insert_one(taken)
            except DuplicateKeyError:
                refused.append(taken["_id"])
        answers.append((refused, sorted(map(str, articles.distinct("_id")))))
        client.close()
    assert answers[0] == answers[1]
    assert answers[1][0] == ["a", 1.0, OID]


@pytest.mark.parametrize("query", [{"_id": "nope"}, {"_id": {"$in": ["a", "nope"]}}])
def test_the_test_servers_lookups_by_key_do_not_scan(monkeypatch, query):
    from mongoeco.engines.memory import MemoryEngine

    from newscrawler.storage.engine import KeyedMemoryEngine

    client, articles = collection(KeyedMemoryEngine)
    try:
        def scan(*args, **kwargs):
            raise AssertionError("mongoeco's own candidate search ran")

        monkeypatch.setattr(MemoryEngine, "_candidate_items_for_plan_locked", scan)
        articles.find_one(query)
        articles.update_one(query, {"$set": {"seen": 1}})
    finally:
        client.close()


def test_a_set_of_fields_no_index_reads_takes_the_short_way(tmp_path, monkeypatch):
    """One read and one SQL update, not mongoeco's update; a field an index reads goes its way."""
    client, articles = collection(KeyedSQLiteEngine, tmp_path / "keyed.sqlite")
    own = SQLiteEngine._update_with_operation_sync
    calls = []
    monkeypatch.setattr(SQLiteEngine, "_update_with_operation_sync",
                        lambda engine, *args: calls.append(args[2]) or own(engine, *args))
    try:
        when = datetime(2026, 12, 3, tzinfo=UTC)
        assert articles.update_one({"_id": "a"}, {"$set": {"seen": when, "crawl": "c1"}}).modified_count == 1
        assert articles.bulk_write([UpdateOne({"_id": "b"}, {"$set": {"seen": when}})]).modified_count == 1
        assert calls == []
        assert articles.find_one({"_id": "a"}, {"_id": 0, "seen": 1, "crawl": 1}) == {"seen": when, "crawl": "c1"}
        articles.update_one({"_id": "a"}, {"$set": {"tags": ["w"]}})
        assert len(calls) == 1
        assert [d["_id"] for d in articles.find({"tags": "w"})] == ["a"]
    finally:
        client.close()


def test_a_set_the_short_way_is_stored_and_seen_by_a_change_stream(tmp_path):
    client, articles = collection(KeyedSQLiteEngine, tmp_path / "keyed.sqlite")
    try:
        stream = articles.watch(max_await_time_ms=200)
        articles.update_one({"_id": "a"}, {"$set": {"crawl": "c2"}})
        event = stream.try_next()
        assert (event["operationType"], event["documentKey"]) == ("update", {"_id": "a"})
    finally:
        client.close()
    engine = KeyedSQLiteEngine(str(tmp_path / "keyed.sqlite"))
    reopened = MongoClient(engine, codec_options=CodecOptions(tz_aware=True, tzinfo=UTC))
    try:
        assert reopened.db.articles.find_one({"_id": "a"})["crawl"] == "c2"
    finally:
        reopened.close()


def test_an_update_sqlite_cannot_patch_goes_mongoecos_way(tmp_path, monkeypatch):
    """Where mongoeco would not patch the document's JSON in SQLite (a non-finite number, which
    SQLite's JSON turns into null), the short way leaves the update to mongoeco."""
    from newscrawler.storage import engine

    def refuse(plan, *, current_document=None):
        raise NotImplementedError("Non-finite values require Python JSON update fallback")

    client, articles = collection(KeyedSQLiteEngine, tmp_path / "keyed.sqlite")
    monkeypatch.setattr(engine, "translate_compiled_update_plan", refuse)
    try:
        assert articles.update_one({"_id": "a"}, {"$set": {"seen": 1}}).modified_count == 1
        assert articles.find_one({"_id": "a"})["seen"] == 1
    finally:
        client.close()
