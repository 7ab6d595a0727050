"""``python -m newscrawler stats`` and ``runs``, on the embedded store and on a MongoDB server:
figures per outlet that match what is stored, and one line per crawl record, newest first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawler.storage.runs import RunStore
from tests.export.articles import OUTLETS, article, command_env, fill

PROJECT = Path(__file__).resolve().parents[2]
COUNT = 300


@pytest.fixture(params=["server", "embedded"])
def store(request, tmp_path):
    """The environment pointing the command line at a store of ``COUNT`` articles and three crawl
    records."""
    return command_env(request, tmp_path, fill_runs)


def fill_runs(database) -> None:
    fill(database, COUNT, body_paragraphs=1)
    runs = RunStore(database)
    runs.ensure_indexes()
    for n, spider in enumerate(("aljazeera", "youm7", "generic")):
        finished = datetime(2026, 11, 1, 6, tzinfo=UTC) + timedelta(hours=n)
        runs.record({"crawl_id": f"{spider}-{n}", "spider": spider, "started_at": finished - timedelta(minutes=3),
                     "finished_at": finished, "finish_reason": "finished", "pages_fetched": 40 + n,
                     "articles": {"stored": 30 + n, "new": 20, "updated": 3, "unchanged": 7 + n, "embedded": 2},
                     "dropped": {"http_404": 2, "not_article": 5 + n}, "skipped_not_due": 4, "journaled": 0,
                     "errors": 0, "elapsed_seconds": 180.0})


def newscrawler(env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "newscrawler", *args], cwd=PROJECT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return result


def test_stats_per_outlet_match_what_is_stored(store):
    documents = [article(n, body_paragraphs=1) for n in range(COUNT)]
    rows = {row["outlet"]: row for row in map(json.loads, newscrawler(store, "stats", "--json").stdout.splitlines())}
    assert sorted(rows) == sorted(OUTLETS)
    for outlet in OUTLETS:
        mine = [d for d in documents if d["outlet"] == outlet]
        row = rows[outlet]
        assert row["articles"] == len(mine)
        assert row["own_page"] == sum(d["origin"] == "page" for d in mine)
        dates = [d["published_at"] for d in mine if d["published_at"]]
        assert datetime.fromisoformat(row["first"]) == min(dates) and datetime.fromisoformat(row["last"]) == max(dates)
        for name in ("title", "summary", "authors", "tags", "published_at", "source", "images"):
            assert row["holding"][name] == sum(bool(d[name]) for d in mine), (outlet, name)
        assert row["read_also_links"] == sum(len(d["read_also_urls"]) for d in mine)
    assert sum(row["with_parents"] for row in rows.values()) == sum(bool(d["read_also_urls"]) for d in documents)
    assert rows["aljazeera"]["last_crawl"] == {"finished_at": "2026-11-01T06:00:00Z", "finish_reason": "finished",
                                               "stored": 30}
    assert rows["alarabiya"]["last_crawl"] is None  # no crawl of its own spider

    table = newscrawler(store, "stats").stdout
    assert f"{COUNT} articles from 4 outlets" in table
    youm7 = next(line for line in table.splitlines() if line.startswith("youm7 "))
    assert f" {Counter(d['outlet'] for d in documents)['youm7']} " in youm7 and "%" in youm7
    assert youm7.endswith("2026-11-01T07:00:00Z finished, stored 31")


def test_runs_one_line_each_newest_first(store):
    lines = newscrawler(store, "runs").stdout.splitlines()
    assert [line.split()[1] for line in lines] == ["generic", "youm7", "aljazeera"]
    assert lines[0].startswith("2026-11-01T08:00:00Z") and "stored 32 (new 20, updated 3, unchanged 9)" in lines[0]
    assert "dropped 9 (not_article 7, http_404 2)" in lines[0] and "not due 4" in lines[0]
    assert len(newscrawler(store, "runs", "--limit", "2").stdout.splitlines()) == 2
    records = [json.loads(line) for line in newscrawler(store, "runs", "--json", "--limit", "0").stdout.splitlines()]
    assert [r["crawl_id"] for r in records] == ["generic-2", "youm7-1", "aljazeera-0"]


def test_empty_store(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI", "MONGO_DATABASE")}
    env.update(NEWSCRAWLER_DATA_DIR=str(tmp_path / "data"), NEWSCRAWLER_JOURNAL_DIR=str(tmp_path / "journal"))
    assert "0 articles from 0 outlets" in newscrawler(env, "stats").stdout
    assert newscrawler(env, "runs").stdout.strip() == "No crawl records yet"


def test_show_says_when_it_shows_only_part_and_limit_0_shows_all(store):
    first = newscrawler(store, "show")
    assert f"{COUNT} articles in" in first.stdout and f"showing 20 of {COUNT}" in first.stdout
    assert first.stdout.count("\n● ") == 20
    some = newscrawler(store, "show", "--json")
    assert len(some.stdout.splitlines()) == 20 and f"showing 20 of {COUNT}" in some.stderr
    everything = newscrawler(store, "show", "--json", "--limit", "0")
    assert len(everything.stdout.splitlines()) == COUNT and "showing" not in everything.stderr


def test_export_shows_a_progress_bar_on_a_terminal_and_none_in_a_pipe(store, tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    from newscrawler.export import COLUMNS

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal of 100 columns
    try:
        finished = subprocess.run([sys.executable, "-m", "newscrawler", "export", "-o", str(tmp_path / "a.jsonl")],
                                  cwd=PROJECT, env=store, stdout=subprocess.DEVNULL, stderr=follower, timeout=300)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end is closed: all is read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    assert finished.returncode == 0
    assert f"{COUNT}/{COUNT}".encode() in seen and b"100%" in seen  # tqdm's bar, to the end
    piped = newscrawler(store, "export", "-o", str(tmp_path / "b.jsonl"))
    assert piped.stderr.strip().splitlines() == [
        f"Exported {COUNT} articles ({len(COLUMNS)} fields, jsonl) to {tmp_path / 'b.jsonl'}"]
