"""Read-also layouts through a real ``scrapy crawl generic``: several sub-articles under one label,
an unlinked child, a child whose page is gone, and cards inside the body whose targets are a live
page and a 404. Pages and truth: ``fixtures/expected/generic/read_also_*`` (written without the
parser)."""

import pytest

from newscrawler.urls import normalize_url
from tests.fixture_cases import EXPECTED, load_case

pytestmark = pytest.mark.e2e


def case(name: str) -> dict:
    return load_case(EXPECTED / "generic" / f"{name}.json")


def documents(db):
    return {d["url"]: d for d in db.articles.find({}, {"_id": 0})}


def test_one_label_several_children_each_linked_to_the_parent_and_a_dead_link_kept_embedded(crawl, db):
    page = case("read_also_aggregator_three_items")
    crawl("generic", "-a", f"urls={page['url']}")
    docs = documents(db)
    parent = docs[normalize_url(page["url"])]
    children = [normalize_url(child["url"]) for child in page["truth"]["children"]]
    assert parent["read_also_urls"] == children  # in page order
    for child_truth, url in zip(page["truth"]["children"], children):
        child = docs[url]
        assert child["parent_urls"] == [parent["url"]]
        assert child["title"] == child_truth["title"]
        assert child["body"].split("\n")[0] == child_truth["body_first"]
        assert child["body"].split("\n")[-1] == child_truth["body_last"]
        assert child_truth["body_first"] not in parent["body"]
    # Two children have pages of their own, which replace the embedded copies; the third's link is
    # a 404, and its embedded copy stays.
    assert [docs[url]["origin"] for url in children] == ["page", "page", "embedded"]
    assert parent["body"].split("\n")[-1] == page["truth"]["body_last"]  # no footer in the body


def test_an_unlinked_child_gets_a_derived_url_and_a_linked_one_its_own(crawl, db):
    page = case("read_also_aggregator_unlinked_first")
    crawl("generic", "-a", f"urls={page['url']}")
    docs = documents(db)
    parent = docs[normalize_url(page["url"])]
    assert parent["read_also_urls"] == [normalize_url(u) for u in page["truth"]["read_also_urls"]]
    unlinked = docs[normalize_url(page["url"] + "#read-also-1")]
    assert unlinked["origin"] == "embedded" and unlinked["parent_urls"] == [parent["url"]]
    assert not any(line.startswith("إعلان") for line in unlinked["body"].split("\n"))  # the glued ad label


def test_cards_in_the_body_are_link_only_children_the_missing_one_makes_no_document(crawl, db):
    page = case("read_also_inbody_cards")
    live, missing = (normalize_url(u) for u in page["truth"]["read_also_urls"])
    crawl("generic", "-a", f"urls={page['url']}")
    docs = documents(db)
    parent = docs[normalize_url(page["url"])]
    assert parent["read_also_urls"] == [live, missing]
    assert docs[live]["origin"] == "page" and docs[live]["parent_urls"] == [parent["url"]]
    assert missing not in docs
    assert parent["body"].split("\n")[-1] == page["truth"]["body_last"]  # the text goes on after each card
