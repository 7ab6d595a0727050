"""Reading a folder of real pages and the truth shipped with them, in the two layouts we measure on.

- The real Arabic corpus (``../shared/corpus/raw``): a ``MANIFEST.tsv`` (file, outlet, page_url …)
  and, beside each ``NAME.html``, ``NAME.truth.json`` in the shape its public test set ships:
  htmldate's ``date``; trafilatura's ``title`` / ``with`` / ``without``; newspaper4k's
  ``metadata.title`` and ``expected_text``; Fundus's ``expected.V1``.
- WCXB, the Web Content eXtraction Benchmark (``../shared/benchmarks/wcxb-dev``): ``html/ID.html.gz``
  and ``ground-truth/ID.json`` (``url``, and ``ground_truth`` with ``title``, ``author``,
  ``publish_date``, ``main_content``, ``with``, ``without``), under ``dev/`` or directly.

Only what a page's truth gives is scored; nothing is added to it.
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Truth:
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, the calendar day the page states
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)
    text: str | None = None  # the expected body


@dataclass
class Page:
    name: str
    url: str
    html: bytes
    truth: Truth


def read_truth(data: dict) -> Truth:
    truth = Truth()
    fundus = data.get("expected", {}).get("V1") if isinstance(data.get("expected"), dict) else None
    if fundus:
        truth.title = fundus.get("title")
        truth.date = (fundus.get("publishing_date") or "")[:10] or None
        sections = fundus.get("body", {}).get("sections", [])
        paragraphs = [p for section in sections for p in section.get("paragraphs", [])]
        truth.text = "\n".join(paragraphs) or None
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    truth.title = truth.title or metadata.get("title") or data.get("title") or None
    truth.date = truth.date or (data.get("date") or "")[:10] or (metadata.get("publish_date") or "")[:10] or None
    truth.text = truth.text or data.get("expected_text") or None
    truth.with_snippets = list(data.get("with") or [])
    truth.without_snippets = list(data.get("without") or [])
    return truth


def read_corpus(folder: Path) -> list[Page]:
    manifest = folder / "MANIFEST.tsv"
    if not manifest.is_file():
        raise FileNotFoundError(f"{manifest} is missing: the corpus folder needs a MANIFEST.tsv (file, outlet, page_url …)")
    pages = []
    with manifest.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            html_path = folder / row["file"]
            truth_path = html_path.with_name(html_path.name.removesuffix(".html") + ".truth.json")
            truth = read_truth(json.loads(truth_path.read_text(encoding="utf-8"))) if truth_path.is_file() else Truth()
            pages.append(Page(row["file"], row["page_url"], html_path.read_bytes(), truth))
    return pages


def wcxb_folder(folder: Path) -> Path | None:
    """The folder holding WCXB's ``html/`` and ``ground-truth/`` (``folder`` or its ``dev/``)."""
    for candidate in (folder, folder / "dev"):
        if (candidate / "html").is_dir() and (candidate / "ground-truth").is_dir():
            return candidate
    return None


def read_wcxb(folder: Path) -> list[Page]:
    split = wcxb_folder(folder)
    if split is None:
        raise FileNotFoundError(f"{folder} holds no html/ and ground-truth/ (a WCXB split)")
    pages = []
    for truth_path in sorted((split / "ground-truth").glob("*.json")):
        data = json.loads(truth_path.read_text(encoding="utf-8"))
        expected = data.get("ground_truth") if isinstance(data.get("ground_truth"), dict) else {}
        html_path = split / "html" / f"{truth_path.stem}.html.gz"
        if not html_path.is_file():
            continue
        truth = Truth(
            title=expected.get("title") or None,
            date=(expected.get("publish_date") or "")[:10] or None,
            with_snippets=list(expected.get("with") or []),
            without_snippets=list(expected.get("without") or []),
            # A page whose truth has no main content is scored too: the right output is nothing.
            text=expected.get("main_content") or "",
        )
        pages.append(Page(truth_path.stem, data.get("url") or "", gzip.decompress(html_path.read_bytes()), truth))
    return pages


def read_pages(folder: Path) -> list[Page]:
    """The pages of a corpus folder in either layout."""
    if (folder / "MANIFEST.tsv").is_file():
        return read_corpus(folder)
    if wcxb_folder(folder) is not None:
        return read_wcxb(folder)
    raise FileNotFoundError(f"{folder} is neither a corpus folder (MANIFEST.tsv) nor a WCXB split (html/, ground-truth/)")
