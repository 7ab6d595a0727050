"""اليوم (www.alyaum.com), Saudi Arabia. Verified on a real page. Paragraphs are <br>-separated
text in .aksa-articleBody; JSON-LD and meta give the dates without an offset (Riyadh time)."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="alyaum",
    domains=("alyaum.com",),
    timezone="Asia/Riyadh",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.alyaum.com/rssFeed/1", "feed"),
    ),
    article_path=r"^/articles/\d+/",
    selectors=Selectors(
        title="h1",
        body="div.aksa-articleBody",
        authors=".aksa-author-name, .author-name",
    ),
    site_names=("اليوم", "صحيفة اليوم"),
)
