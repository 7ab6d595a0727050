"""الشرق الأوسط (aawsat.com), Drupal. Built from its public markup (modelled pages only): dates
print both calendars ("… 2025 م ـ 03 ذو القعدة 1446 هـ") in Saudi time."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="aawsat",
    domains=("aawsat.com",),
    timezone="Asia/Riyadh",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://aawsat.com/feed", "feed"),
        Discovery("https://aawsat.com/", "section"),
    ),
    article_path=r"^/[^/]+/(?:[^/]+/)?\d{5,}-[^/]+$",
    selectors=Selectors(
        title="h1.node-title, h1",
        body="div.node-body, div.field-name-body, div.field--name-body, div.entry-article, article .body",
        published=".node-date .date-value, .node-submitted, .publish-date, time",
        section=".breadcrumb li:last-child a",
        authors=".node-author a, .author-name",
        tags=".field--name-field-tags .field__item a, .field-name-field-tags a",
    ),
    site_names=("الشرق الأوسط", "Asharq Al-Awsat"),
)
