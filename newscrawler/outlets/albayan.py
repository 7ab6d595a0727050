"""البيان (www.albayan.ae), UAE. Verified on a real page. The body (#articledetails) opens with
its own metadata labels, "المصدر:" and "التاريخ:"; related stories are filled by JavaScript."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="albayan",
    domains=("albayan.ae",),
    timezone="Asia/Dubai",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.albayan.ae/cmlink/1.446", "feed"),  # "آخر الأخبار", linked from a real page
        Discovery("https://www.albayan.ae/1.1", "section"),
    ),
    article_path=r"^/[\w-]+/(?:[\w-]+/)?\d{4}-\d{2}-\d{2}-[\d.]+$",
    selectors=Selectors(
        title="h1.title, h1[itemprop~=headline]",
        body="div#articledetails, div.articlecontent",
        published="time[itemprop=datePublished]",
        modified="time[itemprop=dateModified]",
        remove=("div.metadata",),
    ),
    site_names=("البيان",),
)
