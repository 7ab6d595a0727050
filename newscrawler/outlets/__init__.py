"""The outlet registry: every module in this package declares one ``OUTLET``.

Adding an outlet is one small module here plus its fixtures; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from urllib.parse import urlsplit

from newscrawler.outlets.base import Discovery, Layout, Outlet, Selectors

__all__ = ["Discovery", "Layout", "Outlet", "Selectors", "REGISTRY", "all_outlets", "get_outlet", "outlet_for_url"]

_NOT_OUTLETS = {"base"}


class DuplicateOutlet(ValueError):
    pass


def _collect() -> dict[str, Outlet]:
    registry: dict[str, Outlet] = {}
    domains: dict[str, str] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name in _NOT_OUTLETS:
            continue
        outlet = importlib.import_module(f"{__name__}.{module_info.name}").OUTLET
        if outlet.name in registry:
            raise DuplicateOutlet(f"outlet name {outlet.name!r} is declared twice")
        for domain in outlet.domains:
            if domain in domains:
                raise DuplicateOutlet(f"domain {domain!r} belongs to both {domains[domain]!r} and {outlet.name!r}")
            domains[domain] = outlet.name
        registry[outlet.name] = outlet
    return registry


def __getattr__(name: str):
    # The registry is collected on first use, not at import: outlet modules import the extraction
    # package to subclass its parser, and the extraction package imports ``outlets.base``.
    if name == "REGISTRY":
        globals()["REGISTRY"] = registry = _collect()
        return registry
    raise AttributeError(name)


def _registry() -> dict[str, Outlet]:
    return globals().get("REGISTRY") or __getattr__("REGISTRY")


def all_outlets() -> list[Outlet]:
    return list(_registry().values())


def get_outlet(name: str) -> Outlet:
    try:
        return _registry()[name]
    except KeyError:
        raise KeyError(f"no outlet named {name!r}; known: {', '.join(sorted(_registry()))}") from None


def outlet_for_url(url: str) -> Outlet | None:
    """The registered outlet whose domains hold ``url``'s host (the longest match wins; then the
    first registered), among those whose path prefixes, if any, hold its path."""
    parts = urlsplit(url)
    registry = _registry()
    for name in _outlets_for_host((parts.hostname or "").lower(), id(registry)):
        if registry[name].holds_path(parts.path):
            return registry[name]
    return None


@lru_cache(maxsize=4096)
def _outlets_for_host(host: str, registry_id: int) -> tuple[str, ...]:
    """The names of the outlets with a domain holding ``host``, the longest such domain first (a
    crawl asks for every link of every page: the registry is gone through once per host)."""
    owning = [(domain, outlet.name) for outlet in _registry().values() if (domain := outlet.matching_host(host))]
    return tuple(name for _, name in sorted(owning, key=lambda owner: -len(owner[0])))
