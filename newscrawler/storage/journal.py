"""The journal: what a crawl could not write to MongoDB, kept on disk until it is written.

One file per crawl, ``<crawl id>.jsonl`` in ``NEWSCRAWLER_JOURNAL_DIR`` (default ``journal/``
under the data folder), one entry a line in MongoDB Extended JSON, flushed and fsynced after every
entry. A crawl holds a lock on its own file while it appends, so a replay running meanwhile leaves
that file alone.

Replaying writes the entries in order through the same idempotent code as a crawl (``articles``
batches through ``ArticleStore.write``, crawl records through ``RunStore.record``). Entries are
removed only once their write was acknowledged: a file is rewritten, atomically, with the entries
that are left, or deleted when none are. A replay that stops half-way, or runs twice, stores
nothing twice. A line that cannot be read (a crash in the middle of a write) is moved aside to
``<crawl id>.unreadable`` rather than dropped.
"""

from __future__ import annotations

import fcntl
import logging
import os
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from bson import json_util
from bson.json_util import JSONMode, JSONOptions

logger = logging.getLogger(__name__)

SUFFIX = ".jsonl"
_JSON = JSONOptions(json_mode=JSONMode.CANONICAL, tz_aware=True, tzinfo=UTC)


def journal_dir(settings) -> Path:
    from newscrawler.storage.connection import data_dir

    value = settings.get("NEWSCRAWLER_JOURNAL_DIR") or os.environ.get("NEWSCRAWLER_JOURNAL_DIR")
    return Path(value).resolve() if value else data_dir(settings) / "journal"


def _line(entry: dict) -> str:
    return json_util.dumps(entry, json_options=_JSON, ensure_ascii=False) + "\n"


def _write_durably(handle, text: str) -> None:
    """Write, flush and fsync: on disk before this returns."""
    handle.write(text)
    handle.flush()
    os.fsync(handle.fileno())


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class JournalFile:
    """A crawl's own journal file, opened on the first entry and locked until closed."""

    def __init__(self, directory: Path, crawl_id: str):
        self.path = Path(directory) / f"{crawl_id}{SUFFIX}"
        self.entries = 0
        self._handle = None

    def append(self, entry: dict) -> None:
        """Write one entry and fsync it before returning."""
        if self._handle is None:
            self._handle = self._open_locked()
        _write_durably(self._handle, _line(entry))
        self.entries += 1

    def _open_locked(self):
        """Open and lock the file; a replay may have replaced or deleted it between the two."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            handle = open(self.path, "a", encoding="utf-8")
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                if os.stat(self.path).st_ino == os.fstat(handle.fileno()).st_ino:
                    _fsync_directory(self.path.parent)
                    return handle
            except FileNotFoundError:
                pass
            handle.close()

    def close(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


@dataclass
class ReplaySummary:
    entries: int = 0
    articles: int = 0
    crawl_runs: int = 0
    files: int = 0
    in_use: list[Path] = field(default_factory=list)
    left: int = 0  # entries still in the journal afterwards


def pending(directory: Path) -> dict[Path, int]:
    """Journal files and how many entries each holds."""
    if not directory.is_dir():
        return {}
    return {path: _entry_count(path) for path in sorted(directory.glob(f"*{SUFFIX}"))}


def _entry_count(path: Path) -> int:
    """Entries in one journal file; 0 once a replay elsewhere has emptied and removed it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return 0
    return sum(1 for line in text.splitlines() if line.strip())


def replay(directory: Path, database) -> ReplaySummary:
    """Write every journal entry under ``directory`` into ``database``; see the module's text.
    Raises the database's error when a write fails, after removing what was written before it."""
    from newscrawler.storage.articles import ArticleStore
    from newscrawler.storage.runs import RunStore

    summary = ReplaySummary()
    articles, runs = ArticleStore(database), RunStore(database)
    indexes_ready = False
    for path in sorted(Path(directory).glob(f"*{SUFFIX}")) if Path(directory).is_dir() else []:
        with open(path, "r+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                summary.in_use.append(path)
                continue
            entries = _read_entries(path, handle.read())
            if not indexes_ready:
                articles.ensure_indexes()
                runs.ensure_indexes()
                indexes_ready = True
            done = 0
            try:
                for entry in entries:
                    if entry.get("kind") == "crawl_run":
                        runs.record(entry["run"])
                        summary.crawl_runs += 1
                    else:
                        articles.write(entry["documents"], crawl_id=entry["crawl_id"], seen_at=entry["seen_at"])
                        summary.articles += len(entry["documents"])
                    done += 1
            finally:
                summary.entries += done
                _keep(path, handle, entries[done:])
                summary.left += len(entries) - done
        summary.files += 1
    summary.left += sum(_entry_count(path) for path in summary.in_use)
    return summary


def _read_entries(path: Path, text: str) -> list[dict]:
    entries, unreadable = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            entries.append(json_util.loads(line, json_options=_JSON))
        except ValueError:
            unreadable.append(line)
    if unreadable:
        aside = path.with_suffix(".unreadable")
        with open(aside, "a", encoding="utf-8") as handle:
            _write_durably(handle, "\n".join(unreadable) + "\n")
        logger.error("%d unreadable journal lines moved to %s", len(unreadable), aside)
    return entries


def _keep(path: Path, handle, entries: list[dict]) -> None:
    """Leave only ``entries`` in the locked file ``path``: atomically replaced, or deleted."""
    if not entries:
        path.unlink()
    else:
        temporary = path.with_suffix(".rewrite")
        with open(temporary, "w", encoding="utf-8") as out:
            _write_durably(out, "".join(_line(entry) for entry in entries))
        os.replace(temporary, path)
    _fsync_directory(path.parent)
