"""The documented commands: python -m newscrawler demo | show | store serve | bench store | bench
extract | bench crawl."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pymongo
import pytest

from tests.processes import running

PROJECT = Path(__file__).resolve().parents[1]


def newscrawler(*args, env=None, timeout=300):
    environment = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI", "NEWSCRAWLER_MIRROR")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "newscrawler", *args], cwd=PROJECT, env=environment,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.e2e
def test_demo_crawls_the_mirror_into_the_embedded_store_and_prints_it(tmp_path):
    env = {"NEWSCRAWLER_DATA_DIR": str(tmp_path)}
    finished = newscrawler("demo", "--store", env=env)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert (tmp_path / "newscrawler.sqlite").is_file()
    out = finished.stdout
    assert "Crawling the fixture mirror" in out
    assert "كيم لبوتين: علاقاتنا سترتقي إلى مستوى جديد" in out
    assert "كيف ينظر الأوكرانيون إلى هدنة بوتين بمناسبة عيد النصر؟" in out
    assert "aljazeera (page)" in out and "arabkhabar (embedded)" in out

    shown = newscrawler("show", "--json", "--limit", "100", env=env)
    documents = [json.loads(line) for line in shown.stdout.splitlines()]
    by_url = {d["url"]: d for d in documents}
    assert by_url["https://arabkhabar.com/a/5129170"]["tags"] == ["الكوري الشمالي", "كيم جونغ أون"]
    assert len(documents) >= 8


def untouched_store_run(command: list[str], tmp_path, mongo_uri, database_name, mongo_client, timeout=300):
    """Run ``python -m newscrawler COMMAND`` from an empty folder with MONGO_URI and the data
    folder pointing at stores of the test's, and check it wrote to neither, nor to the project's data/."""
    home = tmp_path / "cwd"
    home.mkdir()
    project_data = sorted((p.name, p.stat().st_mtime_ns) for p in (PROJECT / "data").glob("*") if p.is_file())
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name,
           "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data"), "NEWSCRAWLER_JOURNAL_DIR": str(tmp_path / "journal"),
           "PYTHONPATH": str(PROJECT)}
    env.pop("NEWSCRAWLER_MIRROR", None)
    finished = subprocess.run([sys.executable, "-m", "newscrawler", *command], cwd=home, env=env,
                              capture_output=True, text=True, timeout=timeout)
    assert database_name not in mongo_client.list_database_names()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cwd"] and not any(home.iterdir())
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (PROJECT / "data").glob("*") if p.is_file()) == project_data
    return finished


@pytest.mark.e2e
def test_bench_render_keeps_to_a_store_of_its_own(tmp_path, mongo_uri, database_name, mongo_client):
    finished = untouched_store_run(["bench", "render", "--count", "3"], tmp_path, mongo_uri, database_name, mongo_client)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert "after    3 renders: crawler" in finished.stdout and "unrendered" not in finished.stdout


@pytest.mark.e2e
def test_demo_keeps_to_a_store_of_its_own_unless_told(tmp_path, mongo_uri, database_name, mongo_client):
    finished = untouched_store_run(["demo"], tmp_path, mongo_uri, database_name, mongo_client)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert "a temporary store of the demo's own" in finished.stdout
    assert "كيم لبوتين: علاقاتنا سترتقي إلى مستوى جديد" in finished.stdout


def test_show_on_an_empty_store(tmp_path):
    finished = newscrawler("show", env={"NEWSCRAWLER_DATA_DIR": str(tmp_path)})
    assert finished.returncode == 0
    assert finished.stdout.startswith("0 articles in embedded store")


def test_store_serve_speaks_the_mongodb_protocol(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "newscrawler", "store", "serve", "--port", "0"], cwd=PROJECT,
                               env={**os.environ, "NEWSCRAWLER_DATA_DIR": str(tmp_path)}, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        uri = line.split(" at ", 1)[1].split(";")[0]
        client = pymongo.MongoClient(uri, serverSelectionTimeoutMS=5000)
        client.newscrawler.articles.insert_one({"url": "https://a.example/1"})
        assert client.newscrawler.articles.count_documents({}) == 1
        client.close()
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_second_process_is_told_the_embedded_store_is_busy(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "newscrawler", "store", "serve", "--port", "0"], cwd=PROJECT,
                               env={**os.environ, "NEWSCRAWLER_DATA_DIR": str(tmp_path)}, stdout=subprocess.PIPE, text=True)
    try:
        process.stdout.readline()
        finished = newscrawler("show", env={"NEWSCRAWLER_DATA_DIR": str(tmp_path)})
        assert finished.returncode == 2
        assert "is in use by process" in finished.stderr and "MONGO_URI" in finished.stderr
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_bench_store_prints_figures():
    finished = newscrawler("bench", "store", "--count", "40", "--batch", "20")
    assert finished.returncode == 0, finished.stderr
    assert "new articles  overall:" in finished.stdout and "re-crawl      overall:" in finished.stdout


def test_bench_store_runs_an_older_commit_beside_it():
    finished = newscrawler("bench", "store", "--count", "20", "--batch", "10", "--report", "10",
                           "--baseline", "HEAD", "--baseline-count", "20", "--baseline-batch", "10",
                           "--baseline-report", "10")
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert finished.stdout.count("new articles  overall:") == 2 and "Baseline: commit HEAD" in finished.stdout


@pytest.mark.e2e
def test_bench_crawl_runs_every_system_and_prints_its_figures():
    finished = newscrawler("bench", "crawl", "--pages", "30", timeout=600)
    assert finished.returncode == 0, finished.stderr[-3000:]
    out = finished.stdout
    for label in ("bare Scrapy spider", "full crawl → MongoDB wire server", "re-crawl (force) → MongoDB wire server",
                  "full crawl → embedded store", "re-crawl (force) → embedded store", "trafilatura alone"):
        assert f"  {label}" in out and "× bare" in out, (label, out)
    # every crawl stored every page, and the re-crawls found them unchanged
    assert out.count("'stored': 30, 'new': 30") == 2 and out.count("'unchanged': 30") == 2, out
    assert "commands/100 articles" in out and "peak RSS" in out
    # the CPU of every process: the full crawl's includes its page worker's, so costs more than bare Scrapy's
    cpu = dict(re.findall(r"^  (bare Scrapy spider|full crawl → MongoDB wire server) +([\d.]+) ", out.split("CPU milliseconds")[1],
                          re.MULTILINE))
    assert float(cpu["full crawl → MongoDB wire server"]) > float(cpu["bare Scrapy spider"]) > 0, out
    assert re.search(r"pages/s +\d+%$", out, re.MULTILINE), out


def test_bench_crawl_counts_the_cpu_of_processes_the_crawl_never_waits_for():
    """A crawl's page workers are children of a forkserver that outlives it: the kernel never adds
    their CPU to the crawl's. Here a child spends half a second and is never waited for."""
    from newscrawler.cli.bench_crawl import _run_measured

    script = ("import os, subprocess, sys, time\n"
              "child = subprocess.Popen([sys.executable, '-c', 'import time\\nt = time.process_time()\\n"
              "while time.process_time() - t < 0.5: pass'])\n"
              "while open(f'/proc/{child.pid}/stat').read().rsplit(')', 1)[1].split()[0] != 'Z': time.sleep(0.05)\n"
              "time.sleep(0.5)\n"
              "os._exit(0)  # the child is never waited for\n")
    measured = _run_measured([sys.executable, "-c", script], dict(os.environ))
    assert measured["cpu"] >= 0.5, measured


def test_bench_extract_prints_the_ratio(corpus):
    finished = newscrawler("bench", "extract", str(corpus), "--rounds", "1")
    assert finished.returncode == 0, finished.stderr
    assert "ratio ours/trafilatura" in finished.stdout


def test_bench_extract_reads_side_by_side_with_an_older_commit(corpus):
    finished = newscrawler("bench", "extract", str(corpus), "--baseline", "HEAD", "--rounds", "1")
    assert finished.returncode == 0, finished.stderr[-3000:]
    medians = re.findall(r"^  (this code|commit HEAD) +median +([\d.]+) ms a page, all pages +[\d.]+ ms$", finished.stdout,
                         re.MULTILINE)
    assert [side for side, _ in medians] == ["this code", "commit HEAD"], finished.stdout
    assert all(float(ms) > 0 for _, ms in medians)
    assert re.search(r"this code takes [\d.]+ of the time commit HEAD takes on the median page, [\d.]+ over all pages",
                     finished.stdout)


def test_bench_extract_says_so_when_the_commit_does_not_exist(corpus):
    finished = newscrawler("bench", "extract", str(corpus), "--baseline", "no-such-commit", "--rounds", "1")
    assert finished.returncode == 2
    assert "cannot check out 'no-such-commit'" in finished.stderr and "Traceback" not in finished.stderr


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    children.setdefault(int(handle.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.e2e
def test_bench_crawl_stopped_with_sigterm_leaves_no_process_behind():
    environment = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI", "NEWSCRAWLER_MIRROR")}
    bench = subprocess.Popen([sys.executable, "-m", "newscrawler", "bench", "crawl", "--pages", "3000", "--only", "wire"],
                             cwd=PROJECT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    started: set[int] = set()
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not any(_crawling(pid) for pid in started):
            started = _descendants(bench.pid)
            time.sleep(0.5)
        assert any(_crawling(pid) for pid in started), "the benchmark never started a crawl"
        time.sleep(2)  # the crawl's page workers too
        started = _descendants(bench.pid)
        bench.send_signal(signal.SIGTERM)
        bench.wait(60)
        time.sleep(1)
        assert [pid for pid in started if running(pid)] == []
    finally:  # whatever the outcome, nothing of it outlives the test
        for pid in [bench.pid, *started]:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        bench.wait()


def _crawling(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"scrapy\x00crawl" in handle.read()
    except OSError:
        return False
