"""``scrapy crawl`` that checks the spider's arguments first, so that a bad URL or a missing file
gets a one-line usage error instead of a traceback."""

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCrawlCommand):
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
        super().run(args, opts)
