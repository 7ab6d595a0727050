"""Packaging for Scrapyd: ``scrapyd-deploy`` builds an egg of the ``newscrawler`` package.

The project is run from its checkout (``scrapy crawl``, ``python -m newscrawler``); this file
exists so that a Scrapyd server can run it too (see the README's Scrapyd recipe).
"""

from setuptools import find_packages, setup

setup(
    name="newscrawler",
    version="0.1.0",
    packages=find_packages(include=["newscrawler", "newscrawler.*"]),
    entry_points={"scrapy": ["settings = newscrawler.settings"]},
    python_requires=">=3.13",
)
