"""The bare Scrapy spider ``bench crawl`` compares with: the sitemap, then each page downloaded and
its ``<title>`` read, nothing stored. ``python -m newscrawler.cli.bench_bare SITEMAP MIRROR OUT``
runs it with the settings given as JSON on standard input and writes its figures to OUT."""

from __future__ import annotations

import json
import sys
import time

import scrapy
from scrapy.crawler import CrawlerProcess


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, sitemap: str, mirror: str, **kwargs):
        super().__init__(**kwargs)
        self.sitemap, self.mirror = sitemap, mirror.rstrip("/")

    def through_mirror(self, url: str) -> str:
        return self.mirror + "/" + url.split("://", 1)[1]

    async def start(self):
        yield scrapy.Request(self.through_mirror(self.sitemap), callback=self.parse_sitemap)

    def parse_sitemap(self, response):
        response.selector.remove_namespaces()
        for url in response.xpath("//url/loc/text()").getall():
            yield scrapy.Request(self.through_mirror(url.strip()))

    def parse(self, response):
        self.crawler.stats.inc_value("bench/titles", bool(response.css("title::text").get()))


def main() -> int:
    sitemap, mirror, out = sys.argv[1:4]
    settings = json.load(sys.stdin)
    process = CrawlerProcess(settings={**settings, "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False})
    crawler = process.create_crawler(BareSpider)
    started = time.perf_counter()
    process.crawl(crawler, sitemap=sitemap, mirror=mirror)
    process.start()
    stats = crawler.stats.get_stats()
    figures = {"pages": int(stats.get("bench/titles", 0)), "wall_seconds": time.perf_counter() - started,
               "elapsed_seconds": (stats["finish_time"] - stats["start_time"]).total_seconds()}
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(figures, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
