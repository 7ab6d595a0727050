"""اليوم السابع (www.youm7.com), Egypt. Verified on a real page (the shared corpus).
Meta tags carry the dates (UTC) and tags; the body is #articleBody."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="youm7",
    domains=("youm7.com",),
    timezone="Africa/Cairo",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.youm7.com/rss/SectionRss?SectionID=65", "feed"),
        Discovery("https://www.youm7.com/Section/أخبار-عاجلة/65/1", "section"),
    ),
    article_path=r"^/story/\d{4}/\d{1,2}/\d{1,2}/[^/]+/\d+/?$",
    selectors=Selectors(
        title="div.articleHeader h1, article h1",
        body="div#articleBody",
        published="span.newsStoryDate, .articleHeader .newsDate",
        tags="div.tags a, .articleTags a",
    ),
    site_names=("اليوم السابع", "Youm7"),
    real_pages=True,
)
