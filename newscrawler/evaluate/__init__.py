"""The real-page scoreboard: ``python -m newscrawler evaluate PATH``.

PATH is the real Arabic corpus (``../shared/corpus/raw``: a ``MANIFEST.tsv`` and each page's shipped
truth) or a WCXB split (``../shared/benchmarks/wcxb-dev``: ``html/`` and ``ground-truth/``). Each
page goes through this project's crawl path (``newscrawler.offline``: the spider's callback and the
pipelines, as a crawl stores it), with and without the outlet modules, and through trafilatura
(default settings, and ``favor_precision``), side by side in one run.
"""
