"""``parse_date``: a date string from a news page → an aware UTC datetime, or None.

The order: ISO 8601 and RFC 2822 (structured data, feeds), relative phrases against ``now``,
then the parts found in the text (a day, a Gregorian or Hijri month name or number, a year, a
time, ص/م, a zone), then dateparser for whatever else it knows, asked never to fill in a
missing day, month or year.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from datetime import timezone as dt_timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta
from hijridate import Hijri

from newscrawler.dates.vocabulary import (
    AM_WORDS,
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    NUMBER_WORDS,
    PM_WORDS,
    RELATIVE_UNITS,
    TODAY_WORDS,
    YESTERDAY_WORDS,
    ZONE_WORDS,
)
from newscrawler.text.letters import fold_display, fold_search

MIN_YEAR, MAX_YEAR = 1900, 2100
READ_CACHE_SIZE = 8192
HIJRI_YEARS = range(1300, 1600)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_START, _WORD_END = r"(?<![\w])", r"(?![\w])"
_GREGORIAN_MONTH = re.compile(_WORD_START + f"({_alternation(GREGORIAN_MONTHS)})" + r"\.?" + _WORD_END)
_HIJRI_MONTH = re.compile(_WORD_START + f"({_alternation(HIJRI_MONTHS)})" + _WORD_END)
_ZONE_WORD = re.compile(_WORD_START + f"({_alternation(ZONE_WORDS)})" + _WORD_END)
_OFFSET = re.compile(r"(?:gmt|utc)\s*([+-])(\d{1,2})(?::?(\d{2}))?|(?<![\w:+-])([+-])(\d{2}):?(\d{2})(?![\d:])")
_MERIDIEM = _alternation(AM_WORDS | PM_WORDS)
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?![\d:])"
    + rf"(?:\s*({_MERIDIEM})" + _WORD_END + ")?"
)
# A month token is "\x00M<n>\x00" (Gregorian) or "\x00H<n>\x00" (Hijri) once names are replaced.
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?[\s,،.\-/]*\x00([MH])(\d{1,2})\x00[\s,،.\-/]*(\d{4})(?!\d)"
)
_MONTH_DAY_YEAR = re.compile(
    r"\x00([MH])(\d{1,2})\x00[\s,،.\-/]*(\d{1,2})(?:st|nd|rd|th)?[\s,،]+(\d{4})(?!\d)"
)
_MONTH_YEAR_TWICE = re.compile(r"\x00([MH])(\d{1,2})\x00\s*(?:/|\(|-|–)\s*\x00([MH])(\d{1,2})\x00\s*\)?")
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_RELATIVE = re.compile(
    r"(?:(?:منذ|قبل|حوالي)\s+)(?:(\d+|" + _alternation(NUMBER_WORDS) + r")\s+)?"
    + f"({_alternation(RELATIVE_UNITS)})" + _WORD_END
    + r"|(\d+|an?|one)\s+(" + _alternation(RELATIVE_UNITS) + r")\s+ago"
)
_ISO_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:z|[+-]\d{2}:?\d{2})?$")
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})(\d{2})?(z|[+-]\d{4})?$")
#: RFC 2822 as feeds write it, whole: a numeric offset or GMT/UT/UTC/Z at most after the time
#: (anything else, "م" or "gst", is read by the general parser, which knows those words).
_RFC_SHAPE = re.compile(r"^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?"
                        r"(?:\s*(?:[+-]\d{4}|gmt|ut|utc|z))?$")


def parse_date(raw: str | None, *, timezone: str = "UTC", now: datetime | None = None) -> datetime | None:
    """Parse a raw date string into an aware UTC datetime, or return None.

    ``timezone`` (an IANA name) is where a time written without an offset or zone word was
    written; a date alone is local midnight there. ``now`` anchors relative phrases
    ("منذ 3 ساعات"); it defaults to the current time. What cannot be read is None, never a guess.
    """
    if not raw or not isinstance(raw, str):
        return None
    zone = _zone(timezone)
    text = _normalized(raw)
    if not text:
        return None
    found = _read_structured(text, zone)
    if found is None:
        try:
            found = _relative(text, _as_utc(now, zone) if now else datetime.now(UTC), zone)
        except (ValueError, OverflowError):
            found = None
    if found is None:
        found = _read_parts(text, zone)
    if found is None or not MIN_YEAR <= found.year <= MAX_YEAR:
        return None
    return found.astimezone(UTC)


# A page's date strings are read several times (is this line a date? which candidate is the most
# complete? then the pipeline's parse): what does not depend on the clock is read once and kept.


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@lru_cache(maxsize=READ_CACHE_SIZE)
def _normalized(raw: str) -> str:
    return " ".join(fold_search(fold_display(raw)).casefold().split())


@lru_cache(maxsize=READ_CACHE_SIZE)
def _read_structured(text: str, zone: ZoneInfo) -> datetime | None:
    try:
        return _structured(text, zone)
    except (ValueError, OverflowError):
        return None


@lru_cache(maxsize=READ_CACHE_SIZE)
def _read_parts(text: str, zone: ZoneInfo) -> datetime | None:
    """A date from its parts, else from dateparser: absolute dates only, which no clock changes."""
    try:
        found = _from_parts(text, zone)
    except (ValueError, OverflowError):
        found = None
    return found if found is not None else _with_dateparser(text, zone)


def _as_utc(moment: datetime, zone: ZoneInfo) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


def _localize(moment: datetime, zone) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _structured(text: str, zone: ZoneInfo) -> datetime | None:
    if match := _ISO_BASIC.match(text):  # ISO 8601 basic format: 20250430T1727+0300
        year, month, day, hour, minute, second, offset = match.groups()
        text = f"{year}-{month}-{day}t{hour}:{minute}:{second or '00'}{offset or ''}"
    if _ISO_SHAPE.match(text):
        iso = text.upper().replace(" ", "T", 1) if "t" not in text else text.upper()
        return _localize(datetime.fromisoformat(iso.replace("TZ", "Z")), zone)
    if _RFC_SHAPE.match(text):
        try:
            return _localize(parsedate_to_datetime(text), zone)
        except (TypeError, ValueError, IndexError):
            return None
    return None


def _relative(text: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    if match := _RELATIVE.search(text):
        count_word, unit_word = (match.group(1), match.group(2)) if match.group(2) else match.group(3, 4)
        unit, implied = RELATIVE_UNITS[unit_word]
        if count_word is None:
            count = implied or 1
        else:
            count = int(count_word) if count_word.isdigit() else NUMBER_WORDS[count_word]
        return now - relativedelta(**{unit: count})
    words = set(re.findall(r"\w+", text))
    day_shift = 1 if words & YESTERDAY_WORDS else 0 if words & TODAY_WORDS else None
    if day_shift is None or re.search(r"\d{4}", text):
        return None
    local_day = now.astimezone(zone).date() - timedelta(days=day_shift)
    clock = _time_of_day(text)
    return datetime.combine(local_day, clock or time(0), tzinfo=zone)


def _from_parts(text: str, zone: ZoneInfo) -> datetime | None:
    explicit_zone = None
    stated_offset = _offset(text)  # "GMT+0400" is an offset, not GMT
    if match := _ZONE_WORD.search(text):
        explicit_zone = ZoneInfo(ZONE_WORDS[match.group(1)])
        text = text[: match.start()] + " " + text[match.end():]
    marked = _HIJRI_MONTH.sub(lambda m: f"\x00H{HIJRI_MONTHS[m.group(1)]}\x00", text)
    marked = _GREGORIAN_MONTH.sub(lambda m: f"\x00M{GREGORIAN_MONTHS[m.group(1)]}\x00", marked)
    marked = _collapse_dual_month_names(marked)
    if marked is None:
        return None
    day = _calendar_day(marked)
    if day is None:
        return None
    rest = _DAY_MONTH_YEAR.sub(" ", _MONTH_DAY_YEAR.sub(" ", _YEAR_FIRST.sub(" ", _DAY_FIRST.sub(" ", marked))))
    clock = _time_of_day(rest)
    offset = (_offset(rest) or stated_offset) if clock else None
    tzinfo = offset or explicit_zone or zone
    return datetime.combine(day, clock or time(0), tzinfo=tzinfo)


def _collapse_dual_month_names(marked: str) -> str | None:
    """'نيسان/أبريل' and 'أبريل (نيسان)' name one month twice; two different months is no date."""
    for match in list(_MONTH_YEAR_TWICE.finditer(marked)):
        if match.group(1, 2) != match.group(3, 4):
            return None
        marked = marked.replace(match.group(0), f"\x00{match.group(1)}{match.group(2)}\x00 ", 1)
    return marked


def _calendar_day(marked: str) -> date | None:
    """The day the text names. A page that prints both calendars ("14 ربيع الأول 1445هـ الموافق
    28 سبتمبر 2023م") is read by its Gregorian date: Hijri calendars differ by a day between
    countries, the Gregorian one does not."""
    found: list[tuple[int, str, str, str, str]] = []  # position, kind, day, month, year
    for match in _DAY_MONTH_YEAR.finditer(marked):
        day, kind, month, year = match.groups()
        found.append((match.start(), kind, day, month, year))
    for match in _MONTH_DAY_YEAR.finditer(marked):
        kind, month, day, year = match.groups()
        found.append((match.start(), kind, day, month, year))
    for match in _YEAR_FIRST.finditer(marked):
        year, month, day = match.groups()
        found.append((match.start(), "H" if int(year) in HIJRI_YEARS else "M", day, month, year))
    for match in _DAY_FIRST.finditer(marked):
        day, month, year = match.groups()
        found.append((match.start(), "H" if int(year) in HIJRI_YEARS else "M", day, month, year))
    if not found:
        return None
    found.sort(key=lambda candidate: (candidate[1] != "M", candidate[0]))
    _, kind, day, month, year = found[0]
    day, month, year = int(day), int(month), int(year)
    if kind == "H":
        if year not in HIJRI_YEARS:
            return None
        return date(*Hijri(year, month, day).to_gregorian().datetuple())
    return date(year, month, day)


def _time_of_day(text: str) -> time | None:
    match = _TIME.search(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    meridiem = match.group(4)
    if meridiem in PM_WORDS and hour < 12:
        hour += 12
    elif meridiem in AM_WORDS and hour == 12:
        hour = 0
    return time(hour, minute, second)


def _offset(text: str) -> dt_timezone | None:
    """"GMT+3", "UTC+03:00", or a bare "+0300" / "-05:00" (never the dashes of a date)."""
    match = _OFFSET.search(text)
    if not match:
        return None
    sign, hours, minutes = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
    hours, minutes = int(hours), int(minutes or 0)
    if hours > 14 or minutes >= 60:
        return None
    return dt_timezone((-1 if sign == "-" else 1) * timedelta(hours=hours, minutes=minutes))


def _with_dateparser(text: str, zone: ZoneInfo) -> datetime | None:
    import dateparser

    settings = {
        "TIMEZONE": zone.key,
        "RETURN_AS_TIMEZONE_AWARE": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "DATE_ORDER": "DMY",
        # Relative phrases are read above, where "منذ" and "ago" are required: dateparser would
        # read "9–12 months" as a date. Absolute dates with every part need no clock.
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    }
    try:
        return dateparser.parse(text, languages=["ar", "en", "fr"], settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
