"""What a person watching a crawl reads at the default log level: a progress line, one line per
page that could not be fetched with its reason, a summary at the end; no tracebacks, no lists of
Scrapy's settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
PROJECT = Path(__file__).resolve().parents[1]
SEED_PAGE = "https://arabkhabar.com/a/5129170"
#: Lines a crawl of a few pages may print at INFO (start-up, progress, one per page, the summary).
FEW_LINES = 40


def assert_readable(log: str) -> None:
    assert "Traceback" not in log, log[-4000:]
    assert "RETRY_HTTP_CODES" not in log and "Overridden settings" not in log, log[:4000]
    assert not re.search(r"^\s*\d{3},\s*$", log, re.MULTILINE), log[:4000]  # a pprinted list of codes
    assert "Enabled downloader middlewares" not in log and "Enabled addons" not in log and "Versions:" not in log
    assert len(log.splitlines()) < FEW_LINES, log


def test_an_unresolvable_host_is_one_line_per_page_and_the_crawl_ends_with_a_summary(tmp_path, mongo_uri, database_name, db):
    """No mirror: the host does not resolve (a .invalid name never does), as a dead outlet's wouldn't."""
    environment = {k: v for k, v in os.environ.items() if k != "NEWSCRAWLER_MIRROR"}
    environment.update({"MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name,
                        "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data"), "NEWSCRAWLER_LOG_LEVEL": "INFO"})
    command = [sys.executable, "-m", "scrapy", "crawl", "generic", "-a",
               "urls=http://nonexistent.invalid/news/1 http://nonexistent.invalid/news/2",
               "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5"]
    finished = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=180)
    log = finished.stderr
    assert_readable(log)
    for page in ("http://nonexistent.invalid/news/1", "http://nonexistent.invalid/news/2"):
        assert len(re.findall(rf"WARNING: Could not fetch {re.escape(page)}: dns$", log, re.MULTILINE)) == 1, log
    assert "Could not fetch robots.txt of nonexistent.invalid: dns" in log
    assert re.search(r"INFO: generic: 0 pages fetched; articles 0 new, .*; dropped 0; journal: empty", log), log
    summary = log[log.index("generic finished (finished)"):]
    assert summary.splitlines()[1:4] == ["  articles: 0 new, 0 updated, 0 unchanged, 0 embedded, 0 not due",
                                        "  dropped 2 (dns 2)", "  journal: empty"], log
    (record,) = db.crawl_runs.find()
    assert record["dropped"] == {"dns": 2}


def test_a_crawl_of_good_and_missing_pages_reads_as_progress_failures_and_a_summary(crawl):
    finished = crawl("generic", "-a", f"urls={SEED_PAGE} https://arabkhabar.com/a/no-such-page")
    log = finished.stderr
    assert_readable(log)
    assert re.search(r"WARNING: Could not fetch https://arabkhabar.com/a/no-such-page: http_404$", log, re.MULTILINE), log
    assert "INFO: generic: 0 pages fetched; articles 0 new" in log  # the first progress line, as the crawl opens
    summary = log[log.index("generic finished (finished)"):].splitlines()
    assert re.fullmatch(r".*generic finished \(finished\) in [\d.]+ s: \d+ pages fetched", summary[0])
    assert re.fullmatch(r"  articles: [1-9]\d* new, \d+ updated, 0 unchanged, \d+ embedded, 0 not due", summary[1]), summary
    assert summary[2:4] == ["  dropped 1 (http_404 1)", "  journal: empty"], summary
    assert "Dumping Scrapy stats: {" in log and "'newscrawler/dropped/http_404': 1" in log  # on one line
