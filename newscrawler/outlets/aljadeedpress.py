"""الجديد برس (www.aljadeedpress.net), a WordPress site in Yemen (Asia/Aden). Standard WordPress
theme classes; Jetpack's related posts ("اقرأ أيضاً") are its link-only read-also block."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="aljadeedpress",
    domains=("aljadeedpress.net",),
    timezone="Asia/Aden",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.aljadeedpress.net/wp-sitemap.xml", "sitemap_index"),
        Discovery("https://www.aljadeedpress.net/feed/", "feed"),
        Discovery("https://www.aljadeedpress.net/", "section"),
    ),
    # WordPress permalinks: /archives/218754, /?p=218754 or /2023/09/14/slug/
    article_path=r"^/(?:archives/\d+/?|\?p=\d+|\d{4}/\d{2}/(?:\d{2}/)?[^/]+/?)$",
    selectors=Selectors(
        title="h1.entry-title, h1.post-title, h1.tie-title",
        body="div.entry-content, div.post-content, div.entry",
        published="time.entry-date.published, time.published, .entry-date, .post-date",
        modified="time.updated",
        authors=".entry-meta .author a, .author-name a, .byline .author",
        section=".cat-links a, .post-cat a, .entry-category a",
        tags=".tags-links a, .post-tags a, a[rel=tag]",
        read_also=(".jp-relatedposts", "#jp-relatedposts", ".related-posts"),
    ),
    site_names=("الجديد برس", "Aljadeed Press", "aljadeedpress"),
)
