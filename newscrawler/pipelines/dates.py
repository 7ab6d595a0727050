"""Raw date strings → aware UTC datetimes in the item's outlet timezone."""

from __future__ import annotations

import logging

from newscrawler.component import CrawlerComponent, timed
from newscrawler.dates import parse_date
from newscrawler.items import Article

logger = logging.getLogger(__name__)


def date_article(item: Article) -> None:
    """Set ``published_at`` and ``modified_at`` from the raw strings, in the item's outlet
    timezone, relative dates counting from ``fetched_at``; what cannot be read stays None and is
    listed in ``unparsed_dates``. A pure function of the item: a page-reading worker runs it too."""
    item.unparsed_dates = []
    item.published_at = _parsed(item.published_raw, item)
    item.modified_at = _parsed(item.modified_raw, item)
    item.dated = True


def _parsed(raw: str | None, item: Article):
    if not raw:
        return None
    parsed = parse_date(raw, timezone=item.timezone, now=item.fetched_at)
    if parsed is None:
        item.unparsed_dates.append(raw)
    return parsed


class DatesPipeline(CrawlerComponent):
    """Sets ``published_at`` and ``modified_at`` from ``published_raw`` and ``modified_raw``
    (``date_article``; already done for an item read in a worker process). What cannot be read
    stays None, counted as ``newscrawler/dates/unparsed``; the raw string is kept."""

    def process_item(self, item: Article) -> Article:
        if not item.dated:
            with timed(self.stats, "dates"):
                date_article(item)
        for raw in item.unparsed_dates:
            self.stats.inc_value("newscrawler/dates/unparsed")
            logger.info("Unreadable date %r on %s", raw, item.url)
        return item
