"""Text that UTF-8 (and so MongoDB and the journal) can hold.

Python strings may carry lone surrogates (``'\\ud800'``, from a JSON ``\\ud800`` escape on a page or
a decoder's ``surrogateescape``); UTF-8 cannot encode them, and one such character would make a
whole batch unwritable. Every string a document brings into storage, keys included, at any depth
of dicts and lists, goes through ``encodable``: a surrogate pair becomes the character it encodes,
a lone surrogate becomes U+FFFD.
"""

from __future__ import annotations


def encodable_text(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def encodable(value):
    """``value`` with every string in it encodable as UTF-8 (the same object when it already is)."""
    if isinstance(value, str):
        return encodable_text(value)
    if isinstance(value, dict):
        return {encodable(key): encodable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encodable(item) for item in value]
    return value
