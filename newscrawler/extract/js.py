"""Pages that are JavaScript applications: the HTML is a shell and the article arrives by script."""

from __future__ import annotations

from parsel import Selector

MAX_SHELL_TEXT = 200
APP_ROOTS = ("#root", "#app", "#__next", "#__nuxt", "[data-reactroot]", "app-root", "[ng-app]", "#main-app")


def is_javascript_shell(html: str) -> bool:
    """Almost no text outside scripts, some scripts, and an empty application root or a
    <noscript> asking for JavaScript."""
    selector = Selector(text=html or "<html></html>")
    body = selector.css("body")
    if not body:
        return False
    text = " ".join(t.strip() for t in body.xpath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]").getall())
    if len(text.strip()) > MAX_SHELL_TEXT:
        return False
    if not selector.css("script"):
        return False
    empty_root = any(not " ".join(node.css("::text").getall()).strip() for root in APP_ROOTS for node in selector.css(root))
    asks_for_javascript = any("javascript" in t.lower() for t in selector.css("noscript ::text").getall())
    return empty_root or asks_for_javascript
