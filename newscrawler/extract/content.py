"""The generic fallback for pages without a body selector: find the element holding the prose.

Readability's idea, kept small: every paragraph of real prose (long, few links) scores its
length for its parent and half of it for its grandparent; the best-scoring element wins.
"""

from __future__ import annotations

PARAGRAPH_TAGS = ("p", "pre", "blockquote", "li", "div", "td")
MIN_PARAGRAPH_CHARS = 40


def _own_text_length(element) -> tuple[int, int]:
    text = "".join(element.itertext()).strip()
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return len(text), links


def content_root(root):
    """The element that holds the page's prose, or ``root`` when nothing stands out."""
    scores: dict = {}
    for element in root.iter(*PARAGRAPH_TAGS):
        if element.tag == "div" and any(child.tag in ("p", "div", "table", "ul") for child in element):
            continue  # a container, not a paragraph
        length, links = _own_text_length(element)
        if length < MIN_PARAGRAPH_CHARS or links > length * 0.3:
            continue
        score = length + 10 * ("".join(element.itertext()).count("،") + "".join(element.itertext()).count(","))
        parent = element.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0) + score / 2
    if not scores:
        return root
    return max(scores, key=scores.get)
