"""Dates: ``parse_date(raw, *, timezone="UTC", now=None)`` → aware UTC datetime or None."""

from newscrawler.dates.parse import parse_date

__all__ = ["parse_date"]
