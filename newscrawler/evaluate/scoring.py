"""Scoring one system's output for one page against the page's truth."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOKENS = re.compile(r"\w+")


@dataclass
class Output:
    """What a system made of a page."""

    stored: bool
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD in the outlet's local calendar
    body: str = ""


@dataclass
class Score:
    stored: bool
    title: bool | None = None
    date: bool | None = None
    snippets: bool | None = None
    f1: float | None = None


def token_f1(found: str, expected: str) -> float:
    """F1 over ``\\w+`` tokens counted as a bag."""
    found_tokens, expected_tokens = Counter(_TOKENS.findall(found)), Counter(_TOKENS.findall(expected))
    overlap = sum((found_tokens & expected_tokens).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(found_tokens.values())
    recall = overlap / sum(expected_tokens.values())
    return 2 * precision * recall / (precision + recall)


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
    if truth.text:
        result.f1 = token_f1(output.body, truth.text)
    return result
