"""The systems on the scoreboard: this project, through its crawl path, and trafilatura (its default
settings, and ``favor_precision``)."""

from __future__ import annotations

import json

from w3lib.encoding import html_to_unicode

from newscrawler.evaluate.scoring import Output, stated_day
from newscrawler.offline import NeedsRendering, page_documents
from newscrawler.outlets import outlet_for_url


def ours(url: str, html: bytes, *, registered: bool = True) -> Output:
    """This project; ``registered=False`` without the outlet modules (the generic extractor). A
    JavaScript shell that a crawl would render counts as not stored: no browser runs here."""
    try:
        documents = page_documents(url, html, {"Content-Type": "text/html"}, registered=registered)
    except NeedsRendering:
        documents = []
    if not documents:
        return Output(stored=False)
    article = documents[0]
    outlet = outlet_for_url(url)  # the calendar of the outlet's own country, either way
    date = stated_day(article.published_at, article.published_raw, outlet.timezone if outlet else "UTC")
    return Output(stored=True, title=article.title, date=date, body=article.body)


def ours_generic(url: str, html: bytes) -> Output:
    return ours(url, html, registered=False)


def _trafilatura(url: str, html: bytes, **options) -> Output | None:
    """trafilatura with its metadata; None when it is not installed."""
    try:
        import trafilatura as library
    except ImportError:
        return None
    _, text = html_to_unicode(None, html)
    extracted = library.extract(text, url=url, output_format="json", with_metadata=True, **options)
    if not extracted:
        return Output(stored=False)
    data = json.loads(extracted)
    return Output(stored=bool(data.get("text")), title=data.get("title"), date=data.get("date"), body=data.get("text") or "")


def trafilatura(url: str, html: bytes) -> Output | None:
    return _trafilatura(url, html)


def trafilatura_precision(url: str, html: bytes) -> Output | None:
    return _trafilatura(url, html, favor_precision=True)


SYSTEMS = {
    "ours": ours,
    "ours-generic": ours_generic,
    "trafilatura": trafilatura,
    "trafilatura-precision": trafilatura_precision,
}
