"""``python -m newscrawler bench extract PATH``: extraction speed, ours beside trafilatura.

Both read the same pages of a corpus folder (``../shared/corpus/raw``, or a WCXB split such as
``../shared/benchmarks/wcxb-dev``), several rounds each, interleaved, in this one process; the
figure that matters is the ratio.
"""

from __future__ import annotations

import logging
import statistics
import time
from pathlib import Path


def run(args) -> int:
    from w3lib.encoding import html_to_unicode

    from newscrawler.evaluate.corpus import read_pages
    from newscrawler.extract import extract_page
    from newscrawler.extract.source import page_source
    from newscrawler.outlets import outlet_for_url
    from newscrawler.text import clean_text

    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed (pip install -r requirements-dev.txt)")
        return 2
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its "discarding data" lines are not figures
    loaded = [(p.url, p.html, *html_to_unicode(None, p.html)) for p in read_pages(Path(args.path))]
    pages = [(url, text) for url, _, _, text in loaded]

    def ours():
        for url, html in pages:
            clean_text(extract_page(html, url, outlet_for_url(url)).article.body)

    def theirs():
        for url, html in pages:
            trafilatura.extract(html, url=url, with_metadata=True)

    timings = {"ours": [], "trafilatura": []}
    for _ in range(args.rounds):
        for name, work in (("ours", ours), ("trafilatura", theirs)):
            started = time.perf_counter()
            work()
            timings[name].append(time.perf_counter() - started)
    best = {name: min(values) for name, values in timings.items()}
    print(f"{len(pages)} pages, best of {args.rounds} interleaved rounds, extraction and cleaning only:")
    for name, seconds in best.items():
        print(f"  {name:<12} {len(pages) / seconds:8.1f} pages/s")
    print(f"  ratio ours/trafilatura: {best['trafilatura'] / best['ours']:.2f}x as fast (measured side by side in this run)")
    _per_page([(url, page_source(body, encoding, text)) for url, body, encoding, text in loaded], args.rounds)
    return 0


def _per_page(pages, rounds: int) -> None:
    """Milliseconds per page as a crawl's page reader spends them (extraction, then cleaning every
    field of every article, then dates) on the page as a crawl hands it over (``page_source``), the
    best of ``rounds`` for each page; the medians."""
    from newscrawler.defaults import DEFAULTS
    from newscrawler.extract.workers import read
    from newscrawler.outlets import outlet_for_url

    best = []
    for url, html in pages:
        outlet = outlet_for_url(url)
        runs = [read(html, url, outlet.name if outlet else None, [], None, DEFAULTS["NEWSCRAWLER_MAX_BODY_BYTES"])[1]
                for _ in range(rounds)]
        best.append(min(runs, key=lambda seconds: seconds["extract"] + seconds["clean"]))
    median = lambda values: statistics.median(values) * 1000  # noqa: E731
    print(f"  per page, as a crawl reads it (median of each page's best): extraction + cleaning "
          f"{median([b['extract'] + b['clean'] for b in best]):.1f} ms (extraction {median([b['extract'] for b in best]):.1f}, "
          f"cleaning {median([b['clean'] for b in best]):.2f}, dates {median([b['dates'] for b in best]):.2f})")
