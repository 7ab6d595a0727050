"""BBC News عربي (www.bbc.com/arabic), server-rendered React (Simorgh). Built from its public
markup (modelled pages only). bbc.com also serves English: only paths under /arabic are this
outlet. The text is the paragraphs of main[role=main]; related and most-read sections sit in it."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="bbcarabic",
    domains=("bbc.com", "bbc.co.uk"),
    path_prefixes=("/arabic",),
    timezone="Europe/London",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://feeds.bbci.co.uk/arabic/rss.xml", "feed"),
        Discovery("https://www.bbc.com/arabic", "section"),
    ),
    article_path=r"^/arabic/(?:articles/c[\w]+|[\w-]+-\d{6,})$",
    selectors=Selectors(
        title="main h1, h1#content",
        body="main[role=main]",
        published="main time[datetime]",
        authors="section[aria-labelledby=article-byline] li:first-child span:last-child",
        remove=("section[aria-labelledby=article-byline]", "section[aria-labelledby*=related]", "section[aria-labelledby*=Related]",
                "section[aria-labelledby*=Most-Read]", "section[aria-labelledby*=most-read]",
                "[data-e2e=most-read]", "[data-e2e=related-content]", "nav", "header time"),
    ),
    site_names=("BBC News عربي", "BBC Arabic"),
)
