"""Every newscrawler setting and its default, in one place.

``settings.py`` takes these values (from the environment for the names in ``FROM_ENVIRONMENT``),
and components read through ``setting``, which falls back to the same default, so a crawler built
from other settings (a test's, another project's) behaves the same. The README's settings table
lists them.
"""

from __future__ import annotations

import os
import shutil

DEFAULTS: dict[str, object] = {
    # Storage
    "MONGO_URI": "",
    "MONGO_DATABASE": "newscrawler",
    "NEWSCRAWLER_DATA_DIR": "",
    "NEWSCRAWLER_JOURNAL_DIR": "",
    "NEWSCRAWLER_MONGO_TIMEOUT_MS": 5000,
    "NEWSCRAWLER_MONGO_RETRY_SECONDS": 30.0,
    "NEWSCRAWLER_STATE_TIMEOUT_MS": 1000,
    "NEWSCRAWLER_BULK_SIZE": 500,
    "NEWSCRAWLER_FLUSH_SECONDS": 5.0,  # the journal fsynced at least this often
    "NEWSCRAWLER_WRITE_SECONDS": 30.0,  # a batch short of NEWSCRAWLER_BULK_SIZE written once it has waited this long
    # Reading pages
    "NEWSCRAWLER_EXTRACT_WORKERS": -1,  # -1: one process per core but one, at most 3; 0: in the crawl's own process
    "NEWSCRAWLER_MAX_BODY_BYTES": 1_000_000,
    "NEWSCRAWLER_READ_ALSO_DEPTH": 1,
    "NEWSCRAWLER_ARCHIVE_DIR": "",  # write every page read to WARC files there (off when empty)
    "NEWSCRAWLER_ARCHIVE_FILE_MB": 1000,  # a new WARC file past this size
    "NEWSCRAWLER_RECHECK_HOURS": 48.0,
    # Fetching
    "NEWSCRAWLER_MIRROR": "",
    "NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES": False,  # fetch private, loopback and link-local addresses (local copies)
    "NEWSCRAWLER_CHROMIUM": "",
    "NEWSCRAWLER_RENDER_HANDLER": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "NEWSCRAWLER_CONTACT_URL": "https://github.com/newscrawler/newscrawler",
    "NEWSCRAWLER_RETRY_TIMES_4XX": 1,
    "NEWSCRAWLER_RETRY_BACKOFF": 1.0,
    "NEWSCRAWLER_RETRY_BACKOFF_MAX": 30.0,
    # Distributed crawls and health
    "NEWSCRAWLER_REDIS_URL": "",
    "NEWSCRAWLER_REDIS_RUN": "default",
    "MAX_IDLE_TIME_BEFORE_CLOSE": 30,
    "NEWSCRAWLER_HEALTH_MIN_STORED": 1,
    "NEWSCRAWLER_HEALTH_COVERAGE_RATIO": 0.5,
    "NEWSCRAWLER_LOG_LEVEL": "INFO",
    "NEWSCRAWLER_PROGRESS_SECONDS": 60.0,  # a progress line this often (0: none); the summary at the end always
}

#: Settings an environment variable of the same name sets (for cron lines and containers).
FROM_ENVIRONMENT = frozenset({
    "MONGO_URI", "MONGO_DATABASE", "NEWSCRAWLER_DATA_DIR", "NEWSCRAWLER_JOURNAL_DIR", "NEWSCRAWLER_MONGO_TIMEOUT_MS",
    "NEWSCRAWLER_MIRROR", "NEWSCRAWLER_CHROMIUM", "NEWSCRAWLER_CONTACT_URL", "NEWSCRAWLER_RECHECK_HOURS",
    "NEWSCRAWLER_REDIS_URL", "NEWSCRAWLER_REDIS_RUN", "MAX_IDLE_TIME_BEFORE_CLOSE", "NEWSCRAWLER_HEALTH_MIN_STORED",
    "NEWSCRAWLER_HEALTH_COVERAGE_RATIO", "NEWSCRAWLER_LOG_LEVEL", "NEWSCRAWLER_EXTRACT_WORKERS", "NEWSCRAWLER_ARCHIVE_DIR",
})


def project_values() -> dict[str, object]:
    """The values ``settings.py`` starts from: the defaults, and the environment where it may say."""
    values = dict(DEFAULTS)
    for name in FROM_ENVIRONMENT:
        raw = os.environ.get(name)
        if raw not in (None, ""):
            values[name] = type(DEFAULTS[name])(raw)
    if not values["NEWSCRAWLER_CHROMIUM"]:
        values["NEWSCRAWLER_CHROMIUM"] = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    return values


def setting(settings, name: str):
    """``name`` from Scrapy ``settings``, typed like its default, the default when unset or empty."""
    default = DEFAULTS[name]
    value = settings.get(name)
    if value is None or value == "":
        value = os.environ.get(name, "") if name in FROM_ENVIRONMENT else ""
        if value == "":
            return default
    if isinstance(default, bool):
        return str(value).strip().lower() in ("1", "true", "yes", "on")
    return type(default)(value)
