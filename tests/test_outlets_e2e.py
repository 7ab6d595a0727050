"""Every outlet spider, run with no arguments through the fixture mirror, finds its articles from
its own discovery sources, and JavaScript pages are stored with their rendered content."""

import pytest

from newscrawler.outlets import all_outlets
from newscrawler.urls import normalize_url
from tests.fixture_cases import case_files, load_case

pytestmark = pytest.mark.e2e


def fixture_articles(outlet: str) -> dict[str, dict]:
    cases = [load_case(p) for p in case_files(outlet)]
    return {normalize_url(c["url"]): c for c in cases if c["truth"].get("stored", True) and c.get("documents")}


@pytest.mark.parametrize("outlet", [o.name for o in all_outlets()])
def test_discovery_finds_the_outlets_fixture_articles(outlet, crawl, db):
    finished = crawl(outlet)
    stored = {d["url"]: d for d in db.articles.find({"origin": "page"}, {"_id": 0})}
    for url, case in fixture_articles(outlet).items():
        assert url in stored, f"{outlet}: {url} was not stored ({finished.stderr[-1500:]})"
        expected = case["documents"][0]
        assert stored[url]["title"] == expected["title"]
        assert stored[url]["body"] == expected["body"]
    assert "Traceback" not in finished.stderr


def test_a_javascript_outlet_is_rendered(crawl, db):
    case = load_case(case_files("skynewsarabia")[0])
    crawl("skynewsarabia", "-a", f"urls={case['url']}")
    (document,) = db.articles.find({"origin": "page"}, {"_id": 0})
    expected = case["documents"][0]
    assert (document["title"], document["body"]) == (expected["title"], expected["body"])
    assert document["published_at"].isoformat() == case["truth"]["published_at"]


def test_generic_renders_an_empty_javascript_shell_and_only_that(crawl, db):
    shell = load_case(case_files("generic")[0])
    plain = load_case(case_files("generic")[1])
    assert "js_shell" in case_files("generic")[0].name
    finished = crawl("generic", "-a", f"urls={shell['url']} {plain['url']}")
    stored = {d["url"]: d for d in db.articles.find({"origin": "page"}, {"_id": 0})}
    rendered = stored[normalize_url(shell["url"])]
    assert rendered["title"] == shell["truth"]["title"]
    assert rendered["published_at"].isoformat() == shell["truth"]["published_at"]
    assert rendered["body"].split("\n")[0] == shell["truth"]["body_first"]
    assert normalize_url(plain["url"]) in stored
    assert "'newscrawler/js/shells_rendered': 1" in finished.stderr
    assert "'playwright/page_count': 1" in finished.stderr  # the plain page never saw the browser


def test_rendering_memory_stays_flat():
    """RSS after 200 renders is within 50 MB of RSS after 20 (python -m newscrawler bench render)."""
    import re
    import subprocess
    import sys

    finished = subprocess.run([sys.executable, "-m", "newscrawler", "bench", "render", "--count", "200"],
                              capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-2000:]
    growth = re.search(r"growth from 20 to 200 renders: crawler ([+-][\d.]+)\s+with children ([+-][\d.]+)", finished.stdout)
    assert growth, finished.stdout
    assert float(growth.group(1)) < 50 and float(growth.group(2)) < 50, finished.stdout
