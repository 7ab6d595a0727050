"""Scheduling: the cron entry point, a real Scrapyd, and the health alarm."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawler.storage import RunStore

PROJECT = Path(__file__).resolve().parents[1]
SEED_PAGE = "https://arabkhabar.com/a/5129170"


def newscrawler(*args, env, timeout=600):
    return subprocess.run([sys.executable, "-m", "newscrawler", *args], cwd=PROJECT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.e2e
def test_crawl_all_runs_every_outlet_in_one_process_and_its_exit_status_tells(mongo_uri, database_name, db, mirror):
    env = {"MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name, "NEWSCRAWLER_MIRROR": mirror.url,
           "NEWSCRAWLER_LOG_LEVEL": "ERROR"}
    finished = newscrawler("crawl", "--all", "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5", env=env)
    assert finished.returncode == 0, finished.stdout + finished.stderr[-3000:]
    from newscrawler.outlets import all_outlets

    assert {run["spider"] for run in db.crawl_runs.find()} == {o.name for o in all_outlets()}
    assert db.articles.count_documents({"origin": "page"}) >= 2 * len(all_outlets())

    dead = newscrawler("crawl", "arabkhabar", env={**env, "NEWSCRAWLER_MIRROR": f"http://127.0.0.1:{free_port()}"})
    assert dead.returncode == 1 and "arabkhabar" in dead.stdout and "FAILED" in dead.stdout


def test_crawl_needs_outlets():
    finished = newscrawler("crawl", "nosuchoutlet", env={})
    assert finished.returncode == 2 and "known:" in finished.stderr


def test_crawl_refuses_bad_spider_arguments_in_one_line(tmp_path):
    finished = newscrawler("crawl", "aljazeera", "-a", "urls=http://[::1/", env={"NEWSCRAWLER_DATA_DIR": str(tmp_path)})
    assert finished.returncode == 2 and "Traceback" not in finished.stderr
    assert "newscrawler crawl: not an http(s) URL: 'http://[::1/'" in finished.stderr
    assert not list(tmp_path.iterdir())  # nothing opened


@pytest.mark.e2e
def test_scrapyd_deploys_schedules_and_stores(tmp_path, mongo_uri, database_name, db, mirror):
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {tmp_path}/eggs\n"
        f"logs_dir = {tmp_path}/logs\ndbs_dir = {tmp_path}/dbs\nitems_dir =\njobs_to_keep = 5\nmax_proc = 2\n")
    # as a Scrapyd host runs: no data folder named, so the jobs' journal is under scrapyd's directory
    own = {k: v for k, v in os.environ.items() if k not in ("NEWSCRAWLER_DATA_DIR", "NEWSCRAWLER_JOURNAL_DIR")}
    scrapyd = subprocess.Popen([str(Path(sys.executable).parent / "scrapyd")], cwd=tmp_path, env=own,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{api}/daemonstatus.json", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        deploy = subprocess.run([str(Path(sys.executable).parent / "scrapyd-deploy"), "ci", "-p", "newscrawler"],
                                cwd=PROJECT, env={**os.environ, "NEWSCRAWLER_SCRAPYD_PORT": str(port)},
                                capture_output=True, text=True, timeout=300)
        assert deploy.returncode == 0, deploy.stderr[-2000:]
        form = [("project", "newscrawler"), ("spider", "arabkhabar"), ("urls", SEED_PAGE),
                ("setting", f"MONGO_URI={mongo_uri}"), ("setting", f"MONGO_DATABASE={database_name}"),
                ("setting", f"NEWSCRAWLER_MIRROR={mirror.url}"), ("setting", "NEWSCRAWLER_FLUSH_SECONDS=0.5")]
        scheduled = json.load(urllib.request.urlopen(f"{api}/schedule.json", data=urllib.parse.urlencode(form).encode()))
        assert scheduled["status"] == "ok", scheduled
        deadline = time.monotonic() + 180
        while True:
            jobs = json.load(urllib.request.urlopen(f"{api}/listjobs.json?project=newscrawler"))
            if any(job["id"] == scheduled["jobid"] for job in jobs["finished"]):
                break
            assert time.monotonic() < deadline, jobs
            time.sleep(1)
    finally:
        scrapyd.terminate()
        scrapyd.wait(timeout=30)
    assert db.articles.find_one({"url": SEED_PAGE})["title"].startswith("كيم لبوتين")
    # the egg is no folder: the job's journal is under the data folder of scrapyd's directory
    assert (tmp_path / "data" / "journal").is_dir()
    assert db.articles.count_documents({"parent_urls": SEED_PAGE}) == 1


def runs_with_date_coverage(db, spider: str, coverages: list[float]) -> None:
    store = RunStore(db)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for n, coverage in enumerate(coverages):
        store.record({"crawl_id": f"{spider}-{n}", "spider": spider, "started_at": start + timedelta(hours=n),
                      "finished_at": start + timedelta(hours=n, minutes=5), "finish_reason": "finished",
                      "pages_fetched": 10, "articles": {"stored": 10}, "dropped": {}, "errors": 0,
                      "coverage": {"title": 1.0, "body": 1.0, "published_at": coverage}})


def test_health_flags_a_lost_field_and_an_empty_run_but_not_a_dip(mongo_uri, database_name, db):
    env = {"MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name}
    runs_with_date_coverage(db, "dipping", [1.0] * 5 + [0.9])
    healthy = newscrawler("health", env=env, timeout=60)
    assert healthy.returncode == 0, healthy.stdout
    assert "ok" in healthy.stdout and "dipping" in healthy.stdout

    runs_with_date_coverage(db, "broken", [1.0] * 5 + [0.4])
    broken = newscrawler("health", env=env, timeout=60)
    assert broken.returncode == 1
    assert "UNHEALTHY broken" in broken.stdout and "published_at coverage fell to 40% from an average of 100%" in broken.stdout
    assert "UNHEALTHY dipping" not in broken.stdout

    store = RunStore(db)
    store.record({"crawl_id": "empty-0", "spider": "empty", "started_at": datetime(2026, 11, 2, tzinfo=UTC),
                  "articles": {"stored": 0}, "coverage": {"title": None, "body": None, "published_at": None}})
    empty = newscrawler("health", "empty", env=env, timeout=60)
    assert empty.returncode == 1 and "stored 0 article(s) in its last run" in empty.stdout


def test_health_thresholds_are_settings(mongo_uri, database_name, db):
    runs_with_date_coverage(db, "broken", [1.0] * 5 + [0.4])
    env = {"MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name}
    assert newscrawler("health", env=env, timeout=60).returncode == 1
    lenient = newscrawler("health", env={**env, "NEWSCRAWLER_HEALTH_COVERAGE_RATIO": "0.3"}, timeout=60)
    assert lenient.returncode == 0, lenient.stdout
    strict = newscrawler("health", env={**env, "NEWSCRAWLER_HEALTH_COVERAGE_RATIO": "0.3",
                                        "NEWSCRAWLER_HEALTH_MIN_STORED": "11"}, timeout=60)
    assert strict.returncode == 1 and "stored 10 article(s)" in strict.stdout
