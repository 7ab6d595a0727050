"""Downloading pages: over HTTP, in the browser for JavaScript pages, from the mirror when one is
set (``handler.PageDownloadHandler``, Scrapy's download handler for http and https)."""
