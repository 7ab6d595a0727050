"""MongoDB outages: a crawl goes on, keeps what it cannot write in the journal, exits 1, and the
journal is written once MongoDB is back, by the next crawl or by ``journal replay``: every
article once, every read-also link kept."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pymongo
import pytest

from newscrawler.mirror.server import MirrorServer
from newscrawler.storage.journal import pending
from tests.sites import Page, write_site

PROJECT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.e2e
PUBLISHED = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StoreServer:
    """``python -m newscrawler store serve`` in a process of its own, on a data folder that
    outlives it, so that it can be killed and started again."""

    def __init__(self, data_dir: Path, port: int):
        self.data_dir, self.port, self.process = data_dir, port, None
        self.uri = f"mongodb://127.0.0.1:{port}/?directConnection=true"

    def start(self) -> StoreServer:
        env = {**os.environ, "NEWSCRAWLER_DATA_DIR": str(self.data_dir)}
        env.pop("MONGO_URI", None)
        self.process = subprocess.Popen([sys.executable, "-m", "newscrawler", "store", "serve", "--port", str(self.port)],
                                        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.process.stdout.readline()
        assert "Embedded store" in line, line + self.process.stdout.read()
        return self

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def client(self):
        return pymongo.MongoClient(self.uri, tz_aware=True, serverSelectionTimeoutMS=5000)


def site(folder: Path, count: int) -> tuple[str, list[Page]]:
    """``count`` articles, each with a read-also block naming the next two."""
    pages = [Page(n, PUBLISHED, PUBLISHED, read_also=tuple(m for m in (n + 1, n + 2) if m <= count))
             for n in range(1, count + 1)]
    return write_site(folder, pages), pages


def crawl(mongo_uri: str, database: str, mirror: MirrorServer, journal: Path, *args: str, wait=True):
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database, "NEWSCRAWLER_MIRROR": mirror.url,
           "NEWSCRAWLER_JOURNAL_DIR": str(journal), "NEWSCRAWLER_MONGO_TIMEOUT_MS": "1000"}
    command = [sys.executable, "-m", "scrapy", "crawl", "generic", *args, "-s", "NEWSCRAWLER_BULK_SIZE=1",
               "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.2", "-s", "NEWSCRAWLER_MONGO_RETRY_SECONDS=2",
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if not wait:
        return process
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def assert_stored_once_with_links(database, pages: list[Page]) -> None:
    documents = list(database.articles.find({}, {"_id": 0}))
    assert sorted(d["url"] for d in documents) == sorted(p.url for p in pages)  # each once
    by_url = {d["url"]: d for d in documents}
    for page in pages:
        document = by_url[page.url]
        assert document["origin"] == "page" and document["version"] == 1
        assert "تواصل الحكومة تنفيذ خطتها" in document["body"]
        assert document["read_also_urls"] == [pages[n - 1].url for n in page.read_also]
        parents = sorted(p.url for p in pages if page.number in p.read_also)
        assert sorted(document["parent_urls"]) == parents, page.url
    expected_links = sorted((p.url, pages[n - 1].url) for p in pages for n in p.read_also)
    stored_links = sorted((parent, link["_id"]) for link in database.read_also_links.find({}) for parent in link["parent_urls"])
    assert stored_links == expected_links


def test_mongodb_down_at_the_start_then_the_next_crawl_replays(tmp_path):
    sitemap, pages = site(tmp_path / "mirror", 8)
    journal = tmp_path / "journal"
    server = StoreServer(tmp_path / "store", free_port())  # not started yet: MongoDB is down
    down = server.uri
    try:
        with MirrorServer(tmp_path / "mirror") as mirror:
            started = time.monotonic()
            first = crawl(down, "newscrawler", mirror, journal, "-a", f"sitemap={sitemap}")
            elapsed = time.monotonic() - started
            assert first.returncode == 1
            assert f"ERROR: Cannot write to {down}" in first.stderr and str(journal) in first.stderr
            assert "Traceback" not in first.stderr
            waiting = sum(pending(journal).values())
            assert waiting >= len(pages)  # every article batch, and the crawl record
            print(f"crawl against a down MongoDB: {elapsed:.1f} s for {len(pages)} articles")

            server.start()
            second = crawl(server.uri, "newscrawler", mirror, journal, "-a", f"urls={pages[0].url}")
            assert second.returncode == 0, second.stderr[-3000:]
            assert f"INFO: Replayed {waiting} journal entries" in second.stderr
        assert pending(journal) == {}
        with server.client() as client:
            assert_stored_once_with_links(client.newscrawler, pages)
            assert client.newscrawler.crawl_runs.count_documents({"spider": "generic"}) == 2
    finally:
        if server.process is not None and server.process.poll() is None:
            server.kill()


def test_a_journal_for_another_store_is_left_until_moved(tmp_path, mongo_uri, database_name, db):
    """Articles journaled while one MongoDB was down are not written into another one (here the
    test's server) by the next crawl, but only on ``journal replay --to-current-store``."""
    sitemap, pages = site(tmp_path / "mirror", 4)
    journal = tmp_path / "journal"
    down = f"mongodb://127.0.0.1:{free_port()}/"
    with MirrorServer(tmp_path / "mirror") as mirror:
        first = crawl(down, database_name, mirror, journal, "-a", f"sitemap={sitemap}")
        assert first.returncode == 1
        waiting = sum(pending(journal).values())
        other = crawl(mongo_uri, database_name, mirror, journal, "-a", f"urls={pages[0].url}")
    assert other.returncode == 0, other.stderr[-3000:]
    warning = [line for line in other.stderr.splitlines() if "journal replay --to-current-store" in line]
    assert len(warning) == 1 and "WARNING: Replayed 0 journal entries" in warning[0]
    assert f"{waiting} for {down}, database {database_name}" in warning[0]
    assert sum(pending(journal).values()) == waiting
    assert db.articles.find_one({"_id": pages[-1].url}) is None  # only what the second crawl read itself

    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name, "NEWSCRAWLER_JOURNAL_DIR": str(journal)}
    left = subprocess.run([sys.executable, "-m", "newscrawler", "journal", "replay"], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert left.returncode == 0 and "Replayed 0 entries" in left.stdout
    assert f"left for other stores: {waiting} for {down}, database {database_name}" in left.stdout
    moved = subprocess.run([sys.executable, "-m", "newscrawler", "journal", "replay", "--to-current-store"],
                           cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert pending(journal) == {}
    assert_stored_once_with_links(db, pages)


@pytest.mark.stops_server
def test_server_killed_in_the_middle_of_a_crawl_then_replayed(tmp_path):
    sitemap, pages = site(tmp_path / "mirror", 24)
    journal = tmp_path / "journal"
    server = StoreServer(tmp_path / "store", free_port()).start()
    try:
        with MirrorServer(tmp_path / "mirror", delay=0.4) as mirror:
            running = crawl(server.uri, "newscrawler", mirror, journal, "-a", f"sitemap={sitemap}", wait=False)
            client = server.client()
            deadline = time.monotonic() + 120
            while client.newscrawler.articles.count_documents({}) < 4 and time.monotonic() < deadline:
                assert running.poll() is None, running.communicate()[1][-3000:]
                time.sleep(0.1)
            client.close()
            server.kill()
            _, err = running.communicate(timeout=300)
            fetched_after_kill = len(mirror.requested)

        assert running.returncode == 1
        assert f"ERROR: Cannot write to {server.uri}" in err and str(journal) in err
        assert "Traceback" not in err
        assert fetched_after_kill > len(pages)  # the crawl went on to the end
        assert sum(pending(journal).values()) > 0

        server.start()
        with server.client() as client:
            written_before = client.newscrawler.articles.count_documents({})
            assert 4 <= written_before < len(pages)
        print(f"server killed after {written_before} of {len(pages)} articles; "
              f"{sum(pending(journal).values())} journal entries waited for the replay")
        env = {**os.environ, "MONGO_URI": server.uri, "NEWSCRAWLER_JOURNAL_DIR": str(journal)}
        replayed = subprocess.run([sys.executable, "-m", "newscrawler", "journal", "replay"], cwd=PROJECT, env=env,
                                  capture_output=True, text=True, timeout=120)
        assert replayed.returncode == 0, replayed.stdout + replayed.stderr
        assert "0 entries left" in replayed.stdout
        assert pending(journal) == {}
        again = subprocess.run([sys.executable, "-m", "newscrawler", "journal", "replay"], cwd=PROJECT, env=env,
                               capture_output=True, text=True, timeout=120)
        assert again.returncode == 0 and "Replayed 0 entries" in again.stdout
        with server.client() as client:
            assert_stored_once_with_links(client.newscrawler, pages)
            (run,) = client.newscrawler.crawl_runs.find({}, {"_id": 0})
            assert run["journaled"] > 0 and run["finish_reason"] == "finished"
    finally:
        if server.process.poll() is None:
            server.kill()


def test_journal_replay_with_mongodb_still_down_keeps_everything(tmp_path):
    journal = tmp_path / "journal"
    journal.mkdir()
    uri = f"mongodb://127.0.0.1:{free_port()}/"
    (journal / "generic-x.jsonl").write_text(
        f'{{"kind": "articles", "target": "{uri}, database newscrawler", "crawl_id": "generic-x", '
        '"seen_at": {"$date": "2025-03-01T09:00:00Z"}, "documents": []}\n', encoding="utf-8")
    env = {**os.environ, "MONGO_URI": uri, "MONGO_DATABASE": "newscrawler", "NEWSCRAWLER_JOURNAL_DIR": str(journal),
           "NEWSCRAWLER_MONGO_TIMEOUT_MS": "500"}
    replayed = subprocess.run([sys.executable, "-m", "newscrawler", "journal", "replay"], cwd=PROJECT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert replayed.returncode == 1
    assert "cannot write to" in replayed.stderr and "Traceback" not in replayed.stderr
    assert pending(journal) == {journal / "generic-x.jsonl": 1}
