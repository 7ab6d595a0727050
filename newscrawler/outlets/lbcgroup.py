"""LBCI (www.lbcgroup.tv), Lebanon. Verified on a real page. Its JSON-LD headline carries
HTML-escaped quotes, so the title comes from og:title; the body is the divs of .LongDesc."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="lbcgroup",
    domains=("lbcgroup.tv",),
    timezone="Asia/Beirut",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.lbcgroup.tv/Rss/latest-news/ar", "feed"),
        Discovery("https://www.lbcgroup.tv/news/ar", "section"),
    ),
    article_path=r"^/news/[\w-]+/\d+/",
    selectors=Selectors(
        title='meta[property="og:title"]',
        body="div.LongDesc",
        summary="div.ShortDesc",
        read_also=(".related-articles",),
    ),
    site_names=("Lebanon News", "LBCI Lebanon", "LBCI"),
    real_pages=True,
)
