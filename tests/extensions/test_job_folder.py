"""A JOBDIR left by a crawl that was killed is started afresh; one closed cleanly is resumed as
Scrapy left it; one a running crawl holds is refused."""

from __future__ import annotations

import subprocess
import sys

import pytest
from scrapy import signals
from scrapy.utils.test import get_crawler

from newscrawler.extensions.job_folder import MARK, JobFolder, JobFolderInUse, locked_by_another


def job_folder(path) -> JobFolder:
    return JobFolder(get_crawler(settings_dict={"JOBDIR": str(path)}))


def left_by_a_crawl(path, mark: str | None, index: bool) -> None:
    (path / "requests.queue").mkdir(parents=True)
    (path / "requests.seen").write_bytes(b"\x00\x20" + b"f" * 32)
    if index:
        (path / "requests.queue" / "active.json").write_text("[0]")
    if mark is not None:
        (path / MARK).write_text(mark)


@pytest.mark.parametrize(("mark", "index"), [("running\n", True), ("running\n", False), (None, False)])
def test_a_folder_left_by_a_crawl_that_did_not_close_is_started_afresh(tmp_path, mark, index):
    left_by_a_crawl(tmp_path, mark, index)
    folder = job_folder(tmp_path)
    assert not (tmp_path / "requests.seen").exists() and not (tmp_path / "requests.queue").exists()
    assert folder.stats.get_value("newscrawler/jobdir/restarted") == 1
    assert (tmp_path / MARK).read_text() == "running\n"


@pytest.mark.parametrize("mark", ["closed: shutdown\n", None])
def test_a_folder_closed_cleanly_is_left_for_scrapy_to_resume(tmp_path, mark):
    left_by_a_crawl(tmp_path, mark, index=True)
    folder = job_folder(tmp_path)
    assert (tmp_path / "requests.seen").exists() and (tmp_path / "requests.queue" / "active.json").exists()
    folder.crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    assert (tmp_path / MARK).read_text() == "closed: finished\n"


def test_a_folder_held_by_a_running_crawl_is_refused(tmp_path):
    holder = job_folder(tmp_path)
    assert locked_by_another(tmp_path)
    with pytest.raises(JobFolderInUse, match="in use by a crawl still running"):
        job_folder(tmp_path)
    holder.spider_closed(None, "finished")
    assert not locked_by_another(tmp_path)


def test_a_killed_holder_leaves_the_folder_free(tmp_path):
    code = (f"from tests.extensions.test_job_folder import job_folder; import os; job_folder({str(tmp_path)!r}); "
            "os.kill(os.getpid(), 9)")
    subprocess.run([sys.executable, "-c", code], check=False)
    assert not locked_by_another(tmp_path)
    job_folder(tmp_path)  # and its mark says running: the next crawl starts afresh
