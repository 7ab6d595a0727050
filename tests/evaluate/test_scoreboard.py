"""The real-page scoreboard on ../shared/corpus/raw, and its scoring rules."""

import gzip
import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from newscrawler.evaluate.corpus import read_truth
from newscrawler.evaluate.report import evaluate
from newscrawler.evaluate.scoring import Output, score, stated_day, token_f1


def test_token_f1_is_wcxbs_bag_of_lowercased_word_tokens():
    assert token_f1("أ ب ب ج", "أ ب ج") == pytest.approx(2 * (3 / 4) * 1 / (3 / 4 + 1))
    assert token_f1("", "أ") == 0.0
    assert token_f1("أ، ب.", "أ ب") == 1.0
    assert token_f1("The Word", "the word") == 1.0
    assert token_f1("", "") == 1.0 and token_f1("x", "") == 0.0  # an empty truth wants nothing


def test_a_day_is_read_in_the_offset_the_page_states():
    moment = datetime(2025, 12, 19, 2, 41, tzinfo=UTC)
    assert stated_day(moment, "2025-12-19T02:41:41+00:00", "America/New_York") == "2025-12-19"
    assert stated_day(moment, "2025-12-18T21:41:41-05:00", "UTC") == "2025-12-18"
    assert stated_day(moment, "18 ديسمبر 2025 9:41 م", "America/New_York") == "2025-12-18"  # no offset: the zone


def test_only_what_the_truth_gives_is_scored():
    truth = read_truth({"date": "2020-10-07"})
    scored = score(Output(stored=True, title="x", date="2020-10-07", body="..."), truth)
    assert (scored.date, scored.title, scored.snippets, scored.f1) == (True, None, None, None)


def test_truth_shapes_of_the_public_test_sets():
    fundus = read_truth({"expected": {"V1": {"title": "ع", "publishing_date": "2026-01-08 11:42:50+00:00",
                                              "body": {"sections": [{"paragraphs": ["أ", "ب"]}]}}}})
    assert (fundus.title, fundus.date, fundus.text) == ("ع", "2026-01-08", "أ\nب")
    newspaper = read_truth({"metadata": {"title": "ت", "publish_date": None}, "expected_text": "نص"})
    assert (newspaper.title, newspaper.date, newspaper.text) == ("ت", None, "نص")
    trafilatura = read_truth({"title": "ع", "date": "", "with": ["أ"], "without": ["ب"]})
    assert (trafilatura.with_snippets, trafilatura.without_snippets, trafilatura.date) == (["أ"], ["ب"], None)


def test_every_real_page_is_right_and_we_are_ahead_of_trafilatura(corpus):
    report = evaluate(corpus)
    ours, theirs = report.totals("ours"), report.totals("trafilatura")
    failures = [(p.name, p.scores["ours"]) for p in report.pages
                if not p.scores["ours"].stored or False in (p.scores["ours"].title, p.scores["ours"].date, p.scores["ours"].snippets)]
    assert not failures
    assert ours["stored"][0] == ours["stored"][1] == len(report.pages)
    assert ours["mean_f1"] >= 0.95
    assert ours["date"][0] > theirs["date"][0]
    assert ours["mean_f1"] > theirs["mean_f1"]


def test_the_command_prints_the_table(corpus):
    finished = subprocess.run([sys.executable, "-m", "newscrawler.evaluate", str(corpus)], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert "ours" in finished.stdout and "trafilatura-precision" in finished.stdout and "mean word-F1" in finished.stdout


def test_a_folder_without_a_manifest_is_refused(tmp_path):
    finished = subprocess.run([sys.executable, "-m", "newscrawler.evaluate", str(tmp_path)], capture_output=True, text=True)
    assert finished.returncode == 2 and "MANIFEST.tsv" in finished.stderr


def test_a_wcxb_split_is_read_and_scored(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth").mkdir()
    paragraph = "The council approved the budget on Tuesday after a long debate about schools and roads. " * 4
    page = (f"<html><head><title>Budget approved</title><meta property='article:published_time' "
            f"content='2025-12-16T18:00:00-05:00'></head><body><article><h1>Budget approved</h1><p>{paragraph}</p>"
            f"</article></body></html>")
    (tmp_path / "html" / "0001.html.gz").write_bytes(gzip.compress(page.encode()))
    truth = {"url": "https://city.example/news/budget", "ground_truth": {
        "title": "Budget approved", "publish_date": "2025-12-16", "main_content": paragraph.strip(), "with": [], "without": []}}
    (tmp_path / "ground-truth" / "0001.json").write_text(json.dumps(truth))
    report = evaluate(tmp_path, workers=1)
    totals = report.totals("ours-generic")
    assert totals["stored"] == (1, 1) and totals["title"] == (1, 1) and totals["date"] == (1, 1)
    assert totals["mean_f1"] == 1.0 and report.failures() == []
    finished = subprocess.run([sys.executable, "-m", "newscrawler", "evaluate", str(tmp_path)], capture_output=True, text=True)
    assert finished.returncode == 0 and "1 pages" in finished.stdout, finished.stderr


def test_on_the_development_set_we_are_ahead_of_trafilatura(wcxb_dev):
    """The issue's targets on WCXB's development split, measured side by side in this run."""
    report = evaluate(wcxb_dev)
    ours, default, precision = (report.totals(s) for s in ("ours-generic", "trafilatura", "trafilatura-precision"))
    assert ours["mean_f1"] >= 0.95
    assert ours["mean_f1"] > max(default["mean_f1"], precision["mean_f1"])
    assert ours["date"][0] > default["date"][0]
    assert ours["title"][0] > default["title"][0]
    assert report.failures() == []  # no page trafilatura reads (word-F1 ≥ 0.8) comes back from us below 0.2


@pytest.mark.e2e
def test_a_real_crawl_of_the_pages_stores_what_the_crawl_path_reads(corpus):
    """``--crawl``: one real ``scrapy crawl generic`` through a mirror of the pages gives the same
    scores as the crawl path read page by page."""
    report = evaluate(corpus, crawl=True)
    assert report.systems[0] == "ours-crawl"
    assert report.totals("ours-crawl") == report.totals("ours")
