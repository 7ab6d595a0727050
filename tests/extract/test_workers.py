"""Pages read (and their articles cleaned and dated) in worker processes: the same documents as in
process, a dead worker costs no page (a page that kills two is unreadable), and closing leaves no
process behind."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from newscrawler.extract.workers import PageReader, WorkerDied, worker_count
from tests.fixture_cases import mirror_response, run_async
from tests.processes import running

PAGE = "https://arabkhabar.com/a/5129170"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def reader():
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 1})
    crawler.stats.open_spider()
    reader = PageReader.of(crawler)
    yield reader
    reader.close()


def arguments():
    return mirror_response(PAGE).text, PAGE, "arabkhabar", [], FETCHED


def test_a_worker_reads_what_the_crawl_process_reads(reader):
    here = reader.read_here(*arguments())
    there = run_async(lambda: reader.read(*arguments()))
    assert there.is_article and len(there.articles) == 2
    assert there.articles == here.articles
    # cleaned and dated where they were read: the pipelines only count and drop
    assert all(a.cleaned and a.dated and a.body_normalized for a in there.articles)
    assert there.article.published_at is not None and "\u06a9" not in "".join(there.article.tags)  # Persian kaf folded
    for stage in ("extract", "clean", "dates"):
        assert reader.stats.get_value(f"newscrawler/seconds/{stage}") > 0


def test_a_killed_worker_costs_no_page(reader):
    run_async(lambda: reader.read(*arguments()))
    for process in list(reader.pool._processes.values()):
        os.kill(process.pid, signal.SIGKILL)
        process.join(10)
    again = run_async(lambda: reader.read(*arguments()))
    assert again.is_article and again.article.url == PAGE
    assert reader.stats.get_value("newscrawler/extract/workers_lost") == 1
    # and the next page goes to a new pool
    assert run_async(lambda: reader.read(*arguments())).is_article
    assert reader.pool is not None


def test_closing_stops_the_workers(reader):
    run_async(lambda: reader.read(*arguments()))
    processes = list(reader.pool._processes.values())
    reader.close()
    assert reader.pool is None and not any(p.is_alive() for p in processes)


def test_started_workers_are_ready_before_the_first_page_and_stop_with_the_crawl(reader):
    reader.start()  # what the spider's first article request does
    reader.start()  # (and every later one: nothing more)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (reader.pool._processes and not reader.pool._pending_work_items):
        time.sleep(0.05)
    processes = list(reader.pool._processes.values())
    assert len(processes) == 1 and processes[0].is_alive()
    assert not reader.pool._pending_work_items  # the warm-up page read
    assert run_async(lambda: reader.read(*arguments())).is_article
    assert list(reader.pool._processes.values()) == processes  # no second worker for the first page
    reader.close()
    assert reader.pool is None and not any(p.is_alive() for p in processes)


def test_a_reader_without_workers_starts_none():
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 0})
    crawler.stats.open_spider()
    reader = PageReader.of(crawler)
    reader.start()
    assert reader.pool is None and reader.read_here(*arguments()).is_article
    reader.close()


#: A crawl process reading one page in a worker, then waiting to be killed: it prints the pids of
#: its worker, the forkserver and the resource tracker.
KILLED_CRAWL = """
import multiprocessing.forkserver, multiprocessing.resource_tracker, sys, time
from scrapy.utils.test import get_crawler
from newscrawler.extract.workers import PageReader
from tests.extract.test_workers import arguments
from tests.fixture_cases import run_async
crawler = get_crawler(settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 1})
crawler.stats.open_spider()
reader = PageReader.of(crawler)
assert run_async(lambda: reader.read(*arguments())).is_article
pids = [p.pid for p in reader.pool._processes.values()]
pids += [multiprocessing.forkserver._forkserver._forkserver_pid, multiprocessing.resource_tracker._resource_tracker._pid]
print(" ".join(map(str, pids)), flush=True)
time.sleep(120)
"""


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads process states from /proc")
def test_a_crawl_killed_outright_leaves_no_worker_behind():
    crawl = subprocess.Popen([sys.executable, "-c", KILLED_CRAWL], cwd=Path(__file__).resolve().parents[2],
                             stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(pid) for pid in crawl.stdout.readline().split()]
        assert len(pids) == 3 and all(running(pid) for pid in pids)
    finally:
        crawl.kill()  # SIGKILL: no shutdown of the pool, no atexit
        crawl.wait(10)
    deadline = time.monotonic() + 20
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in pids if running(pid)], "worker, forkserver or resource tracker left running"


def test_crawlers_of_one_process_share_one_pool(reader):
    other_crawler = get_crawler(settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 1})
    other_crawler.stats.open_spider()
    other = PageReader.of(other_crawler)
    run_async(lambda: reader.read(*arguments()))
    run_async(lambda: other.read(*arguments()))
    assert other.pool is reader.pool and len(reader.pool._processes) == 1
    other.close()
    assert reader.pool is not None  # still in use by the first crawler
    assert run_async(lambda: reader.read(*arguments())).is_article


def test_worker_count():
    assert worker_count(0) == 0 and worker_count(3) == 3
    assert worker_count(-1) == min(max((os.cpu_count() or 1) - 1, 0), 3)


def test_a_page_that_kills_its_worker_twice_is_unreadable_and_the_crawl_goes_on(reader):
    # a page long enough to be read for a while, and a killer of every worker it sees meanwhile
    html = "<html><body><h1>عنوان</h1>" + "<p>فقرة طويلة من نص الخبر العربي تتكرر هنا.</p>" * 30000 + "</body></html>"
    stop = threading.Event()

    def kill_workers():
        while not stop.is_set():
            pool = reader.pool
            for process in list((pool._processes or {}).values()) if pool is not None else []:
                try:
                    os.kill(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.02)

    killer = threading.Thread(target=kill_workers)
    killer.start()
    try:
        with pytest.raises(WorkerDied):
            run_async(lambda: reader.read(html, "https://example.org/long", None, [], FETCHED))
    finally:
        stop.set()
        killer.join()
    assert reader.stats.get_value("newscrawler/extract/workers_lost") == 2
    assert run_async(lambda: reader.read(*arguments())).is_article
