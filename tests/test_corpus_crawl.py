"""Every real page of ../shared/corpus/raw, crawled by URL through a mirror with
`scrapy crawl generic -a urls_file=…`, is stored with the right title, date and body."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest

from newscrawler.evaluate.corpus import read_corpus
from newscrawler.evaluate.scoring import Output, score
from newscrawler.mirror.server import MirrorServer
from newscrawler.outlets import outlet_for_url
from newscrawler.urls import normalize_url

PROJECT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.e2e


def build_mirror(pages, folder: Path) -> None:
    """A mirror of the real pages, made at test time outside the project."""
    for page in pages:
        parts = urlsplit(page.url)
        target = folder / parts.netloc / unquote(parts.path).lstrip("/")
        if parts.path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.html)


def test_generic_crawl_of_the_real_pages(corpus, tmp_path, mongo_uri, db, database_name):
    pages = read_corpus(corpus)
    build_mirror(pages, tmp_path / "mirror")
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text("\n".join(p.url for p in pages) + "\n", encoding="utf-8")
    with MirrorServer(tmp_path / "mirror") as mirror:
        env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database_name, "NEWSCRAWLER_MIRROR": mirror.url}
        finished = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"urls_file={urls_file}", "-s", "ROBOTSTXT_OBEY=False",
             "-s", "NEWSCRAWLER_READ_ALSO_DEPTH=0"],
            cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300,
        )
    assert finished.returncode == 0, finished.stderr[-3000:]
    stored = {d["url"]: d for d in db.articles.find({"origin": "page"}, {"_id": 0})}
    by_request = {}
    for page in pages:
        outlet = outlet_for_url(page.url)
        candidates = [d for d in stored.values() if d["outlet"] == outlet.name]
        assert candidates, f"{page.name}: nothing stored for {outlet.name}"
        by_request[page.name] = stored.get(normalize_url(page.url)) or candidates[0]
    for page in pages:
        document = by_request[page.name]
        zone = ZoneInfo(outlet_for_url(page.url).timezone)
        day = document["published_at"].astimezone(zone).date().isoformat() if document["published_at"] else None
        result = score(Output(True, document["title"], day, document["body"]), page.truth)
        assert False not in (result.title, result.date, result.snippets), (page.name, result)
        assert result.f1 is None or result.f1 >= 0.95, (page.name, result.f1)
