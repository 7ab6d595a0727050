"""Small news sites made at test time in a temporary folder: articles and a sitemap, for tests
that need many pages, dates relative to now, or pages that change between crawls."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HOST = "news.test-site.example"
PARAGRAPH = ("تواصل الحكومة تنفيذ خطتها لتطوير البنية التحتية في المحافظات، وتقول إن المرحلة المقبلة "
             "ستشمل مشروعات جديدة للطرق والمياه والكهرباء، مع متابعة أسبوعية لمعدلات التنفيذ. ")


@dataclass
class Page:
    number: int
    published: datetime
    lastmod: datetime
    version: int = 1
    read_also: tuple[int, ...] = ()  # numbers of the pages its "اقرأ أيضا" block links to

    @property
    def path(self) -> str:
        return f"/news/{self.number}"

    @property
    def url(self) -> str:
        return f"https://{HOST}{self.path}"

    def html(self) -> str:
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": f"خبر رقم {self.number}",
                "datePublished": self.published.isoformat()}
        paragraphs = "".join(f"<p>{PARAGRAPH}(النسخة {self.version})</p>" for _ in range(3))
        links = "".join(f'<li><a href="/news/{n}">خبر رقم {n}</a></li>' for n in self.read_also)
        read_also = f"<aside><h3>اقرأ أيضا</h3><ul>{links}</ul></aside>" if links else ""
        return (f'<html lang="ar"><head><title>خبر رقم {self.number}</title>'
                f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script></head>'
                f"<body><article><h1>خبر رقم {self.number}</h1>{paragraphs}{read_also}</article></body></html>")


def write_site(folder: Path, pages: list[Page]) -> str:
    """Write the pages and their sitemap under ``folder``; return the sitemap's URL."""
    site = folder / HOST
    (site / "news").mkdir(parents=True, exist_ok=True)
    for page in pages:
        (site / "news" / str(page.number)).write_text(page.html(), encoding="utf-8")
    entries = "".join(f"<url><loc>{p.url}</loc><lastmod>{p.lastmod.isoformat()}</lastmod></url>" for p in pages)
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>',
        encoding="utf-8")
    return f"https://{HOST}/sitemap.xml"


def fetched(requested: list[str]) -> list[str]:
    """Article paths a mirror server was asked for."""
    return [path.split(HOST, 1)[1] for path in requested if f"{HOST}/news/" in path]
