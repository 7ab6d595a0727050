"""Pages that are JavaScript applications: the HTML is a shell and the article arrives by script.

A shell shows it in its application root (``#root``, ``#app``, ``#__next``, ``#__nuxt``…): the
root is empty, or holds a loading state (a spinner, a skeleton, "Loading…", "جارٍ التحميل"), or the
page's visible text is next to nothing beside a ``<noscript>`` asking for JavaScript. Other text
around the root (a server-rendered menu and footer, a most-read list) does not make it an article.
"""

from __future__ import annotations

import re

from parsel import Selector

from newscrawler.extract.blocks import class_words
from newscrawler.text.letters import fold_search

MAX_SHELL_TEXT = 200
APP_ROOTS = ("#root", "#app", "#__next", "#__nuxt", "#___gatsby", "[data-reactroot]", "app-root", "[ng-app]",
             "#main-app", "[data-server-rendered]")
#: Class words of a loading placeholder.
LOADING_CLASS_WORDS = frozenset({"spinner", "loader", "loading", "skeleton", "shimmer", "placeholder", "preloader"})
#: Words a loading message says (compared in search form: no hamza, no diacritics).
LOADING_WORDS = ("loading", "please wait", "جار التحميل", "جاري التحميل", "يرجي الانتظار", "الرجاء الانتظار",
                 "قيد التحميل", "chargement")
_VISIBLE_TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"


def is_javascript_shell(page: Selector | str) -> bool:
    """Whether the page is an application shell whose article a script has still to render."""
    selector = page if isinstance(page, Selector) else Selector(text=page or "<html></html>")
    if not selector.css("script"):
        return False
    roots = [node for css in APP_ROOTS for node in selector.css(css)]
    if any(_waiting(root) for root in roots):
        return True
    body = selector.css("body")
    text = " ".join(t.strip() for t in body.xpath(_VISIBLE_TEXT).getall()) if body else ""
    asks_for_javascript = any(re.search(r"javascript|جافا ?سكريبت", t, re.IGNORECASE)
                              for t in selector.css("noscript ::text").getall())
    return len(text.strip()) <= MAX_SHELL_TEXT and (asks_for_javascript or bool(roots))


def _waiting(root: Selector) -> bool:
    """An application root that is empty or shows a loading state."""
    text = " ".join(" ".join(root.xpath(_VISIBLE_TEXT).getall()).split())
    if not text:
        return True
    if root.xpath('.//*[@aria-busy="true" or @role="progressbar"]'):
        return True
    for element in root.root.iter():
        if isinstance(element.tag, str) and LOADING_CLASS_WORDS & class_words(element.get("class") or ""):
            return True
    folded = fold_search(text.casefold())
    return len(text) <= MAX_SHELL_TEXT and any(word in folded for word in LOADING_WORDS)
