"""The fixtures have teeth: blank out an outlet's body or date selector and its fixture cases fail."""

import dataclasses

import pytest

from newscrawler.outlets import REGISTRY, all_outlets
from tests.fixture_cases import case_files, documents_for, load_case

NOWHERE = "nc-nowhere"  # a selector that matches nothing


def outlet_cases(name: str) -> list[dict]:
    return [c for c in map(load_case, case_files(name)) if c.get("documents")]


def any_case_fails(name: str) -> bool:
    return any((documents_for(case["url"]) or []) != case["documents"] for case in outlet_cases(name))


def blanked(outlet, field: str):
    def blank(selectors):
        return dataclasses.replace(selectors, **{field: NOWHERE}) if getattr(selectors, field) else selectors

    layouts = tuple(dataclasses.replace(layout, selectors=blank(layout.selectors)) for layout in outlet.layouts)
    return dataclasses.replace(outlet, selectors=blank(outlet.selectors), layouts=layouts)


@pytest.mark.parametrize("name", [o.name for o in all_outlets() if not o.whole_page])
def test_blanking_the_body_or_date_selector_breaks_a_fixture(name, monkeypatch):
    original = REGISTRY[name]
    assert original.selectors.body or original.selectors.published, f"{name} declares no body or date selector"
    broken = []
    for field in ("body", "published"):
        monkeypatch.setitem(REGISTRY, name, blanked(original, field))
        if any_case_fails(name):
            broken.append(field)
        monkeypatch.setitem(REGISTRY, name, original)
    assert broken, f"{name}: its fixtures pass without its body and without its date selector"
