"""One walk over the untouched page, whose findings the later steps read instead of walking the
whole page again: the class and id names of every element that has them, the elements that may be
furniture by nature, a figure, a read-also label, a date or a marked author.

Each list is a superset that its reader narrows down (``furniture.prepare``, ``published.markup_dates``,
``structured.read_metadata``); each is in page order. Walking a page is what extraction spends most
of its time on: one Python step per element, so the page is walked once for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from newscrawler.extract.furniture import (
    FIGURE_WORDS,
    NATURE_ATTRIBUTES,
    NATURE_TAGS,
    may_be_label,
    name_words,
    names_of,
)
from newscrawler.extract.published import DATE_CLASS


@dataclass
class PageIndex:
    #: Element → its class and id, as "class id", for every element with either.
    named: dict = field(default_factory=dict)
    #: Elements whose tag or attributes may make them furniture by nature (the root excepted).
    nature: list = field(default_factory=list)
    #: <figure>s, and elements named like a picture's wrapper.
    figures: list = field(default_factory=list)
    #: Elements holding a short text that may be a read-also label.
    label_holders: list = field(default_factory=list)
    #: <time>, elements with an ``itemprop``, and elements whose class reads like a date's.
    dated: list = field(default_factory=list)
    #: Elements marked ``itemprop="author"``.
    authors: list = field(default_factory=list)
    #: Every class attribute's value, and every id, on the page.
    class_names: set = field(default_factory=set)
    ids: set = field(default_factory=set)
    #: The element walked.
    root: object = None
    _holding: dict = field(default_factory=dict, repr=False)

    @cached_property
    def class_tokens(self) -> set[str]:
        """Every class on the page."""
        return {name for value in self.class_names for name in value.split()}

    def holding(self, anchor: tuple[str, str]) -> list[tuple[int, object]]:
        """The elements that had ``anchor`` ("class", a class, or "id", an id) when the page was
        walked, each with its place in page order. A class is looked for among the words of "class
        id" split on any white space (more than CSS splits on): every element CSS finds with the
        class is among them, and a few it would not find may be (the selector itself decides)."""
        found = self._holding.get(anchor)
        if found is None:
            kind, name = anchor
            elements, all_names = self._named_lists
            found = self._holding[anchor] = [
                (place, elements[place]) for place, names in enumerate(all_names)
                if name in names and (name in names.split() if kind == "class" else elements[place].get("id") == name)]
        return found

    @cached_property
    def _named_lists(self) -> tuple[list, list]:
        """The elements with a class or an id, and their "class id", in page order."""
        return list(self.named), list(self.named.values())


def index_page(root) -> PageIndex:
    index = PageIndex(root=root)
    named, nature, figures, label_holders = index.named, index.nature, index.figures, index.label_holders
    dated, authors, class_names, ids = index.dated, index.authors, index.class_names, index.ids
    for element in root.iter():
        # Most texts between elements are white space: no label there.
        if (tail := element.tail) and not tail.isspace() and may_be_label(tail):
            label_holders.append(element.getparent())
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if (text := element.text) and not text.isspace() and may_be_label(text):
            label_holders.append(element)
        by_nature, may_date, figure = tag in NATURE_TAGS, tag == "time", tag == "figure"  # tags are lower case
        if attributes := element.items():  # one read of them all: most elements have a class
            class_name = identifier = ""
            for key, value in attributes:
                if key == "class":
                    class_name = value
                elif key == "id":
                    identifier = value
                elif key == "itemprop":
                    may_date = True
                    if value == "author":
                        authors.append(element)
                elif key in NATURE_ATTRIBUTES:
                    by_nature = True
            if class_name or identifier:
                names, named_figure, date_class = _names(class_name, identifier)
                named[element] = names
                class_names.add(class_name)
                if identifier:
                    ids.add(identifier)
                may_date = may_date or date_class
                figure = figure or named_figure
        if by_nature and element is not root:
            nature.append(element)
        if figure:
            figures.append(element)
        if may_date:
            dated.append(element)
    return index


@lru_cache(maxsize=4096)
def _names(class_name: str, identifier: str) -> tuple[str, bool, bool]:
    """An element's names as "class id", whether they name a picture's wrapper, and whether its
    class reads like a date's (a site repeats its names on every page)."""
    names = names_of(class_name, identifier)
    return names, not FIGURE_WORDS.isdisjoint(name_words(names)), DATE_CLASS.search(class_name) is not None
