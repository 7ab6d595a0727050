"""CNN بالعربية (arabic.cnn.com). Two layouts, chosen by date: the 2013 layout (verified on a real
page: a story in .cnn_strycntntrgt, the date only in the URL, "آخر تحديث" stamp) and today's."""

from newscrawler.outlets.base import Discovery, Layout, Outlet, Selectors

LAYOUT_2013 = Selectors(
    title='meta[property="og:title"]',  # the page's first h1 is the CNN logo
    body="div.cnn_strycntntrgt",
    modified="div.cnn_strytmstmp",
    images="div.cnn_stryimg640 img",
)
LAYOUT_CURRENT = Selectors(
    title="h1",
    body="div.article__body, div.article-body, div[itemprop=articleBody], div.body-text",
    published=".article__date time, .article-date time, time",
    authors=".article__byline a, .byline a",
    tags=".article__tags a, .tags a",
)

OUTLET = Outlet(
    name="cnnarabic",
    domains=("arabic.cnn.com",),
    timezone="Asia/Dubai",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://arabic.cnn.com/api/v1/rss/rss.xml", "feed"),
        Discovery("https://arabic.cnn.com/", "section"),
    ),
    # 2013: /2013/middle_east/8/3/syria.clashes/index.html ; today: /world/article/2025/04/30/slug
    article_path=r"^/(?:\d{4}/[\w-]+/\d{1,2}/\d{1,2}/[^/]+/index\.html|[\w-]+/article/\d{4}/\d{2}/\d{2}/[^/]+)$",
    selectors=LAYOUT_CURRENT,
    layouts=(Layout(since="2000-01-01", selectors=LAYOUT_2013), Layout(since="2014-01-01", selectors=LAYOUT_CURRENT)),
    site_names=("CNNArabic.com", "CNN Arabic", "CNN بالعربية", "CNNArabic"),
)
