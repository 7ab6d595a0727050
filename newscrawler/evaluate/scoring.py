"""Scoring one system's output for one page against the page's truth."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_TOKENS = re.compile(r"\w+")
_STATED_OFFSET = re.compile(r"(?:z|([+-])(\d{2}):?(\d{2}))\s*$", re.IGNORECASE)


@dataclass
class Output:
    """What a system made of a page."""

    stored: bool
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD as the page states it
    body: str = ""


@dataclass
class Score:
    stored: bool
    title: bool | None = None
    date: bool | None = None
    snippets: bool | None = None
    f1: float | None = None


def token_f1(found: str, expected: str) -> float:
    """WCXB's word-F1: precision and recall over lowercased ``\\w+`` tokens counted as a bag; an
    empty truth is matched only by an empty output."""
    found_tokens, expected_tokens = Counter(_TOKENS.findall(found.lower())), Counter(_TOKENS.findall(expected.lower()))
    if not expected_tokens:
        return 1.0 if not found_tokens else 0.0
    overlap = sum((found_tokens & expected_tokens).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(found_tokens.values())
    recall = overlap / sum(expected_tokens.values())
    return 2 * precision * recall / (precision + recall)


def stated_day(moment: datetime | None, raw: str | None, zone: str) -> str | None:
    """The calendar day of ``moment`` read in the offset ``raw`` states ("…+03:00", "…Z"), else in
    ``zone`` (the outlet's, or UTC for an unknown site, where a time without an offset was read)."""
    if moment is None:
        return None
    match = _STATED_OFFSET.search((raw or "").strip())
    if match and match.group(1):
        sign = 1 if match.group(1) == "+" else -1
        local = timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))
    elif match:
        local = timezone.utc
    else:
        local = ZoneInfo(zone)
    return moment.astimezone(local).date().isoformat()


def collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def score(output: Output, truth) -> Score:
    result = Score(stored=output.stored)
    if truth.title:
        result.title = collapse(output.title) == collapse(truth.title)
    if truth.date:
        result.date = output.date == truth.date
    if truth.with_snippets or truth.without_snippets:
        result.snippets = all(s in output.body for s in truth.with_snippets) and not any(
            s in output.body for s in truth.without_snippets
        )
    if truth.text is not None:
        result.f1 = token_f1(output.body, truth.text)
    return result
