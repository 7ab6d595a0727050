"""The generic content rules, for pages without a body selector: which of a page's blocks are the
article.

Every block of the page has a value. Prose counts for the article by its characters outside links;
link text counts against it, and a block that is mostly links (a menu, a teaser list) counts all
its text against it. Some blocks are furniture whatever they say, and are set aside:

- blocks inside elements named as furniture (``furniture.py`` marks them) once the element's
  content agrees with its name: comments and consent banners always (a long discussion must not
  outweigh a short post); share bars, related links, author boxes, calls to action, sidebars,
  headers and footers unless the element holds most of the page's prose (a layout wrapper named
  "content-sidebar-wrap" is the article's); captions, meta and bylines when they hold little text
  or mostly links; widgets only when mostly links (page builders call every text section a
  widget). What holds the page's title (its first <h1>) is never furniture;
- teaser cards: three or more sibling elements that each hold a linked headline and a short
  excerpt (a "related posts" grid, a carousel of recent stories), named or not;
- a second copy of a paragraph already seen (a mobile and a desktop copy of the story).

An element's score is the sum of the values of the blocks inside it, so the best-scoring element
is the article's container: the wrapper of a story split over several sibling containers (columns,
sections, text blocks between pictures) wins over each of them. Inside it, the best-scoring run
of blocks is kept, links counting less: a byline, a share bar or a list of related links at its
edges falls away, while headings, list items and a list of links between paragraphs stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newscrawler.extract.blocks import Block
from newscrawler.urls import registered_domain

#: A block this long with few links is prose; shorter text is a label, a heading, a list item,
#: unless it is half as long and reads as a sentence (ends like one, or has this many words).
PROSE_CHARS = 80
MIN_PROSE_WORDS = 8
#: Blocks mostly made of links (menus, teaser lists) count all their text against the article.
LINK_LIST_RATIO = 0.5
#: Headings count a little for the article they head; other short lines (labels, list items,
#: bylines) count for nothing on their own, and are kept when they sit between paragraphs.
HEADING_WEIGHT = 0.3
#: Inside the article's container, links count for less against it: a list of links between
#: two halves of a story is part of it; a share bar or a related list at its edge still goes.
INSIDE_NEGATIVE_WEIGHT = 0.25
#: When elements compete to be the article's container, link text counts half as much against
#: one as prose counts for it: a guide whose lists are links is still the guide.
SELECTION_NEGATIVE_WEIGHT = 0.5
#: A paragraph this long seen twice on a page is a copy.
REPEAT_MIN_CHARS = 40
#: Named furniture is kept when it holds at least this share of the page's prose.
WRAPPER_SHARE = 0.5
#: Weakly named furniture is set aside when it holds less text than this…
WEAK_MAX_CHARS = 400
#: … or when this much of its text is links.
WEAK_LINK_RATIO = 0.3
#: A teaser card holds a linked headline and an excerpt, and no more text than this.
CARD_MAX_CHARS = 600
#: Sibling cards this many or more are a teaser grid, when they hold this share of the prose of
#: the element they sit in (cards between paragraphs are entries of a list article).
MIN_CARDS = 3
GRID_SHARE = 0.8


def block_value(block: Block) -> float:
    """What a block says for the article it sits in: positive for prose, negative for links."""
    if block.is_placeholder or not block.text:
        return 0.0
    length, links = len(block.text), block.link_chars
    if links >= LINK_LIST_RATIO * length:
        return -float(length)
    own = length - links
    if length >= PROSE_CHARS or block.kind == "p" and own >= PROSE_CHARS // 2 and (
            _ends_sentence(block.text) or len(block.text.split()) >= MIN_PROSE_WORDS):
        return own - links
    if block.kind == "h" and block.level > 1:  # an <h1> is the title, not the text
        return HEADING_WEIGHT * own - links
    return -float(links)


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in ".!?؟…:;)\"»”'"


class _Tally:
    """What the blocks inside one element add up to."""

    __slots__ = ("total", "prose", "chars", "link_chars", "headlines", "texts", "has_title")

    def __init__(self):
        self.total = self.prose = 0.0
        self.chars = self.link_chars = self.headlines = self.texts = 0
        self.has_title = False

    def add(self, block: Block, value: float, headline: bool) -> None:
        """Count ``block`` in; ``headline``: a linked headline of the site."""
        self.total += value if value >= 0 else value * SELECTION_NEGATIVE_WEIGHT
        self.prose += max(value, 0.0)
        self.chars += len(block.text)
        self.link_chars += block.link_chars
        if headline:
            self.headlines += 1
        elif value > 0:
            self.texts += 1

    def add_tally(self, other: _Tally) -> None:
        """Count in what ``other`` (an element inside this one) holds."""
        self.total += other.total
        self.prose += other.prose
        self.chars += other.chars
        self.link_chars += other.link_chars
        self.headlines += other.headlines
        self.texts += other.texts

    @property
    def is_card(self) -> bool:
        """A headline linked to another page of the site, an excerpt, and little else."""
        return self.headlines >= 1 and self.texts >= 1 and self.chars <= CARD_MAX_CHARS


class _Page:
    """The page's blocks with their values, the chain of elements each sits in (from its own up
    to the root), and the tally of every element."""

    def __init__(self, blocks: list[Block], values: list[float], chains: list[list], site: str):
        self.blocks, self.values, self.chains = blocks, values, chains
        self.headlines = [bool(b.text) and b.link_ratio >= LINK_LIST_RATIO and _links_within(b, site) for b in blocks]
        #: How far each element of the chains is from the top (the root is 1).
        self.depth: dict = {}
        self.tallies = self._tally()

    def _tally(self) -> dict:
        """The tally of every element the blocks sit in: each block counted in its own element's,
        then each element's added to the one above it, the deepest first (each element once,
        rather than each block once in every element above it)."""
        tallies: dict = {}
        above: list = []  # (depth, element, the element above it or None), each element once
        placed = set()
        for block, value, chain, headline in zip(self.blocks, self.values, self.chains, self.headlines):
            tally = tallies.get(chain[0])
            if tally is None:
                tally = tallies[chain[0]] = _Tally()
            tally.add(block, value, headline)
            for position, element in enumerate(chain):
                if element in placed:  # and so is everything above it
                    break
                placed.add(element)
                depth = self.depth[element] = len(chain) - position
                above.append((depth, element, chain[position + 1] if position + 1 < len(chain) else None))
        above.sort(key=lambda entry: -entry[0])  # stable: among equals, in page order
        for _, element, parent in above:  # (each holds a block, or an element counted already)
            tally = tallies[element]
            if parent is not None:
                parent_tally = tallies.get(parent)
                if parent_tally is None:
                    parent_tally = tallies[parent] = _Tally()
                parent_tally.add_tally(tally)
        return tallies

    def remove(self, elements: set) -> None:
        """Set aside the blocks inside ``elements``: out of the page, and the tallies counted again
        without them (an element left holding no text has none)."""
        keep = [index for index, chain in enumerate(self.chains) if not any(e in elements for e in chain)]
        self.blocks = [self.blocks[i] for i in keep]
        self.values = [self.values[i] for i in keep]
        self.chains = [self.chains[i] for i in keep]
        self.headlines = [self.headlines[i] for i in keep]
        before = self.tallies
        self.tallies = {e: t for e, t in self._tally().items() if t.chars}
        for element, tally in self.tallies.items():
            tally.has_title = before[element].has_title


@dataclass
class Content:
    """What the content rules found: the article's blocks, the element that holds them, and the
    elements they set aside as furniture."""

    blocks: list[Block]
    container: object
    furniture: set = field(default_factory=set)


def article_blocks(blocks: list[Block], root, marked: dict, page_url: str) -> Content:
    """The blocks of the page at ``page_url`` (``blocks``, in order) that are the article."""
    values = [block_value(b) for b in blocks]
    _discount_repeats(blocks, values)
    page = _Page(blocks, values, [_ancestry(b.element, root) for b in blocks], registered_domain(urlsplit(page_url).hostname or ""))
    # The page's title is its first <h1>; what holds it is the article's, whatever its name (a
    # modal may have an <h1> of its own).
    title = next((i for i, b in enumerate(blocks) if b.kind == "h" and b.level == 1), None)
    if title is not None:
        for element in page.chains[title]:
            page.tallies[element].has_title = True
    page_prose = page.tallies[root].prose if root in page.tallies else 0.0
    aside = {e for e, mark in marked.items() if e in page.tallies and _furniture(mark, page.tallies[e], page_prose)}
    aside |= _teaser_cards(page, page_prose)
    if aside:
        page.remove(aside)
    if not page.blocks:
        return Content([], root, aside)
    # The best score wins, and of equal scores the innermost element: scores that differ by a
    # rounding error (sub-headings count 0.3 of their letters) are equal.
    best = max(page.tallies, key=lambda e: (round(page.tallies[e].total, 6), page.depth[e]))
    inside = [i for i, chain in enumerate(page.chains) if best in chain]
    start, end = _best_run([v if v >= 0 else v * INSIDE_NEGATIVE_WEIGHT for v in (page.values[i] for i in inside)])
    return Content(_first_copies([page.blocks[i] for i in inside[start:end]]), best, aside)


def _links_within(block: Block, site: str) -> bool:
    """Whether the block's first link leads to another page of the same site."""
    host = urlsplit(block.links[0].url).hostname if block.links else None
    return bool(host) and registered_domain(host) == site


def _ancestry(element, root) -> list:
    """``element`` and its ancestors up to ``root``."""
    if element is None:
        return [root]
    chain = []
    while element is not None:
        chain.append(element)
        if element is root:
            break
        element = element.getparent()
    return chain


def _furniture(mark: str, tally: _Tally, page_prose: float) -> bool:
    """Whether an element marked as furniture by its name is set aside (see the module's docstring)."""
    if tally.has_title:
        return False
    if mark == "comments":
        return True
    if mark in ("named", "layout"):
        return tally.prose < WRAPPER_SHARE * page_prose
    mostly_links = tally.link_chars >= WEAK_LINK_RATIO * tally.chars
    return mostly_links if mark == "links" else mostly_links or tally.chars < WEAK_MAX_CHARS


def _teaser_cards(page: _Page, page_prose: float) -> set:
    """Elements that are cards of teaser grids: three or more siblings each holding a linked
    headline and an excerpt, with little else beside them; all of them together a minority of the
    page's prose (a list article of linked entries is the page's main text)."""
    cards_by_parent: dict = {}
    for element, tally in page.tallies.items():
        # The page's root has no tally above it: its parent lies outside what was weighed.
        parent_tally = page.tallies.get(parent := element.getparent())
        if tally.is_card and parent_tally is not None and not parent_tally.is_card:
            cards_by_parent.setdefault(parent, []).append(element)
    cards = {
        card for parent, group in cards_by_parent.items()
        if len(group) >= MIN_CARDS and sum(page.tallies[c].prose for c in group) >= GRID_SHARE * page.tallies[parent].prose
        for card in group
    }
    return cards if sum(page.tallies[c].prose for c in cards) < WRAPPER_SHARE * page_prose else set()


def _first_copies(blocks: list[Block]) -> list[Block]:
    """The blocks without second copies of a paragraph (the same plan described in three pricing
    cards, a sticky copy of the standfirst)."""
    seen: set[str] = set()
    kept = []
    for block in blocks:
        if len(block.text) >= REPEAT_MIN_CHARS:
            if block.text in seen:
                continue
            seen.add(block.text)
        kept.append(block)
    return kept


def _discount_repeats(blocks: list[Block], values: list[float]) -> None:
    """A paragraph printed twice counts once."""
    seen = set()
    for index, block in enumerate(blocks):
        if values[index] > 0 and len(block.text) >= REPEAT_MIN_CHARS:
            if block.text in seen:
                values[index] = 0.0
            seen.add(block.text)


def _best_run(values: list[float]) -> tuple[int, int]:
    """The slice with the largest sum (the first such, without what adds nothing at its edges)."""
    best, best_start, best_end = 0.0, 0, 0
    current, current_start = 0.0, 0
    for index, value in enumerate(values):
        if current <= 0:
            current, current_start = 0.0, index
        current += value
        if current > best:
            best, best_start, best_end = current, current_start, index + 1
    if best_end == 0:
        return 0, len(values)
    return best_start, best_end
