"""سكاي نيوز عربية (www.skynewsarabia.com). Its article pages are a JavaScript application: the
HTML is a shell and the article arrives from its JSON API, so every article page is rendered in
the browser (needs_js). Built from its public behaviour (modelled pages only)."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="skynewsarabia",
    domains=("skynewsarabia.com",),
    timezone="Asia/Dubai",
    needs_js=True,
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.skynewsarabia.com/web/rss", "feed"),
        Discovery("https://www.skynewsarabia.com/", "section"),
    ),
    article_path=r"^/[\w-]+/\d+-[^/]+$",
    selectors=Selectors(
        title="h1",
        body=".article-body, .article__body, .sna_content_body, article",
        published="time[datetime]",
        summary=".article-summary",
        images="figure.article-media img",
        tags=".article-tags a, .tags a",
    ),
    site_names=("سكاي نيوز عربية", "Sky News Arabia"),
)
