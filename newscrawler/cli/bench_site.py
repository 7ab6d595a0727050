"""A synthetic Arabic news site for ``bench crawl``: a sitemap and N article pages of about 100 KB.

Each page is laid out as a news outlet's is: head metadata and JSON-LD, inline style and scripts
(most of a real page's bytes), a navigation bar, breadcrumbs, the article (headline, date line,
author, figure, 12–20 paragraphs with a sub-heading and a read-also link to another article),
tags, a related-articles grid, a most-read sidebar, and a footer. Text is drawn from a fixed
vocabulary with a seeded generator, so every run serves the same site.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

HOST = "bench-news.example"

WORDS = (
    "أعلن أكد قال أشار أوضح كشف نفى رحب دعا طالب الرئيس الوزير الحكومة البرلمان المجلس اللجنة الوزارة "
    "المتحدث الرسمي باسم الخارجية الداخلية الاقتصاد المالية الصحة التعليم النفط الغاز الطاقة الكهرباء "
    "المياه الزراعة التجارة الصناعة الاستثمار البنك المركزي الأسواق الأسعار التضخم الموازنة العامة "
    "العاصمة المدينة المنطقة الحدود الشمال الجنوب الشرق الغرب اليوم أمس الأسبوع الماضي المقبل الشهر "
    "العام الجاري خلال بعد قبل عند منذ حتى بين على في من إلى عن مع حول ضد دون لدى وفق نحو أكثر أقل "
    "مليون مليار دولار جنيه ريال درهم دينار بالمئة نسبة ارتفاع انخفاض زيادة تراجع نمو استقرار أزمة "
    "اتفاق مفاوضات محادثات قمة اجتماع زيارة مؤتمر تقرير بيان قرار قانون مشروع خطة برنامج مبادرة "
    "الأمن الجيش الشرطة القوات العمليات الهجوم الضربات الهدنة وقف إطلاق النار السلام الاستقرار "
    "المواطنين السكان العمال الطلاب المرضى المستشفيات المدارس الجامعات الطرق المطار الميناء "
    "الأمم المتحدة الجامعة العربية الاتحاد الأوروبي الولايات روسيا الصين مصر السعودية الإمارات قطر "
    "الأردن لبنان سوريا العراق فلسطين المغرب الجزائر تونس ليبيا السودان اليمن الكويت البحرين عمان "
    "مصادر مطلعة وكالة الأنباء وسائل الإعلام الصحفيين المراقبين الخبراء المحللين الدراسة البحث "
    "الجديدة الكبيرة المهمة الأولى الثانية الأخيرة الحالية السابقة الدولية الإقليمية المحلية الوطنية"
).split()
SECTIONS = ("سياسة", "اقتصاد", "رياضة", "ثقافة", "تكنولوجيا", "صحة", "منوعات", "عربي", "دولي", "رأي")


def _sentence(rng: random.Random, low: int = 9, high: int = 22) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))) + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))


def article_url(number: int) -> str:
    return f"https://{HOST}/news/{number}.html"


def _links(rng: random.Random, count: int, pages: int, words: tuple[int, int] = (4, 9)) -> list[tuple[str, str]]:
    return [(article_url(rng.randrange(pages)), _sentence(rng, *words)[:-1]) for _ in range(count)]


def page(number: int, pages: int) -> str:
    """The HTML of article ``number`` of a site of ``pages`` articles."""
    rng = random.Random(number)
    title = _sentence(rng, 7, 12)[:-1]
    published = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * number)
    section = SECTIONS[number % len(SECTIONS)]
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(12, 20))]
    body = [f"<p>{text}</p>" for text in paragraphs]
    body.insert(len(body) // 2, f"<h2>{_sentence(rng, 4, 7)[:-1]}</h2>")
    also_url, also_title = _links(rng, 1, pages)[0]
    body.insert(3, f'<p><strong>اقرأ أيضاً:</strong> <a href="{also_url}">{also_title}</a></p>')
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "datePublished": published.isoformat(), "dateModified": (published + timedelta(hours=2)).isoformat(),
          "author": {"@type": "Person", "name": "محرر الموقع"}, "articleSection": section,
          "keywords": ", ".join(rng.sample(WORDS, 5)), "mainEntityOfPage": article_url(number)}
    config = {"site": HOST, "ads": [{"slot": f"slot-{n}", "sizes": [[300, 250], [728, 90]], "targeting": rng.sample(WORDS, 6)}
                                    for n in range(60)], "experiments": {f"exp{n}": rng.random() for n in range(120)}}
    style = "".join(f".c{n}{{margin:{n % 17}px;padding:{n % 11}px;color:#{n * 2654435761 % 0xFFFFFF:06x};"
                    f"font:{12 + n % 9}px/1.5 'Noto Kufi Arabic',sans-serif}}" for n in range(260))
    script = "".join(f"function f{n}(a,b){{var x=a*{n}+b;if(x>{n}){{return window.dataLayer.push({{e:'v{n}',x:x}})}}return x}}"
                     for n in range(330))
    nav = "".join(f'<li class="c{n}"><a href="https://{HOST}/section/{n}">{SECTIONS[n % len(SECTIONS)]} {n}</a></li>' for n in range(60))
    related = "".join(f'<div class="card"><a href="{u}"><img src="https://{HOST}/img/{n}.jpg" alt=""><h3>{t}</h3></a></div>'
                      for n, (u, t) in enumerate(_links(rng, 8, pages)))
    most_read = "".join(f'<li><a href="{u}">{t}</a></li>' for u, t in _links(rng, 10, pages))
    footer = "".join(f'<li><a href="https://{HOST}/page/{n}">{rng.choice(WORDS)} {rng.choice(WORDS)}</a></li>' for n in range(40))
    tags = "".join(f'<a href="https://{HOST}/tag/{w}">{w}</a>' for w in rng.sample(WORDS, 5))
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} | أخبار المقياس</title>
<meta name="description" content="{paragraphs[0][:150]}">
<meta property="og:title" content="{title}"><meta property="og:type" content="article">
<meta property="og:image" content="https://{HOST}/img/{number}.jpg">
<meta property="article:published_time" content="{published.isoformat()}">
<link rel="canonical" href="{article_url(number)}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<style>{style}</style>
<script>window.siteConfig = {json.dumps(config)};</script>
</head><body>
<header class="site-header"><a class="logo" href="https://{HOST}/">أخبار المقياس</a>
<nav class="main-nav"><ul>{nav}</ul></nav></header>
<div class="ad-slot" id="top-ad"><span>إعلان</span></div>
<main class="page"><ol class="breadcrumbs"><li><a href="https://{HOST}/">الرئيسية</a></li>
<li><a href="https://{HOST}/section/{section}">{section}</a></li></ol>
<article class="article">
<h1 class="article-title">{title}</h1>
<div class="article-meta"><span class="author">محرر الموقع</span>
<time datetime="{published.isoformat()}">{published:%Y/%m/%d %H:%M}</time></div>
<figure><img src="https://{HOST}/img/{number}.jpg" alt="{title}"><figcaption>{_sentence(rng, 5, 9)}</figcaption></figure>
<div class="article-body">{"".join(body)}</div>
<div class="tags">{tags}</div>
<div class="share"><a href="https://facebook.com/sharer?u={article_url(number)}">فيسبوك</a>
<a href="https://twitter.com/intent/tweet?url={article_url(number)}">تويتر</a></div>
</article>
<section class="related"><h2>أخبار ذات صلة</h2>{related}</section>
<aside class="sidebar"><h2>الأكثر قراءة</h2><ol>{most_read}</ol></aside>
</main>
<footer class="site-footer"><ul>{footer}</ul><p>جميع الحقوق محفوظة © أخبار المقياس</p></footer>
<script>{script}</script>
</body></html>
"""


def write_site(root: Path, pages: int) -> str:
    """The site under ``root/HOST`` (a mirror folder); returns its sitemap URL."""
    site = root / HOST
    (site / "news").mkdir(parents=True, exist_ok=True)
    for number in range(pages):
        (site / "news" / f"{number}.html").write_text(page(number, pages), encoding="utf-8")
    start = datetime(2025, 1, 1, tzinfo=UTC)
    entries = "".join(f"<url><loc>{article_url(n)}</loc><lastmod>{(start + timedelta(minutes=37 * n)).isoformat()}</lastmod></url>"
                      for n in range(pages))
    (site / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                                      f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n',
                                      encoding="utf-8")
    return f"https://{HOST}/sitemap.xml"
