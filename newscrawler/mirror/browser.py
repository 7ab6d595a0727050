"""The mirror inside the browser: a rendered page keeps its original URL (so its scripts see their
own origin), while every request it makes is fetched from the mirror."""

from __future__ import annotations

from functools import partial

from newscrawler.mirror import mirror_url


async def _fetch_from_mirror(mirror: str, route, request) -> None:
    response = await route.fetch(url=mirror_url(mirror, request.url))
    await route.fulfill(response=response)


async def _route_page(mirror: str, page, request) -> None:
    await page.route("**/*", partial(_fetch_from_mirror, mirror))


def page_init_callback(mirror: str):
    """A scrapy-playwright ``playwright_page_init_callback`` routing the page through ``mirror``."""
    return partial(_route_page, mirror)
