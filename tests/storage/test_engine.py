"""The embedded engine's lookups by key give mongoeco's own answers, and stay lookups."""

from datetime import UTC

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
    ]


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
