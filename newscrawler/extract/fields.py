"""Single fields read from what the page offers: a title without the site's name, authors who are
not the site, the language the text is in, the pictures."""

from __future__ import annotations

import re

from newscrawler.extract.css import css_select
from newscrawler.extract.http_urls import http_url
from newscrawler.outlets.base import Outlet

ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ku", "ckb", "sd", "ug"})
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»«·•]\s+|\s*[|»«·•]\s*")


def strip_site_name(title: str | None, site_names) -> str | None:
    """'عنوان الخبر | الجزيرة نت' → 'عنوان الخبر' when the last (or first) part names the site."""
    if not title:
        return title
    title = " ".join(title.split())
    names = {" ".join(n.split()).casefold() for n in site_names if n}
    if not names:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) >= 2 and parts[-1].strip().casefold() in names:
        return title[: title.rfind(parts[-1])].rstrip(" |-–—:»«·•")
    if len(parts) >= 2 and parts[0].strip().casefold() in names:
        return title[len(parts[0]):].lstrip(" |-–—:»«·•")
    return title


def people(names: list[str], site_names, outlet: Outlet | None) -> list[str]:
    """Authors, without the site's own name standing in for one ("akhbarelyom", "المدينة نيوز")."""
    not_people = {" ".join(n.split()).casefold() for n in site_names if n}
    if outlet is not None:
        not_people |= {outlet.name.casefold(), *(d.casefold() for d in outlet.domains), *(d.split(".")[0] for d in outlet.domains)}
    return [n for n in names if " ".join(n.split()).casefold() not in not_people]


def _arabic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= ch <= "\u06FF" or "\u0750" <= ch <= "\u077F" for ch in letters) / len(letters)


def language(declared: str | None, body: str, outlet: Outlet | None) -> str | None:
    """The declared language, unless the text says otherwise (pages declaring en-US over Arabic)."""
    if body and declared not in ARABIC_SCRIPT_LANGUAGES and _arabic_share(body[:5000]) > 0.5:
        return outlet.language if outlet and outlet.language in ARABIC_SCRIPT_LANGUAGES else "ar"
    return declared or (outlet.language if outlet else None)


def selected_images(root, css: str | None, base_url: str, index=None) -> list[dict]:
    """Pictures the outlet's ``images`` selector points at: <img> elements, or <figure>s
    (``index``: the page's ``PageIndex``)."""
    if not css:
        return []
    found = []
    for node in css_select(root, css, index):
        image = node if node.tag == "img" else next(node.iter("img"), None)
        src = http_url(image.get("data-src"), base_url) or http_url(image.get("src"), base_url) \
            if image is not None else None
        if src:
            caption = " ".join(" ".join(css_select(node, "figcaption ::text")).split()) or image.get("alt") or None
            found.append({"url": src, "caption": caption})
    return found


def merge_images(lead: list[dict], body: list[dict]) -> list[dict]:
    """Pictures by URL, in order, each with the first caption any copy gives."""
    merged: dict[str, dict] = {}
    for image in lead + body:
        known = merged.get(image["url"])
        if known is None:
            merged[image["url"]] = dict(image)
        elif not known.get("caption"):
            known["caption"] = image.get("caption")
    return list(merged.values())
