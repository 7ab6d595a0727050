"""Whether a finished crawl failed: the exit status of ``scrapy crawl`` and ``crawl --all``."""

from __future__ import annotations


def failures(stats: dict) -> list[str]:
    """Why a crawl counts as failed, from its stats (an empty list when it did not). Bad pages
    are counted, not failures; an unfinished crawl, a logged error or articles left in the
    journal are."""
    found = []
    if stats.get("finish_reason") != "finished":
        found.append(f"finished: {stats.get('finish_reason')}")
    if stats.get("log_count/ERROR"):
        found.append(f"{stats['log_count/ERROR']} errors logged")
    if stats.get("newscrawler/journal/articles"):
        found.append(f"{stats['newscrawler/journal/articles']} articles in the journal, not in MongoDB")
    if stats.get("newscrawler/journal/crawl_runs"):
        found.append("the crawl record is in the journal, not in MongoDB")
    if stats.get("newscrawler/store/lost_batches"):
        found.append(f"{stats['newscrawler/store/lost_batches']} batches lost")
    return found
