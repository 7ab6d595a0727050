"""الجزيرة نت (www.aljazeera.net). Article pages carry JSON-LD; the body is the "wysiwyg" block,
with ad containers and an inline "اقرأ أيضا" list of article cards (link-only read-also)."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="aljazeera",
    domains=("aljazeera.net",),
    timezone="Asia/Qatar",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.aljazeera.net/news-sitemap.xml", "news_sitemap"),
        Discovery("https://www.aljazeera.net/sitemap.xml", "sitemap_index"),
        Discovery(
            "https://www.aljazeera.net/aljazeerarss/a7c186be-1baa-4bd4-9d80-a84db769f779/"
            "73d0e1b4-532f-45ef-b135-bfdff8b8cab9",
            "feed",
        ),
        Discovery("https://www.aljazeera.net/news/", "section"),
    ),
    # /politics/2025/4/30/slug, /news/2025/4/28/slug, /ebusiness/2025/…
    article_path=r"^/[\w-]+/\d{4}/\d{1,2}/\d{1,2}/[^/]+/?$",
    selectors=Selectors(
        title="header.article-header h1, h1",
        body="div.wysiwyg--all-content, div.wysiwyg",
        published=".article-dates, .date-simple",
        authors=".article-author-name-item a, .article-author-name a, .author-link",
        summary="p.article__subhead, .article-subhead, .article__subhead",
        section=".topics a, .article-header .topics a, .breadcrumbs li:nth-last-child(1) a",
        tags=".article-topics a, .topics-list a",
        read_also=(".more-on", "[class*='more-on']"),
    ),
    site_names=("الجزيرة نت", "الجزيرة", "Al Jazeera", "aljazeera.net"),
)
