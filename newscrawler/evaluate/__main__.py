"""``python -m newscrawler.evaluate PATH``: the scoreboard, ours beside trafilatura."""

from __future__ import annotations

import sys

from newscrawler.evaluate.command import main

if __name__ == "__main__":
    sys.exit(main())
