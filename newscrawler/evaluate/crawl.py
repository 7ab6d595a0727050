"""The scoreboard measured the way a user crawls: ``scrapy crawl generic`` over the pages.

The pages are laid out as a mirror folder under their original URLs and served on loopback; one
real ``scrapy crawl generic -a urls_file=…`` process fetches them through the mirror (encoding
detection, JavaScript shells rendered in Chromium, the pipelines) into a MongoDB wire server in
memory; what it stored is read back and scored. Nothing of the user's store is touched.

Read-also links are not followed (``NEWSCRAWLER_READ_ALSO_DEPTH=0``): their pages are not in the
folder, and the scoreboard scores each page's own document.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pymongo
from w3lib.encoding import html_to_unicode

from newscrawler.evaluate.corpus import Page
from newscrawler.evaluate.scoring import Output, stated_day
from newscrawler.extract.page import parse
from newscrawler.extract.structured import read_metadata
from newscrawler.mirror.server import MirrorServer, resolve
from newscrawler.outlets import outlet_for_url
from newscrawler.storage.embedded import EmbeddedStore
from newscrawler.urls import document_url

PROJECT = Path(__file__).resolve().parents[2]
#: A crawl of every page may take this long before it is given up.
CRAWL_TIMEOUT = 3600


def crawl_outputs(pages: list[Page]) -> dict[str, Output | None]:
    """What one ``scrapy crawl generic`` stored for each page (by page name); None for a page
    whose URL cannot be laid out in a mirror folder (a path another page's path runs through, a
    query too long for a file name), which is left out of this system's scores."""
    with tempfile.TemporaryDirectory(prefix="newscrawler-evaluate-") as work:
        work = Path(work)
        mirror, urls = _mirror_folder(pages, work / "mirror")
        (work / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
        with EmbeddedStore(work / "data", memory=True) as store, MirrorServer(mirror) as server:
            environment = {**os.environ, "MONGO_URI": store.uri, "MONGO_DATABASE": "evaluate",
                           "NEWSCRAWLER_MIRROR": server.url, "NEWSCRAWLER_DATA_DIR": str(work / "data"),
                           "NEWSCRAWLER_JOURNAL_DIR": str(work / "journal"), "NEWSCRAWLER_LOG_LEVEL": "WARNING"}
            command = [sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"urls_file={work / 'urls.txt'}",
                       "-s", "NEWSCRAWLER_READ_ALSO_DEPTH=0"]
            finished = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True,
                                      timeout=CRAWL_TIMEOUT)
            if finished.returncode not in (0, 1):  # 1: some page could not be stored, which is a score
                raise RuntimeError(f"scrapy crawl generic exited {finished.returncode}: {finished.stderr[-2000:]}")
            client = pymongo.MongoClient(store.uri, tz_aware=True)
            stored = {d["url"]: d for d in client.evaluate.articles.find({"origin": "page"})}
            client.close()
    crawled = set(urls)
    return {page.name: _output(page, stored) if page.url in crawled else None for page in pages}


def _mirror_folder(pages: list[Page], root: Path) -> tuple[Path, list[str]]:
    """The pages under their URLs' hosts and paths (a page whose path collides with another's is
    left out)."""
    root.mkdir(parents=True)
    urls = []
    for page in pages:
        parts = urlsplit(page.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            continue
        try:
            target = resolve(root.resolve(), f"/{parts.netloc}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else ""))
        except UnicodeDecodeError:
            continue
        if target is None or target.exists() or any(p.is_file() for p in target.parents if p != root):
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.html)
        except OSError:  # a query too long for a file name
            continue
        urls.append(page.url)
    return root, urls


def _output(page: Page, stored: dict) -> Output:
    """The stored document of ``page``: at its canonical URL, as the crawl decided it."""
    _, html = html_to_unicode(None, page.html)
    canonical = read_metadata(parse(html).root, page.url).canonical
    outlet = outlet_for_url(page.url)
    document = stored.get(document_url(page.url, canonical, outlet))
    if document is None:
        return Output(stored=False)
    date = stated_day(document.get("published_at"), document.get("published_raw"), outlet.timezone if outlet else "UTC")
    return Output(stored=True, title=document.get("title"), date=date, body=document.get("body") or "")
