"""عرب خبر (arabkhabar.com), a news aggregator. Its markup is unknown offline, so it is read by
its text markers over the whole page: "تاريخ النشر:", "المصدر:", "كلمات دلالية:", "إقرأ أيضاً:".
Its pages print times in GMT, and may serve windows-1256 bytes labelled UTF-8."""

from newscrawler.extract.blocks import Block
from newscrawler.extract.furniture import drop_marked
from newscrawler.extract.page import Page, first
from newscrawler.extract.parser import ArticleParser, Regions
from newscrawler.extract.fields import strip_site_name
from newscrawler.outlets.base import Discovery, Outlet


class ArabkhabarParser(ArticleParser):
    """The article is the whole page from its title on: the markers, not the markup, say where the
    text, its source and tags, and its read-also sub-articles are."""

    def article_blocks(self, page: Page) -> Regions:
        drop_marked(page.furniture)
        meta = page.meta
        title = strip_site_name(first(meta.title, meta.og_title, meta.html_title), self.site_names(page))
        return Regions(_after_title(page.blocks, title), [page.body])


def _after_title(blocks: list[Block], title: str | None) -> list[Block]:
    """The blocks after the page's <h1>, or after the block that reads as the title (legacy
    layouts print it in a table cell)."""
    for index, block in enumerate(blocks):
        if block.kind == "h" and block.level == 1:
            return blocks[index + 1:]
    for index, block in enumerate(blocks):
        if title and block.text and " ".join(block.text.split()) == title:
            return blocks[index + 1:]
    return blocks


OUTLET = Outlet(
    name="arabkhabar",
    domains=("arabkhabar.com",),
    timezone="GMT",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://arabkhabar.com/sitemap.xml", "sitemap"),
        Discovery("https://arabkhabar.com/rss", "feed"),
        Discovery("https://arabkhabar.com/", "section"),
    ),
    article_path=r"^/a/\d+/?$",
    site_names=("عرب خبر", "arabkhabar", "Arab Khabar", "arabkhabar.com"),
    parser=ArabkhabarParser,
)
