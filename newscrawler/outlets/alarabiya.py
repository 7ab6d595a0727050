"""العربية (www.alarabiya.net). Built from its public markup (modelled pages only): JSON-LD
NewsArticle, the headline in h1, the text in .article-body, times in Gulf time (GST)."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="alarabiya",
    domains=("alarabiya.net",),
    timezone="Asia/Dubai",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.alarabiya.net/feed/rss2/ar.xml", "feed"),
        Discovery("https://www.alarabiya.net/sitemaps/news.xml", "news_sitemap"),
    ),
    article_path=r"^/[\w-]+(?:/[\w-]+)?/\d{4}/\d{2}/\d{2}/[^/]+",
    selectors=Selectors(
        title="h1.headingInfo_title, h1",
        body="div.article-body, div.articleBody, div#body-text",
        published=".timeDate_element .timeDate_value, time",
        modified=".timeDate_element + .timeDate_element .timeDate_value",
        section=".breadcrumb_item:last-child a",
        authors=".author_name, .articleAuthor_name",
        tags=".tags a, .tagsList a",
    ),
    site_names=("العربية", "العربية نت", "Al Arabiya"),
)
