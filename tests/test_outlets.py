from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newscrawler.outlets import REGISTRY, DuplicateOutlet, all_outlets, get_outlet, outlet_for_url

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("outlet", all_outlets(), ids=lambda o: o.name)
def test_every_outlet_declares_a_real_timezone_and_discovery(outlet):
    ZoneInfo(outlet.timezone)
    assert outlet.discovery, f"{outlet.name} has no discovery sources"
    assert outlet.domains


def test_declared_timezones():
    assert get_outlet("arabkhabar").timezone == "GMT"
    assert get_outlet("aljadeedpress").timezone == "Asia/Aden"
    assert get_outlet("aljazeera").timezone == "Asia/Qatar"


def test_urls_find_their_outlet():
    assert outlet_for_url("https://www.aljazeera.net/news/2025/4/28/x").name == "aljazeera"
    assert outlet_for_url("https://arabkhabar.com/a/1").name == "arabkhabar"
    assert outlet_for_url("https://notaljazeera.net/x") is None
    assert outlet_for_url("https://example.com/") is None


def test_article_url_patterns():
    assert get_outlet("arabkhabar").is_article_url("https://arabkhabar.com/a/5129170")
    assert not get_outlet("arabkhabar").is_article_url("https://arabkhabar.com/section/world")
    assert get_outlet("aljazeera").is_article_url("https://www.aljazeera.net/politics/2025/4/30/slug")
    assert not get_outlet("aljazeera").is_article_url("https://www.aljazeera.net/tag/russia/")
    assert get_outlet("aljadeedpress").is_article_url("https://www.aljadeedpress.net/archives/218754")


def test_unverified_discovery_addresses_are_listed_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for outlet in all_outlets():
        for source in outlet.discovery:
            if not source.verified:
                assert source.url in readme, f"{source.url} must be listed as unverified in the README"


def test_registry_rejects_duplicates(monkeypatch):
    import newscrawler.outlets as registry
    from newscrawler.outlets.base import Outlet

    original = registry.importlib.import_module

    def twice(name):
        module = original(name)
        if name.endswith(".aljazeera"):
            clash = type("M", (), {"OUTLET": Outlet(name="arabkhabar", domains=("x.example",), timezone="UTC")})
            return clash
        return module

    monkeypatch.setattr(registry.importlib, "import_module", twice)
    with pytest.raises(DuplicateOutlet):
        registry._collect()
    assert "aljazeera" in REGISTRY


def test_the_outlet_of_a_url_is_the_longest_domain_then_the_path_prefix(monkeypatch):
    import newscrawler.outlets as registry
    from newscrawler.outlets.base import Outlet

    outlets = {
        "site": Outlet(name="site", domains=("example.com",), timezone="UTC"),
        "section": Outlet(name="section", domains=("news.example.com",), timezone="UTC"),
        "arabic": Outlet(name="arabic", domains=("example.com",), timezone="UTC", path_prefixes=("/arabic",)),
    }
    monkeypatch.setitem(vars(registry), "REGISTRY", outlets)
    for url, expected in [
        ("https://www.news.example.com/a", "section"),  # the longest domain wins, asked first or later
        ("https://example.com/a", "site"),
        ("https://EXAMPLE.com/arabic/a", "site"),  # registered first among domains as long
        ("https://news.example.com/arabic/a", "section"),
        ("https://example.org/a", None),
        ("https://notexample.com/a", None),
    ]:
        for _ in range(2):  # read again from what the first answer kept
            assert getattr(outlet_for_url(url), "name", None) == expected, url
    del outlets["site"]
    monkeypatch.setitem(vars(registry), "REGISTRY", dict(outlets))
    assert outlet_for_url("https://EXAMPLE.com/arabic/a").name == "arabic"
    assert outlet_for_url("https://example.com/a") is None
