"""LBCI (www.lbcgroup.tv), Lebanon. Verified on a real page. Its JSON-LD headline carries
HTML-escaped quotes, so the title comes from og:title; the body is the divs of .LongDesc."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="lbcgroup",
    domains=("lbcgroup.tv",),
    timezone="Asia/Beirut",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.lbcgroup.tv/newssitemap.xml", "news_sitemap"),  # Fundus's address for LBCI
        Discovery("https://www.lbcgroup.tv/news/ar", "section"),
    ),
    article_path=r"^/news/[\w-]+/\d+/",
    selectors=Selectors(
        title='meta[property="og:title"]',
        body="div.LongDesc",
        summary="div.ShortDesc",
        section=".article_details_tag.cat-color h3",
        tags=".article_details_tag:not(.cat-color) h3",
        images=".article_details_picture img, img.ArticleImage",
    ),
    site_names=("Lebanon News", "LBCI Lebanon", "LBCI"),
)
