"""Syndication links: an article another outlet republished is one story, not two.

A copy gets ``original_url`` (the root original: a copy of a copy points at the first), with
``original_found_by`` (``source_line`` or ``similarity``) and ``original_similarity``; the
original gets the copy in ``copy_urls``. Two documents are linked when their bodies are near
duplicates: the Jaccard similarity of their word 3-shingles (over the first ``MAX_WORDS`` words of
``body_normalized``) is at least ``SIMILAR``, they come from different outlets, and each has at
least ``MIN_SHINGLES`` shingles.
Which is the original:

- the one whose outlet the other's source line names ("المصدر: الجديد برس", matched to the
  registered outlets' names, Arabic and Latin): ``source_line``;
- else the one published first (then the one stored first, then the smaller URL): ``similarity``.

A source line naming an outlet we do not crawl stays in ``source``, without a link.

Candidates are found without reading the collection: each body's MinHash signature (``BANDS`` ×
``ROWS`` hash functions) gives ``BANDS`` keys, kept in ``syndication_keys`` (``{_id: key, urls}``);
documents sharing a key are candidates, and the similarity is then computed exactly. A pair above
``SIMILAR`` shares a key with probability 1 − (1 − J^ROWS)^BANDS (0.99 at J = 0.7). Keys are written
before they are looked up, so of two workers storing the two copies at once, the later lookup
finds the other. Only documents whose content was just written take part (new, changed, an
embedded copy replaced by its page); a batch adds one insert of its keys, one read of the keys and
one read of the candidates.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from pymongo import UpdateOne

from newscrawler.storage.inserts import insert_new

KEYS = "syndication_keys"
SHINGLE_WORDS = 3
BANDS, ROWS = 6, 2
#: Jaccard similarity of word 3-shingles from which two bodies are one story. Measured: the highest
#: between different articles of the development set and the corpus is far below (README).
SIMILAR = 0.6
MIN_SHINGLES = 40
#: Only the first words are compared: enough to tell a copy, and a long page costs no more.
MAX_WORDS = 2000
#: A key shared by more documents than this is boilerplate (a standard paragraph), not evidence.
MAX_KEY_URLS = 50

_PRIME = (1 << 31) - 1
_RANDOM = np.random.default_rng(20261202)
_A = _RANDOM.integers(1, _PRIME, BANDS * ROWS, dtype=np.uint64)
_B = _RANDOM.integers(0, _PRIME, BANDS * ROWS, dtype=np.uint64)


def shingles(text: str | None) -> np.ndarray:
    """The word 3-shingles of the first ``MAX_WORDS`` words, hashed (stable across processes:
    CRC-32 of each word, combined), sorted and unique."""
    words = (text or "").split()[:MAX_WORDS]
    if len(words) < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint64)
    vocabulary: dict[str, int] = {}
    ids = np.fromiter((vocabulary.setdefault(word, len(vocabulary)) for word in words), dtype=np.int64, count=len(words))
    word_hashes = np.fromiter((zlib.crc32(word.encode()) for word in vocabulary), dtype=np.uint64,
                              count=len(vocabulary))[ids]
    combined = (word_hashes[:-2] * np.uint64(1_000_003) + word_hashes[1:-1] * np.uint64(7_919) + word_hashes[2:])
    ordered = np.sort(combined % np.uint64(_PRIME))
    # np.unique, in a tenth of its time on a body's few thousand values
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def band_keys(hashed: np.ndarray) -> list[str]:
    signature = ((_A[:, None] * hashed[None, :] + _B[:, None]) % _PRIME).min(axis=1)
    return [f"{band}:" + ".".join(f"{int(v):x}" for v in signature[band * ROWS:(band + 1) * ROWS])
            for band in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two shingle sets (as ``shingles`` returns them)."""
    if not a.size or not b.size:
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common)


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    from newscrawler.text import normalize_for_search

    return " " + " ".join(re.findall(r"\w+", normalize_for_search(text).lower())) + " "


def outlet_named(source: str | None) -> str | None:
    """The registered outlet a source line names (by its Arabic or Latin names), or None."""
    if not source:
        return None
    from newscrawler.outlets import all_outlets

    line = _folded(source)
    for outlet in all_outlets():
        for name in (*outlet.site_names, outlet.name, *outlet.domains):
            folded = _folded(name)
            if len(folded.strip()) >= 3 and folded in line:
                return outlet.name
    return None


@dataclass
class _Link:
    copy: str
    original: str
    found_by: str
    similarity: float


class Syndication:
    def __init__(self, database):
        self.articles = database.articles
        self.keys = database[KEYS]

    def link(self, documents: list[dict]) -> int:
        """Link the just-written ``documents`` with what is stored; the number of links made."""
        prints = {d["url"]: shingles(d.get("body_normalized")) for d in documents}
        prints = {url: hashed for url, hashed in prints.items() if hashed.size >= MIN_SHINGLES}
        if not prints:
            return 0
        keys = {url: band_keys(hashed) for url, hashed in prints.items()}
        holders = self._hold_keys(keys)
        candidates = {}
        for url, url_keys in keys.items():
            others = {other for key in url_keys if len(holders.get(key, ())) <= MAX_KEY_URLS
                      for other in holders.get(key, ()) if other != url}
            if others:
                candidates[url] = others
        if not candidates:
            return 0
        # what decides first (outlet, source line, dates), then the bodies of other outlets' candidates
        wanted = sorted(set(prints) | {url for found in candidates.values() for url in found})
        stored = {d["_id"]: d for d in self.articles.find(
            {"_id": {"$in": wanted}}, {"outlet": 1, "source": 1, "published_at": 1, "first_seen_at": 1,
                                       "original_url": 1, "original_found_by": 1, "copy_urls": 1})}
        elsewhere = {other for url, others in candidates.items() for other in others
                     if other not in prints and other in stored and url in stored
                     and stored[other].get("outlet") != stored[url].get("outlet")}
        bodies = {d["_id"]: shingles(d.get("body_normalized"))
                  for d in self.articles.find({"_id": {"$in": sorted(elsewhere)}}, {"body_normalized": 1})} \
            if elsewhere else {}
        links = self._decide({**bodies, **prints}, candidates, stored)
        for link in links:
            self._write(link, stored)
        return len(links)

    def _hold_keys(self, keys: dict[str, list[str]]) -> dict[str, list[str]]:
        """Who held each key before these documents (URLs), with these documents added to the keys
        that are not crowded. A key another worker inserted meanwhile is read again: of two workers
        storing two copies at once, the later one sees the earlier."""
        wanted = sorted({key for url_keys in keys.values() for key in url_keys})
        holders = {d["_id"]: d.get("urls") or [] for d in self.keys.find({"_id": {"$in": wanted}})}
        fresh = [(key, url) for url, url_keys in keys.items() for key in url_keys if key not in holders]
        taken = []
        if fresh:
            firsts = {}
            for key, url in fresh:
                firsts.setdefault(key, url)
            entries = list(firsts.items())
            taken = [entries[i][0] for i in insert_new(self.keys, [{"_id": key, "urls": [url]} for key, url in entries])]
            if taken:
                holders.update({d["_id"]: d.get("urls") or [] for d in self.keys.find({"_id": {"$in": taken}})})
            for key, url in entries:
                if key not in taken:
                    holders.setdefault(key, [url])
        additions = []
        for url, url_keys in keys.items():
            for key in url_keys:
                held = holders.setdefault(key, [])
                if url not in held and len(held) < MAX_KEY_URLS:  # a crowded key is left as it is
                    held.append(url)
                    additions.append(UpdateOne({"_id": key}, {"$addToSet": {"urls": url}}))
        if additions:
            self.keys.bulk_write(additions, ordered=False)
        return holders

    def _decide(self, prints, candidates, stored) -> list[_Link]:
        best: dict[str, _Link] = {}
        for url, others in candidates.items():
            mine = stored.get(url)
            for other in others:
                theirs = stored.get(other)
                if mine is None or theirs is None or mine.get("outlet") == theirs.get("outlet") or other not in prints:
                    continue
                score = similarity(prints[url], prints[other])
                if score < SIMILAR:
                    continue
                link = _which_is_original(mine, theirs, score)
                current = best.get(link.copy)
                if current is None or _strength(link) > _strength(current):
                    best[link.copy] = link
        return list(best.values())

    def _write(self, link: _Link, stored: dict[str, dict]) -> None:
        copy = stored[link.copy]
        if copy.get("original_url") and not (copy.get("original_found_by") == "similarity"
                                             and link.found_by == "source_line"):
            return  # linked already, on evidence as good
        root = self._root(link.original)
        if root == link.copy:
            return  # the original is itself a copy of this one
        moved = [url for url in copy.get("copy_urls") or [] if url != root]  # copies of the copy: to the root
        self.articles.bulk_write([
            UpdateOne({"_id": link.copy}, {"$set": {"original_url": root, "original_found_by": link.found_by,
                                                    "original_similarity": round(link.similarity, 3)},
                                           "$unset": {"copy_urls": ""}}),
            UpdateOne({"_id": root}, {"$addToSet": {"copy_urls": {"$each": [link.copy, *moved]}}}),
            *[UpdateOne({"_id": url}, {"$set": {"original_url": root}}) for url in moved],
        ], ordered=True)

    def _root(self, url: str) -> str:
        seen = {url}
        while True:
            found = self.articles.find_one({"_id": url}, {"original_url": 1}) or {}
            parent = found.get("original_url")
            if not parent or parent in seen:
                return url
            seen.add(parent)
            url = parent


def _which_is_original(a: dict, b: dict, score: float) -> _Link:
    if outlet_named(a.get("source")) == b.get("outlet"):
        return _Link(a["_id"], b["_id"], "source_line", score)
    if outlet_named(b.get("source")) == a.get("outlet"):
        return _Link(b["_id"], a["_id"], "source_line", score)
    first, second = sorted((a, b), key=_age)
    return _Link(second["_id"], first["_id"], "similarity", score)


def _strength(link: _Link) -> tuple:
    """A source line is better evidence than similarity alone; then the closer copy."""
    return (link.found_by == "source_line", link.similarity)


def _age(document: dict) -> tuple:
    """Earlier first: published, then stored (unknown last), then by URL."""
    published, stored = document.get("published_at"), document.get("first_seen_at")
    return (published is None, published.timestamp() if published else 0.0,
            stored.timestamp() if stored else float("inf"), document["_id"])
