"""Scrapy settings: pipeline order, politeness. Nothing per outlet. newscrawler's own settings and
their defaults are in ``newscrawler/defaults.py`` (the environment may set some of them)."""

from newscrawler.defaults import project_values
from newscrawler.extensions.log_lines import quiet_scrapy_loggers
from newscrawler.identity import user_agent

globals().update(project_values())

BOT_NAME = "newscrawler"
SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"
COMMANDS_MODULE = "newscrawler.commands"

# Storage: a MongoDB server when MONGO_URI is set, else the embedded store under the data folder.
# Offline copies: NEWSCRAWLER_MIRROR=http://HOST:PORT fetches every URL from HOST:PORT/<host>/<path>.
DOWNLOAD_HANDLERS = {
    "http": "newscrawler.download.handler.PageDownloadHandler",
    "https": "newscrawler.download.handler.PageDownloadHandler",
}

# JavaScript pages: scrapy-playwright renders requests marked "playwright" (outlets that declare
# needs_js, and pages the generic spider finds to be empty JavaScript shells) in the system's
# Chromium (NEWSCRAWLER_CHROMIUM), started on the first such page; every other request goes
# through Scrapy's HTTP/1.1 handler.
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "headless": True,
    **({"executable_path": NEWSCRAWLER_CHROMIUM} if NEWSCRAWLER_CHROMIUM else {}),  # noqa: F821
    # As root without a sandbox, and without the background traffic a closed network refuses.
    "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"],
}
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000

ITEM_PIPELINES = {
    "newscrawler.pipelines.CleanPipeline": 100,
    "newscrawler.pipelines.DatesPipeline": 200,
    "newscrawler.pipelines.StorePipeline": 900,
}
DOWNLOADER_MIDDLEWARES = {
    "newscrawler.middlewares.containment.ContainmentMiddleware": 40,  # before Scrapy's OffsiteMiddleware (50)
    "newscrawler.middlewares.outlet_slots.OutletSlotMiddleware": 95,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawler.middlewares.backoff.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "newscrawler.middlewares.named_drops.NamedDecompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawler.middlewares.named_drops.NamedRedirectMiddleware": 600,
    "newscrawler.middlewares.encoding.MislabelledEncodingMiddleware": 950,
}
EXTENSIONS = {
    "newscrawler.extensions.crawl_record.CrawlRecord": 500,
    # progress lines (in place of Scrapy's LogStats), the summary at the end, Scrapy's lists at DEBUG
    "scrapy.extensions.logstats.LogStats": None,
    "newscrawler.extensions.crawl_log.CrawlLog": 510,
    "newscrawler.extensions.job_folder.JobFolder": 0,
}

# Distributed crawls: with NEWSCRAWLER_REDIS_URL, the scheduler and the duplicate filter live in
# Redis (scrapy-redis), so any number of workers of one spider share one frontier.
ADDONS = {
    "newscrawler.distributed.RedisFrontier": 100,
    "newscrawler.identity.Identity": 110,
}

# Politeness.
# The Identity add-on follows -s NEWSCRAWLER_CONTACT_URL.
USER_AGENT = user_agent(NEWSCRAWLER_CONTACT_URL)  # noqa: F821 (from project_values)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
# What one response yields (its articles, its read-also requests) goes through the item pipelines
# this many at a time. Scrapy starts that many asyncio tasks for every response, whatever it
# yields, and its default (100) cost about 1.8 ms of the reactor's CPU a page (a bare spider
# measured side by side: 9.96 against 8.19 ms a page); the pipelines never wait on anything, so
# more than a few at a time gains nothing.
CONCURRENT_ITEMS = 4
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # per outlet: each outlet has one download slot (OutletSlotMiddleware)
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# Bad answers: every 4xx and 5xx is retried with a wait of 1 s, then 2 s (NEWSCRAWLER_RETRY_BACKOFF
# doubling, at most NEWSCRAWLER_RETRY_BACKOFF_MAX, or Retry-After), then counted as
# newscrawler/dropped/http_<status>. Transient answers (408, 425, 429, 5xx) get RETRY_TIMES retries;
# the others (403, 404, 410 …), which asking again rarely changes, get NEWSCRAWLER_RETRY_TIMES_4XX.
# A 4xx for robots.txt is an answer (no rules), not retried. A page that gave up is a warning, not
# an error: it does not fail the crawl.
RETRY_TIMES = 2
RETRY_HTTP_CODES = [*range(400, 452), *range(500, 512), *range(520, 531)]
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"  # the spider logs the page it lost, once, as a warning
COOKIES_ENABLED = False


FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = NEWSCRAWLER_LOG_LEVEL  # noqa: F821 (from project_values)
LOG_VERSIONS = []  # "Scrapy … started" is enough at the top of a crawl's log
quiet_scrapy_loggers()  # Scrapy's start-up lists at DEBUG, before the first crawler logs them
# No control ports on an unattended crawler.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False
