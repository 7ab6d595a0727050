"""``report(database, …)``: one self-contained HTML page of what the store holds and how the
crawls went: articles per outlet per day, field coverage per outlet, the most-linked read-also
targets, syndication pairs, and crawl health over time. Days are UTC days. Nothing on the page
is fetched from elsewhere (no CDN, no web font, no script), and every value from the store is
escaped; URLs are links only when they are http(s)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from html import escape
from urllib.parse import unquote, urlsplit

from newscrawler.report.charts import PALETTE, daily_bars, days_between, share_cell
from newscrawler.storage.reading import (
    COVERED_FIELDS,
    articles_per_day,
    latest_runs,
    most_linked,
    outlet_figures,
    syndication_pairs,
)

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .5em 0; } td, th { padding: .2em .6em; border: 1px solid #e3e3e3; }
th { background: #f5f5f5; text-align: left; } td.num, td.share { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: .6em 0; } figcaption { font-weight: 600; } svg.chart { display: block; background: #fafafa; }
text.axis { font-size: 10px; fill: #666; } .empty, .note { color: #777; } .unsafe { color: #b23a48; }
.failed { color: #b23a48; font-weight: 600; }
"""


def link(url: str | None, text: str | None = None) -> str:
    """An escaped link when ``url`` is http(s); escaped plain text otherwise."""
    if not url:
        return ""
    shown = escape(text if text is not None else unquote(url))
    if urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return f'<a href="{escape(url.strip(), quote=True)}" rel="noreferrer noopener">{shown}</a>'
    return f'<span class="unsafe" title="not an http(s) address">{shown}</span>'


def _utc_day(value) -> str | None:
    return value.astimezone(UTC).date().isoformat() if isinstance(value, datetime) else None


def _window(days_with_data: list[str], days: int) -> list[str]:
    """The last ``days`` days up to the latest day with data."""
    if not days_with_data:
        return []
    last = max(days_with_data)
    first = max(min(days_with_data), (date.fromisoformat(last) - timedelta(days=days - 1)).isoformat())
    return days_between(first, last)


def _articles_per_day(database, days: int) -> str:
    rows = articles_per_day(database)
    window = _window([r["day"] for r in rows if r["day"]], days)
    if not window:
        return '<p class="empty">No article with a publication date yet.</p>'
    by_outlet: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        by_outlet[row["outlet"] or "?"][row["day"]] = row["articles"]
    return (f'<p class="note">{escape(window[0])} to {escape(window[-1])}, by publication day (UTC).</p>'
            + "".join(daily_bars(counts, window, label=outlet, color=PALETTE[index % len(PALETTE)])
                      for index, (outlet, counts) in enumerate(sorted(by_outlet.items()))))


def _coverage(figures: list[dict]) -> str:
    if not figures:
        return '<p class="empty">No articles yet.</p>'
    head = "".join(f"<th>{escape(name)}</th>" for name in COVERED_FIELDS)
    rows = "".join(
        f'<tr><td>{escape(row["outlet"] or "?")}</td><td class="num">{row["articles"]}</td>'
        + "".join(share_cell(row["holding"][name] / row["articles"]) for name in COVERED_FIELDS) + "</tr>"
        for row in figures)
    return f'<table class="coverage"><tr><th>outlet</th><th>articles</th>{head}</tr>{rows}</table>'


def _table(headings: tuple[str, ...], rows: list[str], *, empty: str) -> str:
    """A table of ready-made ``<td>`` rows, or ``empty`` when there are none."""
    if not rows:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(heading)}</th>" for heading in headings)
    return f"<table><tr>{head}</tr>{''.join(f'<tr>{row}</tr>' for row in rows)}</table>"


def _text(value) -> str:
    return f'<td dir="auto">{escape(str(value or ""))}</td>'


def _most_linked(database) -> str:
    rows = [f'<td class="num">{t["parents"]}</td>{_text(t["outlet"])}{_text(t["title"])}<td>{link(t["url"])}</td>'
            for t in most_linked(database)]
    return _table(("pages linking", "outlet", "title", "address"), rows, empty="No read-also links yet.")


def _syndication(database) -> str:
    rows = [f'{_text(p.get("outlet"))}{_text(p.get("title"))}<td>{link(p.get("url"))}</td>'
            f'<td>{link(p.get("original_url"))}</td>' for p in syndication_pairs(database)]
    return _table(("outlet", "title", "copy", "original"), rows, empty="No syndication links yet.")


def _failed(run: dict) -> bool:
    return run.get("finish_reason") != "finished" or bool(run.get("errors"))


def _crawl_health(database, days: int) -> str:
    runs = latest_runs(database, 0)
    if not runs:
        return '<p class="empty">No crawl records yet.</p>'
    stored, failed = defaultdict(int), defaultdict(int)
    for run in runs:
        day = _utc_day(run.get("finished_at"))
        if day:
            stored[day] += (run.get("articles") or {}).get("stored", 0)
            failed[day] += _failed(run)
    window = _window(list(stored), days)
    charts = (daily_bars(stored, window, label="articles stored per day (UTC)", color=PALETTE[2])
              + daily_bars(failed, window, label="crawls that failed per day (UTC)", color="#b23a48"))
    rows = [f'{_text(_minute(run.get("finished_at")))}{_text(run.get("spider", "?"))}'
            f'<td class="{"failed" if _failed(run) else ""}">{escape(str(run.get("finish_reason", "?")))}</td>'
            f'<td class="num">{(run.get("articles") or {}).get("stored", 0)}</td>'
            f'<td class="num">{sum((run.get("dropped") or {}).values())}</td><td class="num">{run.get("errors", 0)}</td>'
            for run in runs[:20]]
    return charts + _table(("finished (UTC)", "spider", "reason", "stored", "dropped", "errors"), rows, empty="")


def _minute(value) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else "?"


def report(database, *, where: str, days: int = 90, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    figures = outlet_figures(database)
    total = sum(row["articles"] for row in figures)
    sections = [
        ("Articles per outlet per day", _articles_per_day(database, days)),
        ("Field coverage per outlet", _coverage(figures)),
        ("Most-linked read-also targets", _most_linked(database)),
        ("Syndication pairs", _syndication(database)),
        ("Crawl health over time", _crawl_health(database, days)),
    ]
    body = "".join(f"<section><h2>{escape(title)}</h2>{content}</section>" for title, content in sections)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">"
            f"<title>newscrawler report</title><style>{STYLE}</style></head><body>"
            f"<h1>newscrawler report</h1><p class=\"note\">{total} articles from {len(figures)} outlets in "
            f"{escape(where)}; made {escape(now.strftime('%Y-%m-%d %H:%M'))} UTC.</p>{body}</body></html>\n")
