"""The seed's case through real crawls: arabkhabar's copy of al-Jadeed Press's article ("المصدر:
الجديد برس") and the original, crawled in either order by separate `scrapy crawl` runs, end linked
both ways; Sky News Arabia's and RT Arabic's reports of the same event stay apart."""

import pytest

pytestmark = pytest.mark.e2e

COPY = "https://arabkhabar.com/a/5129170"
ORIGINAL = "https://www.aljadeedpress.net/archives/218754"
SAME_EVENT = {"skynewsarabia": "https://www.skynewsarabia.com/world/1650123-بوتين-يستقبل-كيم-في-قاعدة-فوستوشني-الفضائية",
              "rtarabic": "https://arabic.rt.com/world/1494321-كيم-جونغ-أون-يدعو-بوتين-لزيارة-بيونغ-يانغ/"}


@pytest.mark.parametrize("order", [("arabkhabar", "aljadeedpress"), ("aljadeedpress", "arabkhabar")])
def test_a_copy_and_its_original_crawled_in_either_order_are_linked_both_ways(crawl, db, order):
    urls = {"arabkhabar": COPY, "aljadeedpress": ORIGINAL}
    for outlet in order:
        crawl(outlet, "-a", f"urls={urls[outlet]}")
    copy, original = db.articles.find_one({"_id": COPY}), db.articles.find_one({"_id": ORIGINAL})
    assert copy["source"] == "الجديد برس"
    assert copy["original_url"] == ORIGINAL and copy["original_found_by"] == "source_line"
    assert original["copy_urls"] == [COPY]


def test_reports_of_one_event_by_different_outlets_stay_apart(crawl, db):
    crawl("aljadeedpress", "-a", f"urls={ORIGINAL}")
    for outlet, url in SAME_EVENT.items():
        crawl(outlet, "-a", f"urls={url}")
    documents = list(db.articles.find({}, {"url": 1, "original_url": 1, "copy_urls": 1}))
    assert len(documents) >= 3
    assert not [d["url"] for d in documents if d.get("original_url") or d.get("copy_urls")]
