"""Scrapy settings: pipeline order, storage from the environment, politeness. Nothing per outlet."""

import os
import shutil

from newscrawler.identity import user_agent

BOT_NAME = "newscrawler"
SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"
COMMANDS_MODULE = "newscrawler.commands"

# Storage: a MongoDB server when MONGO_URI is set, else the embedded store under the data folder.
MONGO_URI = os.environ.get("MONGO_URI", "")
MONGO_DATABASE = os.environ.get("MONGO_DATABASE", "newscrawler")
NEWSCRAWLER_DATA_DIR = os.environ.get("NEWSCRAWLER_DATA_DIR", "")
NEWSCRAWLER_MONGO_TIMEOUT_MS = int(os.environ.get("NEWSCRAWLER_MONGO_TIMEOUT_MS", "5000"))
NEWSCRAWLER_BULK_SIZE = 50
NEWSCRAWLER_FLUSH_SECONDS = 5.0

# Offline copies: fetch every URL from http://HOST:PORT/<host>/<path>?<query>.
NEWSCRAWLER_MIRROR = os.environ.get("NEWSCRAWLER_MIRROR", "")
DOWNLOAD_HANDLERS = {
    "http": "newscrawler.download.handler.PageDownloadHandler",
    "https": "newscrawler.download.handler.PageDownloadHandler",
}

# JavaScript pages: scrapy-playwright renders requests marked "playwright" (outlets that declare
# needs_js, and pages the generic spider finds to be empty JavaScript shells) in the system's
# Chromium, started on the first such page; every other request goes through Scrapy's HTTP/1.1
# handler.
NEWSCRAWLER_RENDER_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
NEWSCRAWLER_CHROMIUM = os.environ.get("NEWSCRAWLER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or ""
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "headless": True,
    **({"executable_path": NEWSCRAWLER_CHROMIUM} if NEWSCRAWLER_CHROMIUM else {}),
    # As root without a sandbox, and without the background traffic a closed network refuses.
    "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"],
}
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000

# How many levels of read-also links to follow from a crawled page.
NEWSCRAWLER_READ_ALSO_DEPTH = 1

ITEM_PIPELINES = {
    "newscrawler.pipelines.CleanPipeline": 100,
    "newscrawler.pipelines.DatesPipeline": 200,
    "newscrawler.pipelines.StorePipeline": 900,
}
DOWNLOADER_MIDDLEWARES = {
    "newscrawler.middlewares.containment.ContainmentMiddleware": 40,  # before Scrapy's OffsiteMiddleware (50)
    "newscrawler.middlewares.incremental.IncrementalMiddleware": 90,
    "newscrawler.middlewares.outlet_slots.OutletSlotMiddleware": 95,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawler.middlewares.backoff.BackoffRetryMiddleware": 550,
    "newscrawler.middlewares.encoding.MislabelledEncodingMiddleware": 950,
}
EXTENSIONS = {
    "newscrawler.extensions.crawl_record.CrawlRecord": 500,
}

# Scheduled re-crawls: a stored article is fetched again only when its sitemap or feed lastmod
# moved, or when it was published within this many hours (or with -a force=1).
NEWSCRAWLER_RECHECK_HOURS = float(os.environ.get("NEWSCRAWLER_RECHECK_HOURS", "48"))

# Health (python -m newscrawler health): an outlet is unhealthy when its last run stored fewer
# articles than this, or when its coverage of a required field (title, body, published_at) fell
# below this share of its average over the five runs before.
NEWSCRAWLER_HEALTH_MIN_STORED = int(os.environ.get("NEWSCRAWLER_HEALTH_MIN_STORED", "1"))
NEWSCRAWLER_HEALTH_COVERAGE_RATIO = float(os.environ.get("NEWSCRAWLER_HEALTH_COVERAGE_RATIO", "0.5"))

# Distributed crawls: with a Redis URL, the scheduler and the duplicate filter live in Redis
# (scrapy-redis), so any number of workers of one spider share one frontier. Workers close after
# MAX_IDLE_TIME_BEFORE_CLOSE seconds without work (scrapy-redis's setting).
NEWSCRAWLER_REDIS_URL = os.environ.get("NEWSCRAWLER_REDIS_URL", "")
NEWSCRAWLER_REDIS_RUN = os.environ.get("NEWSCRAWLER_REDIS_RUN", "default")
MAX_IDLE_TIME_BEFORE_CLOSE = int(os.environ.get("MAX_IDLE_TIME_BEFORE_CLOSE", "30"))
ADDONS = {
    "newscrawler.distributed.RedisFrontier": 100,
    "newscrawler.identity.Identity": 110,
}

# Politeness.
NEWSCRAWLER_CONTACT_URL = os.environ.get("NEWSCRAWLER_CONTACT_URL", "https://github.com/newscrawler/newscrawler")
USER_AGENT = user_agent(NEWSCRAWLER_CONTACT_URL)  # the Identity add-on follows -s NEWSCRAWLER_CONTACT_URL
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # per outlet: each outlet has one download slot (OutletSlotMiddleware)
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# Huge pages: a body longer than this (UTF-8 bytes) is cut at a paragraph and flagged truncated.
NEWSCRAWLER_MAX_BODY_BYTES = 1_000_000
# Bad answers: every 4xx and 5xx is retried with a wait of 1 s, then 2 s (NEWSCRAWLER_RETRY_BACKOFF
# doubling, at most NEWSCRAWLER_RETRY_BACKOFF_MAX, or Retry-After), then counted as
# newscrawler/dropped/http_<status>. Transient answers (408, 425, 429, 5xx) get RETRY_TIMES retries;
# the others (403, 404, 410 …), which asking again rarely changes, get NEWSCRAWLER_RETRY_TIMES_4XX.
# A 4xx for robots.txt is an answer (no rules), not retried. A page that gave up is a warning, not
# an error: it does not fail the crawl.
RETRY_TIMES = 2
RETRY_HTTP_CODES = [*range(400, 452), *range(500, 512), *range(520, 531)]
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # the spider logs the page it lost, once, as a warning
NEWSCRAWLER_RETRY_TIMES_4XX = 1
NEWSCRAWLER_RETRY_BACKOFF = 1.0
NEWSCRAWLER_RETRY_BACKOFF_MAX = 30.0
COOKIES_ENABLED = False


FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("NEWSCRAWLER_LOG_LEVEL", "INFO")
# No control ports on an unattended crawler.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False
