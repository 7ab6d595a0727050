"""The ``crawl_runs`` collection: one document per crawl, read by ``python -m newscrawler health``."""

from __future__ import annotations

from pymongo import ASCENDING, DESCENDING, IndexModel

from newscrawler.text.letters import encodable

CRAWL_RUNS = "crawl_runs"
RUN_INDEXES = [
    IndexModel([("crawl_id", ASCENDING)], unique=True, name="crawl_id_unique"),
    IndexModel([("spider", ASCENDING), ("started_at", DESCENDING)], name="spider_started_at"),
]


class RunStore:
    def __init__(self, database):
        self.runs = database[CRAWL_RUNS]

    def ensure_indexes(self) -> None:
        self.runs.create_indexes(RUN_INDEXES)

    def record(self, run: dict) -> None:
        """Write (or rewrite) a run's document, keyed by its crawl id."""
        run = encodable(run)
        self.runs.replace_one({"crawl_id": run["crawl_id"]}, run, upsert=True)

    def spiders(self) -> list[str]:
        return sorted({run["spider"] for run in self.runs.find({}, {"_id": 0, "spider": 1})})

    def recent(self, spider: str, limit: int) -> list[dict]:
        """The spider's last ``limit`` runs, newest first."""
        return list(self.runs.find({"spider": spider}, {"_id": 0}).sort("started_at", DESCENDING).limit(limit))
