"""newscrawler: Arabic news outlets crawled into MongoDB."""

__version__ = "0.1.0"
