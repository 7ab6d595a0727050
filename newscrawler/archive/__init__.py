"""The raw-page archive: pages written to WARC files as a crawl reads them (``writer``), and read
back from any WARC file (``reader``) for ``python -m newscrawler reextract``."""
