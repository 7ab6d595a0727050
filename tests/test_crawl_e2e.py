"""Real ``scrapy crawl`` processes over the fixture mirror into a MongoDB wire server."""

import os
import subprocess
import sys

import pytest

from newscrawler.urls import normalize_url

pytestmark = pytest.mark.e2e

SEED_PAGE = "https://arabkhabar.com/a/5129170"
DIV_SOUP_PAGE = "https://arabkhabar.com/a/5129171"
LEGACY_PAGE = "https://arabkhabar.com/a/5129172"
TWO_READ_ALSO_PAGE = "https://arabkhabar.com/a/5129173"
AJ_UKRAINE = normalize_url("https://www.aljazeera.net/politics/2025/4/30/كيف-ينظر-الأوكرانيون-إلى-هدنة-بوتين")
AJ_GOLD_404 = normalize_url("https://www.aljazeera.net/news/2025/5/2/ارتفاع-أسعار-الذهب")
AJ_PUTIN = normalize_url("https://www.aljazeera.net/news/2025/4/28/بوتين-يعلن-هدنة-لثلاثة-أيام")
AJ_KREMLIN = normalize_url("https://www.aljazeera.net/news/2025/4/29/الكرملين-ينتظر-رد-كييف")
VOLATILE = ("_id", "last_seen_at", "crawl_id", "first_seen_at", "fetched_at")


def documents(db):
    return {d["url"]: d for d in db.articles.find({}, {"_id": 0})}


def stable(docs):
    return {url: {k: v for k, v in d.items() if k not in VOLATILE} for url, d in docs.items()}


def lines(document):
    return document["body"].split("\n")


def test_seed_page_stores_parent_and_child_linked_clean_and_in_utc(crawl, db):
    crawl("arabkhabar", "-a", f"urls={SEED_PAGE}")
    docs = documents(db)
    assert set(docs) == {SEED_PAGE, AJ_UKRAINE}
    parent, child = docs[SEED_PAGE], docs[AJ_UKRAINE]

    assert parent["origin"] == "page" and parent["outlet"] == "arabkhabar"
    assert parent["title"] == "كيم لبوتين: علاقاتنا سترتقي إلى مستوى جديد وسنخوض الحرب معاً ضد الإمبريالية"
    assert parent["published_at"].isoformat() == "2023-09-14T08:21:37+00:00"
    assert parent["source"] == "الجديد برس"
    assert parent["tags"] == ["الكوري الشمالي", "كيم جونغ أون"]
    assert parent["read_also_urls"] == [AJ_UKRAINE]
    assert lines(parent)[0] == "الجديد برس:"
    assert "كييف" not in parent["body"] and "إقرأ أيضاً" not in parent["body"]

    # The child's own page replaced the copy embedded in the parent.
    assert child["origin"] == "page" and child["outlet"] == "aljazeera" and child["version"] == 1
    assert child["parent_urls"] == [SEED_PAGE]
    assert child["published_at"].isoformat() == "2025-04-30T08:43:12+00:00"
    assert child["fetched_at"] is not None
    assert "تلاعب أو احتفال" in lines(child)
    assert any(line.startswith("وبهذا الصدد -وفي حديث مع الجزيرة نت-") for line in lines(child))
    for residue in ("إعلانوبهذا", "إعلانوكتب", "pic.twitter.com", "@AJArabic", "احتفالاعتبر"):
        assert residue not in child["body"]
    assert child["embeds"][0]["url"] == "https://twitter.com/AJArabic/status/1916862291592212790"
    assert child["body_normalized"].startswith("كييف- اعلن الرئيس الروسي")
    # Its own read-also links are recorded, one level deep by default: not fetched.
    assert child["read_also_urls"] == [AJ_PUTIN, normalize_url("https://www.aljazeera.net/politics/2025/4/21/زيلينسكي-هدنة-الفصح-لم-تصمد"), AJ_KREMLIN]


def test_second_crawl_changes_only_last_seen_and_crawl_id(crawl, db):
    crawl("arabkhabar", "-a", f"urls={SEED_PAGE}")
    first = documents(db)
    crawl("arabkhabar", "-a", f"urls={SEED_PAGE}")
    second = documents(db)
    assert stable(second) == stable(first)
    for url in first:
        assert second[url]["first_seen_at"] == first[url]["first_seen_at"]
        assert second[url]["fetched_at"] == first[url]["fetched_at"]
        assert second[url]["last_seen_at"] > first[url]["last_seen_at"]
        assert second[url]["crawl_id"] != first[url]["crawl_id"]


def test_embedded_copy_whose_page_is_404_stays_and_unlinked_child_gets_a_derived_url(crawl, db):
    crawl("arabkhabar", "-a", f"urls={TWO_READ_ALSO_PAGE}")
    docs = documents(db)
    derived = f"{TWO_READ_ALSO_PAGE}#read-also-2"
    assert docs[TWO_READ_ALSO_PAGE]["read_also_urls"] == [AJ_GOLD_404, derived]
    for url in (AJ_GOLD_404, derived):
        assert docs[url]["origin"] == "embedded" and docs[url]["outlet"] == "arabkhabar"
        assert docs[url]["parent_urls"] == [TWO_READ_ALSO_PAGE]
        assert docs[url]["fetched_at"] is None
    assert "اضغط هنا" not in docs[TWO_READ_ALSO_PAGE]["body"]
    assert "واتساب" not in docs[TWO_READ_ALSO_PAGE]["body"]
    assert "الاقتصاد العالمي" in docs[TWO_READ_ALSO_PAGE]["body"]


def test_three_markups_of_one_page_and_a_child_under_two_parents(crawl, db, tmp_path):
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text(f"# the seed page in three markups\n{SEED_PAGE}\n{DIV_SOUP_PAGE}\n\n{LEGACY_PAGE}\n")
    crawl("arabkhabar", "-a", f"urls_file={urls_file}")
    docs = documents(db)
    bodies = {docs[url]["body"] for url in (SEED_PAGE, DIV_SOUP_PAGE, LEGACY_PAGE)}
    assert len(bodies) == 1  # the windows-1256 page labelled UTF-8 reads the same
    assert sorted(docs[AJ_UKRAINE]["parent_urls"]) == [SEED_PAGE, LEGACY_PAGE]
    derived = docs[f"{DIV_SOUP_PAGE}#read-also-1"]
    assert derived["origin"] == "embedded" and derived["title"] == "كيف ينظر الأوكرانيون إلى هدنة بوتين بمناسبة عيد النصر؟"
    assert "وبهذا الصدد" in derived["body"] and "إعلانوبهذا" not in derived["body"]


def test_result_does_not_depend_on_which_page_is_crawled_first(crawl, mongo_client, database_name):
    crawl("aljazeera", "-a", f"urls={AJ_UKRAINE}", "-s", "NEWSCRAWLER_READ_ALSO_DEPTH=0")
    crawl("arabkhabar", "-a", f"urls={SEED_PAGE}")
    child_first = stable(documents(mongo_client[database_name]))
    mongo_client.drop_database(database_name)
    crawl("arabkhabar", "-a", f"urls={SEED_PAGE}")
    crawl("aljazeera", "-a", f"urls={AJ_UKRAINE}", "-s", "NEWSCRAWLER_READ_ALSO_DEPTH=0")
    parent_first = stable(documents(mongo_client[database_name]))
    assert child_first == parent_first
    assert parent_first[AJ_UKRAINE]["origin"] == "page" and parent_first[AJ_UKRAINE]["parent_urls"] == [SEED_PAGE]


@pytest.mark.parametrize(
    ("spider", "expected"),
    [
        ("aljazeera", {AJ_UKRAINE, AJ_PUTIN, AJ_KREMLIN}),
        ("aljadeedpress", {"https://www.aljadeedpress.net/archives/218754", "https://www.aljadeedpress.net/archives/218700"}),
        ("arabkhabar", {SEED_PAGE, DIV_SOUP_PAGE, LEGACY_PAGE, TWO_READ_ALSO_PAGE}),
    ],
)
def test_outlet_spider_without_arguments_starts_from_its_discovery_sources(crawl, db, spider, expected):
    finished = crawl(spider)
    pages = {url for url, d in documents(db).items() if d["origin"] == "page" and d["outlet"] == spider}
    assert pages == expected
    assert "Traceback" not in finished.stderr


def test_generic_reads_a_sitemap_and_a_feed_with_the_registered_outlets_parsers(crawl, db):
    crawl("generic", "-a", "sitemap=https://www.aljadeedpress.net/wp-sitemap.xml",
          "-a", "feed=https://www.aljazeera.net/aljazeerarss/a7c186be-1baa-4bd4-9d80-a84db769f779/73d0e1b4-532f-45ef-b135-bfdff8b8cab9")
    docs = documents(db)
    assert {d["outlet"] for d in docs.values()} == {"aljadeedpress", "aljazeera"}
    assert "https://www.aljadeedpress.net/archives/218754" in docs and AJ_KREMLIN in docs


def test_robots_txt_and_urls_keep_the_original_hosts(crawl, db):
    finished = crawl("arabkhabar", "-a", f"urls=https://arabkhabar.com/search?q=x,{SEED_PAGE}")
    assert "robotstxt/forbidden" in finished.stderr
    assert all("127.0.0.1" not in url for url in documents(db))


def test_bad_arguments_get_a_clear_message(mirror):
    env = {**os.environ, "NEWSCRAWLER_MIRROR": mirror.url}
    for args, message in ((["arabkhabar", "-a", "urls=arabkhabar.com/a/1"], "not an http(s) URL"),
                          (["arabkhabar", "-a", "urls_file=/nonexistent/list.txt"], "does not exist"),
                          (["generic"], "generic needs")):
        finished = subprocess.run([sys.executable, "-m", "scrapy", "crawl", *args], capture_output=True, text=True, env=env)
        assert finished.returncode != 0
        assert message in finished.stderr
