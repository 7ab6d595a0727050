"""The real-page scoreboard on ../shared/corpus/raw, and its scoring rules."""

import subprocess
import sys

import pytest

from newscrawler.evaluate.corpus import read_truth
from newscrawler.evaluate.report import evaluate
from newscrawler.evaluate.scoring import Output, score, token_f1


def test_token_f1_is_a_bag_of_word_tokens():
    assert token_f1("أ ب ب ج", "أ ب ج") == pytest.approx(2 * (3 / 4) * 1 / (3 / 4 + 1))
    assert token_f1("", "أ") == 0.0
    assert token_f1("أ، ب.", "أ ب") == 1.0


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
    assert "ours" in finished.stdout and "trafilatura" in finished.stdout and "mean body F1" in finished.stdout


def test_a_folder_without_a_manifest_is_refused(tmp_path):
    finished = subprocess.run([sys.executable, "-m", "newscrawler.evaluate", str(tmp_path)], capture_output=True, text=True)
    assert finished.returncode == 2 and "MANIFEST.tsv" in finished.stderr
