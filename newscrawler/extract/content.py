"""The generic fallback for pages without a body selector: find the element holding the prose.

First choice: the element whose own <p> children carry the most prose (long paragraphs, few
links). Pages that write paragraphs as <br>-separated text or leaf <div>s fall back to
Readability's idea: every run of prose scores its length for its parent and half of it for its
grandparent, and the best-scoring element wins.
"""

from __future__ import annotations

PARAGRAPH_TAGS = ("p", "pre", "blockquote", "li", "div", "td")
MIN_PARAGRAPH_CHARS = 40
MIN_PROSE_PARAGRAPH_CHARS = 60
MIN_CONTAINER_PROSE = 300


def _prose_text(element, min_chars: int) -> str | None:
    """The element's text when it reads as prose (at least ``min_chars``, at most 30% of it in
    links), else None."""
    text = "".join(element.itertext()).strip()
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return text if len(text) >= min_chars and links <= len(text) * 0.3 else None


def _paragraph_parent(root):
    scores: dict = {}
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is not None and (text := _prose_text(paragraph, MIN_PROSE_PARAGRAPH_CHARS)):
            scores[parent] = scores.get(parent, 0) + len(text)
    best = max(scores, key=scores.get, default=None)
    return best if best is not None and scores[best] >= MIN_CONTAINER_PROSE else None


def _readability_root(root):
    scores: dict = {}
    for element in root.iter(*PARAGRAPH_TAGS):
        if element.tag == "div" and any(child.tag in ("p", "div", "table", "ul") for child in element):
            continue  # a container, not a paragraph
        text = _prose_text(element, MIN_PARAGRAPH_CHARS)
        if text is None:
            continue
        score = len(text) + 10 * (text.count("،") + text.count(","))
        parent = element.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0) + score / 2
    return max(scores, key=scores.get, default=root)


def content_root(root):
    """The element that holds the page's prose, or ``root`` when nothing stands out."""
    found = _paragraph_parent(root)
    return found if found is not None else _readability_root(root)
