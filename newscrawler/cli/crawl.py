"""``python -m newscrawler crawl --all`` (or named outlets): the entry point for cron.

All the named outlets run in one process, one crawler each, so each keeps its own politeness
(download slots per site, AutoThrottle). The exit status is 0 only when every crawl finished
cleanly: 1 when one ended otherwise, logged an error or left articles in the journal
(``newscrawler.outcome``).
"""

from __future__ import annotations

import logging
import sys

from newscrawler.outcome import failures


def add_arguments(commands) -> None:
    parser = commands.add_parser("crawl", help="crawl outlets in one process (the cron entry point)")
    parser.add_argument("outlets", nargs="*", help="outlet spiders to run")
    parser.add_argument("--all", action="store_true", help="every registered outlet")
    parser.add_argument("-a", dest="spider_args", action="append", default=[], metavar="NAME=VALUE",
                        help="spider argument for every outlet (force=1, since=YYYY-MM-DD)")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="Scrapy setting")
    parser.set_defaults(run=run)


def _pairs(values: list[str], what: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            raise ValueError(f"{what} must be NAME=VALUE, not {value!r}")
        pairs[name] = setting
    return pairs


def run(args) -> int:
    from scrapy.crawler import CrawlerProcess
    from scrapy.exceptions import UsageError

    from newscrawler.cli import project_settings
    from newscrawler.outlets import REGISTRY

    names = sorted(REGISTRY) if args.all else args.outlets
    unknown = [name for name in names if name not in REGISTRY]
    if not names or unknown:
        print(f"newscrawler crawl: name outlets or give --all; known: {', '.join(sorted(REGISTRY))}"
              + (f" (unknown: {', '.join(unknown)})" if unknown else ""), file=sys.stderr)
        return 2
    spider_args = _pairs(args.spider_args, "-a")
    settings = project_settings().copy()
    settings.setdict(_pairs(args.settings, "-s"), priority="cmdline")
    logging.getLogger().handlers.clear()  # Scrapy logs for itself, at LOG_LEVEL
    process = CrawlerProcess(settings)
    for name in names:  # bad arguments are one line before anything starts, as with `scrapy crawl`
        try:
            process.spider_loader.load(name).check_arguments(**spider_args)
        except UsageError as error:
            print(f"newscrawler crawl: {error}", file=sys.stderr)
            return 2
    crawlers = []
    for name in names:
        crawler = process.create_crawler(name)
        crawlers.append(crawler)
        process.crawl(crawler, **spider_args)
    process.start()
    failed = 0
    for crawler in crawlers:
        stats = crawler.stats.get_stats()
        problems = failures(stats) if stats else ["did not start"]
        failed += bool(problems)
        print(f"{crawler.spidercls.name:<18} {'FAILED ' + '; '.join(problems) if problems else 'ok'}: "
              f"{stats.get('response_received_count', 0)} pages, "
              f"{stats.get('newscrawler/articles/new', 0)} new, {stats.get('newscrawler/articles/updated', 0)} updated, "
              f"{stats.get('newscrawler/articles/unchanged', 0)} unchanged", flush=True)
    return 1 if failed or process.bootstrap_failed else 0
