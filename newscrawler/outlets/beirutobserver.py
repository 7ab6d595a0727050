"""بيروت أوبزرفر (www.beirutobserver.com), Lebanon, WordPress (Sahifa theme). Verified on a real
page. It declares lang="en-US" over Arabic text."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="beirutobserver",
    domains=("beirutobserver.com",),
    timezone="Asia/Beirut",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://www.beirutobserver.com/feed/", "feed"),  # linked from a real page
    ),
    article_path=r"^/\d{4}/\d{2}/\d+/?$",
    selectors=Selectors(
        title="h1.post-title, h1.entry-title",
        body="div.entry",
        tags=".post-tag a",
        remove=(".share-post", ".post-tag"),
    ),
    site_names=("Beirut Observer", "بيروت أوبزرفر"),
)
