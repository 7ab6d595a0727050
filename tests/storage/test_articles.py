"""Linking and idempotence of the articles collection, against a real wire-protocol server."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from newscrawler.storage import ArticleStore

T0 = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
PARENT = "https://arabkhabar.com/a/1"
OTHER_PARENT = "https://arabkhabar.com/a/2"
CHILD = "https://www.aljazeera.net/politics/2025/4/30/x"


def doc(url, *, origin="page", outlet="arabkhabar", title="عنوان", body="نص الخبر", read_also=(), parents=(), fetched=T0):
    return {
        "url": url, "outlet": outlet, "origin": origin, "title": title, "summary": None, "body": body,
        "body_normalized": body, "authors": [], "section": None, "tags": [], "source": None, "language": "ar",
        "published_raw": None, "modified_raw": None, "published_at": None, "modified_at": None,
        "images": [], "embeds": [], "read_also_urls": list(read_also), "parent_urls": list(parents),
        "fetched_at": fetched if origin == "page" else None,
    }


def parent_page():
    return doc(PARENT, read_also=[CHILD])


def embedded_child(parent=PARENT):
    return doc(CHILD, origin="embedded", title="نسخة مضمنة", body="نص منسوخ", parents=[parent])


def child_page(parents=()):
    return doc(CHILD, outlet="aljazeera", title="العنوان الأصلي", body="النص الأصلي", parents=parents)


@pytest.fixture
def store(db):
    store = ArticleStore(db)
    store.ensure_indexes()
    return store


def write(store, *documents, at=T0, crawl="c1"):
    return store.write(list(documents), crawl_id=crawl, seen_at=at)


def state(db):
    return {d["url"]: d for d in db.articles.find({}, {"_id": 0})}


def without_seen(documents):
    return {url: {k: v for k, v in d.items() if k not in ("last_seen_at", "crawl_id", "first_seen_at")}
            for url, d in documents.items()}


def test_indexes(store, db):
    names = {index["name"] for index in db.articles.list_indexes()}
    assert {"url", "outlet_published_at", "parent_urls", "published_at", "body_normalized_text", "original_url"} <= names
    assert "parent_urls" in {index["name"] for index in db.read_also_links.list_indexes()}


def test_word_search_through_the_search_form(store, db):
    """The README's search: the query normalised as the body was, through the text index (which
    must take documents whose `language` is "ar", a language MongoDB's text search does not know)."""
    from newscrawler.text import normalize_for_search

    body = "أعلنت الرئاسة المصرية اليوم عن خطة جديدة"
    store.write([doc(PARENT, body=body) | {"body_normalized": normalize_for_search(body)},
                 doc(OTHER_PARENT, body="خبر آخر عن الطقس") | {"body_normalized": normalize_for_search("خبر آخر عن الطقس")}],
                crawl_id="c1", seen_at=T0)
    query = normalize_for_search("الرئاسة المصرية")
    # (no projection: mongoeco returns only _id of a text search's matches when given one)
    hits = [d["url"] for d in db.articles.find({"$text": {"$search": f'"{query}"'}})]
    assert hits == [PARENT]


def test_articles_and_links_are_keyed_by_url(store, db):
    write(store, parent_page(), embedded_child(), doc(OTHER_PARENT, read_also=[CHILD]))
    assert {d["_id"]: d["url"] for d in db.articles.find({}, {"url": 1})} == {
        PARENT: PARENT, CHILD: CHILD, OTHER_PARENT: OTHER_PARENT}
    (link,) = db.read_also_links.find({})
    assert link["_id"] == CHILD and sorted(link["parent_urls"]) == [PARENT, OTHER_PARENT]
    assert link["first_seen_at"] == T0
    assert store.recrawl_states([CHILD, PARENT, "https://arabkhabar.com/not-stored"]) == {
        CHILD: {"origin": "embedded", "fetched_at": None, "last_seen_at": T0, "published_at": None},
        PARENT: {"origin": "page", "fetched_at": T0, "last_seen_at": T0, "published_at": None},
    }


def test_a_link_document_another_worker_inserts_meanwhile_gets_the_parent_too(store, db, monkeypatch):
    """The link documents are read, then the missing ones inserted: one that another worker
    inserted in between is refused as a duplicate and given the parent by an update instead."""
    from newscrawler.storage import articles

    read = articles._parent_lists

    def read_then_other_worker_inserts(collection, urls):
        found = read(collection, urls)
        if collection.name == "read_also_links" and CHILD in urls and CHILD not in found:
            collection.insert_one({"_id": CHILD, "parent_urls": [OTHER_PARENT], "first_seen_at": T0 - timedelta(hours=1)})
        return found

    monkeypatch.setattr(articles, "_parent_lists", read_then_other_worker_inserts)
    write(store, parent_page())
    link = db.read_also_links.find_one({"_id": CHILD})
    assert sorted(link["parent_urls"]) == [PARENT, OTHER_PARENT]
    assert link["first_seen_at"] == T0 - timedelta(hours=1)


def test_a_child_and_its_parent_written_at_once_by_two_workers_end_linked(store, db, monkeypatch):
    """The child's worker reads its links before the parent's link is added, and the parent's
    worker looks for the child before the child is inserted: neither sees the other then, and the
    child's second read of its links, once it is inserted, gives it the parent."""
    other_worker = ArticleStore(db)
    insert = store._insert

    def parent_written_before_insert(documents):
        if any(d["_id"] == CHILD for d in documents):
            write(other_worker, parent_page())
            assert db.articles.find_one({"_id": CHILD}) is None
        return insert(documents)

    monkeypatch.setattr(store, "_insert", parent_written_before_insert)
    write(store, child_page())
    assert db.articles.find_one({"_id": CHILD})["parent_urls"] == [PARENT]
    assert db.read_also_links.find_one({"_id": CHILD})["parent_urls"] == [PARENT]


@contextmanager
def counted_store(mongo_uri, database_name):
    """A store whose client records every command it starts (name and body), against the wire
    server only: the embedded store is not driven through pymongo."""
    from pymongo import MongoClient, monitoring

    class Count(monitoring.CommandListener):
        def __init__(self):
            self.commands: list[tuple[str, dict]] = []

        def started(self, event):
            self.commands.append((event.command_name, event.command))

        def succeeded(self, event):
            pass

        def failed(self, event):
            pass

    counter = Count()
    client = MongoClient(mongo_uri, tz_aware=True, event_listeners=[counter])
    try:
        store = ArticleStore(client[database_name])
        store.ensure_indexes()
        counter.commands.clear()
        yield store, counter.commands
    finally:
        client.close()


def test_a_batch_is_a_handful_of_commands_whatever_its_size(mongo_client, database_name, mongo_uri):
    """Reads and writes by key, in bulk: the count does not grow with the batch."""
    with counted_store(mongo_uri, database_name) as (counted, commands):
        parents = [doc(f"https://arabkhabar.com/p/{n}", read_also=[f"https://arabkhabar.com/c/{n}"]) for n in range(300)]
        children = [doc(f"https://arabkhabar.com/c/{n}", origin="embedded", parents=[f"https://arabkhabar.com/p/{n}"])
                    for n in range(300)]
        counted.write(parents + children, crawl_id="c1", seen_at=T0)
        first = len(commands)
        counted.write(parents + children, crawl_id="c2", seen_at=T0 + timedelta(hours=1))
    assert first <= 6 and len(commands) - first <= 6, [name for name, _ in commands]
    db = mongo_client[database_name]
    assert db.articles.count_documents({}) == 600 and db.read_also_links.count_documents({}) == 300


def updates_of(commands, collection: str, url: str) -> list[dict]:
    """The update documents that ``commands`` (as ``counted_store`` records them) sent to ``url``
    in ``collection``."""
    return [update["u"] for name, command in commands if name == "update" and command["update"] == collection
            for update in command["updates"] if update["q"] == {"_id": url}]


def test_a_recrawl_sends_no_update_for_a_link_that_is_stored_already(mongo_client, database_name, mongo_uri):
    """A child stored before its parent, in a batch of its own, gets the parent by an update, and
    the link its document; when the parent is written again (a re-crawl) both hold it already and
    nothing is sent for the child: on a server an update of a whole article costs more than
    reading its links."""

    def writes_of_child(commands) -> dict[str, int]:
        """Updates of the child's article, and writes of its link document (an insert or an update)."""
        updates = {collection: len(updates_of(commands, collection, CHILD)) for collection in ("articles", "read_also_links")}
        updates["read_also_links"] += sum(1 for name, command in commands
                                          if name == "insert" and command["insert"] == "read_also_links"
                                          for document in command["documents"] if document["_id"] == CHILD)
        return updates

    with counted_store(mongo_uri, database_name) as (counted, commands):
        counted.write([child_page()], crawl_id="c1", seen_at=T0)
        counted.write([parent_page()], crawl_id="c1", seen_at=T0)
        first = writes_of_child(commands)
        commands.clear()
        counted.write([parent_page()], crawl_id="c2", seen_at=T0 + timedelta(hours=1))
        again = writes_of_child(commands)
    assert first == {"articles": 1, "read_also_links": 1} and again == {"articles": 0, "read_also_links": 0}
    db = mongo_client[database_name]
    assert db.articles.find_one({"_id": CHILD})["parent_urls"] == [PARENT]
    assert db.read_also_links.find_one({"_id": CHILD})["parent_urls"] == [PARENT]


def test_a_recrawled_article_is_sent_only_the_parents_it_lacks(mongo_uri, database_name, mongo_client):
    """Parents are only ever added: a re-crawl of an article that holds its parents sets its seen
    fields alone (adding them again would rewrite an indexed array, which the embedded store can
    only do the slow way), and a parent found since is added by itself."""

    later = T0 + timedelta(hours=1)
    with counted_store(mongo_uri, database_name) as (counted, commands):
        counted.write([parent_page()], crawl_id="c1", seen_at=T0)
        counted.write([child_page()], crawl_id="c1", seen_at=T0)
        commands.clear()
        counted.write([child_page()], crawl_id="c2", seen_at=later)
        recrawled = updates_of(commands, "articles", CHILD)
        commands.clear()
        counted.write([doc(OTHER_PARENT, read_also=[CHILD]), embedded_child(OTHER_PARENT)], crawl_id="c3", seen_at=later)
        linked = updates_of(commands, "articles", CHILD)
    assert [sorted(update) for update in recrawled] == [["$set"]]
    assert sorted(recrawled[0]["$set"]) == ["crawl_id", "last_seen_at"]
    assert [update["$addToSet"] for update in linked] == [{"parent_urls": {"$each": [OTHER_PARENT]}}]
    assert sorted(mongo_client[database_name].articles.find_one({"_id": CHILD})["parent_urls"]) == [PARENT, OTHER_PARENT]


def test_embedded_child_becomes_its_own_document_linked_both_ways(store, db):
    write(store, parent_page(), embedded_child())
    docs = state(db)
    assert docs[PARENT]["read_also_urls"] == [CHILD]
    assert docs[CHILD]["parent_urls"] == [PARENT]
    assert docs[CHILD]["origin"] == "embedded" and docs[CHILD]["fetched_at"] is None
    assert docs[CHILD]["outlet"] == "arabkhabar"


@pytest.mark.parametrize("order", ["parent_first", "child_page_first"])
def test_whichever_page_arrives_first_the_result_is_the_same(store, db, order):
    batches = [[parent_page(), embedded_child()], [child_page(parents=[PARENT])]]
    if order == "child_page_first":
        batches = [[child_page()], [parent_page(), embedded_child()]]
    for n, batch in enumerate(batches):
        write(store, *batch, at=T0 + timedelta(minutes=n))
    child = state(db)[CHILD]
    assert child["origin"] == "page"
    assert (child["title"], child["body"], child["outlet"]) == ("العنوان الأصلي", "النص الأصلي", "aljazeera")
    assert child["parent_urls"] == [PARENT]
    assert child["version"] == 1  # the own page replacing an embedded copy is not a new version


def test_embedded_copy_whose_own_page_never_comes_stays(store, db):
    write(store, parent_page(), embedded_child())
    write(store, parent_page(), embedded_child(), at=T0 + timedelta(hours=1), crawl="c2")
    assert state(db)[CHILD]["origin"] == "embedded"


def test_child_under_several_parents_lists_all(store, db):
    write(store, parent_page(), embedded_child())
    write(store, doc(OTHER_PARENT, read_also=[CHILD]), embedded_child(OTHER_PARENT))
    assert sorted(state(db)[CHILD]["parent_urls"]) == [PARENT, OTHER_PARENT]


def test_link_only_child_stored_before_its_parent_gets_the_parent(store, db):
    write(store, child_page())
    write(store, parent_page())
    assert state(db)[CHILD]["parent_urls"] == [PARENT]


def test_link_only_child_stored_after_its_parent_gets_the_parent(store, db):
    write(store, parent_page())
    write(store, child_page())  # crawled from a sitemap, not from the parent
    assert state(db)[CHILD]["parent_urls"] == [PARENT]


def test_second_crawl_changes_only_last_seen_and_crawl_id(store, db):
    write(store, parent_page(), embedded_child(), child_page(parents=[PARENT]))
    first = state(db)
    later = T0 + timedelta(hours=2)
    summary = write(store, parent_page(), embedded_child(), child_page(parents=[PARENT]), at=later, crawl="c2")
    second = state(db)
    assert without_seen(second) == without_seen(first)
    for url in second:
        assert second[url]["first_seen_at"] == first[url]["first_seen_at"]
        assert second[url]["last_seen_at"] == later and second[url]["crawl_id"] == "c2"
    assert summary.unchanged == 2 and summary.new == 0


def test_changed_content_makes_a_new_version_and_keeps_the_old(store, db):
    write(store, parent_page())
    write(store, doc(PARENT, read_also=[CHILD], body="نص معدل"), at=T0 + timedelta(hours=1))
    current = state(db)[PARENT]
    assert current["version"] == 2 and current["body"] == "نص معدل"
    assert current["changed_at"] == T0 + timedelta(hours=1)
    (old,) = db.article_versions.find({"url": PARENT}, {"_id": 0})
    assert (old["version"], old["body"]) == (1, "نص الخبر")


def test_page_values_are_stored_as_plain_strings(store, db):
    write(store, doc(PARENT, title="$where: 1", body="a.b $set {}"))
    assert state(db)[PARENT]["title"] == "$where: 1"
