"""``python -m newscrawler show``: print what the store holds."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from urllib.parse import unquote


def add_arguments(commands) -> None:
    parser = commands.add_parser("show", help="print stored articles (a quick look)",
                                 description="A quick look at stored articles, oldest first. It says when it shows only "
                                             "part of them; `python -m newscrawler export` writes them all to a file.")
    parser.add_argument("--outlet", help="only this outlet")
    parser.add_argument("--url", help="only this URL")
    parser.add_argument("--limit", type=int, default=20, help="at most this many (default 20; 0 for all)")
    parser.add_argument("--json", action="store_true", help="whole documents as JSON lines")
    parser.set_defaults(run=run)


def run(args, settings=None) -> int:
    """Print the articles of the store ``settings`` name (the project's by default); one line and
    exit status 2 when MongoDB does not answer."""
    from pymongo.errors import PyMongoError

    from newscrawler.cli import project_settings
    from newscrawler.storage import connect
    from newscrawler.storage.connection import describe

    connection = connect(settings if settings is not None else project_settings())
    try:
        return _print_articles(connection, args)
    except PyMongoError as error:
        print(f"newscrawler show: {connection.description} did not answer ({describe(error)})", file=sys.stderr)
        return 2
    finally:
        connection.close()


def _print_articles(connection, args) -> int:
    query = {k: v for k, v in (("outlet", args.outlet), ("url", args.url)) if v}
    articles = connection.database.articles
    total = articles.count_documents(query)
    cursor = articles.find(query, {"_id": 0}).sort([("first_seen_at", 1), ("url", 1)])
    documents = list(cursor.limit(args.limit) if args.limit > 0 else cursor)  # limit(0) finds nothing in mongoeco
    part = (f"showing {len(documents)} of {total} (--limit 0 shows all; `python -m newscrawler export` writes "
            "them to a file)") if len(documents) < total else ""
    if args.json:
        for document in documents:
            print(json.dumps(document, ensure_ascii=False, default=_default, sort_keys=True))
        if part:
            print(part, file=sys.stderr)  # standard output stays JSON lines
        return 0
    print(f"{total} articles in {connection.description}, database {connection.database.name}"
          + (f"; {part}" if part else ""))
    for document in documents:
        print(describe(document))
    return 0


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
    if document.get("original_url"):
        lines.append(f"  copy of    {readable(document['original_url'])} ({document.get('original_found_by')}, "
                     f"similarity {document.get('original_similarity')})")
    for label, key in (("parents", "parent_urls"), ("read also", "read_also_urls"), ("copied by", "copy_urls")):
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
