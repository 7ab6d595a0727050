"""Values from pages never become MongoDB keys or operators: field names come from the item
definition alone, JSON-LD keys are never copied in, and strings with ``$`` or ``.`` stay strings."""

from pathlib import Path

from newscrawler.items import DOCUMENT_FIELDS
from newscrawler.offline import page_documents
from newscrawler.pipelines.store import document_of
from newscrawler.storage import ArticleStore
from tests.storage.test_articles import T0, doc

PAGE = Path(__file__).resolve().parents[2] / "fixtures" / "mirror" / "bad-pages.example" / "news" / "hostile-markup"
URL = "https://bad-pages.example/news/hostile-markup"
STORED_KEYS = {"_id", *DOCUMENT_FIELDS}


def keys_of(value, found=None) -> set[str]:
    """Every key at any depth of a stored document."""
    found = set() if found is None else found
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            keys_of(inner, found)
    elif isinstance(value, list):
        for inner in value:
            keys_of(inner, found)
    return found


def test_a_hostile_page_is_stored_as_plain_strings_under_the_item_fields(db):
    (article,) = page_documents(URL, PAGE.read_bytes(), {"Content-Type": "text/html; charset=utf-8"})
    store = ArticleStore(db)
    store.ensure_indexes()
    store.write([document_of(article)], crawl_id="generic-1", seen_at=T0)

    (stored,) = db.articles.find({})
    assert set(stored) <= STORED_KEYS
    assert not {k for k in keys_of(stored) if k.startswith("$") or "." in k}
    assert stored["title"] == "$where: function() { return true }"
    assert stored["outlet"] == "generic" and stored["version"] == 1  # the JSON-LD "$set" changed nothing
    assert set(stored["authors"]) == {"$ne", '{"$gt": ""}'}
    assert stored["section"] == "$regex"
    assert {"$ne", "a.b.c", "$set.title"} <= set(stored["tags"])
    assert '{"$gt": ""}' in stored["body"] and "$set و $where و a.b" in stored["body"]
    assert stored["images"][0]["url"] == "https://bad-pages.example/media/$where.jpg"
    assert db.articles.count_documents({"title": {"$regex": r"^\$where"}}) == 1  # found as text


def test_storage_writes_only_the_item_fields(db):
    hostile = {**doc("https://bad-pages.example/news/$where.html?a.b=1"), "$where": "1", "a.b": 2,
               "version": 99, "_id": "chosen-by-the-page"}
    store = ArticleStore(db)
    store.ensure_indexes()
    store.write([hostile], crawl_id="generic-1", seen_at=T0)
    (stored,) = db.articles.find({})
    assert set(stored) <= STORED_KEYS
    assert stored["_id"] != "chosen-by-the-page" and stored["version"] == 1
    assert stored["url"] == "https://bad-pages.example/news/$where.html?a.b=1"
