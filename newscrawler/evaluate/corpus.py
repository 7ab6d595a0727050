"""Reading a corpus folder: pages, their URLs and the truth shipped with them.

Truth comes in the shapes the public test sets ship it: htmldate's ``date``; trafilatura's
``title`` / ``with`` / ``without``; newspaper4k's ``metadata.title`` and ``expected_text``;
Fundus's ``expected.V1`` (title, publishing_date, body paragraphs). Only what a page's truth
gives is scored; nothing is added to it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Truth:
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, the outlet's local calendar date
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
