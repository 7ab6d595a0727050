"""The extractor's version, recorded in every document (``extractor_version``).

Raise it when a change to extraction or cleaning changes what is stored: ``python -m newscrawler
reextract`` then makes new versions of archived pages whose result changed, even from fetches
older than the stored ones. Versions compare as dotted numbers.
"""

EXTRACTOR_VERSION = "2026.12.3"
