"""Running both systems over a corpus, and the table that shows it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import mean

from newscrawler.evaluate.corpus import read_corpus
from newscrawler.evaluate.scoring import Score, score
from newscrawler.evaluate.systems import ours, ours_generic, trafilatura

#: "ours" is the crawl path with the outlet modules; "ours-generic" reads every page as an unknown
#: site would be read (structured data and the generic content rules), to measure that extractor.
SYSTEMS = ("ours", "ours-generic", "trafilatura")


@dataclass
class PageResult:
    name: str
    scores: dict[str, Score | None]


@dataclass
class Report:
    pages: list[PageResult] = field(default_factory=list)

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

    def as_dict(self) -> dict:
        return {
            "pages": [{"name": p.name, **{k: asdict(v) if v else None for k, v in p.scores.items()}} for p in self.pages],
            "totals": {system: self.totals(system) for system in SYSTEMS},
        }


def evaluate(folder: Path) -> Report:
    report = Report()
    for page in read_corpus(folder):
        outputs = {"ours": ours(page.url, page.html), "ours-generic": ours_generic(page.url, page.html),
                   "trafilatura": trafilatura(page.url, page.html)}
        report.pages.append(PageResult(page.name, {k: score(v, page.truth) if v else None for k, v in outputs.items()}))
    return report


def _mark(value) -> str:
    return "·" if value is None else ("yes" if value is True else "NO" if value is False else f"{value:.3f}")


def render(report: Report) -> str:
    header = f"{'page':<62} {'system':<12} {'stored':>6} {'title':>6} {'date':>6} {'snip':>6} {'body F1':>8}"
    lines = [header, "-" * len(header)]
    for page in report.pages:
        for index, system in enumerate(SYSTEMS):
            s = page.scores.get(system)
            name = page.name if index == 0 else ""
            if s is None:
                lines.append(f"{name:<62} {system:<12} {'not installed':>36}")
                continue
            lines.append(f"{name:<62} {system:<12} {_mark(s.stored):>6} {_mark(s.title):>6} {_mark(s.date):>6} "
                         f"{_mark(s.snippets):>6} {_mark(s.f1):>8}")
    lines.append("-" * len(header))
    for system in SYSTEMS:
        t = report.totals(system)
        f1 = "·" if t["mean_f1"] is None else f"{t['mean_f1']:.3f} over {t['f1_pages']}"
        lines.append(f"{system:<12} stored {t['stored'][0]}/{t['stored'][1]}, titles exact {t['title'][0]}/{t['title'][1]}, "
                     f"dates right {t['date'][0]}/{t['date'][1]}, snippet rules kept {t['snippets'][0]}/{t['snippets'][1]}, "
                     f"mean body F1 {f1}")
    lines.append("· = not scored: the page's truth does not give it. Dates are compared as the outlet's local calendar day.")
    return "\n".join(lines)
