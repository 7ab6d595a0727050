"""سبوتنيك عربي: arabic.sputniknews.com, now sputnikarabic.ae. The old domain is verified on a
real page: a lead paragraph (.b-article__lead) then the text (.b-article__text), both the body."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="sputnikarabic",
    domains=("sputnikarabic.ae", "arabic.sputniknews.com"),
    timezone="Europe/Moscow",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://sputnikarabic.ae/export/rss2/archive/index.xml", "feed"),
        Discovery("https://arabic.sputniknews.com/export/rss2/archive/index.xml", "feed"),  # linked from a real page
    ),
    # arabic.sputniknews.com/arab_world/202003171044893040-slug/ ; sputnikarabic.ae/20250430/slug-1098765432.html
    article_path=r"^/(?:[\w-]+/\d{18}-[^/]+/?|\d{8}/[^/]+-\d+\.html)$",
    selectors=Selectors(
        title="h1.article__title, h1[itemprop=headline], h1",
        body="div.b-article__lead, div.b-article__text, div.article__announce-text, div.article__body",
        tags=".b-article__refs-tags a, .tags a, ul.tags li a",
        section="a.b-article__refs-rubric, .article__info-rubric a",
        images="div.b-article__header img, .article__announce .media img",
        # sputnikarabic.ae embeds other articles as blocks of the text ("data-type=article").
        remove=(".article__info-date-modified", '[data-type="article"]'),
    ),
    site_names=("Sputnik Arabic", "سبوتنيك عربي"),
)
