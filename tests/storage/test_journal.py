"""The journal: durable entries, replayed in order into a real wire-protocol server, removed only
once written, idempotent."""

import shutil
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pymongo
import pytest

from newscrawler.storage import ArticleStore
from newscrawler.storage.journal import Journal, pending, replay
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

TARGET = "mongodb://127.0.0.1:27017/, database newscrawler"
OTHER_TARGET = "mongodb://db.example:27017/, database newscrawler"


def articles_entry(*documents, at=T0, crawl="generic-1"):
    """A whole batch, as journals written before December 2026 hold them (no target)."""
    return {"kind": "articles", "crawl_id": crawl, "seen_at": at, "documents": list(documents)}


def article_entry(document, at=T0, crawl="generic-1", target=TARGET):
    return {"kind": "article", "target": target, "crawl_id": crawl, "seen_at": at, "document": document}


def replay_here(directory, db, **options):
    """Replay as into the store ``TARGET`` names; old batch entries, which name none, too."""
    return replay(directory, db, target=TARGET, to_current_store=True, **options)


def journal_with(directory, crawl_id, *entries):
    journal = Journal(directory, crawl_id, segment_entries=100)
    for entry in entries:
        journal.append(entry)
    journal.close()
    return journal.path(0)


def test_entries_survive_the_round_trip_and_are_removed_once_written(tmp_path, db):
    run = {"crawl_id": "generic-1", "spider": "generic", "started_at": T0, "errors": 0}
    path = journal_with(tmp_path, "generic-1", articles_entry(parent_page(), embedded_child()),
                        {"kind": "crawl_run", "target": TARGET, "run": run})
    assert pending(tmp_path) == {path: 2}
    assert "نسخة مضمنة" in path.read_text(encoding="utf-8")  # readable Arabic, not escapes

    summary = replay_here(tmp_path, db)

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
    replay_here(tmp_path, db)
    first = state(db)
    replay_here(copy, db)  # as if the first replay had died before removing its entries
    assert state(db) == first
    assert first[CHILD]["version"] == 1 and first[CHILD]["origin"] == "page"
    assert db.articles.count_documents({}) == 2 and db.read_also_links.count_documents({}) == 1


def test_a_document_the_store_refuses_is_set_aside_and_the_rest_written(tmp_path, db):
    broken = {k: v for k, v in child_page().items() if k != "origin"}  # the write raises on it
    path = journal_with(tmp_path, "generic-1", article_entry(parent_page()), article_entry(broken),
                        article_entry(doc("https://arabkhabar.com/a/3")))
    summary = replay(tmp_path, db, target=TARGET)
    assert (summary.articles, summary.refused, summary.left) == (2, 1, 0)
    assert pending(tmp_path) == {}
    assert sorted(state(db)) == [PARENT, "https://arabkhabar.com/a/3"]
    (aside,) = path.with_suffix(".refused").read_text(encoding="utf-8").splitlines()
    assert CHILD in aside and "KeyError" in aside  # kept, with why


def test_an_outage_keeps_the_entry_it_stopped_at_and_the_ones_after_it(tmp_path, db):
    class DownAfterOne:
        """The database, failing as a server that went away after the first batch."""

        def __init__(self, database):
            self.database, self.writes = database, 0

        def __getitem__(self, name):
            collection = self.database[name]
            if name != "articles":
                return collection
            outer = self

            class Articles:
                def __getattr__(self, attribute):
                    return getattr(collection, attribute)

                def insert_many(self, *args, **kwargs):
                    outer.writes += 1
                    if outer.writes > 1:
                        raise pymongo.errors.AutoReconnect("connection closed")
                    return collection.insert_many(*args, **kwargs)

            return Articles()

        def __getattr__(self, attribute):
            return getattr(self.database, attribute)

    path = journal_with(tmp_path, "generic-1", article_entry(parent_page()),
                        {"kind": "crawl_run", "target": TARGET, "run": {"crawl_id": "generic-1", "spider": "generic"}},
                        article_entry(doc("https://arabkhabar.com/a/2")), article_entry(doc("https://arabkhabar.com/a/3")))
    with pytest.raises(pymongo.errors.AutoReconnect):
        replay(tmp_path, DownAfterOne(db), target=TARGET)
    assert pending(tmp_path) == {path: 2}
    assert list(state(db)) == [PARENT] and not path.with_suffix(".refused").exists()


def test_an_unreadable_line_is_set_aside_not_dropped(tmp_path, db):
    path = journal_with(tmp_path, "generic-1", articles_entry(parent_page()))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"kind": "articles", "crawl_id": "gen')  # a write cut short by a crash
    summary = replay_here(tmp_path, db)
    assert summary.articles == 1 and not path.exists()
    assert path.with_suffix(".unreadable").read_text(encoding="utf-8").startswith('{"kind": "articles", "crawl_id": "gen')


def test_a_file_a_running_crawl_writes_is_left_alone(tmp_path, db):
    running = Journal(tmp_path, "generic-running")
    running.append(articles_entry(parent_page()))
    try:
        summary = replay_here(tmp_path, db)
        assert summary.in_use == [running.path(0)] and summary.left == 1
        assert db.articles.count_documents({}) == 0
        running.append(articles_entry(embedded_child()))  # the crawl goes on appending
    finally:
        running.close()
    assert replay_here(tmp_path, db).articles == 2


def test_an_older_fetch_replayed_after_a_newer_crawl_does_not_win(tmp_path, db):
    store = ArticleStore(db)
    store.ensure_indexes()
    newer = child_page()
    newer.update(body="النص بعد التحديث", fetched_at=T0 + timedelta(hours=1))
    store.write([newer], crawl_id="generic-2", seen_at=T0 + timedelta(hours=1))
    older = child_page(parents=[PARENT])
    journal_with(tmp_path, "generic-1", articles_entry(older))

    replay_here(tmp_path, db)

    stored = state(db)[CHILD]
    assert (stored["body"], stored["version"]) == ("النص بعد التحديث", 1)
    assert stored["parent_urls"] == [PARENT]  # the old fetch's link is kept
    assert db.article_versions.count_documents({}) == 0


def test_single_articles_are_replayed_in_batches_in_order(tmp_path, db):
    journal_with(tmp_path, "generic-1", article_entry(parent_page()), article_entry(embedded_child()),
                 article_entry(child_page(parents=[PARENT]), at=T0 + timedelta(minutes=1)))
    summary = replay(tmp_path, db, target=TARGET, batch_size=2)
    assert (summary.entries, summary.articles, summary.left) == (3, 3, 0)
    stored = state(db)
    assert stored[CHILD]["origin"] == "page" and stored[CHILD]["parent_urls"] == [PARENT]


def test_line_separators_inside_text_are_text(tmp_path, db):
    """JSON leaves U+2028, U+2029 and U+0085 unescaped; a line ends at \\n only."""
    body = "سطر\u2028سطر\u2029فقرة\x85نهاية"
    path = journal_with(tmp_path, "generic-1", article_entry(doc(PARENT, body=body)), article_entry(child_page()))
    assert pending(tmp_path) == {path: 2}
    summary = replay_here(tmp_path, db)
    assert summary.articles == 2 and not list(tmp_path.glob("*.unreadable"))
    assert state(db)[PARENT]["body"] == body


def test_segments_are_deleted_once_every_entry_is_stored(tmp_path):
    journal = Journal(tmp_path, "generic-1", segment_entries=2)
    segments = [journal.append(article_entry(doc(f"https://arabkhabar.com/a/{n}"))) for n in range(5)]
    assert segments == [0, 0, 1, 1, 2] and journal.waiting == 5
    journal.stored({0: 2, 1: 1})
    assert not journal.path(0).exists() and journal.path(1).exists()  # one of segment 1 still waits
    journal.stored({1: 1, 2: 1})
    assert not journal.path(1).exists() and journal.path(2).exists()  # segment 2 is still being written
    journal.close()
    assert pending(tmp_path) == {} and journal.waiting == 0


def test_what_is_unstored_stays_when_the_crawl_ends(tmp_path):
    journal = Journal(tmp_path, "generic-1", segment_entries=2)
    for n in range(3):
        journal.append(article_entry(doc(f"https://arabkhabar.com/a/{n}")))
    journal.stored({0: 2})
    journal.close()
    assert pending(tmp_path) == {journal.path(1): 1}


def test_a_killed_crawler_loses_no_entry_it_appended(tmp_path):
    """Entries reach the operating system as they are appended: kill -9 loses none."""
    child = subprocess.Popen([sys.executable, "-c", f"""
import sys, time
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from datetime import UTC, datetime
from newscrawler.storage.journal import Journal
journal = Journal({str(tmp_path)!r}, "generic-killed", segment_entries=40)
for n in range(100):
    journal.append({{"kind": "article", "crawl_id": "generic-killed", "seen_at": datetime.now(UTC),
                    "document": {{"url": f"https://arabkhabar.com/a/{{n}}", "body": "نص " * 500}}}})
print("appended", flush=True)
time.sleep(60)
"""], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "appended"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert sum(pending(tmp_path).values()) == 100


def test_entries_are_replayed_only_into_the_store_they_were_meant_for(tmp_path, db):
    path = journal_with(tmp_path, "generic-1", article_entry(parent_page()),
                        article_entry(child_page(), target=OTHER_TARGET),
                        articles_entry(doc("https://arabkhabar.com/a/3")))  # written before targets
    summary = replay(tmp_path, db, target=TARGET)
    assert (summary.entries, summary.left) == (1, 0)
    assert summary.elsewhere == {OTHER_TARGET: 1, None: 1}
    assert summary.elsewhere_text() == f"1 written before entries named their store; 1 for {OTHER_TARGET}"
    assert list(state(db)) == [PARENT] and pending(tmp_path) == {path: 2}

    again = replay(tmp_path, db, target=TARGET)  # still left, still said
    assert again.entries == 0 and again.elsewhere == {OTHER_TARGET: 1, None: 1}

    moved = replay(tmp_path, db, target=TARGET, to_current_store=True)
    assert (moved.entries, moved.articles, moved.elsewhere) == (2, 2, {})
    assert sorted(state(db)) == sorted([PARENT, CHILD, "https://arabkhabar.com/a/3"]) and pending(tmp_path) == {}
