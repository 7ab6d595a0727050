"""Raw date strings → aware UTC datetimes in the item's outlet timezone."""

from __future__ import annotations

import logging

from newscrawler.component import CrawlerComponent, timed
from newscrawler.dates import parse_date
from newscrawler.items import Article

logger = logging.getLogger(__name__)


class DatesPipeline(CrawlerComponent):
    """Sets ``published_at`` and ``modified_at`` from ``published_raw`` and ``modified_raw``.
    Relative dates ("منذ 3 ساعات") count from ``fetched_at``. What cannot be read stays None,
    counted as ``newscrawler/dates/unparsed``; the raw string is kept."""

    def process_item(self, item: Article) -> Article:
        with timed(self.stats, "dates"):
            item.published_at = self._parse(item.published_raw, item)
            item.modified_at = self._parse(item.modified_raw, item)
        return item

    def _parse(self, raw: str | None, item: Article):
        if not raw:
            return None
        parsed = parse_date(raw, timezone=item.timezone, now=item.fetched_at)
        if parsed is None:
            self.stats.inc_value("newscrawler/dates/unparsed")
            logger.info("Unreadable date %r on %s", raw, item.url)
        return parsed
