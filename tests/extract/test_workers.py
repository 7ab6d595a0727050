"""Pages read in worker processes: the same documents as in process, a dead worker costs no page,
and closing leaves no process behind."""

import asyncio
import os
import signal
from datetime import UTC, datetime

import pytest
from scrapy.utils.test import get_crawler

from newscrawler.extract.workers import PageReader, worker_count
from tests.fixture_cases import mirror_response

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
    there = asyncio.run(reader.read(*arguments()))
    assert there.is_article and len(there.articles) == 2
    assert there.articles == here.articles
    assert reader.stats.get_value("newscrawler/seconds/extract") > 0


def test_a_killed_worker_costs_no_page(reader):
    asyncio.run(reader.read(*arguments()))
    for process in list(reader._pool._processes.values()):
        os.kill(process.pid, signal.SIGKILL)
        process.join(10)
    again = asyncio.run(reader.read(*arguments()))
    assert again.is_article and again.article.url == PAGE
    assert reader.stats.get_value("newscrawler/extract/workers_lost") == 1
    # and the next page goes to a new pool
    assert asyncio.run(reader.read(*arguments())).is_article
    assert reader._pool is not None


def test_closing_stops_the_workers(reader):
    asyncio.run(reader.read(*arguments()))
    processes = list(reader._pool._processes.values())
    reader.close()
    assert reader._pool is None and not any(p.is_alive() for p in processes)


def test_worker_count():
    assert worker_count(0) == 0 and worker_count(3) == 3
    assert worker_count(-1) == max((os.cpu_count() or 1) - 1, 0)
