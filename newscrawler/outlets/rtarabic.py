"""RT Arabic (arabic.rt.com). Built from its public markup (modelled pages only): the summary in
.summary, the text in .text, dates printed in GMT ("30.04.2025 | 13:40 GMT"), an inline
"اقرأ المزيد" card as its read-also feature."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="rtarabic",
    domains=("arabic.rt.com",),
    timezone="Europe/Moscow",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://arabic.rt.com/rss/", "feed"),
        Discovery("https://arabic.rt.com/news/", "section"),
    ),
    article_path=r"^/[\w-]+/\d{5,}-[^/]+/?$",
    selectors=Selectors(
        title="h1.heading, h1",
        body="div.text, div.article__text",
        summary="div.summary, .article__summary",
        published=".date, time.date, .article__date",
        tags=".tags-trends a, .tags a",
        read_also=(".read-more", ".read-more-big", ".read-more-link"),
    ),
    site_names=("RT Arabic", "RT عربي", "روسيا اليوم"),
)
