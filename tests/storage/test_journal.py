"""The journal: durable entries, replayed in order into a real wire-protocol server, removed only
once written, idempotent."""

import shutil
from datetime import timedelta

import pytest

from newscrawler.storage import ArticleStore
from newscrawler.storage.journal import JournalFile, pending, replay
from tests.storage.test_articles import (
    CHILD,
    PARENT,
    T0,
    child_page,
    doc,
    embedded_child,
    parent_page,
    state,
)


def articles_entry(*documents, at=T0, crawl="generic-1"):
    return {"kind": "articles", "crawl_id": crawl, "seen_at": at, "documents": list(documents)}


def journal_with(directory, crawl_id, *entries):
    journal = JournalFile(directory, crawl_id)
    for entry in entries:
        journal.append(entry)
    journal.close()
    return journal.path


def test_entries_survive_the_round_trip_and_are_removed_once_written(tmp_path, db):
    run = {"crawl_id": "generic-1", "spider": "generic", "started_at": T0, "errors": 0}
    path = journal_with(tmp_path, "generic-1", articles_entry(parent_page(), embedded_child()),
                        {"kind": "crawl_run", "run": run})
    assert pending(tmp_path) == {path: 2}
    assert "نسخة مضمنة" in path.read_text(encoding="utf-8")  # readable Arabic, not escapes

    summary = replay(tmp_path, db)

    assert (summary.entries, summary.articles, summary.crawl_runs, summary.left) == (2, 2, 1, 0)
    assert not path.exists() and pending(tmp_path) == {}
    stored = state(db)
    assert stored[PARENT]["fetched_at"] == T0 and stored[PARENT]["read_also_urls"] == [CHILD]
    assert stored[CHILD]["origin"] == "embedded" and stored[CHILD]["parent_urls"] == [PARENT]
    assert db.crawl_runs.find_one({}, {"_id": 0}) == run


def test_replaying_twice_stores_nothing_twice(tmp_path, db):
    path = journal_with(tmp_path, "generic-1", articles_entry(parent_page(), embedded_child()),
                        articles_entry(child_page(), at=T0 + timedelta(minutes=1)))
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(path, copy / path.name)
    replay(tmp_path, db)
    first = state(db)
    replay(copy, db)  # as if the first replay had died before removing its entries
    assert state(db) == first
    assert first[CHILD]["version"] == 1 and first[CHILD]["origin"] == "page"
    assert db.articles.count_documents({}) == 2 and db.read_also_links.count_documents({}) == 1


def test_a_failed_write_keeps_that_entry_and_the_ones_after_it(tmp_path, db):
    broken = {k: v for k, v in child_page().items() if k != "origin"}  # the write raises on it
    path = journal_with(tmp_path, "generic-1", articles_entry(parent_page()), articles_entry(broken),
                        articles_entry(doc("https://arabkhabar.com/a/3")))
    with pytest.raises(KeyError):
        replay(tmp_path, db)
    assert pending(tmp_path) == {path: 2}
    assert list(state(db)) == [PARENT]


def test_an_unreadable_line_is_set_aside_not_dropped(tmp_path, db):
    path = journal_with(tmp_path, "generic-1", articles_entry(parent_page()))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"kind": "articles", "crawl_id": "gen')  # a write cut short by a crash
    summary = replay(tmp_path, db)
    assert summary.articles == 1 and not path.exists()
    assert path.with_suffix(".unreadable").read_text(encoding="utf-8").startswith('{"kind": "articles", "crawl_id": "gen')


def test_a_file_a_running_crawl_writes_is_left_alone(tmp_path, db):
    running = JournalFile(tmp_path, "generic-running")
    running.append(articles_entry(parent_page()))
    try:
        summary = replay(tmp_path, db)
        assert summary.in_use == [running.path] and summary.left == 1
        assert db.articles.count_documents({}) == 0
        running.append(articles_entry(embedded_child()))  # the crawl goes on appending
    finally:
        running.close()
    assert replay(tmp_path, db).articles == 2


def test_an_older_fetch_replayed_after_a_newer_crawl_does_not_win(tmp_path, db):
    store = ArticleStore(db)
    store.ensure_indexes()
    newer = child_page()
    newer.update(body="النص بعد التحديث", fetched_at=T0 + timedelta(hours=1))
    store.write([newer], crawl_id="generic-2", seen_at=T0 + timedelta(hours=1))
    older = child_page(parents=[PARENT])
    journal_with(tmp_path, "generic-1", articles_entry(older))

    replay(tmp_path, db)

    stored = state(db)[CHILD]
    assert (stored["body"], stored["version"]) == ("النص بعد التحديث", 1)
    assert stored["parent_urls"] == [PARENT]  # the old fetch's link is kept
    assert db.article_versions.count_documents({}) == 0
