"""``bench extract PATH --baseline GIT_REF``: this code and an older commit read the same pages in
turn, page by page, each in a process of its own started from the same interpreter, so that both
meet the machine in the same state. Absolute times on shared machines drift from one run to the
next; this ratio does not.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

#: What each side runs, with its own ``newscrawler`` first on the path: for every page index it is
#: sent, the best of a few readings (extraction and cleaning, as a crawl's page worker times them,
#: of the page as that side's crawl hands it over: its text, or its UTF-8 bytes).
READER = """
import sys
from pathlib import Path
from w3lib.encoding import html_to_unicode
from newscrawler.defaults import DEFAULTS
from newscrawler.evaluate.corpus import read_pages
from newscrawler.extract.workers import read
from newscrawler.outlets import outlet_for_url
try:
    from newscrawler.extract.source import page_source
except ImportError:  # a commit from before it: its crawl handed its page workers the text
    page_source = lambda body, encoding, text: text
pages = [(p.url, page_source(p.html, *html_to_unicode(None, p.html))) for p in read_pages(Path(sys.argv[1]))]
print(len(pages), flush=True)
for line in sys.stdin:
    index, repeats = map(int, line.split())
    url, html = pages[index]
    outlet = outlet_for_url(url)
    best = min(sum(read(html, url, outlet.name if outlet else None, [], None,
                        DEFAULTS["NEWSCRAWLER_MAX_BODY_BYTES"])[1][stage] for stage in ("extract", "clean"))
               for _ in range(repeats))
    print(best, flush=True)
"""


class NoCheckout(Exception):
    """The project's history does not have that commit (or the project is not a git checkout)."""


@contextlib.contextmanager
def checkout(ref: str):
    """A temporary folder holding the project as commit ``ref`` has it (``git archive``)."""
    with tempfile.TemporaryDirectory(prefix="newscrawler-baseline-") as folder:
        archive = subprocess.run(["git", "-C", str(PROJECT), "archive", "--format=tar", ref], capture_output=True)
        if archive.returncode != 0:
            reason = archive.stderr.decode("utf-8", "replace").strip().splitlines()
            raise NoCheckout(f"cannot check out {ref!r}: {reason[-1] if reason else 'git failed'}")
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        yield folder


def compare(path: str, ref: str, rounds: int) -> int:
    try:
        return _compare(str(Path(path).resolve()), ref, rounds)
    except NoCheckout as error:
        print(error, file=sys.stderr)
        return 2


def _compare(corpus: str, ref: str, rounds: int) -> int:
    with checkout(ref) as older:
        sides = {"this code": str(PROJECT), f"commit {ref}": older}
        readers = {name: subprocess.Popen([sys.executable, "-c", READER, corpus], cwd=folder,
                                          env={**os.environ, "PYTHONPATH": folder}, stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, text=True) for name, folder in sides.items()}
        try:
            counts = {name: reader.stdout.readline().strip() for name, reader in readers.items()}
            if len(set(counts.values())) != 1 or not all(c.isdigit() for c in counts.values()):
                print(f"the two sides did not read the same pages: {counts}")
                return 1
            best = {name: [float("inf")] * int(counts["this code"]) for name in readers}
            for round_ in range(rounds):
                order = list(readers.items()) if round_ % 2 == 0 else list(reversed(readers.items()))
                for index in range(len(best["this code"])):
                    for name, reader in order:
                        reader.stdin.write(f"{index} 3\n")
                        reader.stdin.flush()
                        best[name][index] = min(best[name][index], float(reader.stdout.readline()))
        finally:
            for reader in readers.values():
                reader.stdin.close()
                reader.wait()
    medians = {name: statistics.median(values) * 1000 for name, values in best.items()}
    totals = {name: sum(values) * 1000 for name, values in best.items()}
    print(f"Side by side: {len(best['this code'])} pages, each read in turn by both, best of {3 * rounds} readings "
          f"(extraction + cleaning, as a crawl's page worker reads a page):")
    for name in best:
        print(f"  {name:<20} median {medians[name]:6.2f} ms a page, all pages {totals[name]:8.1f} ms")
    older = f"commit {ref}"
    print(f"  this code takes {medians['this code'] / medians[older]:.2f} of the time {older} takes on the median page, "
          f"{totals['this code'] / totals[older]:.2f} over all pages (the same run)")
    return 0
