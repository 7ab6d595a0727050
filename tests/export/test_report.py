"""``python -m newscrawler report``: one self-contained HTML file, opened in headless Chromium (the
crawler's own): its charts render, no script runs or fails, nothing is fetched from elsewhere,
and what the store holds is shown as text, never as markup or a script link."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.export.articles import OUTLETS, command_env
from tests.export.test_stats_and_runs import fill_runs

PROJECT = Path(__file__).resolve().parents[2]
HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)>'


def fill_hostile(database) -> None:
    """What an old or foreign store may hold: markup in a title, script addresses as link targets."""
    fill_runs(database)
    database.articles.update_one({}, {"$set": {"title": HOSTILE_TITLE, "original_url": "javascript:alert('copy')"}})
    database.read_also_links.insert_one({"_id": "JavaScript:alert('linked')", "parent_urls": ["https://a.example/1"] * 50,
                                         "first_seen_at": datetime(2026, 11, 1, tzinfo=UTC)})


@pytest.fixture(params=["server", "embedded"])
def store_env(request, tmp_path):
    return command_env(request, tmp_path, fill_hostile)


def test_the_report_renders_offline_with_every_chart_and_no_script(store_env, tmp_path):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    from newscrawler import settings

    out = tmp_path / "report.html"
    made = subprocess.run([sys.executable, "-m", "newscrawler", "report", "-o", str(out)], cwd=PROJECT, env=store_env,
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0 and "Traceback" not in made.stderr, made.stderr[-3000:]
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower().replace("&lt;script", "")  # the only "<script" is the escaped title

    errors, requests = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**settings.PLAYWRIGHT_LAUNCH_OPTIONS)
        try:
            page = browser.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("request", lambda request: requests.append(request.url))
            page.goto(out.as_uri())
            page.wait_for_load_state("load")
            charts = page.eval_on_selector_all(
                "svg.chart", "charts => charts.map(c => [c.getAttribute('aria-label'), "
                "[...c.querySelectorAll('rect.bar')].filter(r => r.getBoundingClientRect().height > 0).length, "
                "c.getBoundingClientRect().width])")
            text = page.inner_text("body")
            script_links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"
                                                     ".filter(h => !/^https?:/i.test(h))")
            scripts = page.eval_on_selector_all("script, img", "nodes => nodes.length")
        finally:
            browser.close()

    assert errors == []
    assert requests == [out.as_uri()]  # self-contained: nothing else asked for
    labels = [label for label, _, _ in charts]
    assert sorted(labels[:len(OUTLETS)]) == sorted(OUTLETS)  # articles per day, one chart per outlet
    assert "articles stored per day (UTC)" in labels and "crawls that failed per day (UTC)" in labels
    for label, bars, width in charts:
        assert width > 100, label
        if label != "crawls that failed per day (UTC)":  # no crawl failed: its bars are all zero
            assert bars > 0, label
    assert HOSTILE_TITLE in text  # shown as text
    assert script_links == [] and scripts == 0
    assert "JavaScript:alert('linked')" in text and "javascript:alert('copy')" in text  # named, not linked
    for heading in ("Articles per outlet per day", "Field coverage per outlet", "Most-linked read-also targets",
                    "Syndication pairs", "Crawl health over time"):
        assert heading in text
