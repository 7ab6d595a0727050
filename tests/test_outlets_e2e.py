"""Every outlet spider, run with no arguments through the fixture mirror, finds its articles from
its own discovery sources, and JavaScript pages are stored with their rendered content."""

import pytest

from newscrawler.outlets import all_outlets
from newscrawler.urls import normalize_url
from tests.fixture_cases import EXPECTED, case_files, load_case

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


def test_generic_renders_javascript_shells_reads_script_state_and_leaves_plain_pages_alone(crawl, db):
    """Two shells are rendered (an empty root, a spinner with a long <noscript>); two keep their
    article in script state (Next.js, Nuxt) and are read without a browser; a plain page is read
    as it is."""
    cases = {name: load_case(EXPECTED / "generic" / f"{name}.json")
             for name in ("js_shell_article", "js_spinner_shell", "js_next_data", "js_nuxt_state", "plain_site_article")}
    finished = crawl("generic", "-a", "urls=" + " ".join(case["url"] for case in cases.values()))
    stored = {d["url"]: d for d in db.articles.find({"origin": "page"}, {"_id": 0})}
    for name, case in cases.items():
        document = stored[normalize_url(case["url"])]
        assert document["title"] == case["truth"]["title"], name
        assert document["body"].split("\n")[0] == case["truth"]["body_first"], name
        assert document["published_at"].isoformat() == case["truth"]["published_at"], name
    assert "'newscrawler/js/shells_rendered': 2" in finished.stderr
    assert "'newscrawler/js/read_from_state': 2" in finished.stderr
