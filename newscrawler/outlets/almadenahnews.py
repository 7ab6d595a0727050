"""المدينة نيوز (www.almadenahnews.com), Jordan. Verified on a real page. No structured dates:
the date is the line "تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً"; og:title starts with
the site name, and og:url points to a raw IP address (so the canonical URL rule matters)."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="almadenahnews",
    domains=("almadenahnews.com",),
    timezone="Asia/Amman",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.almadenahnews.com/rss", "feed"),  # linked from a real page
        Discovery("https://www.almadenahnews.com/", "section"),
    ),
    article_path=r"^/article/\d+",
    selectors=Selectors(
        title="div.main_artlce_title h1, #main_article_content h1",
        body="div.main_article_body",
        published="div.article_created",
        section=".article-details .boxTitle a",
    ),
    site_names=("المدينة نيوز",),
)
