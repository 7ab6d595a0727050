"""اليوم السابع (www.youm7.com), Egypt. Verified on a real page (the shared corpus).
Its article:published_time is Cairo time with a false "Z" (the real page says 09:23:13Z while it
prints "09:23 ص" and its header clock already reads 09:56 ص), so the visible date line comes
first. The body is #articleBody; meta tags carry the tags."""

from newscrawler.extract.parser import ArticleParser
from newscrawler.outlets.base import Discovery, Outlet, Selectors


class Youm7Parser(ArticleParser):
    """The visible date line, when there is one, rather than the machine dates (Cairo time written
    with a false "Z")."""

    def dates(self, page, parent, blocks, around, regions, markers):
        if published := page.visible.get("published"):
            return published, page.visible.get("modified")
        return super().dates(page, parent, blocks, around, regions, markers)


OUTLET = Outlet(
    name="youm7",
    domains=("youm7.com",),
    timezone="Africa/Cairo",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.youm7.com/rss/rss", "feed"),  # linked from a real page
        Discovery("https://www.youm7.com/Section/أخبار-عاجلة/65/1", "section"),
    ),
    article_path=r"^/story/\d{4}/\d{1,2}/\d{1,2}/[^/]+/\d+/?$",
    selectors=Selectors(
        title="div.articleHeader h1, article h1",
        body="div#articleBody",
        published="span.newsStoryDate",
        authors="span.writeBy",
        tags="div.tags a, .articleTags a",
    ),
    site_names=("اليوم السابع", "Youm7"),
    parser=Youm7Parser,
)
