"""One crawl over every kind of bad page exits 0: the good pages are stored with correct Arabic,
the bad ones are counted by reason (in the stats and in ``crawl_runs``) and not stored, and the
log holds no traceback. The pages are ``fixtures/mirror/bad-pages.example``, plus a huge page
and a deeply nested one made here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newscrawler.mirror.server import MirrorServer

PROJECT = Path(__file__).resolve().parents[1]
HOST = "bad-pages.example"
pytestmark = pytest.mark.e2e

STORED = {
    "news/good": "أطلقت وزارة الصحة صباح اليوم حملة وطنية لتطعيم طلاب المدارس ضد الحصبة والنكاف",
    "news/header-windows-1256": "واصلت أسعار الذهب ارتفاعها في الأسواق المحلية لليوم الثالث على التوالي",
    "news/meta-windows-1256": "افتتح وزير الثقافة مساء أمس معرض الكتاب الدولي في دورته الجديدة",
    "news/bom-utf8": "تأهل المنتخب الوطني لكرة القدم إلى نهائي البطولة العربية",
    "news/mislabelled-utf8": "شهدت المناطق الشمالية هطول أمطار غزيرة منذ ساعات الفجر",
    # cut off inside its last paragraph: what is there is stored
    "news/truncated": "ستواصل مراقبة المؤشرات الاقتصادية عن كثب",
    "news/huge": "تقرير مطول عن الموازنة العامة",
}
NOT_STORED = {
    "news/empty": "empty", "news/blank": "empty",
    "news/server-error": "http_500", "news/unavailable": "http_503",
    "news/gone": "http_410", "news/forbidden": "http_403",
    "files/annual-report.pdf": "not_html", "files/photo.jpg": "not_html", "news/statement": "not_html",
    "tag/health": "listing_page",
    "news/nested": "unreadable",
}
BLOCKED = {
    "news/to-private": "private_address", "news/to-metadata": "private_address",
    "news/to-elsewhere": "offsite",
}
HUGE_PARAGRAPH = ("تقرير مطول عن الموازنة العامة للدولة يتناول بنود الإنفاق والإيرادات المتوقعة، "
                  "ويعرض آراء الخبراء في العجز والدين العام وخطط الإصلاح. ") * 4


def url(path: str) -> str:
    return f"https://{HOST}/{path}"


def huge_page(paragraphs: int) -> bytes:
    body = "".join(f"<p>{HUGE_PARAGRAPH}(الفقرة {n})</p>\n" for n in range(1, paragraphs + 1))
    return (f'<html lang="ar"><head><meta charset="utf-8"><title>تقرير مطول عن الموازنة</title>'
            f'<meta property="article:published_time" content="2025-06-10T08:30:00+03:00"></head>'
            f"<body><article><h1>تقرير مطول عن الموازنة</h1>{body}</article></body></html>").encode("utf-8")


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("mirror")
    shutil.copytree(PROJECT / "fixtures" / "mirror" / HOST, root / HOST)
    (root / HOST / "news" / "huge").write_bytes(huge_page(4000))  # about 2.7 MB of text
    (root / HOST / "news" / "nested").write_bytes(
        ("<html><head><title>صفحة متداخلة</title></head><body>" + "<div>" * 20000
         + "<p>نص داخل عناصر متداخلة بعمق كبير لا ينتهي.</p>" + "</div>" * 20000 + "</body></html>").encode())
    with MirrorServer(root) as server:
        yield server


@pytest.fixture(scope="module")
def crawled(bad_site, mongo_uri, mongo_client, tmp_path_factory):
    import os
    import secrets
    import subprocess
    import sys

    database = f"newscrawler_test_{secrets.token_hex(4)}"
    paths = [*STORED, *NOT_STORED, *BLOCKED, "news/to-file", "news/moved"]
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database, "NEWSCRAWLER_MIRROR": bad_site.url,
           "NEWSCRAWLER_DATA_DIR": str(tmp_path_factory.mktemp("data"))}
    command = [sys.executable, "-m", "scrapy", "crawl", "generic", "-a", "urls=" + " ".join(url(p) for p in paths),
               "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
               "-s", "NEWSCRAWLER_RETRY_BACKOFF=0.2"]
    finished = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    yield finished, mongo_client[database], list(bad_site.requested)
    mongo_client.drop_database(database)


def test_the_crawl_exits_0_without_a_traceback(crawled):
    finished, _, _ = crawled
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert "Traceback" not in finished.stderr
    assert " ERROR: " not in finished.stderr


def test_good_pages_are_stored_with_correct_arabic(crawled):
    _, db, _ = crawled
    stored = {d["url"]: d for d in db.articles.find({}, {"_id": 0})}
    assert sorted(stored) == sorted(url(p) for p in STORED)
    for path, sentence in STORED.items():
        document = stored[url(path)]
        assert sentence in document["body"], path
        assert "Ø" not in document["body"] and "\ufffd" not in document["body"] and "Ã" not in document["title"]
        assert document["truncated"] is (path == "news/huge"), path


def test_a_huge_page_is_bounded_at_a_paragraph(crawled):
    _, db, _ = crawled
    document = db.articles.find_one({"url": url("news/huge")})
    size = len(document["body"].encode("utf-8"))
    assert 900_000 < size <= 1_000_000
    assert document["body"].endswith(")")  # a whole paragraph: "… (الفقرة N)"
    assert "(الفقرة 1)" in document["body"] and "(الفقرة 4000)" not in document["body"]


def test_bad_pages_are_counted_by_reason_in_crawl_runs(crawled):
    _, db, _ = crawled
    (run,) = db.crawl_runs.find({}, {"_id": 0})
    expected: dict[str, int] = {}
    for reason in NOT_STORED.values():
        expected[reason] = expected.get(reason, 0) + 1
    expected["http_302"] = 1  # the redirect to file:// is not followed, and the 302 is counted
    assert run["dropped"] == expected
    assert run["articles"]["stored"] == len(STORED) and run["errors"] == 0


def test_errors_are_retried_transient_ones_more_often(crawled):
    _, _, requested = crawled
    asked = {path: sum(1 for r in requested if r == f"/{HOST}/{path}") for path in NOT_STORED}
    assert asked["news/server-error"] == asked["news/unavailable"] == 3  # RETRY_TIMES = 2
    assert asked["news/gone"] == asked["news/forbidden"] == 2  # NEWSCRAWLER_RETRY_TIMES_4XX = 1
    assert requested.count(f"/{HOST}/robots.txt") == 1  # a missing robots.txt is an answer


def test_redirects_stay_on_the_crawl_domains_and_off_private_addresses(crawled):
    finished, db, requested = crawled
    for path, reason in BLOCKED.items():
        assert f"Not fetched, {reason}:" in finished.stderr, path
    assert not any("elsewhere.example" in r or "169.254" in r or "127.0.0.1:9" in r for r in requested)
    assert "'newscrawler/blocked/private_address': 2" in finished.stderr
    assert "'newscrawler/blocked/offsite': 1" in finished.stderr
    assert db.articles.count_documents({"url": url("news/good")}) == 1  # the kept redirect, stored once
