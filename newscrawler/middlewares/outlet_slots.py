"""Downloader middleware: one download slot per outlet.

An outlet's requests share the slot named after it, whichever of its domains they go to, so
``CONCURRENT_REQUESTS_PER_DOMAIN``, ``DOWNLOAD_DELAY`` and AutoThrottle hold per outlet, and
Scrapy's ``DOWNLOAD_SLOTS`` sets one outlet apart:
``-s 'DOWNLOAD_SLOTS={"aljazeera": {"concurrency": 1, "delay": 2}}'``.
"""

from __future__ import annotations

from newscrawler.outlets import outlet_for_url


class OutletSlotMiddleware:
    def process_request(self, request):
        if "download_slot" not in request.meta:
            outlet = outlet_for_url(request.url)
            if outlet is not None:
                request.meta["download_slot"] = outlet.name
