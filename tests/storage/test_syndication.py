"""Syndication links, on both stores: the seed's aggregator copy and al-Jadeed Press's original are
linked whichever is stored first; three different articles on one event are not; chains point at
the root; one outlet's near-duplicates are never linked and crowd no key; two workers storing the
two copies at once still link them. The documents are the fixture pages' (``fixtures/expected``)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import numpy as np
import pymongo
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.storage import ArticleStore
from newscrawler.storage.syndication import (
    _PRIME,
    KEYS,
    MAX_KEY_URLS,
    MAX_WORDS,
    shingles,
)
from newscrawler.text import normalize_for_search
from tests.fixture_cases import EXPECTED

T0 = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
COPY = "https://arabkhabar.com/a/5129170"  # "المصدر: الجديد برس"
ORIGINAL = "https://www.aljadeedpress.net/archives/218754"


def fixture_document(case: str) -> dict:
    """The page's stored fields, as a crawl hands them to storage."""
    document = json.loads((EXPECTED / f"{case}.json").read_text(encoding="utf-8"))["documents"][0]
    for key in ("published_at", "modified_at"):
        if document[key]:
            document[key] = datetime.fromisoformat(document[key])
    return {**document, "body_normalized": normalize_for_search(document["body"]), "fetched_at": T0}


AGGREGATOR = "arabkhabar/variant_a_semantic"
JADEED = "aljadeedpress/kim_putin"
SAME_EVENT = ("skynewsarabia/kim_putin_vostochny_satellites", "rtarabic/kim_putin_vostochny_invitation")


@pytest.fixture
def store(db):
    store = ArticleStore(db)
    store.ensure_indexes()
    return store


def write(store, *cases_or_documents, at=T0):
    for item in cases_or_documents:
        document = fixture_document(item) if isinstance(item, str) else item
        store.write([document], crawl_id="c", seen_at=at)  # one batch each: as separate crawls would


def stored(db, url: str) -> dict:
    return db.articles.find_one({"_id": url})


@pytest.mark.parametrize("first", [AGGREGATOR, JADEED])
def test_the_aggregators_copy_and_its_original_are_linked_whichever_comes_first(store, db, first):
    write(store, first, JADEED if first == AGGREGATOR else AGGREGATOR)
    copy, original = stored(db, COPY), stored(db, ORIGINAL)
    assert copy["original_url"] == ORIGINAL and copy["original_found_by"] == "source_line"
    assert copy["original_similarity"] >= 0.9
    assert original["copy_urls"] == [COPY] and not original.get("original_url")
    write(store, AGGREGATOR, JADEED)  # again: nothing changes
    assert stored(db, COPY)["original_url"] == ORIGINAL and stored(db, ORIGINAL)["copy_urls"] == [COPY]


def test_different_articles_on_one_event_are_not_linked(store, db):
    write(store, JADEED, *SAME_EVENT)
    for document in db.articles.find({}):
        assert not document.get("original_url") and not document.get("copy_urls"), document["url"]


def variant(document: dict, url: str, outlet: str, published: datetime, source: str | None = None) -> dict:
    return {**document, "url": url, "outlet": outlet, "published_at": published, "source": source}


def test_a_copy_of_a_copy_points_at_the_root_whatever_the_order(store, db):
    original = fixture_document(JADEED)
    copy = fixture_document(AGGREGATOR)  # names al-Jadeed Press
    copy_of_copy = variant(copy, "https://www.youm7.com/story/2023/9/14/x/1", "youm7",
                           copy["published_at"] + timedelta(hours=3))  # names no one: similarity alone
    write(store, copy_of_copy, copy, original)
    assert stored(db, COPY)["original_url"] == ORIGINAL
    assert stored(db, copy_of_copy["url"])["original_url"] == ORIGINAL
    assert sorted(stored(db, ORIGINAL)["copy_urls"]) == sorted([COPY, copy_of_copy["url"]])
    assert not stored(db, COPY).get("copy_urls")


def test_with_similarity_alone_the_earlier_publication_is_the_original(store, db):
    original = fixture_document(JADEED)
    later = variant(original, "https://www.youm7.com/story/2023/9/15/y/2", "youm7",
                    original["published_at"] + timedelta(days=1))
    write(store, later, original)
    copy = stored(db, later["url"])
    assert copy["original_url"] == ORIGINAL and copy["original_found_by"] == "similarity"


def test_one_outlets_near_duplicates_are_never_linked_and_crowd_no_key(store, db):
    template = fixture_document(JADEED)
    for start in range(0, 3 * MAX_KEY_URLS, 30):
        store.write([variant(template, f"https://www.aljadeedpress.net/archives/{n}", "aljadeedpress", T0)
                     for n in range(start, start + 30)], crawl_id="c", seen_at=T0)
    assert db.articles.count_documents({"original_url": {"$gt": ""}}) == 0
    assert max(len(key["urls"]) for key in db[KEYS].find({})) <= MAX_KEY_URLS


def test_two_workers_storing_both_copies_at_once_end_linked(mongo_uri, mongo_client, database_name):
    """Each worker its own client and store; both write at the same moment, ten times over."""
    for attempt in range(10):
        name = f"{database_name}_{attempt}"
        clients = [pymongo.MongoClient(mongo_uri, tz_aware=True) for _ in range(2)]
        try:
            stores = [ArticleStore(client[name]) for client in clients]
            stores[0].ensure_indexes()
            start = threading.Barrier(2)

            def worker(store, case):
                document = fixture_document(case)
                start.wait()
                store.write([document], crawl_id="w", seen_at=T0)

            threads = [threading.Thread(target=worker, args=pair) for pair in zip(stores, (AGGREGATOR, JADEED))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            database = mongo_client[name]
            assert stored(database, COPY)["original_url"] == ORIGINAL, attempt
            assert stored(database, ORIGINAL)["copy_urls"] == [COPY], attempt
        finally:
            for client in clients:
                client.close()
            mongo_client.drop_database(name)


@settings(deadline=None)
@given(st.lists(st.sampled_from(["قال", "الوزير", "إن", "الحكومة", "a", "b", "2025", "x" * 40]), max_size=120)
       .map(" ".join))
def test_shingles_are_the_sorted_set_of_every_three_words_hashed(text):
    """Stored keys depend on them: each run of three words, hashed from the CRC-32 of each word,
    once each and in order."""
    import zlib

    words = text.split()[:MAX_WORDS]
    crc = [zlib.crc32(word.encode()) for word in words]
    expected = sorted({(crc[i] * 1_000_003 + crc[i + 1] * 7_919 + crc[i + 2]) % (2**64) % _PRIME
                       for i in range(len(words) - 2)})
    assert shingles(text).tolist() == expected and shingles(text).dtype == np.uint64
