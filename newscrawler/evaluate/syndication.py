"""False syndication links on pages nobody here wrote: every page of a corpus folder read as a
crawl reads it, then every pair of pages of different sites compared as storage compares them
(``newscrawler.storage.syndication``). No two pages of these folders are copies of one another,
so every pair at or above the threshold would be a false link. Pairs of one site are counted
apart (storage never links them: different articles of one site share its boilerplate)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class SyndicationCheck:
    pages: int = 0
    compared: int = 0  # pages with a body long enough to take part
    cross_site_pairs: int = 0
    same_site_pairs: int = 0
    false_links: list[tuple[str, str, float]] = field(default_factory=list)
    closest: list[tuple[float, str, str]] = field(default_factory=list)  # the closest cross-site pairs


def check(folder: Path, *, top: int = 5) -> SyndicationCheck:
    from newscrawler.evaluate.corpus import read_pages
    from newscrawler.offline import NeedsRendering, page_documents
    from newscrawler.storage.syndication import (
        MIN_SHINGLES,
        SIMILAR,
        shingles,
        similarity,
    )

    result = SyndicationCheck()
    prints = {}
    for page in read_pages(folder):
        result.pages += 1
        try:
            documents = page_documents(page.url, page.html)
        except NeedsRendering:
            continue
        for document in documents:
            hashed = shingles(document.body_normalized)
            if hashed.size >= MIN_SHINGLES:
                prints[document.url] = hashed
    result.compared = len(prints)
    scores = []
    for (a, hashed_a), (b, hashed_b) in combinations(prints.items(), 2):
        if _site(a) == _site(b):
            result.same_site_pairs += 1
            continue
        result.cross_site_pairs += 1
        score = similarity(hashed_a, hashed_b)
        if score:
            scores.append((score, a, b))
        if score >= SIMILAR:
            result.false_links.append((a, b, score))
    result.closest = sorted(scores, reverse=True)[:top]
    return result


def _site(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return ".".join(host.split(".")[-2:])


def render(result: SyndicationCheck) -> str:
    from newscrawler.storage.syndication import SIMILAR

    lines = [f"{result.pages} pages, {result.compared} with a body long enough to compare: "
             f"{result.cross_site_pairs} pairs of different sites ({result.same_site_pairs} of one site, never linked)",
             f"false links at the threshold {SIMILAR}: {len(result.false_links)}",
             "closest pairs of different sites:"]
    lines += [f"  {score:.3f}  {unquote(a)}  ~  {unquote(b)}" for score, a, b in result.closest]
    return "\n".join(lines)
