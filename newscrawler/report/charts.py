"""Charts as inline SVG, drawn here: no script, no font or library from elsewhere, so a report
opens the same on a machine with no network. Every text is escaped; each bar carries a
``<title>`` (the browser's own tooltip) with its exact figure."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

PALETTE = ("#1f6f8b", "#e07a1f", "#3a8f3a", "#b23a48", "#6a4c93", "#8a6d3b", "#2b7a78", "#c05c7e")


def days_between(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def bar_chart(values: list[tuple[str, float]], *, label: str, color: str = PALETTE[0], width: int = 720,
              height: int = 90, unit: str = "") -> str:
    """One bar per (key, value), keys along the bottom (the first and the last written out)."""
    if not values:
        return f'<p class="empty">{escape(label)}: nothing yet</p>'
    top = max(value for _, value in values) or 1
    step = width / len(values)
    bars = []
    for index, (key, value) in enumerate(values):
        bar_height = (height - 14) * value / top
        bars.append(f'<rect class="bar" x="{index * step:.2f}" y="{height - 14 - bar_height:.2f}" '
                    f'width="{max(step - 1, 0.5):.2f}" height="{bar_height:.2f}" fill="{color}">'
                    f'<title>{escape(key)}: {value:g}{escape(unit)}</title></rect>')
    axis = (f'<text x="0" y="{height - 2}" class="axis">{escape(values[0][0])}</text>'
            f'<text x="{width}" y="{height - 2}" class="axis" text-anchor="end">{escape(values[-1][0])}</text>'
            f'<text x="{width}" y="10" class="axis" text-anchor="end">max {top:g}{escape(unit)}</text>')
    return (f'<figure><figcaption>{escape(label)}</figcaption><svg class="chart" role="img" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(label)}">{"".join(bars)}{axis}'
            "</svg></figure>")


def daily_bars(counts: dict[str, float], days: list[str], *, label: str, color: str, unit: str = "") -> str:
    """Bars for every day of ``days`` (zero where ``counts`` has none)."""
    return bar_chart([(day, counts.get(day, 0)) for day in days], label=label, color=color, unit=unit)


def share_cell(share: float | None) -> str:
    """A table cell shaded by a share (0 to 1): the heat map of field coverage."""
    if share is None:
        return '<td class="share">–</td>'
    return f'<td class="share" style="background: hsl({120 * share:.0f}, 65%, 82%)">{100 * share:.0f}%</td>'
