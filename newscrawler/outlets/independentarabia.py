"""اندبندنت عربية (www.independentarabia.com), Drupal. Built from its public markup (modelled
pages only): URLs /node/<id>/<section>/<slug>, an in-body "اقرأ المزيد" list as its read-also."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="independentarabia",
    domains=("independentarabia.com",),
    timezone="Asia/Riyadh",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.independentarabia.com/rss.xml", "feed"),
        Discovery("https://www.independentarabia.com/", "section"),
    ),
    article_path=r"^/node/\d+/",
    selectors=Selectors(
        title="h1.page-header, h1",
        body="div.field-name-body, div.field--name-body, div.article-body, div.node-body",
        published=".article-date, .node-date, time",
        authors=".author-name a, .field-name-field-author a",
        tags=".article-tags a, .field-name-field-tags a",
        section=".article-category a",
        read_also=(".read-more-block", ".related-inline", ".read-more"),
    ),
    site_names=("اندبندنت عربية", "Independent Arabia"),
)
