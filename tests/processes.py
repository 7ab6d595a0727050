"""Processes the tests start, as /proc shows them."""

from __future__ import annotations


def running(pid: int) -> bool:
    """Whether process ``pid`` is there and has not ended (a zombie has ended: it only waits for
    its parent to collect it)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
