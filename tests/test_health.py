"""``python -m newscrawler health`` (and ``show``) on real crawl records: a quiet re-crawl is healthy,
a discovery that found nothing is not; older records' reason names read as today's; MongoDB down
is one line."""

import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawler.mirror.server import MirrorServer
from newscrawler.storage import RunStore
from tests.sites import Page, write_site

PROJECT = Path(__file__).resolve().parents[1]
LONG_AGO = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def newscrawler(*args, env):
    environment = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI", "NEWSCRAWLER_MIRROR")}
    return subprocess.run([sys.executable, "-m", "newscrawler", *args], cwd=PROJECT, env={**environment, **env},
                          capture_output=True, text=True, timeout=120)


def crawl_sitemap(sitemap: str, env: dict, *args: str) -> None:
    command = [sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"sitemap={sitemap}", *args,
               "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]
    finished = subprocess.run(command, cwd=PROJECT, env={**os.environ, **env}, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]


@pytest.mark.e2e
def test_a_quiet_recrawl_is_healthy_and_a_discovery_that_found_nothing_is_not(tmp_path, mongo_uri, database_name, db):
    env = {"MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name, "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data")}
    sitemap = write_site(tmp_path / "site", [Page(n, LONG_AGO, LONG_AGO) for n in (1, 2, 3)])
    with MirrorServer(tmp_path / "site") as mirror:
        crawl_env = {**env, "NEWSCRAWLER_MIRROR": mirror.url}
        crawl_sitemap(sitemap, crawl_env)
        crawl_sitemap(sitemap, crawl_env)  # every page was seen and is long past its re-check: none is due
        quiet = RunStore(db).recent("generic", 1)[0]
        assert (quiet["articles"]["stored"], quiet["skipped_not_due"]) == (0, 3)
        healthy = newscrawler("health", env=env)
        assert healthy.returncode == 0, healthy.stdout + healthy.stderr
        assert healthy.stdout.startswith("ok        generic") and "0 stored, 3 not due" in healthy.stdout

        crawl_sitemap(sitemap, crawl_env, "-a", "force=1")  # fetched again, all unchanged
        unchanged = RunStore(db).recent("generic", 1)[0]
        assert unchanged["articles"]["unchanged"] == 3 and unchanged["articles"]["new"] == 0
        assert newscrawler("health", env=env).returncode == 0

        empty = write_site(tmp_path / "site", [])  # the sitemap now lists nothing
        crawl_sitemap(empty, crawl_env)
    nothing = newscrawler("health", env=env)
    assert nothing.returncode == 1
    assert "UNHEALTHY generic" in nothing.stdout and "stored 0 article(s) in its last run" in nothing.stdout


def test_reasons_older_records_named_by_error_class_read_as_todays(mongo_uri, database_name, db):
    store = RunStore(db)
    for n, dropped in enumerate([{"DNSLookupError": 2, "TimeoutError": 1}, {"dns": 1, "CannotResolveHostError": 1, "http_404": 3}]):
        store.record({"crawl_id": f"outlet-{n}", "spider": "outlet", "started_at": datetime(2026, 11, 1, tzinfo=UTC) + timedelta(hours=n),
                      "articles": {"stored": 5}, "dropped": dropped, "coverage": {"title": 1.0, "body": 1.0, "published_at": 1.0}})
    finished = newscrawler("health", env={"MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name})
    assert finished.returncode == 0, finished.stdout
    assert "dropped dns 2, http_404 3" in finished.stdout


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("command", [["health"], ["show"], ["show", "--json"]])
def test_health_and_show_with_mongodb_down_print_one_line(command):
    env = {"MONGO_URI": f"mongodb://127.0.0.1:{closed_port()}/", "NEWSCRAWLER_MONGO_TIMEOUT_MS": "300"}
    finished = newscrawler(*command, env=env)
    assert finished.returncode == 2
    assert "Traceback" not in finished.stderr
    (line,) = finished.stderr.splitlines()
    assert line.startswith(f"newscrawler {command[0]}: mongodb://127.0.0.1:") and "did not answer" in line, line
    assert finished.stdout == ""
