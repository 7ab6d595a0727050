"""Add-on: the User-Agent names the crawler and a contact address.

``NEWSCRAWLER_CONTACT_URL`` (setting or environment variable) is where a site's operator finds
who runs the crawl; the User-Agent becomes ``newscrawler/<version> (+<contact>)``. A
``USER_AGENT`` set on the command line or in a deployment's settings wins.
"""

from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES

from newscrawler.defaults import setting

VERSION = "0.1"


def user_agent(contact: str) -> str:
    return f"newscrawler/{VERSION} (+{contact})"


class Identity:
    def update_settings(self, settings) -> None:
        if settings.getpriority("USER_AGENT") <= SETTINGS_PRIORITIES["project"]:
            settings.set("USER_AGENT", user_agent(setting(settings, "NEWSCRAWLER_CONTACT_URL")), priority="project")
