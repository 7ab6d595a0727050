"""The real-page scoreboard: ``python -m newscrawler.evaluate PATH``.

PATH is a folder laid out like ``../shared/corpus/raw``: one folder per site holding ``NAME.html``
and ``NAME.truth.json``, and a ``MANIFEST.tsv`` giving each page's URL. Each page is extracted by
this project (through the crawl path, ``newscrawler.offline``) and by trafilatura, side by side.
"""
