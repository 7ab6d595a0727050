"""عرب خبر (arabkhabar.com), a news aggregator. Its markup is unknown offline, so it is read by
its text markers over the whole page: "تاريخ النشر:", "المصدر:", "كلمات دلالية:", "إقرأ أيضاً:".
Its pages print times in GMT, and may serve windows-1256 bytes labelled UTF-8."""

from newscrawler.outlets.base import Discovery, Outlet

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
    whole_page=True,
    site_names=("عرب خبر", "arabkhabar", "Arab Khabar", "arabkhabar.com"),
)
