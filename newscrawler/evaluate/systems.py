"""The systems on the scoreboard: this project, through its crawl path, and trafilatura."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from w3lib.encoding import html_to_unicode

from newscrawler.evaluate.scoring import Output
from newscrawler.offline import page_documents
from newscrawler.outlets import outlet_for_url


def ours(url: str, html: bytes, *, registered: bool = True) -> Output:
    """This project; ``registered=False`` without the outlet modules (the generic extractor)."""
    documents = page_documents(url, html, {"Content-Type": "text/html"}, registered=registered)
    if not documents:
        return Output(stored=False)
    article = documents[0]
    date = None
    if article.published_at is not None:
        outlet = outlet_for_url(url)  # the calendar of the outlet's own country, either way
        zone = ZoneInfo(outlet.timezone if outlet else "UTC")
        date = article.published_at.astimezone(zone).date().isoformat()
    return Output(stored=True, title=article.title, date=date, body=article.body)


def trafilatura(url: str, html: bytes) -> Output | None:
    """trafilatura with its defaults and metadata; None when it is not installed."""
    try:
        import trafilatura as library
    except ImportError:
        return None
    _, text = html_to_unicode(None, html)
    extracted = library.extract(text, url=url, output_format="json", with_metadata=True)
    if not extracted:
        return Output(stored=False)
    data = json.loads(extracted)
    return Output(stored=bool(data.get("text")), title=data.get("title"), date=data.get("date"), body=data.get("text") or "")


def ours_generic(url: str, html: bytes) -> Output:
    return ours(url, html, registered=False)
