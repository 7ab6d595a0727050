"""``python -m newscrawler.evaluate PATH [--json]``: the scoreboard, ours beside trafilatura."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from newscrawler.evaluate.report import evaluate, render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawler.evaluate", description=__doc__)
    parser.add_argument("path", type=Path, help="a corpus folder with MANIFEST.tsv (e.g. ../shared/corpus/raw)")
    parser.add_argument("--json", action="store_true", help="the scores as JSON instead of a table")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if not args.path.is_dir():
        print(f"newscrawler.evaluate: {args.path} is not a folder", file=sys.stderr)
        return 2
    try:
        report = evaluate(args.path)
    except FileNotFoundError as error:
        print(f"newscrawler.evaluate: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
