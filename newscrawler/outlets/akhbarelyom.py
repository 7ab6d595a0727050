"""بوابة أخبار اليوم (akhbarelyom.com), Egypt. Verified on a real page. Its
article:published_time is Arabic text ("الأربعاء، 07 أكتوبر 2020 - 12:09 م"); the related block
#Related is headed "إقرأ أيضاً" and is the page's read-also list."""

from newscrawler.outlets.base import Discovery, Outlet, Selectors

OUTLET = Outlet(
    name="akhbarelyom",
    domains=("akhbarelyom.com",),
    timezone="Africa/Cairo",
    # Unverified: these addresses could not be checked offline (Discovery.verified is False).
    discovery=(
        Discovery("https://akhbarelyom.com/RSS/GetSectionRSS?JournalID=1", "feed"),  # linked from a real page
        Discovery("https://akhbarelyom.com/", "section"),
    ),
    article_path=r"^/news/newdetails/\d+/",
    selectors=Selectors(
        title="h1.entry-title",
        body="div.entry-content",
        tags=".post-tags a.post-tags_link",
        authors=".post-meta-author a, .post-meta-author h5",
        read_also=("#Related",),
    ),
    site_names=("بوابة أخبار اليوم الإلكترونية", "بوابة أخبار اليوم", "أخبار اليوم"),
)
