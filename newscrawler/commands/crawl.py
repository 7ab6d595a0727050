"""``scrapy crawl`` that checks the spider's arguments first, so that a bad URL or a missing file
gets a one-line usage error instead of a traceback (as does a ``JOBDIR`` a running crawl holds),
and that exits 1 when the crawl failed (``newscrawler.outcome``: not finished, an error logged,
articles left in the journal, no discovery source read)."""

import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawler.extensions.job_folder import in_use_message, locked_by_another
from newscrawler.outcome import failures


class Command(ScrapyCrawlCommand):
    crawler = None

    def _create_crawler(self, spname):
        self.crawler = super()._create_crawler(spname)
        return self.crawler

    def run(self, args, opts) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            try:
                spider_class = self.crawler_process.spider_loader.load(args[0])
            except KeyError:
                known = ", ".join(sorted(self.crawler_process.spider_loader.list()))
                raise UsageError(f"no spider named {args[0]!r}; the spiders are: {known}") from None
            check = getattr(spider_class, "check_arguments", None)
            if check is not None:
                check(**opts.spargs)
        jobdir = self.settings.get("JOBDIR") if self.settings is not None else None
        if jobdir and locked_by_another(jobdir):
            raise UsageError(in_use_message(jobdir))
        super().run(args, opts)
        stats = self.crawler.stats.get_stats() if self.crawler is not None and self.crawler.stats else {}
        problems = failures(stats) if stats else []
        if problems:
            print(f"scrapy crawl {args[0]} failed: {'; '.join(problems)}", file=sys.stderr)
            self.exitcode = 1
