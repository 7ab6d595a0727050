"""Every outlet's fixture pages give their reviewed documents and agree with their authors' truth."""

import pytest

from newscrawler.outlets import all_outlets
from tests.fixture_cases import EXPECTED, case_files, documents_for, load_case, truth_problems

CASES = case_files()
MIN_ARTICLE_CASES = {"arabkhabar": 3}


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_gives_its_expected_documents(path):
    case = load_case(path)
    assert "documents" in case, f"{path} has no reviewed documents; run python -m tests.fixture_cases"
    assert (documents_for(case["url"]) or []) == case["documents"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_agrees_with_its_truth(path):
    case = load_case(path)
    assert truth_problems(case["truth"], documents_for(case["url"])) == []


@pytest.mark.parametrize("outlet", [o.name for o in all_outlets()])
def test_every_outlet_has_fixture_articles(outlet):
    cases = [load_case(p) for p in case_files(outlet)] if (EXPECTED / outlet).is_dir() else []
    articles = [c for c in cases if c["truth"].get("stored", True)]
    assert len(articles) >= MIN_ARTICLE_CASES.get(outlet, 2), f"{outlet} needs fixture pages with expected output"
    for case in articles:
        assert case.get("documents"), f"{outlet}: {case['url']} has no expected documents"


def test_expected_files_are_readable_arabic():
    for path in CASES:
        text = path.read_text(encoding="utf-8")
        assert "\\u06" not in text, f"{path} escapes Arabic"
