"""Faults a crawl meets that used to pass unnamed or lose work: a crawl killed with kill -9 and
resumed with its JOBDIR, sitemaps that are too large or gzip bombs, a sitemap larger than
DOWNLOAD_MAXSIZE but within the sitemap protocol's 50 MB, and pages that end in a
Content-Encoding bomb, a redirect loop or a redirect chain past REDIRECT_MAX_TIMES."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawler.mirror.server import MirrorServer
from tests.sites import HOST, Page, fetched, write_site

PROJECT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.e2e
LONG_AGO = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
QUICK = ["-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
         "-s", "NEWSCRAWLER_RETRY_BACKOFF=0.2", "-s", "NEWSCRAWLER_EXTRACT_WORKERS=0"]


def crawl_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", "generic", *args, *QUICK]


def crawl_env(mongo_uri: str, database: str, mirror: MirrorServer, tmp_path: Path) -> dict:
    return {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database, "NEWSCRAWLER_MIRROR": mirror.url,
            "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data"), "NEWSCRAWLER_LOG_LEVEL": "INFO"}


def gzip_bomb(size: int, head: bytes = b"") -> bytes:
    """Gzip members that decompress to ``size`` bytes of spaces after ``head``: about 1 KB for
    every MB, made without compressing it all."""
    member = gzip.compress(b" " * (1024 * 1024))
    return gzip.compress(head) + member * (size // (1024 * 1024))


def peak_memory_mb(command: list[str], env: dict) -> tuple[subprocess.CompletedProcess, float]:
    """Runs ``command`` under a small Python parent of its own, whose largest child's resident
    size (the kernel's count, in MB) is the command's peak."""
    probe = ("import resource, subprocess, sys, json;"
             "done = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
             "print(json.dumps([done.returncode, done.stderr, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    finished = subprocess.run([sys.executable, "-c", probe, *command], cwd=PROJECT, env=env, capture_output=True,
                              text=True, timeout=300)
    returncode, stderr, max_rss_kb = json.loads(finished.stdout)
    return subprocess.CompletedProcess(command, returncode, "", stderr), max_rss_kb / 1024


# ------------------------------------------------------------------ item 4: kill -9 and JOBDIR


def test_a_crawl_killed_hard_resumes_with_its_jobdir_and_stores_every_page(tmp_path, mongo_uri, db, database_name):
    # Enough pages that Scrapy's buffered requests.seen reaches the disk (8 KB, some 240
    # fingerprints) with the sitemap's among them before the kill, as in a real crawl.
    pages = [Page(n, LONG_AGO, LONG_AGO) for n in range(1, 301)]
    sitemap = write_site(tmp_path / "site", pages)
    jobdir = tmp_path / "job"
    with MirrorServer(tmp_path / "site", delay=0.3) as mirror:
        env = crawl_env(mongo_uri, database_name, mirror, tmp_path)
        command = crawl_command("-a", f"sitemap={sitemap}", "-s", f"JOBDIR={jobdir}", "-s", "NEWSCRAWLER_BULK_SIZE=1",
                                "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2")
        process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while db.articles.count_documents({}) < 4 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
        process.kill()  # kill -9: nothing closes, nothing is saved
        process.wait(timeout=30)
        stored_at_kill = {d["url"] for d in db.articles.find({}, {"url": 1})}
        assert 4 <= len(stored_at_kill) < len(pages)
        assert (jobdir / "requests.seen").stat().st_size > 0  # what used to make the resumed crawl fetch nothing

        mirror.requested.clear()
        mirror.httpd.delay = 0
        resumed = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
        fetched_after = fetched(mirror.requested)

    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "did not stop cleanly" in resumed.stderr
    assert sorted(d["url"] for d in db.articles.find({}, {"url": 1})) == sorted(p.url for p in pages)
    # discovery started again: what was stored before the kill was skipped (writes the store was
    # still applying as the kill came may add to it), the rest fetched once
    assert not set(fetched_after) & {p.path for p in pages if p.url in stored_at_kill}
    assert len(fetched_after) == len(set(fetched_after)) >= len(pages) - len(stored_at_kill) - 20


def test_a_jobdir_held_by_a_running_crawl_is_refused_in_one_line(tmp_path, mongo_uri, database_name):
    pages = [Page(n, LONG_AGO, LONG_AGO) for n in range(1, 61)]
    sitemap = write_site(tmp_path / "site", pages)
    jobdir = tmp_path / "job"
    with MirrorServer(tmp_path / "site", delay=1.0) as mirror:
        env = crawl_env(mongo_uri, database_name, mirror, tmp_path)
        command = crawl_command("-a", f"sitemap={sitemap}", "-s", f"JOBDIR={jobdir}")
        first = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while not fetched(mirror.requested) and time.monotonic() < deadline:
                time.sleep(0.1)
            second = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
            assert first.poll() is None  # still running: 60 slow pages
        finally:
            first.kill()
            first.wait(timeout=30)
    assert second.returncode == 2
    assert "is in use by a crawl still running" in second.stderr and "Traceback" not in second.stderr


# ------------------------------------------------------------------ item 6: sitemaps


def test_a_sitemap_gzip_bomb_is_refused_within_bounded_memory_and_fails_the_crawl(tmp_path, mongo_uri, db, database_name):
    site = tmp_path / "site" / HOST
    site.mkdir(parents=True)
    head = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    (site / "sitemap.xml.gz").write_bytes(gzip_bomb(1024 * 1024 * 1024, head))  # 1 MB that unpacks to 1 GB
    assert (site / "sitemap.xml.gz").stat().st_size < 1_100_000
    with MirrorServer(tmp_path / "site") as mirror:
        env = crawl_env(mongo_uri, database_name, mirror, tmp_path)
        finished, peak_mb = peak_memory_mb(crawl_command("-a", f"sitemap=https://{HOST}/sitemap.xml.gz"), env)

    assert finished.returncode == 1, finished.stderr[-3000:]
    assert "Traceback" not in finished.stderr
    (error,) = [line for line in finished.stderr.splitlines() if " ERROR: " in line]
    assert error.endswith(f"[newscrawler.spiders.discovery] ERROR: Could not read the sitemap "
                          f"https://{HOST}/sitemap.xml.gz: too_large (more than 52428800 bytes uncompressed)")
    last = finished.stderr.strip().splitlines()[-1]
    assert last.startswith("scrapy crawl generic failed:") and "no discovery source could be read (1 failed)" in last
    (run,) = db.crawl_runs.find({}, {"_id": 0})
    assert run["sources_failed"] == {"too_large": 1}
    assert peak_mb < 600  # the whole crawl; unbounded, the sitemap alone took more than 1 GB


def test_a_24_mb_sitemap_is_read_whatever_download_maxsize_says_for_pages(tmp_path, mongo_uri, db, database_name):
    pages = [Page(n, LONG_AGO, LONG_AGO) for n in (1, 2, 3)]
    write_site(tmp_path / "site", pages)
    sitemap = tmp_path / "site" / HOST / "sitemap.xml"
    padding = "\n" + " " * (1024 * 1024)  # whitespace between entries, as generated sitemaps have
    text = sitemap.read_text(encoding="utf-8").replace("</url>", "</url>" + padding * 8)
    sitemap.write_text(text, encoding="utf-8")
    assert 24 * 1024 * 1024 <= sitemap.stat().st_size < 26 * 1024 * 1024  # past DOWNLOAD_MAXSIZE (16 MB)
    with MirrorServer(tmp_path / "site") as mirror:
        env = crawl_env(mongo_uri, database_name, mirror, tmp_path)
        finished = subprocess.run(crawl_command("-a", f"sitemap=https://{HOST}/sitemap.xml"), cwd=PROJECT, env=env,
                                  capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert sorted(d["url"] for d in db.articles.find({}, {"url": 1})) == sorted(p.url for p in pages)
    (run,) = db.crawl_runs.find({}, {"_id": 0})
    assert run["sources_failed"] == {} and run["articles"]["stored"] == 3


def test_unreadable_sources_are_named_and_counted_and_the_crawl_goes_on_from_the_others(tmp_path, mongo_uri, db, database_name):
    pages = [Page(n, LONG_AGO, LONG_AGO) for n in (1, 2)]
    write_site(tmp_path / "site", pages)
    site = tmp_path / "site" / HOST
    (site / "not-gzip.xml.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"not really gzip" * 10)
    (site / "page.xml").write_text("<html><body><p>not a sitemap</p></body></html>", encoding="utf-8")
    sources = [f"https://{HOST}/{name}" for name in ("sitemap.xml", "not-gzip.xml.gz", "page.xml", "missing.xml")]
    with MirrorServer(tmp_path / "site") as mirror:
        env = crawl_env(mongo_uri, database_name, mirror, tmp_path)
        finished = subprocess.run(crawl_command("-a", "sitemap=" + " ".join(sources)), cwd=PROJECT, env=env,
                                  capture_output=True, text=True, timeout=300)
    assert "Traceback" not in finished.stderr
    for url, reason, level in ((sources[1], "not_gzip", "ERROR"), (sources[2], "not_a_sitemap", "ERROR"),
                               (sources[3], "http_404", "WARNING")):
        assert f"{level}: Could not read the sitemap {url}: {reason}" in finished.stderr
    (run,) = db.crawl_runs.find({}, {"_id": 0})
    assert run["sources_failed"] == {"not_gzip": 1, "not_a_sitemap": 1, "http_404": 1}
    assert run["articles"]["stored"] == 2  # the readable sitemap's pages
    assert finished.returncode == 1  # refused bodies are errors
    assert "no discovery source could be read" not in finished.stderr


# ------------------------------------------------------------------ item 8: drops with a name


def test_bombs_redirect_loops_and_long_redirect_chains_are_counted_by_reason(tmp_path, mongo_uri, db, database_name):
    pages = [Page(1, LONG_AGO, LONG_AGO)]
    write_site(tmp_path / "site", pages)
    news = tmp_path / "site" / HOST / "news"

    def redirect(name: str, to: str) -> None:
        (news / f"{name}.meta.json").write_text(json.dumps({"status": 302, "headers": {"Location": to}}))

    (news / "bomb").write_bytes(gzip_bomb(40 * 1024 * 1024, b"<html><body><p>"))  # 40 MB past DOWNLOAD_MAXSIZE
    (news / "bomb.meta.json").write_text(json.dumps({"headers": {"Content-Encoding": "gzip",
                                                                 "Content-Type": "text/html; charset=utf-8"}}))
    redirect("loop-a", f"https://{HOST}/news/loop-b")
    redirect("loop-b", f"https://{HOST}/news/loop-a")
    for hop in range(25):  # REDIRECT_MAX_TIMES is 20
        redirect(f"hop-{hop}", f"https://{HOST}/news/hop-{hop + 1}")
    redirect("hop-25", pages[0].url)
    urls = [f"https://{HOST}/news/{name}" for name in ("bomb", "loop-a", "hop-0")] + [pages[0].url]
    with MirrorServer(tmp_path / "site") as mirror:
        env = crawl_env(mongo_uri, database_name, mirror, tmp_path)
        finished = subprocess.run(crawl_command("-a", "urls=" + " ".join(urls)), cwd=PROJECT, env=env,
                                  capture_output=True, text=True, timeout=300)

    assert finished.returncode == 0, finished.stderr[-3000:]
    assert "Traceback" not in finished.stderr
    (run,) = db.crawl_runs.find({}, {"_id": 0})
    assert run["dropped"] == {"decompression_bomb": 1, "redirect_loop": 1, "too_many_redirects": 1}
    for url, reason in ((urls[0], "decompression_bomb"), (f"https://{HOST}/news/loop-b", "redirect_loop"),
                        (f"https://{HOST}/news/hop-20", "too_many_redirects")):
        assert f"WARNING: Could not fetch {url}: {reason}" in finished.stderr
    assert [d["url"] for d in db.articles.find({}, {"url": 1})] == [pages[0].url]
