"""What the crawl's persistence does when things go wrong: a document MongoDB refuses, a lone
surrogate, a journal that cannot be written, a journal meant for another store, a malformed
``MONGO_URI`` or an unusable folder at the start."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.exceptions import CloseSpider
from scrapy.utils.test import get_crawler

from newscrawler.storage.connection import is_outage, store_target
from newscrawler.storage.journal import Journal, pending
from newscrawler.storage.persistence import Persistence
from tests.fixture_cases import run_async
from tests.storage.test_articles import doc

PROJECT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def persistence_for(journal_dir: Path, **settings) -> Persistence:
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_JOURNAL_DIR": str(journal_dir), **settings})
    crawler.stats.open_spider()
    persistence = Persistence.of(crawler)
    persistence.crawl_id = "generic-faults"
    persistence.journal = Journal(journal_dir, "generic-faults", 500)
    persistence._opening = Future()
    persistence._opening.set_result(None)
    return persistence


def add_and_write(persistence: Persistence, documents: list[dict]) -> None:
    """What ``add`` and the writer thread do with one batch, here in this thread."""
    for document in documents:
        persistence.add(document)
    batch, persistence.buffer = persistence.buffer, []
    persistence._write(batch)


def close(persistence: Persistence) -> None:
    persistence.journal.close()
    if persistence.connection is not None:
        persistence.connection.close()


def test_a_document_the_store_refuses_is_named_and_the_rest_of_its_batch_stored(
        tmp_path, mongo_uri, database_name, mongo_client, caplog):
    persistence = persistence_for(tmp_path / "journal", MONGO_URI=mongo_uri, MONGO_DATABASE=database_name)
    refused = doc("https://arabkhabar.com/a/refused")
    refused["images"] = [{"src\x00": "https://arabkhabar.com/i.jpg"}]  # no key may hold a NUL byte
    healthy = [doc(f"https://arabkhabar.com/a/{n}") for n in range(4)]
    try:
        with caplog.at_level(logging.ERROR):
            add_and_write(persistence, healthy[:2] + [refused] + healthy[2:])
        articles = mongo_client[database_name].articles
        assert sorted(d["_id"] for d in articles.find({}, {"_id": 1})) == sorted(d["url"] for d in healthy)
        assert not persistence.outage.ongoing  # the breaker was not tripped
        stats = persistence.stats
        assert stats.get_value("newscrawler/store/refused_articles") == 1
        assert stats.get_value("newscrawler/journal/batches") is None
        (line,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert "refused 1 articles of crawl generic-faults" in line and refused["url"] in line
        assert "InvalidDocument" in line

        later = [doc(f"https://arabkhabar.com/b/{n}") for n in range(3)]  # straight to MongoDB
        add_and_write(persistence, later)
        assert articles.count_documents({}) == 7
        assert stats.get_value("newscrawler/journal/batches") is None
        assert stats.get_value("newscrawler/store/written") == 7
        close(persistence)
        assert pending(tmp_path / "journal") == {}  # written or set aside: nothing waits
        assert refused["url"] in persistence.journal.refused_path.read_text(encoding="utf-8")
    finally:
        close(persistence)


@pytest.mark.parametrize("store", ["server", "embedded"])
def test_a_lone_surrogate_is_stored_as_a_replacement_character(store, tmp_path, mongo_uri, database_name,
                                                               mongo_client):
    settings = {"MONGO_DATABASE": database_name, "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data")}
    if store == "server":
        settings["MONGO_URI"] = mongo_uri
    persistence = persistence_for(tmp_path / "journal", **settings)
    poisoned = doc("https://arabkhabar.com/a/poisoned", title="عنوان \ud800", body="نص\udfff الخبر")
    poisoned["authors"] = ["كاتب\ud800"]
    poisoned["images"] = [{"src": "https://arabkhabar.com/i.jpg", "caption\ud800": "صورة \ud83d\ude00"}]
    healthy = [doc(f"https://arabkhabar.com/a/{n}") for n in range(3)]
    try:
        add_and_write(persistence, [healthy[0], poisoned, *healthy[1:]])
        assert not persistence.outage.ongoing
        database = persistence.connection.database
        stored = database.articles.find_one({"_id": poisoned["url"]})
        assert (stored["title"], stored["body"], stored["authors"]) == ("عنوان \ufffd", "نص\ufffd الخبر", ["كاتب\ufffd"])
        assert stored["images"] == [{"src": "https://arabkhabar.com/i.jpg", "caption\ufffd": "صورة 😀"}]
        assert database.articles.count_documents({}) == 4
        assert persistence.stats.get_value("newscrawler/store/refused_articles") is None
    finally:
        close(persistence)


def test_articles_written_neither_to_mongodb_nor_to_the_journal_are_all_counted(tmp_path, caplog):
    (tmp_path / "not-a-folder").write_text("a file where the journal folder should be")
    persistence = persistence_for(tmp_path / "journal", MONGO_URI=f"mongodb://127.0.0.1:{free_port()}/",
                                  NEWSCRAWLER_MONGO_TIMEOUT_MS=200, NEWSCRAWLER_MONGO_RETRY_SECONDS=0)
    persistence.journal = Journal(tmp_path / "not-a-folder" / "journal", "generic-faults", 500)
    with caplog.at_level(logging.ERROR):
        for batch in range(6):
            add_and_write(persistence, [doc(f"https://arabkhabar.com/{batch}/{n}") for n in range(50)])
        persistence.run_record = None
        run_async(lambda: persistence.spider_closed(None, "finished"))
    stats = persistence.stats
    assert stats.get_value("newscrawler/store/lost_batches") == 6
    assert stats.get_value("newscrawler/store/lost_articles") == 300
    assert stats.get_value("newscrawler/journal/articles") is None
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not any(r.exc_info for r in errors)  # no tracebacks
    lost = [r.getMessage() for r in errors if "were lost" in r.getMessage()]
    assert lost == [f"300 articles of crawl generic-faults were lost (6 batches): written neither to "
                    f"{persistence.where} nor to the journal {tmp_path / 'not-a-folder' / 'journal'}"]
    assert len([r for r in errors if "Cannot write to the journal" in r.getMessage()]) == 1


def test_only_connection_timeout_and_selection_errors_are_outages():
    from bson.errors import InvalidDocument
    from pymongo.errors import (
        AutoReconnect,
        BulkWriteError,
        NetworkTimeout,
        ServerSelectionTimeoutError,
    )

    assert is_outage(ServerSelectionTimeoutError("no servers")) and is_outage(NetworkTimeout("timed out"))
    assert is_outage(AutoReconnect("closed")) and is_outage(ConnectionRefusedError())
    assert not is_outage(InvalidDocument("key must not contain NUL"))
    assert not is_outage(UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"))
    assert not is_outage(BulkWriteError({"writeErrors": [{"index": 0, "code": 2, "errmsg": "bad key"}]}))
    assert is_outage(BulkWriteError({"writeErrors": [], "writeConcernErrors": [{"code": 64}]}))


def test_a_journal_entry_names_its_store_without_credentials(tmp_path):
    settings = {"MONGO_URI": "mongodb://reader:s3cret@db.example:27017/?authSource=admin", "MONGO_DATABASE": "news"}
    assert store_target(get_crawler(settings_dict=settings).settings) == \
        "mongodb://db.example:27017/?authSource=admin, database news"
    embedded = get_crawler(settings_dict={"NEWSCRAWLER_DATA_DIR": str(tmp_path)}).settings
    assert store_target(embedded) == f"embedded store {tmp_path / 'newscrawler.sqlite'}, database newscrawler"
    persistence = persistence_for(tmp_path / "journal", **settings)
    persistence.add(doc("https://arabkhabar.com/a/1"))
    persistence.journal.close()
    text = persistence.journal.path(0).read_text(encoding="utf-8")
    assert '"target": "mongodb://db.example:27017/?authSource=admin, database news"' in text
    assert "s3cret" not in text


def test_a_crawl_replays_only_its_own_store_and_warns_of_the_rest(tmp_path, mongo_uri, database_name, caplog):
    settings = {"MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name}
    here = store_target(get_crawler(settings_dict=settings).settings)
    elsewhere = "mongodb://db.example:27017/, database newscrawler"
    old = Journal(tmp_path / "journal", "generic-old")
    for target, url in ((here, "https://arabkhabar.com/a/1"), (elsewhere, "https://arabkhabar.com/a/2"),
                        (elsewhere, "https://arabkhabar.com/a/3")):
        old.append({"kind": "article", "target": target, "crawl_id": "generic-old", "seen_at": datetime.now(UTC),
                    "document": doc(url)})
    old.append({"kind": "articles", "crawl_id": "generic-older", "seen_at": datetime.now(UTC),
                "documents": [doc("https://arabkhabar.com/a/4")]})
    old.close()
    persistence = persistence_for(tmp_path / "journal", **settings)
    try:
        with caplog.at_level(logging.INFO, logger="newscrawler.storage.persistence"):
            persistence._open_store()
        assert [d["_id"] for d in persistence.connection.database.articles.find({}, {"_id": 1})] == \
            ["https://arabkhabar.com/a/1"]
        (line,) = [r for r in caplog.records if "journal" in r.getMessage()]
        assert line.levelno == logging.WARNING
        assert line.getMessage() == (
            f"Replayed 1 journal entries (1 articles) into {here}; left in {tmp_path / 'journal'}: "
            f"1 written before entries named their store; 2 for {elsewhere}. "
            f"`python -m newscrawler journal replay --to-current-store` writes them into {here}")
        assert sum(pending(tmp_path / "journal").values()) == 3
    finally:
        close(persistence)


def test_a_crawl_whose_replay_went_fine_says_so_at_info(tmp_path, mongo_uri, database_name, caplog):
    settings = {"MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name}
    old = Journal(tmp_path / "journal", "generic-old")
    old.append({"kind": "article", "target": store_target(get_crawler(settings_dict=settings).settings),
                "crawl_id": "generic-old", "seen_at": datetime.now(UTC), "document": doc("https://arabkhabar.com/a/1")})
    old.close()
    persistence = persistence_for(tmp_path / "journal", **settings)
    try:
        with caplog.at_level(logging.INFO, logger="newscrawler.storage.persistence"):
            persistence._open_store()
        (line,) = [r for r in caplog.records if "journal" in r.getMessage()]
        assert line.levelno == logging.INFO and line.getMessage().startswith("Replayed 1 journal entries (1 articles)")
    finally:
        close(persistence)


@pytest.mark.parametrize("folder", ["NEWSCRAWLER_JOURNAL_DIR", "NEWSCRAWLER_DATA_DIR"])
def test_a_folder_that_cannot_be_used_stops_the_crawl_before_it_starts(folder, tmp_path, caplog):
    (tmp_path / "a-file").write_text("not a folder")
    settings = {"NEWSCRAWLER_DATA_DIR": str(tmp_path / "data"), "NEWSCRAWLER_JOURNAL_DIR": str(tmp_path / "journal"),
                folder: str(tmp_path / "a-file" / "sub")}
    crawler = get_crawler(settings_dict=settings)
    crawler.spider = type("Spider", (), {"name": "generic"})()
    persistence = Persistence.of(crawler)

    with caplog.at_level(logging.ERROR), pytest.raises(CloseSpider) as stop:
        run_async(lambda: persistence.open())
    assert stop.value.reason == "store_unusable"
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith(f"Not crawling: the {'journal' if 'JOURNAL' in folder else 'data'} folder "
                           f"{tmp_path / 'a-file' / 'sub'} cannot be used (")


@pytest.mark.parametrize("uri", ["mongodb://[bad", "notauri"])
def test_journal_replay_with_a_malformed_mongo_uri_says_so_in_one_line(uri, tmp_path):
    env = {**os.environ, "MONGO_URI": uri, "NEWSCRAWLER_JOURNAL_DIR": str(tmp_path / "journal"),
           "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data")}
    replayed = subprocess.run([sys.executable, "-m", "newscrawler", "journal", "replay"], cwd=PROJECT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert replayed.returncode != 0
    assert replayed.stdout == ""
    (line,) = replayed.stderr.splitlines()
    assert line.startswith("newscrawler journal replay: MONGO_URI is not a MongoDB URI (")
