"""The crawl's persistence: journal first, batches by one writer thread, reads that never keep a
crawl waiting, and the database commands counted."""

import time
from concurrent.futures import Future

from scrapy.utils.test import get_crawler

from newscrawler.storage.journal import Journal, pending
from newscrawler.storage.persistence import Persistence
from tests.fixture_cases import run_async
from tests.storage.test_articles import doc


def persistence_for(tmp_path, mongo_uri, database_name, **settings) -> Persistence:
    crawler = get_crawler(settings_dict={"MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name,
                                         "NEWSCRAWLER_JOURNAL_DIR": str(tmp_path), **settings})
    crawler.stats.open_spider()
    persistence = Persistence.of(crawler)
    persistence.crawl_id = "generic-new"
    persistence.journal = Journal(tmp_path, "generic-new")
    persistence._opening = Future()
    persistence._opening.set_result(None)
    return persistence


def test_a_journal_entry_that_cannot_be_written_does_not_hold_up_the_crawl(tmp_path, mongo_uri, database_name,
                                                                           mongo_client):
    old = Journal(tmp_path, "generic-old")
    old.append({"kind": "articles", "crawl_id": "generic-old", "seen_at": None, "documents": [{"no": "url"}]})
    old.close()
    persistence = persistence_for(tmp_path, mongo_uri, database_name)
    persistence._open_store()
    try:
        assert persistence.articles is not None and not persistence.outage.ongoing
        assert pending(tmp_path) == {old.path(0): 1}  # kept for a later replay
        document = doc("https://bad-pages.example/news/good")
        persistence._write([(document, persistence.journal.append({"kind": "article", "crawl_id": "generic-new",
                                                                   "seen_at": None, "document": document}))])
        assert mongo_client[database_name].articles.count_documents({}) == 1
        persistence.journal.close()
        assert pending(tmp_path) == {old.path(0): 1}  # the new segment, written, is gone
    finally:
        persistence.connection.close()


def test_a_read_that_takes_too_long_is_given_up_not_waited_for(tmp_path, mongo_uri, database_name):
    persistence = persistence_for(tmp_path, mongo_uri, database_name, NEWSCRAWLER_STATE_TIMEOUT_MS=200)
    persistence._open_store()

    class Hung:
        def recrawl_states(self, urls):
            time.sleep(2)
            return {}

    try:
        persistence.articles = Hung()
        started = time.monotonic()
        assert run_async(lambda: persistence.stored_states(["https://arabkhabar.com/a/1"])) is None
        assert time.monotonic() - started < 1.5
        assert persistence.stats.get_value("newscrawler/recheck/unanswered") == 1
    finally:
        persistence.reader.shutdown(wait=True)
        persistence.connection.close()


def test_commands_are_counted_by_phase(tmp_path, mongo_uri, database_name):
    persistence = persistence_for(tmp_path, mongo_uri, database_name)
    persistence._open_store()
    try:
        opened = persistence.stats.get_value("newscrawler/mongo/commands/open")
        assert opened >= 2  # indexes, the schema marker
        documents = [doc(f"https://arabkhabar.com/a/{n}") for n in range(120)]
        persistence._write([(d, persistence.journal.append({"kind": "article", "crawl_id": "generic-new",
                                                             "seen_at": None, "document": d})) for d in documents])
        assert persistence.stats.get_value("newscrawler/mongo/commands/crawl") <= 4
        assert persistence.stats.get_value("newscrawler/mongo/commands/open") == opened
    finally:
        persistence.journal.close()
        persistence.connection.close()


def test_a_batch_short_of_its_size_waits_for_its_write_seconds_in_the_synced_journal(tmp_path, mongo_uri,
                                                                                       database_name, mongo_client):
    """A slow crawl's batches are not cut small by the flush tick: the tick fsyncs the journal (the
    power-cut bound), and writes the articles waiting only once the first has waited
    ``NEWSCRAWLER_WRITE_SECONDS``."""
    persistence = persistence_for(tmp_path, mongo_uri, database_name, NEWSCRAWLER_WRITE_SECONDS=1.0)
    persistence._open_store()
    synced = []
    sync = persistence.journal.sync
    persistence.journal.sync = lambda: synced.append(sync())

    def tick() -> int:
        persistence._tick()
        for future in persistence.pending:
            future.result(timeout=30)
        return mongo_client[database_name].articles.count_documents({})

    try:
        for n in range(3):
            persistence.add(doc(f"https://arabkhabar.com/a/{n}"))
        assert tick() == 0
        assert synced and sum(pending(tmp_path).values()) == 3  # on disk, fsynced, waiting
        time.sleep(1.0)
        assert tick() == 3
        assert persistence.journal.waiting == 0
    finally:
        persistence.journal.close()
        persistence.connection.close()
