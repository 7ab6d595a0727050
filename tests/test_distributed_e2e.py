"""Two workers of one spider, started together, share a Redis frontier (a real redis-server):
every article is fetched and stored exactly once, and both do part of the work."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawler.mirror.server import MirrorServer
from tests.sites import Page, fetched, write_site

PROJECT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is not installed (Debian package redis-server; bin/setup dev installs it)")
    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def test_two_workers_share_one_frontier(tmp_path, redis_url, mongo_uri, db, database_name):
    pages = [Page(n, datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 3, 1, tzinfo=UTC)) for n in range(1, 61)]
    sitemap = write_site(tmp_path / "site", pages)
    with MirrorServer(tmp_path / "site", delay=0.6) as mirror:
        env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name, "NEWSCRAWLER_MIRROR": mirror.url,
               "NEWSCRAWLER_REDIS_URL": redis_url, "NEWSCRAWLER_REDIS_RUN": database_name, "MAX_IDLE_TIME_BEFORE_CLOSE": "4"}
        command = [sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"sitemap={sitemap}",
                   "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
        # Started together: whichever schedules the sitemap first, the other finds it already in the
        # shared duplicate filter and must wait for work rather than close with nothing done.
        workers = [subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                   for _ in range(2)]
        outputs = [worker.communicate(timeout=240)[1] for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), [o[-2000:] for o in outputs]
    counts = Counter(fetched(mirror.requested))
    assert sorted(counts) == sorted(p.path for p in pages)
    assert set(counts.values()) == {1}, counts  # each URL fetched once
    assert sorted(d["url"] for d in db.articles.find({}, {"url": 1})) == sorted(p.url for p in pages)
    runs = list(db.crawl_runs.find({}, {"_id": 0}))
    assert len(runs) == 2
    stored = [(run["articles"]["stored"], run["started_at"], run["finished_at"]) for run in runs]
    assert all(count > 0 for count, _, _ in stored), stored  # both did part of the work
    assert sum(run["articles"]["stored"] for run in runs) == len(pages)
