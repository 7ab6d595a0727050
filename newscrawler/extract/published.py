"""When the page says the article was published and updated, from its markup.

Structured data and meta tags are read in ``structured.py``; this module reads the article's own
markup, in this order of trust:

1. ``itemprop="datePublished"`` / ``"dateModified"`` and ``<time pubdate>``, with their full
   timestamp (``content``, ``datetime`` or ``title`` before the visible text);
2. microformats and their kin: an element whose class names it ``published`` (hAtom's
   ``abbr.published[title]``, ``dt-published``) or ``updated`` / ``modified``;
3. apart, because it says less (the caller trusts meta tags more): the first ``<time datetime>``.

Never inside furniture: the elements the content rules set aside (related lists, teaser cards,
sidebars, comments) and frame elements (a site header's clock) hold other articles' dates.
Only a date reaches the caller: a visible text is taken when it reads as one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta, timezone

from htmldate import find_date
from lxml import html as lxml_html

from newscrawler.dates import parse_date
from newscrawler.extract.blocks import Block, class_words
from newscrawler.extract.markers import is_date_line, marker_of
from newscrawler.extract.source import root_of

PUBLISHED_WORDS = frozenset({"published", "pubdate", "posted", "publish", "publication"})
MODIFIED_WORDS = frozenset({"updated", "modified", "lastmod"})
#: A visible text longer than this is not a date line.
MAX_DATE_TEXT = 80
logger = logging.getLogger(__name__)
#: A day, a month name or number and a year, in either order, in a dateline.
_DATELINE = re.compile(
    r"(?:\b\d{1,2}\s+[^\W\d_]{3,}\.?,?\s+\d{4}|\b[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4}|\b\d{4}-\d{2}-\d{2})\b"
)


@dataclass
class MarkupDates:
    """Dates the markup states as such (itemprop, pubdate, microformats), and the page's first
    plain ``<time datetime>``, which says less: it may be an update or a date in the text."""

    published: str | None = None
    modified: str | None = None
    first_time: str | None = None


def markup_dates(root, excluded: set, dated: list) -> MarkupDates:
    """The publication and update dates the markup under ``root`` states, outside ``excluded``;
    ``dated``: the elements of the page that may state one (``PageIndex.dated``), in page order,
    some of them since removed."""
    # (rank, raw) per kind; the lowest rank, then the first in page order, wins.
    found: dict[str, tuple[int, str]] = {}

    def offer(kind: str, rank: int, raw: str | None) -> None:
        if raw and (kind not in found or rank < found[kind][0]):
            found[kind] = (rank, raw)

    for element in _standing(root, dated, excluded):
        tag = element.tag
        if tag == "meta":  # meta tags are read with the others, in structured.py
            continue
        itemprop = (element.get("itemprop") or "").strip()
        if itemprop in ("datePublished", "dateModified"):
            offer("published" if itemprop == "datePublished" else "modified", 1, _value(element))
            continue
        if tag == "time" and element.get("pubdate") is not None:
            offer("published", 1, _value(element))
            continue
        words = class_words(element.get("class") or "")
        if words & PUBLISHED_WORDS:
            offer("published", 2, _value(element))
        elif words & MODIFIED_WORDS:
            offer("modified", 2, _value(element))
        elif tag == "time":
            offer("time", 3, _value(element))
    return MarkupDates(
        published=found["published"][1] if "published" in found else None,
        modified=found["modified"][1] if "modified" in found else None,
        first_time=found["time"][1] if "time" in found else None,
    )


#: A class name holding a date word (a superset of the words ``markup_dates`` then looks for): such
#: an element, a <time> or an element with an ``itemprop`` may state a date.
DATE_CLASS = re.compile("publi|pubdate|posted|updated|modified|lastmod", re.IGNORECASE)


def _standing(root, elements: list, excluded: set):
    """``elements`` still under ``root`` and outside the subtrees in ``excluded``, in order."""
    out: dict = {}  # element → whether it is out (removed, or in an excluded subtree), for the ancestors met
    for element in elements:
        if not _is_out(element, root, excluded, out):
            yield element


def _is_out(element, root, excluded: set, out: dict) -> bool:
    path, verdict = [], True  # a walk up that ends without reaching the root: removed from the page
    while element is not None:
        if element in out:
            verdict = out[element]
            break
        if element in excluded:
            break
        path.append(element)
        if element is root:
            verdict = False
            break
        element = element.getparent()
    for seen in path:
        out[seen] = verdict
    return verdict


def _value(element) -> str | None:
    """The element's date: its machine-readable attribute, else its text when that is a date."""
    for attribute in ("datetime", "content", "title"):
        value = (element.get(attribute) or "").strip()
        if value and re.search(r"\d", value) and parse_date(value) is not None:
            return value
    text = _short_text(element)
    if text and parse_date(text) is not None:
        return text
    return None


def _short_text(element) -> str | None:
    """The element's text when it is no longer than a date line (without reading a long one whole)."""
    parts, length = [], 0
    for part in element.itertext():
        length += len(part)
        if length > 4 * MAX_DATE_TEXT:
            return None
        parts.append(part)
    text = " ".join("".join(parts).split())
    return text if text and len(text) <= MAX_DATE_TEXT else None


def most_complete(candidates: list[str | None], url_day: str | None = None,
                  opinion: Callable[[], str | None] | None = None) -> str | None:
    """The publication date among ``candidates`` (the page's dates, in order of trust).

    The first candidate wins, unless another agrees with a second opinion: ``opinion()``
    (htmldate's reading of the page, YYYY-MM-DD) first, else the day the URL names (``url_day``),
    since a page's first <time> may be an update while its URL is the day it was filed. A later
    candidate that names the winner's day with more (a time where it has none, an offset where it
    has none) stands in for it. With no candidate, the URL's day, then the second opinion's. The
    opinion is asked only where it can change the answer: candidates naming different days, or
    none and no day in the URL."""
    present = [c for c in candidates if c]
    if not present:
        return url_day or (opinion() if opinion else None)
    days = [_stated_day(c) for c in present]
    opinion_day = opinion() if opinion and not all(d is not None and d == days[0] for d in days) else None
    for day in (opinion_day, url_day):
        agreeing = [c for c, stated in zip(present, days) if day and stated and stated.isoformat() == day]
        if agreeing:
            # The same instant written in another offset is no disagreement.
            if parse_date(present[0]) not in {parse_date(c) for c in agreeing}:
                present = agreeing + [c for c in present if c not in agreeing]
            break
    first = present[0]
    if _completeness(first) == 3 or (day := _stated_day(first)) is None:
        return first
    best, best_level = first, _completeness(first)
    for other in present[1:]:
        if (level := _completeness(other)) > best_level and _stated_day(other) == day:
            best, best_level = other, level
    return best


def second_opinion(html: str | bytes, url: str) -> str | None:
    """htmldate's reading of the publication day (YYYY-MM-DD) of the page ``html``: its header,
    JSON and text heuristics, original date rather than the latest update."""
    try:
        return find_date(root_of(html, lxml_html.HTMLParser), url=url, original_date=True)
    except Exception:  # a second opinion that fails is no opinion
        logger.debug("htmldate failed on %s", url, exc_info=True)
        return None


_CLOCK = re.compile(r"\d{1,2}:\d{2}|\dt\d{4}", re.IGNORECASE)  # 17:27, or ISO's basic 20250430T1727
_STATED_OFFSET = re.compile(r"(?:z|[+-]\d{2}:?\d{2}|gmt|utc)$", re.IGNORECASE)


def _completeness(raw: str) -> int:
    """1 for a day, 2 for a day and a time, 3 for a day, a time and an offset."""
    if not _CLOCK.search(raw):
        return 1
    return 3 if _STATED_OFFSET.search(raw.strip()) else 2


def _stated_day(raw: str):
    """The calendar day ``raw`` names, in the offset it states (or as written)."""
    moment = parse_date(raw)
    if moment is None:
        return None
    match = re.search(r"([+-])(\d{2}):?(\d{2})$", raw.strip())
    if match:
        sign = 1 if match.group(1) == "+" else -1
        moment = moment.astimezone(timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))))
    return moment.date()


#: How many blocks after the title the date line may sit (a byline, a reading time, a label).
HEADER_BLOCKS = 12
#: A dateline opens a wire story within this many characters ("CAIRO, Dec 20, 2025 (AFP) -").
DATELINE_CHARS = 80


def header_date(page: list[Block], article: list[Block]) -> str | None:
    """A date line between the title (the page's first <h1>) and the article's first block: the
    date the page prints under its headline, alone ("June 12, 2025") or in a byline ("By X -
    Mar 27, 2024")."""
    start = next((i for i, b in enumerate(page) if b.kind == "h" and b.level == 1), None)
    if start is None:
        return None
    first = article[0].text if article else None
    for block in page[start + 1: start + 1 + HEADER_BLOCKS]:
        if block.text and block.text == first:
            break
        if block.text and is_date_line(block.text) and not _is_update_line(block.text):
            return block.text
    return None


def _is_update_line(text: str) -> bool:
    """"Updated November 19, 2021" dates a later version, not the publication."""
    marker = marker_of(text)
    return marker is not None and marker.kind == "modified"


def dateline(article: list[Block]) -> str | None:
    """The date a wire story opens with, in its first paragraph: "RAJSHAHI, Dec 20, 2025 (BSS) -"."""
    first = next((b.text for b in article if b.kind == "p" and b.text), None)
    if not first:
        return None
    opening = first[:DATELINE_CHARS]
    match = _DATELINE.search(opening)
    return match.group(0) if match and parse_date(match.group(0)) is not None else None
