"""Stored articles for the export tests, written through the real storage code: Arabic with every
character that trips CSV and JSON (quotes, commas, line breaks, tabs, a byte-order mark, right-to-left
marks, emoji), list fields, records, missing values, a body past Excel's cell limit."""

from __future__ import annotations

import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newscrawler.storage import ArticleStore
from newscrawler.storage.embedded import open_client

T0 = datetime(2025, 4, 1, 6, 30, tzinfo=UTC)
OUTLETS = ("aljazeera", "alarabiya", "youm7", "arabkhabar")
PARAGRAPH = "قال المتحدث باسم الحكومة إن \"الخطة\" تمضي، رغم كل شيء؛ والأرقام: 1,250 مليون\tدولار 🇪🇬 \u200f"


WORDS = ("الحكومة", "البرلمان", "الاقتصاد", "الميناء", "الجامعة", "المستشفى", "الطريق", "الجسر", "المطار", "القمح",
         "النفط", "الكهرباء", "المياه", "المدرسة", "الملعب", "السوق", "الميزانية", "الضرائب", "الصادرات", "المصرف")


def _words(n: int, paragraph: int) -> str:
    """Words of this article's own, so that different articles are not near duplicates."""
    rng = random.Random(n * 1000 + paragraph)
    return " ".join(rng.choice(WORDS) for _ in range(25))


def article(n: int, body_paragraphs: int = 12) -> dict:
    published = T0 + timedelta(hours=7 * n) if n % 9 else None  # some without a date
    return {
        "url": f"https://news.example/{OUTLETS[n % 4]}/{n}?q=ن&x=1,2",
        "outlet": OUTLETS[n % 4],
        "origin": "embedded" if n % 13 == 0 else "page",
        "title": f"خبر رقم {n}: \"عاجل\", مع فاصلة" if n % 11 else None,
        "summary": "\ufeffملخص يبدأ بعلامة ترتيب البايت\nوسطر ثانٍ" if n % 3 == 0 else None,
        "body": "\n".join(f"{PARAGRAPH} {_words(n, i)} ({n}.{i})" for i in range(body_paragraphs)),
        "body_normalized": f"نص مطبع {n}",
        "authors": [f"كاتب {n}", "محرر, الأخبار"] if n % 2 else [],
        "section": "سياسة" if n % 5 else None,
        "tags": ["مصر", "اقتصاد \"كلي\""] if n % 4 == 1 else [],
        "source": "الجديد برس" if n % 4 == 3 else None,
        "language": "ar",
        "published_raw": published.isoformat() if published else None,
        "modified_raw": None,
        "published_at": published,
        "modified_at": published + timedelta(minutes=5, milliseconds=250) if published and n % 2 else None,
        "images": [{"url": f"https://news.example/i/{n}.jpg", "caption": "صورة، \"مع\" تعليق" if n % 2 else None}],
        "embeds": [{"type": "tweet", "url": f"https://twitter.com/x/status/{n}", "text": "تغريدة\nبسطرين"}] if n % 6 == 0 else [],
        "read_also_urls": [f"https://news.example/{OUTLETS[(n + 1) % 4]}/{n + 1}?q=ن&x=1,2"] if n % 7 == 0 else [],
        "parent_urls": [],
        "fetched_at": None if n % 13 == 0 else T0 + timedelta(days=40, seconds=n),
        "truncated": n % 17 == 0,
    }


def fill(database, count: int, *, long_body_at: int | None = None, body_paragraphs: int = 12) -> None:
    store = ArticleStore(database)
    store.ensure_indexes()
    for start in range(0, count, 500):
        batch = [article(n, body_paragraphs) for n in range(start, min(count, start + 500))]
        for document in batch:
            if long_body_at is not None and document["url"].endswith(f"/{long_body_at}?q=ن&x=1,2"):
                document["body"] = (PARAGRAPH + "\n") * 400  # past 32,767 characters
        store.write(batch, crawl_id=f"generic-test-{start}", seen_at=T0 + timedelta(days=41))


def command_env(request, folder: Path, fill_store) -> dict:
    """The environment that points the command line at a store ``fill_store(database)`` filled:
    the test server's database (``request.param == "server"``) or an embedded store in ``folder``
    (closed again: the embedded store is one process's at a time)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI", "MONGO_DATABASE")}
    env.update(NEWSCRAWLER_DATA_DIR=str(folder / "data"), NEWSCRAWLER_JOURNAL_DIR=str(folder / "journal"))
    if request.param == "server":
        database = request.getfixturevalue("db")
        env.update(MONGO_URI=request.getfixturevalue("mongo_uri"), MONGO_DATABASE=database.name)
        fill_store(database)
        return env
    client = open_client(folder / "data")
    try:
        fill_store(client.newscrawler)
    finally:
        client.close()
    return env
