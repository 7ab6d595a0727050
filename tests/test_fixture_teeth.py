"""The fixtures have teeth: blank out an outlet's body selector and its fixture cases fail.

The generic content extractor would otherwise stand in for a blanked selector (that is its job
on real crawls), so the mutation switches it off too: what is left is the question whether the
fixture cases notice a parser that finds no text.
"""

import dataclasses

import pytest

import newscrawler.extract.parser as parser
from newscrawler.extract.content import Content
from newscrawler.outlets import REGISTRY, all_outlets
from tests.fixture_cases import case_files, documents_for, load_case

NOWHERE = "nc-nowhere"  # a selector that matches nothing


def outlet_cases(name: str) -> list[dict]:
    return [c for c in map(load_case, case_files(name)) if c.get("documents")]


def any_case_fails(name: str) -> bool:
    return any((documents_for(case["url"]) or []) != case["documents"] for case in outlet_cases(name))


def with_blank_body(outlet):
    def blank(selectors):
        return dataclasses.replace(selectors, body=NOWHERE)

    layouts = tuple(dataclasses.replace(layout, selectors=blank(layout.selectors)) for layout in outlet.layouts)
    return dataclasses.replace(outlet, selectors=blank(outlet.selectors), layouts=layouts)


@pytest.mark.parametrize("name", [o.name for o in all_outlets() if o.parser is None or "article_blocks" not in vars(o.parser)])
def test_blanking_the_body_selector_breaks_a_fixture(name, monkeypatch):
    assert outlet_cases(name), f"{name} has no fixture cases"
    assert REGISTRY[name].selectors.body, f"{name} declares no body selector"
    assert not any_case_fails(name)
    monkeypatch.setitem(REGISTRY, name, with_blank_body(REGISTRY[name]))
    monkeypatch.setattr(parser, "article_blocks", lambda blocks, root, marked, url: Content([], root))
    assert any_case_fails(name), f"{name}: its fixtures pass with a parser that finds no text"


def test_arabkhabar_markers_have_teeth(monkeypatch):
    """arabkhabar has no selectors: it is read by its markers. Without the read-also marker, the
    embedded article would stay in the parent, and the fixtures must notice."""
    import newscrawler.extract.markers as markers

    monkeypatch.setitem(markers._PATTERNS, "read_also", markers.re.compile(r"(?!)"))
    markers.marker_of.cache_clear()  # lines read before the mutation are remembered
    try:
        assert any_case_fails("arabkhabar")
    finally:
        monkeypatch.undo()
        markers.marker_of.cache_clear()
