"""Real ``scrapy crawl`` processes against a mirror: a crawl that could not keep what it scrapes
stops before it fetches anything, and a hard kill (``kill -9``) loses no article that reached the
store."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawler.mirror.server import MirrorServer
from newscrawler.storage.journal import pending
from tests.sites import Page, write_site

PROJECT = Path(__file__).resolve().parents[2]
PUBLISHED = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.e2e


def crawl_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", "generic", *args, "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "DOWNLOAD_DELAY=0"]


def environment(mirror: MirrorServer, **values: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "MONGO_URI"}
    return {**env, "NEWSCRAWLER_MIRROR": mirror.url, "NEWSCRAWLER_LOG_LEVEL": "INFO", **values}


@pytest.mark.parametrize("folder", ["NEWSCRAWLER_JOURNAL_DIR", "NEWSCRAWLER_DATA_DIR"])
def test_a_crawl_whose_folder_cannot_be_used_fetches_nothing_and_fails(folder, tmp_path):
    sitemap = write_site(tmp_path / "mirror", [Page(n, PUBLISHED, PUBLISHED) for n in range(1, 4)])
    (tmp_path / "a-file").write_text("where a folder should be")
    with MirrorServer(tmp_path / "mirror") as mirror:
        env = environment(mirror, NEWSCRAWLER_DATA_DIR=str(tmp_path / "data"),
                          NEWSCRAWLER_JOURNAL_DIR=str(tmp_path / "journal"))
        env[folder] = str(tmp_path / "a-file" / "sub")
        finished = subprocess.run(crawl_command("-a", f"sitemap={sitemap}"), cwd=PROJECT, env=env,
                                  capture_output=True, text=True, timeout=180)
        requested = list(mirror.requested)
    assert finished.returncode != 0
    assert requested == []  # nothing fetched, not even the sitemap
    errors = [line for line in finished.stderr.splitlines() if "ERROR:" in line]
    assert len(errors) == 1 and "Not crawling: the " in errors[0] and str(tmp_path / "a-file" / "sub") in errors[0]
    assert "Traceback" not in finished.stderr
    assert "'finish_reason': 'store_unusable'" in finished.stderr


def test_a_malformed_mongo_uri_stops_the_crawl_before_it_starts(tmp_path):
    sitemap = write_site(tmp_path / "mirror", [Page(1, PUBLISHED, PUBLISHED)])
    with MirrorServer(tmp_path / "mirror") as mirror:
        env = environment(mirror, NEWSCRAWLER_DATA_DIR=str(tmp_path / "data"), MONGO_URI="mongodb://[bad")
        finished = subprocess.run(crawl_command("-a", f"sitemap={sitemap}"), cwd=PROJECT, env=env,
                                  capture_output=True, text=True, timeout=180)
        requested = list(mirror.requested)
    assert finished.returncode != 0 and requested == []
    assert "ERROR: Not crawling: MONGO_URI is not a MongoDB URI" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_kill_9_in_the_middle_of_a_crawl_loses_no_article_that_reached_the_store(tmp_path):
    """Batches wait in memory (here up to 500 articles or 60 s), but every article is in the journal
    as it reaches the store: a killed crawl leaves them there and the next replay writes them."""
    pages = [Page(n, PUBLISHED, PUBLISHED) for n in range(1, 41)]
    sitemap = write_site(tmp_path / "mirror", pages)
    data, journal = tmp_path / "data", tmp_path / "journal"
    with MirrorServer(tmp_path / "mirror", delay=0.2) as mirror:
        env = environment(mirror, NEWSCRAWLER_DATA_DIR=str(data), NEWSCRAWLER_JOURNAL_DIR=str(journal),
                          NEWSCRAWLER_LOG_LEVEL="DEBUG")
        running = subprocess.Popen(crawl_command("-a", f"sitemap={sitemap}", "-s", "NEWSCRAWLER_BULK_SIZE=500",
                                                 "-s", "NEWSCRAWLER_FLUSH_SECONDS=60",
                                                 "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"),
                                   cwd=PROJECT, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
        scraped: list[str] = []
        deadline = time.monotonic() + 240
        try:
            for line in running.stderr:  # "Scraped from <200 url>": the item passed every pipeline
                found = re.search(r"Scraped from <\d+ (\S+)>", line)
                if found:
                    scraped.append(found.group(1))
                if len(scraped) >= 10 or time.monotonic() > deadline:
                    break
            running.send_signal(signal.SIGKILL)  # the crawl process only, as an operator would
            running.wait(timeout=30)
        finally:
            if running.poll() is None:
                running.kill()
            with contextlib.suppress(ProcessLookupError):  # page workers it leaves behind
                os.killpg(running.pid, signal.SIGKILL)
            running.stderr.close()
    assert len(scraped) >= 10
    waiting = sum(pending(journal).values())
    assert waiting >= len(scraped)  # nothing of them was written yet: all in the journal

    env = {**os.environ, "NEWSCRAWLER_DATA_DIR": str(data), "NEWSCRAWLER_JOURNAL_DIR": str(journal)}
    env.pop("MONGO_URI", None)
    replayed = subprocess.run([sys.executable, "-m", "newscrawler", "journal", "replay"], cwd=PROJECT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    from newscrawler.storage.embedded import open_client

    client = open_client(data)
    try:
        stored = {d["_id"] for d in client["newscrawler"].articles.find({}, {"_id": 1})}
    finally:
        client.close()
    assert set(scraped) <= stored
    print(f"killed after {len(scraped)} articles scraped; {waiting} journaled, {len(stored)} stored by the replay")
