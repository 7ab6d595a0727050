"""Scrapy's own log lines, for a person: its start-up lists (enabled add-ons and components,
overridden settings: the retry codes alone are 80 lines) at DEBUG, its stats dump on one line, and
no traceback for a download that failed (robots.txt of an unresolvable host, say): one line
naming the reason (``dns``, ``timeout``…), as the spider names each page it could not fetch.

``settings.py`` installs the filter when the project's settings are read, before any crawler
logs; ``CrawlLog`` installs it too, for crawlers built from other settings.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit


class ScrapyLogLines(logging.Filter):
    """On Scrapy's loggers: start-up lists down to DEBUG, the stats dump on one line, a failed
    download in one line with its reason instead of a traceback. Bugs (an exception in a
    callback) keep their tracebacks."""

    TO_DEBUG = ("Enabled %(componentname)ss", "Overridden settings", "Enabled addons")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.msg if isinstance(record.msg, str) else ""
        if message.startswith(self.TO_DEBUG):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        elif message.startswith("Dumping Scrapy stats:"):
            record.msg = " ".join(record.getMessage().split())
            record.args = ()
        elif message.startswith("Error downloading") and record.exc_info:
            from newscrawler.spiders.responses import reason_name

            error = record.exc_info[1]
            reason = reason_name(type(error).__name__) if error is not None else "error"
            request = record.args.get("request") if isinstance(record.args, dict) else None
            if record.name == "scrapy.downloadermiddlewares.robotstxt" and request is not None:
                record.msg, record.args = "Could not fetch robots.txt of %s: %s", (urlsplit(request.url).netloc, reason)
            else:
                record.msg = f"{record.getMessage()} ({reason})"
                record.args = ()
            record.exc_info, record.exc_text = None, None
        return True


#: The Scrapy loggers whose records ``ScrapyLogLines`` reshapes.
SCRAPY_LOGGERS = ("scrapy.addons", "scrapy.crawler", "scrapy.middleware", "scrapy.statscollectors",
                  "scrapy.downloadermiddlewares.robotstxt", "scrapy.core.scraper")


def quiet_scrapy_loggers() -> None:
    """Put ``ScrapyLogLines`` on Scrapy's loggers, once a process."""
    for name in SCRAPY_LOGGERS:
        named = logging.getLogger(name)
        if not any(isinstance(f, ScrapyLogLines) for f in named.filters):
            named.addFilter(ScrapyLogLines())
