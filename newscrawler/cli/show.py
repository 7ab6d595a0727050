"""``python -m newscrawler show``: print what the store holds."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import unquote


def add_arguments(commands) -> None:
    parser = commands.add_parser("show", help="print stored articles")
    parser.add_argument("--outlet", help="only this outlet")
    parser.add_argument("--url", help="only this URL")
    parser.add_argument("--limit", type=int, default=20, help="at most this many (default 20)")
    parser.add_argument("--json", action="store_true", help="whole documents as JSON lines")
    parser.set_defaults(run=run)


def run(args) -> int:
    from newscrawler.cli import project_settings
    from newscrawler.storage import connect

    connection = connect(project_settings())
    try:
        query = {k: v for k, v in (("outlet", args.outlet), ("url", args.url)) if v}
        articles = connection.database.articles
        total = articles.count_documents(query)
        documents = list(articles.find(query, {"_id": 0}).sort([("first_seen_at", 1), ("url", 1)]).limit(args.limit))
        if args.json:
            for document in documents:
                print(json.dumps(document, ensure_ascii=False, default=_default, sort_keys=True))
            return 0
        print(f"{total} articles in {connection.description}, database {connection.database.name}")
        for document in documents:
            print(describe(document))
        return 0
    finally:
        connection.close()


def _default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def describe(document: dict) -> str:
    body = document.get("body") or ""
    lines = [
        "",
        f"● {document.get('title')}",
        f"  url        {readable(document.get('url') or '')}",
        f"  outlet     {document.get('outlet')} ({document.get('origin')}), version {document.get('version')}",
        f"  published  {_when(document.get('published_at'))}   raw: {document.get('published_raw')!r}",
    ]
    for label, key in (("source", "source"), ("section", "section")):
        if document.get(key):
            lines.append(f"  {label:<10} {document[key]}")
    for label, key in (("authors", "authors"), ("tags", "tags")):
        if document.get(key):
            lines.append(f"  {label:<10} {'، '.join(document[key])}")
    for label, key in (("parents", "parent_urls"), ("read also", "read_also_urls")):
        for index, url in enumerate(document.get(key) or []):
            lines.append(f"  {label if index == 0 else '':<10} {readable(url)}")
    for embed in document.get("embeds") or []:
        lines.append(f"  embed      {embed.get('type')} {embed.get('url')}")
    paragraphs = [p for p in body.split("\n") if p]
    lines.append(f"  body       {len(paragraphs)} paragraphs, {len(body)} characters")
    for paragraph in paragraphs[:3]:
        lines.append(f"    {paragraph[:160]}{'…' if len(paragraph) > 160 else ''}")
    return "\n".join(lines)


def readable(url: str) -> str:
    """URLs are stored percent-encoded; people read them decoded."""
    return unquote(url)


def _when(value) -> str:
    return value.isoformat() if isinstance(value, datetime) else "unknown"
