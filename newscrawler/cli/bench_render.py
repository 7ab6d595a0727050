"""``python -m newscrawler bench render``: memory of JavaScript rendering over many pages.

Renders the same JavaScript-shell article N times (through the real download handler, the mirror
and Chromium) and prints the resident memory of this process and its children (the Playwright
driver and Chromium) after 20 renders and after N. Pages are closed after each render, so the
two figures should stay close. The crawl keeps to a store of its own in a temporary folder: the
user's ``MONGO_URI`` and data folder are never touched.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import scrapy

SHELL = """<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>تطبيق</title></head>
<body><div id="root"></div><script>
fetch('/api/article.json').then(r => r.json()).then(a => {
  document.getElementById('root').innerHTML = '<h1>' + a.title + '</h1>' + a.paragraphs.map(p => '<p>' + p + '</p>').join('');
});
</script></body></html>"""
ARTICLE = '{"title": "مقال", "paragraphs": ["%s"]}' % ("نص مقال يكتبه السكربت في المتصفح. " * 40)
CHECKPOINT = 20


def process_tree_rss_mb(pid: int, *, descendants: bool = True) -> float:
    """Resident memory of ``pid`` (and all its descendants), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    total_kb, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack += children.get(current, []) if descendants else []
        try:
            status = (Path("/proc") / str(current) / "status").read_text()
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total_kb / 1024


class RenderSpider(scrapy.Spider):
    name = "bench-render"

    def __init__(self, count: int, results: dict, **kwargs):
        super().__init__(**kwargs)
        self.count, self.results, self.rendered = count, results, 0

    async def start(self):
        from newscrawler.spiders.base import rendering_meta

        for _ in range(self.count):
            yield scrapy.Request("https://bench.example/article", meta=rendering_meta(), callback=self.parse, dont_filter=True)

    def parse(self, response):
        import os

        self.rendered += 1
        if "<h1>" not in response.text:
            self.results["unrendered"] = self.results.get("unrendered", 0) + 1
        if self.rendered in (CHECKPOINT, self.count):
            pid = os.getpid()
            self.results[self.rendered] = (process_tree_rss_mb(pid, descendants=False), process_tree_rss_mb(pid))


def run(args) -> int:
    import logging

    from scrapy.crawler import CrawlerProcess

    from newscrawler.cli import own_store, project_settings
    from newscrawler.mirror.server import MirrorServer

    with tempfile.TemporaryDirectory(prefix="newscrawler-bench-render-") as folder:
        store = own_store(Path(folder) / "store")
        site = Path(folder) / "bench.example"
        (site / "api").mkdir(parents=True)
        (site / "article").write_text(SHELL, encoding="utf-8")
        (site / "api" / "article.json").write_text(ARTICLE, encoding="utf-8")
        results: dict = {}
        with MirrorServer(folder) as mirror:
            settings = project_settings().copy()
            settings.setdict({**store, "NEWSCRAWLER_MIRROR": mirror.url, "ITEM_PIPELINES": {}, "ROBOTSTXT_OBEY": False,
                              "LOG_LEVEL": "ERROR", "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
                              "CONCURRENT_REQUESTS": 4, "CONCURRENT_REQUESTS_PER_DOMAIN": 4}, priority="cmdline")
            logging.getLogger().handlers.clear()  # Scrapy logs for itself, at LOG_LEVEL
            process = CrawlerProcess(settings)
            process.crawl(RenderSpider, count=args.count, results=results)
            process.start()
    print(f"Rendered {args.count} JavaScript pages in Chromium. Resident memory (MB) of the crawler process "
          f"alone, and with its children (the Playwright driver and Chromium's processes):")
    for point in (CHECKPOINT, args.count):
        alone, tree = results.get(point, (float("nan"), float("nan")))
        print(f"  after {point:>4} renders: crawler {alone:7.1f}   with children {tree:7.1f}")
    if CHECKPOINT in results and args.count in results:
        (alone_a, tree_a), (alone_b, tree_b) = results[CHECKPOINT], results[args.count]
        print(f"  growth from {CHECKPOINT} to {args.count} renders: crawler {alone_b - alone_a:+.1f}   with children {tree_b - tree_a:+.1f}")
    if results.get("unrendered"):
        print(f"  {results['unrendered']} pages came back unrendered")
    return 0
