"""The raw-page archive: a crawl with ``NEWSCRAWLER_ARCHIVE_DIR`` writes the pages it reads to WARC
files (rendered pages marked as such), and ``python -m newscrawler reextract`` reads them back
through the same extraction and pipelines: into an empty database it gives the crawl's documents;
over a stored crawl, a newer extractor makes new versions where its result differs, and nothing
else; an older fetch read by the same extractor changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawler.archive.reader import archived_pages
from newscrawler.extract.version import EXTRACTOR_VERSION
from newscrawler.storage.articles import content_hash

PROJECT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.e2e
#: What a crawl sets for itself, not from the page.
PER_CRAWL = ("first_seen_at", "last_seen_at", "crawl_id")


def reextract(mongo_uri: str, database: str, *warcs: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database}
    finished = subprocess.run([sys.executable, "-m", "newscrawler", "reextract", *map(str, warcs)], cwd=PROJECT,
                              env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0 and "Traceback" not in finished.stderr, finished.stdout + finished.stderr[-3000:]
    return finished


def comparable(document: dict) -> dict:
    document = {k: v for k, v in document.items() if k not in PER_CRAWL}
    document["parent_urls"] = sorted(document.get("parent_urls") or [])  # a set of links, in arrival order
    return document


def stored(database) -> dict[str, dict]:
    return {d["url"]: d for d in database.articles.find({}, {"_id": 0})}


def links(database) -> dict[str, list[str]]:
    return {d["_id"]: sorted(d["parent_urls"]) for d in database.read_also_links.find({})}


@pytest.fixture
def archived(crawl, tmp_path, db):
    """A crawl of an aggregator (its read-also children on another outlet) and of an outlet whose
    pages are rendered in the browser, with the archive on; (the WARC files, the crawl's documents)."""
    folder = tmp_path / "warc"
    for spider in ("arabkhabar", "skynewsarabia"):
        finished = crawl(spider, env={"NEWSCRAWLER_ARCHIVE_DIR": str(folder)})
        assert "Archiving the pages read in" in finished.stderr
    warcs = sorted(folder.glob("*.warc.gz"))
    assert len(warcs) == 2
    return warcs, stored(db)


def test_the_archive_holds_every_page_read_rendered_ones_marked(archived):
    warcs, documents = archived
    pages = [page for warc in warcs for page in archived_pages(warc)]
    own_pages = {url for url, d in documents.items() if d["origin"] == "page"}
    assert own_pages <= {page.url for page in pages}
    rendered = [page for page in pages if page.rendered]
    assert rendered and all("skynewsarabia.com" in page.url for page in rendered)
    assert all(page.fetched_at is not None and page.body for page in pages)
    by_url = {d["fetched_at"]: url for url, d in documents.items() if d["origin"] == "page"}
    assert set(by_url) <= {page.fetched_at.replace(microsecond=page.fetched_at.microsecond // 1000 * 1000)
                           for page in pages}  # WARC-Date is when the page was read


def test_reextract_into_an_empty_database_gives_the_crawls_documents(archived, mongo_uri, mongo_client, db):
    warcs, documents = archived
    fresh = f"{db.name}_reextract"
    try:
        finished = reextract(mongo_uri, fresh, *warcs)
        print(finished.stdout)
        assert f"Read {sum(1 for warc in warcs for _ in archived_pages(warc))} pages from 2 WARC files" in finished.stdout
        again = stored(mongo_client[fresh])
        assert len(documents) >= 6 and any(d["origin"] == "embedded" for d in documents.values())
        assert sorted(again) == sorted(documents)
        for url, document in documents.items():
            assert comparable(again[url]) == comparable(document), url
        assert links(mongo_client[fresh]) == links(db)
        assert all(d["extractor_version"] == EXTRACTOR_VERSION for d in again.values())
    finally:
        mongo_client.drop_database(fresh)


def test_a_newer_extractor_makes_new_versions_where_its_result_differs_and_nothing_else(archived, mongo_uri, db):
    warcs, documents = archived
    pages = sorted(url for url, d in documents.items() if d["origin"] == "page")
    worse = pages[:2]  # what an older extractor got wrong about two of them
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    db.articles.update_many({}, {"$set": {"extractor_version": "2026.1"}})
    for url in worse:
        body = "فقرة واحدة قرأها مستخرج أقدم"
        # …and fetched again later than the archive's copy: only a newer reading may replace it
        db.articles.update_one({"_id": url}, {"$set": {"body": body, "fetched_at": later,
                                                      "content_hash": content_hash({**documents[url], "body": body})}})
    before = stored(db)

    reextract(mongo_uri, db.name, *warcs)
    after = stored(db)
    for url in worse:
        assert after[url]["version"] == 2 and after[url]["body"] == documents[url]["body"]
        assert after[url]["fetched_at"] == documents[url]["fetched_at"]  # the archive's fetch
        assert after[url]["changed_at"] > after[url]["first_seen_at"]
    assert sorted(v["url"] for v in db.article_versions.find({})) == worse
    for url in set(after) - set(worse):  # same result: no new version, nothing but the reader recorded
        assert after[url]["version"] == before[url]["version"]
        assert comparable({**after[url], "extractor_version": None}) == comparable({**before[url], "extractor_version": None})
    assert {d["extractor_version"] for d in after.values() if d["origin"] == "page"} == {EXTRACTOR_VERSION}


def test_an_older_fetch_read_by_the_same_extractor_changes_nothing(archived, mongo_uri, db):
    warcs, documents = archived
    url = sorted(u for u, d in documents.items() if d["origin"] == "page")[0]
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    body = "نص أحدث جلبه زحف لاحق"
    db.articles.update_one({"_id": url}, {"$set": {"body": body, "fetched_at": later,
                                                  "content_hash": content_hash({**documents[url], "body": body})}})
    reextract(mongo_uri, db.name, *warcs)
    kept = db.articles.find_one({"_id": url})
    assert kept["body"] == body and kept["version"] == 1 and kept["fetched_at"] == later
