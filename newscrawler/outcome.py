"""Whether a finished crawl failed: the exit status of ``scrapy crawl`` and ``crawl --all``."""

from __future__ import annotations


def failures(stats: dict) -> list[str]:
    """Why a crawl counts as failed, from its stats (an empty list when it did not). Bad pages
    are counted, not failures; an unfinished crawl (``store_unusable``: it could not keep what it
    scraped), a logged error, articles left in the journal, lost or refused by MongoDB are."""
    found = []
    if stats.get("finish_reason") != "finished":
        found.append(f"finished: {stats.get('finish_reason')}")
    if stats.get("log_count/ERROR"):
        found.append(f"{stats['log_count/ERROR']} errors logged")
    if stats.get("newscrawler/journal/articles"):
        found.append(f"{stats['newscrawler/journal/articles']} articles in the journal, not in MongoDB")
    if stats.get("newscrawler/journal/crawl_runs"):
        found.append("the crawl record is in the journal, not in MongoDB")
    if stats.get("newscrawler/store/lost_articles") or stats.get("newscrawler/store/lost_batches"):
        found.append(f"{stats.get('newscrawler/store/lost_articles', 0)} articles lost "
                     f"({stats.get('newscrawler/store/lost_batches', 0)} batches)")
    if stats.get("newscrawler/store/refused_articles"):
        found.append(f"{stats['newscrawler/store/refused_articles']} articles refused by MongoDB (set aside)")
    if stats.get("newscrawler/sources/failed_total") and not stats.get("newscrawler/sources/read"):
        found.append(f"no discovery source could be read ({stats['newscrawler/sources/failed_total']} failed)")
    return found
