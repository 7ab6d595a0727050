"""صدى البلد: www.elbalad.news and its TV channel's WordPress (JNews) site elbaladtv.net, Egypt.
elbaladtv.net is verified on a real page; elbalad.news only on modelled pages."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="elbalad",
    domains=("elbalad.news", "elbaladtv.net"),
    timezone="Africa/Cairo",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.elbalad.news/rss.aspx", "feed"),
        Discovery("https://elbaladtv.net/feed/", "feed"),
        Discovery("https://www.elbalad.news/", "section"),
    ),
    # elbalad.news/4512345; elbaladtv.net/<slug>/ (one path segment)
    article_path=r"^/(?:\d+|[^/]+/?)$",
    selectors=Selectors(
        title="h1.jeg_post_title, h1.article-title, .article-title h1, h1",
        body="div.content-inner, div.article-text, div.details-content, div.article-details",
        published=".jeg_meta_date, .article-info .time, .article-date, time",
        authors=".jeg_meta_author a, .article-info .writer a, .writer a",
        tags=".jeg_post_tags a, .tags a",
        read_also=(".jnews_inline_related_post", ".jnews_related_post_container", ".read-also"),
        remove=(".jeg_share_button", ".jeg_post_tags", ".jeg_ad"),
    ),
    site_names=("قناة صدى البلد", "صدى البلد", "Elbalad"),
)
