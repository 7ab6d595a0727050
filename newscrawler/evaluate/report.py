"""Running the systems over a corpus, side by side in one run, and the table that shows it."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import mean

from newscrawler.evaluate.corpus import Page, read_pages
from newscrawler.evaluate.scoring import Output, Score, score

#: "ours" is the crawl path with the outlet modules; "ours-generic" reads every page as an unknown
#: site would be read (structured data and the generic content rules), to measure that extractor;
#: with ``--crawl``, "ours-crawl" is what a real ``scrapy crawl generic`` stored.
SYSTEMS = ("ours", "ours-generic", "trafilatura", "trafilatura-precision")
#: Pages where trafilatura finds the article (word-F1 at least this) and we come back below
#: FAILURE_F1 (empty, navigation or footer) are listed by name.
FOUND_F1, FAILURE_F1 = 0.8, 0.2
#: Pages listed one row each by default up to this many; past it, only totals (``--pages``).
MAX_ROWS = 40


@dataclass
class PageResult:
    name: str
    scores: dict[str, Score | None]


@dataclass
class Report:
    pages: list[PageResult] = field(default_factory=list)
    systems: tuple[str, ...] = SYSTEMS

    def totals(self, system: str) -> dict:
        scores = [p.scores[system] for p in self.pages if p.scores.get(system) is not None]
        f1s = [s.f1 for s in scores if s.f1 is not None]

        def count(attribute: str) -> tuple[int, int]:
            scored = [getattr(s, attribute) for s in scores if getattr(s, attribute) is not None]
            return sum(scored), len(scored)

        return {
            "stored": (sum(s.stored for s in scores), len(scores)),
            "title": count("title"),
            "date": count("date"),
            "snippets": count("snippets"),
            "mean_f1": mean(f1s) if f1s else None,
            "f1_pages": len(f1s),
        }

    def failures(self, system: str = "ours-generic", against: str = "trafilatura") -> list[str]:
        """Pages the other system reads well and this one does not read at all."""
        return [p.name for p in self.pages if (o := p.scores.get(system)) and (t := p.scores.get(against))
                and o.f1 is not None and t.f1 is not None and t.f1 >= FOUND_F1 and o.f1 < FAILURE_F1]

    def as_dict(self) -> dict:
        return {
            "pages": [{"name": p.name, **{k: asdict(v) if v else None for k, v in p.scores.items()}} for p in self.pages],
            "totals": {system: self.totals(system) for system in self.systems},
            "failures": self.failures(),
        }


def _outputs(page: Page) -> dict[str, Output | None]:
    from newscrawler.evaluate.systems import SYSTEMS as RUNNERS

    return {name: RUNNERS[name](page.url, page.html) for name in SYSTEMS}


def _scored(page: Page) -> PageResult:
    outputs = _outputs(page)
    return PageResult(page.name, {name: score(output, page.truth) if output else None for name, output in outputs.items()})


def evaluate(folder: Path, *, workers: int | None = None, crawl: bool = False) -> Report:
    """Every page through every system; pages shared among ``workers`` processes (one per core).
    With ``crawl``, also ``ours-crawl``: the pages through one real ``scrapy crawl generic``."""
    pages = read_pages(folder)
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(pages) < 20:
        results = [_scored(page) for page in pages]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_scored, pages, chunksize=8))
    if not crawl:
        return Report(results)
    from newscrawler.evaluate.crawl import crawl_outputs

    crawled = crawl_outputs(pages)
    for page, result in zip(pages, results):
        output = crawled[page.name]
        result.scores = {"ours-crawl": score(output, page.truth) if output else None, **result.scores}
    return Report(results, ("ours-crawl", *SYSTEMS))


def _mark(value) -> str:
    return "·" if value is None else ("yes" if value is True else "NO" if value is False else f"{value:.3f}")


def render(report: Report, *, rows: bool | None = None) -> str:
    """One row per page and system (by default only for a corpus of at most MAX_ROWS pages), then
    the totals of each system and the pages we lose where trafilatura does not."""
    header = f"{'page':<62} {'system':<22} {'stored':>6} {'title':>6} {'date':>6} {'snip':>6} {'word-F1':>8}"
    lines = []
    if rows if rows is not None else len(report.pages) <= MAX_ROWS:
        lines += [header, "-" * len(header)]
        for page in report.pages:
            for index, system in enumerate(report.systems):
                s = page.scores.get(system)
                name = page.name if index == 0 else ""
                if s is None:
                    lines.append(f"{name:<62} {system:<22} {'not installed':>36}")
                    continue
                lines.append(f"{name:<62} {system:<22} {_mark(s.stored):>6} {_mark(s.title):>6} {_mark(s.date):>6} "
                             f"{_mark(s.snippets):>6} {_mark(s.f1):>8}")
        lines.append("-" * len(header))
    lines.append(f"{len(report.pages)} pages")
    for system in report.systems:
        t = report.totals(system)
        if not t["stored"][1]:
            lines.append(f"{system:<22} not installed")
            continue
        left_out = len(report.pages) - t["stored"][1]
        note = f" ({left_out} pages left out: their URLs do not fit a mirror folder)" if left_out else ""
        f1 = "·" if t["mean_f1"] is None else f"{t['mean_f1']:.4f} over {t['f1_pages']}"
        lines.append(f"{system:<22} stored {t['stored'][0]}/{t['stored'][1]}, titles exact {t['title'][0]}/{t['title'][1]}, "
                     f"day right {t['date'][0]}/{t['date'][1]}, snippet rules kept {t['snippets'][0]}/{t['snippets'][1]}, "
                     f"mean word-F1 {f1}{note}")
    failures = report.failures()
    lines.append(f"ours-generic below {FAILURE_F1} where trafilatura reaches {FOUND_F1}: "
                 + (", ".join(failures) if failures else "none"))
    lines.append("· = not scored: the page's truth does not give it. A day is compared as the page states it (in "
                 "the offset its date carries, else the outlet's zone); a page not stored scores word-F1 0.")
    return "\n".join(lines)
