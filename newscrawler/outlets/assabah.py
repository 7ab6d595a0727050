"""الصباح (www.assabah.com.tn), Tunisia, Drupal. Verified on a real page: no dates in it at all."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="assabah",
    domains=("assabah.com.tn",),
    timezone="Africa/Tunis",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("http://www.assabah.com.tn/rss-feed.xml", "feed"),  # linked from a real page
        Discovery("http://www.assabah.com.tn/", "section"),
    ),
    article_path=r"^/article/\d+/",
    selectors=Selectors(
        title="h1#page-title, h1.title",
        body="div.field-name-body div.field-item",
        images=".field-name-field-op-main-image img",
        published=".field-name-post-date, .submitted, .date-display-single",
        tags=".field-name-field-tags a",
        remove=(".weather",),
    ),
    site_names=("الصباح", "Assabah", "الصباح | Assabah"),
)
