"""Fixture cases: a page of the mirror → the documents the crawler makes of it.

Each ``fixtures/expected/OUTLET/CASE.json`` holds the page's URL, the ``truth`` its author wrote
from the page, and the reviewed ``documents``. ``documents_for(url)`` runs the real code path
(``newscrawler.offline``) on the mirror's copy of the page, without network or database.

``python -m tests.fixture_cases`` rewrites every ``documents`` from the current code, for review:
read the diff before committing it.
"""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.http import Response

from newscrawler.items import TRANSIENT_FIELDS, Article
from newscrawler.mirror.server import answer
from newscrawler.offline import NeedsRendering, make_response, page_documents
from newscrawler.outlets import outlet_for_url
from newscrawler.urls import normalize_url

PROJECT = Path(__file__).resolve().parents[1]
MIRROR = PROJECT / "fixtures" / "mirror"
EXPECTED = PROJECT / "fixtures" / "expected"
#: What a crawl adds in storage; a page's documents are compared without it.
CRAWL_FIELDS = frozenset({"fetched_at", "first_seen_at", "last_seen_at", "crawl_id", "version", "content_hash", "body_normalized",
                          "extractor_version"})
#: The instant the fixture pages are "fetched" at, so that relative dates are reproducible.
FETCHED_AT = datetime(2025, 5, 4, 12, 0, tzinfo=UTC)


def case_files(outlet: str | None = None) -> list[Path]:
    folder = EXPECTED / outlet if outlet else EXPECTED
    return sorted(folder.rglob("*.json"))


def load_case(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def mirror_response(url: str, *, root: Path = MIRROR) -> Response:
    """The mirror's answer for ``url``, as Scrapy would hand it to a callback."""
    status, headers, body = _mirror_answer(url, root)
    return make_response(url, body, headers, status)


def _mirror_answer(url: str, root: Path = MIRROR):
    parts = urlsplit(url)
    return answer(root, f"/{parts.netloc}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else ""))


def documents_for(url: str) -> list[dict] | None:
    """The documents one page yields (the page first, then its embedded children), or None when
    the page is not stored. Followed read-also requests are left out: each page is its own case.
    Pages the crawler renders (outlets that need JavaScript, JavaScript shells without their
    article in script state) are rendered in Chromium, with every request answered from the
    mirror, and read as the crawler reads a rendered page."""
    _, headers, body = _mirror_answer(url)
    outlet = outlet_for_url(url)
    try:
        if outlet and outlet.needs_js:
            raise NeedsRendering(url)
        items = page_documents(url, body, headers, fetched_at=FETCHED_AT)
    except NeedsRendering:
        rendered = rendered_html(url).encode("utf-8")
        items = page_documents(url, rendered, {"Content-Type": "text/html; charset=utf-8"}, fetched_at=FETCHED_AT,
                               rendered=True)
    return [as_expected(item) for item in items] or None


_browser = {}


def rendered_html(url: str) -> str:
    """The page's HTML after its scripts ran, in the same Chromium the crawler uses."""
    if "browser" not in _browser:
        from playwright.sync_api import sync_playwright

        from newscrawler import settings

        _browser["playwright"] = sync_playwright().start()
        _browser["browser"] = _browser["playwright"].chromium.launch(**settings.PLAYWRIGHT_LAUNCH_OPTIONS)
    page = _browser["browser"].new_page()
    try:
        def answer_from_mirror(route, request):
            status, headers, body = _mirror_answer(request.url)
            route.fulfill(status=status, headers=headers, body=body)

        page.route("**/*", answer_from_mirror)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return page.content()
    finally:
        page.close()


def as_expected(item: Article) -> dict:
    document = {k: v for k, v in asdict(item).items() if k not in TRANSIENT_FIELDS and k not in CRAWL_FIELDS}
    for key in ("published_at", "modified_at"):
        if document[key] is not None:
            document[key] = document[key].isoformat()
    return document


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# ------------------------------------------------------------------ truth


def truth_problems(truth: dict, documents: list[dict] | None) -> list[str]:
    """Where the documents disagree with the page author's truth (an empty list when they agree)."""
    if truth.get("stored") is False:
        return [] if not documents else [f"stored although the truth says it is not a stored article: {truth['url']}"]
    if not documents:
        return [f"not stored: {truth['url']}"]
    problems = _document_problems(truth, documents[0], "page")
    children = {d["url"]: d for d in documents[1:]}
    for index, child_truth in enumerate(truth.get("children", []), start=1):
        child = children.get(normalize_url(child_truth["url"]))
        if child is None:
            problems.append(f"child {index} {child_truth['url']} missing; have {list(children)}")
            continue
        problems += _document_problems(child_truth, child, f"child {index}")
    return problems


def _document_problems(truth: dict, document: dict, label: str) -> list[str]:
    problems: list[str] = []

    def check(ok: bool, message: str) -> None:
        if not ok:
            problems.append(f"{label}: {message}")

    check(document["url"] == normalize_url(truth["url"]), f"url {document['url']} is not {truth['url']}")
    for key in ("title", "published_at", "modified_at", "section", "source", "summary", "authors", "tags"):
        if key in truth:
            check(document.get(key) == truth[key], f"{key} {document.get(key)!r} is not {truth[key]!r}")
    lines = [line for line in document["body"].split("\n") if line]
    if "body_first" in truth:
        check(bool(lines) and lines[0] == truth["body_first"], f"body_first is {lines[0] if lines else None!r}")
    if "body_last" in truth:
        check(bool(lines) and lines[-1] == truth["body_last"], f"body_last is {lines[-1] if lines else None!r}")
    for line in truth.get("lines", []):
        check(line in lines, f"no body line {line!r}")
    body = "\n" + document["body"] + "\n"
    for snippet in truth.get("with", []):
        check(snippet in body, f"body lacks {snippet!r}")
    for snippet in truth.get("without", []):
        check(snippet not in body, f"body has {snippet!r}")
    if "read_also_urls" in truth:
        expected = [normalize_url(u) for u in truth["read_also_urls"]]
        check(document["read_also_urls"] == expected, f"read_also_urls {document['read_also_urls']} is not {expected}")
    if "embeds" in truth:
        found = [{"type": e["type"], "url": e["url"]} for e in document["embeds"]]
        check(found == truth["embeds"], f"embeds {found} is not {truth['embeds']}")
    if "images" in truth:  # the pictures the truth names must be there; sizes of the lead may be more
        found = [i["url"] for i in document["images"]]
        missing = [i["url"] for i in truth["images"] if i["url"] not in found]
        check(not missing, f"images {found} lack {missing}")
    return problems


def outlet_of_case(path: Path) -> str:
    return path.parent.name


if __name__ == "__main__":
    for path in case_files(sys.argv[1] if len(sys.argv) > 1 else None):
        case = load_case(path)
        case["documents"] = documents_for(case["url"]) or []
        path.write_text(dump(case), encoding="utf-8")
        problems = truth_problems(case["truth"], case["documents"] or None)
        print(f"{path.relative_to(PROJECT)}: {len(case['documents'])} documents, {len(problems)} truth problems")
        for problem in problems:
            print(f"   {problem}")


def run_async(awaitable_factory):
    """The result of a coroutine, run on a loop of its own in a thread of its own (a test may run
    after one that left an event loop set in this thread)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(awaitable_factory())).result()
