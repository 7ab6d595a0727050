"""Scheduled re-crawls fetch only what is new or may have changed, and changed articles keep
their history; JOBDIR crawls resume after a graceful stop."""

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawler.mirror.server import MirrorServer
from tests.sites import Page, fetched, write_site

PROJECT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.e2e
NOW = datetime.now(UTC).replace(microsecond=0)
LONG_AGO = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def run_crawl(mongo_uri, database, mirror, *args, jobdir=None):
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database, "NEWSCRAWLER_MIRROR": mirror.url}
    command = [sys.executable, "-m", "scrapy", "crawl", "generic", *args, "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5",
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]
    if jobdir:
        command += ["-s", f"JOBDIR={jobdir}"]
    finished = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished


def test_second_crawl_fetches_only_recent_pages_and_moved_lastmods(tmp_path, mongo_uri, db, database_name):
    pages = [Page(n, LONG_AGO, LONG_AGO) for n in (1, 2, 3, 4)] + [Page(n, NOW - timedelta(hours=2), NOW - timedelta(hours=2)) for n in (5, 6)]
    sitemap = write_site(tmp_path, pages)
    with MirrorServer(tmp_path) as mirror:
        run_crawl(mongo_uri, database_name, mirror, "-a", f"sitemap={sitemap}")
        assert sorted(fetched(mirror.requested)) == sorted(p.path for p in pages)
        first = {d["url"]: d for d in db.articles.find({}, {"_id": 0})}

        pages[0].lastmod = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)  # changed after we saw it
        pages[0].version = 2
        pages[1].version = 2  # changed silently: not fetched until it is due or forced
        write_site(tmp_path, pages)
        mirror.requested.clear()
        run_crawl(mongo_uri, database_name, mirror, "-a", f"sitemap={sitemap}")
        assert sorted(fetched(mirror.requested)) == ["/news/1", "/news/5", "/news/6"]

        docs = {d["url"]: d for d in db.articles.find({}, {"_id": 0})}
        changed = docs[pages[0].url]
        assert changed["version"] == 2 and "(النسخة 2)" in changed["body"]
        assert changed["changed_at"] > changed["first_seen_at"]
        (old,) = db.article_versions.find({"url": pages[0].url}, {"_id": 0})
        assert (old["version"], old["content_hash"]) == (1, first[pages[0].url]["content_hash"])
        assert "(النسخة 1)" in old["body"] and old["fetched_at"] == first[pages[0].url]["fetched_at"]
        recent = docs[pages[4].url]
        assert recent["version"] == 1 and recent["last_seen_at"] > first[pages[4].url]["last_seen_at"]
        assert {k: v for k, v in recent.items() if k not in ("last_seen_at", "crawl_id")} == \
               {k: v for k, v in first[pages[4].url].items() if k not in ("last_seen_at", "crawl_id")}
        assert docs[pages[1].url]["version"] == 1

        mirror.requested.clear()
        run_crawl(mongo_uri, database_name, mirror, "-a", f"sitemap={sitemap}", "-a", "force=1")
        assert sorted(fetched(mirror.requested)) == sorted(p.path for p in pages)
        assert db.articles.find_one({"url": pages[1].url})["version"] == 2
        runs = list(db.crawl_runs.find({}, {"_id": 0}).sort("started_at", 1))
        assert [r["skipped_not_due"] for r in runs] == [0, 3, 0]
        assert runs[1]["articles"]["updated"] == 1 and runs[1]["articles"]["unchanged"] == 2


def test_since_limits_discovery(tmp_path, mongo_uri, db, database_name):
    pages = [Page(1, LONG_AGO, LONG_AGO), Page(2, NOW, NOW)]
    sitemap = write_site(tmp_path, pages)
    with MirrorServer(tmp_path) as mirror:
        run_crawl(mongo_uri, database_name, mirror, "-a", f"sitemap={sitemap}", "-a", f"since={NOW:%Y-%m-%d}")
        assert fetched(mirror.requested) == ["/news/2"]


def test_a_stopped_crawl_resumes_with_jobdir_and_loses_or_repeats_nothing(tmp_path, mongo_uri, db, database_name):
    pages = [Page(n, LONG_AGO, LONG_AGO) for n in range(1, 41)]
    sitemap = write_site(tmp_path / "site", pages)
    jobdir = tmp_path / "job"
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name}
    with MirrorServer(tmp_path / "site", delay=0.3) as mirror:
        env["NEWSCRAWLER_MIRROR"] = mirror.url
        command = [sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"sitemap={sitemap}", "-s", f"JOBDIR={jobdir}",
                   "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5", "-s", "NEWSCRAWLER_BULK_SIZE=1", "-s", "AUTOTHROTTLE_ENABLED=False",
                   "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
        process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while db.articles.count_documents({}) < 5 and time.monotonic() < deadline:
            time.sleep(0.2)
        process.send_signal(signal.SIGINT)  # Scrapy's graceful stop
        _, stderr = process.communicate(timeout=120)
        stored_at_stop = db.articles.count_documents({})
        assert 5 <= stored_at_stop < 40, stderr[-2000:]
        fetched_before = set(fetched(mirror.requested))

        mirror.requested.clear()
        subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300, check=True)
        fetched_after = fetched(mirror.requested)

    urls = [d["url"] for d in db.articles.find({}, {"url": 1})]
    assert sorted(urls) == sorted(p.url for p in pages)  # nothing lost, nothing twice
    assert not fetched_before & set(fetched_after)  # the resumed crawl did not fetch a page again
    assert len(fetched_after) == len(set(fetched_after))
