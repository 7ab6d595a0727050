"""The journal: every article a crawl stores is on disk before it waits for its batch, and stays
there until MongoDB has it.

A crawl writes its entries to segments ``<crawl id>.<n>.jsonl`` in ``NEWSCRAWLER_JOURNAL_DIR``
(default ``journal/`` under the data folder), one entry a line in MongoDB Extended JSON:

- ``{"kind": "article", "target", "crawl_id", "seen_at", "document"}``, appended as the article
  reaches the store: handed to the operating system at once, so that killing the crawler
  (``kill -9``) loses none, and fsynced at every flush tick and before its batch is written, so
  that a power cut loses at most what arrived in the last ``NEWSCRAWLER_FLUSH_SECONDS``;
- ``{"kind": "crawl_run", "target", "run"}``: a crawl record that could not be written;
- ``{"kind": "articles", "crawl_id", "seen_at", "documents"}``: a whole batch, as journals written
  before December 2026 hold them (still replayed).

``target`` is where the entry was meant to go (``connection.store_target``: the MongoDB URI
without credentials and the database, or the embedded store's file and the database). A replay
writes only the entries meant for the store it writes to; the others, and those written before
entries named their target, stay where they are and are counted by target
(``ReplaySummary.elsewhere``) until ``python -m newscrawler journal replay --to-current-store``
moves them to the current store.

A segment holds at most ``NEWSCRAWLER_BULK_SIZE`` articles and is deleted once every one of them
is in MongoDB; what a crawl leaves behind is what MongoDB did not take (an outage), or what a killed
crawl had not written yet. A crawl holds a lock on each segment it has open, so a replay running
meanwhile leaves them alone. A document MongoDB refuses (not an outage: too large, an invalid key)
is set aside, with the error, in ``<crawl id>.refused`` (a replay: ``<file>.refused``), never
replayed again and never dropped.

Replaying writes the entries in order through the same idempotent code as a crawl (articles in
batches through ``ArticleStore.write``, crawl records through ``RunStore.record``). Entries are
removed only once their write was acknowledged: a file is rewritten, atomically, with the entries
that are left, or deleted when none are. A replay that stops half-way, or runs twice, stores
nothing twice. A line that cannot be read (a crash in the middle of a write) is moved aside to
``<file>.unreadable`` rather than dropped. Lines end at ``\\n`` only: U+2028 and U+2029, which
JSON leaves unescaped, are text.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from bson import json_util
from bson.json_util import JSONMode, JSONOptions

from newscrawler.defaults import setting

logger = logging.getLogger(__name__)

SUFFIX = ".jsonl"
REFUSED_SUFFIX = ".refused"
_JSON = JSONOptions(json_mode=JSONMode.CANONICAL, tz_aware=True, tzinfo=UTC)


def journal_dir(settings) -> Path:
    from newscrawler.storage.connection import data_dir

    value = setting(settings, "NEWSCRAWLER_JOURNAL_DIR")
    return Path(value).resolve() if value else data_dir(settings) / "journal"


def encode(entry: dict) -> str:
    return json_util.dumps(entry, json_options=_JSON, ensure_ascii=False) + "\n"


def set_aside(path: Path, refused: list[tuple[dict, Exception]], target: str | None) -> None:
    """Append the documents MongoDB refused, each with its error, to ``path`` (durably)."""
    from newscrawler.storage.connection import describe

    lines = "".join(encode({"kind": "refused", "target": target, "error": describe(error), "document": document})
                    for document, error in refused)
    with open(path, "a", encoding="utf-8") as handle:
        _write_durably(handle, lines)


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


class _Segment:
    """One file of a crawl's journal, locked while open."""

    def __init__(self, path: Path):
        self.path = path
        self.entries = 0
        self.stored = 0
        self.dirty = False
        self.closed = False
        self.handle = _open_locked(path)

    def append(self, line: str) -> None:
        self.handle.write(line)
        self.handle.flush()  # to the operating system: a killed crawler loses nothing
        self.entries += 1
        self.dirty = True

    def sync(self) -> None:
        if self.dirty and self.handle is not None:
            os.fsync(self.handle.fileno())
            self.dirty = False

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def _open_locked(path: Path):
    """Open and lock ``path`` for appending; a replay may have replaced or deleted it between
    the two."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = open(path, "a", encoding="utf-8")
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                _fsync_directory(path.parent)
                return handle
        except FileNotFoundError:
            pass
        handle.close()


class Journal:
    """A crawl's journal (see the module's text). ``append`` returns the segment an entry went to;
    ``stored`` is told, per segment, how many of its entries MongoDB now has. Thread-safe: the
    reactor appends while the store's writer thread syncs and marks."""

    def __init__(self, directory: Path, crawl_id: str, segment_entries: int = 500):
        self.directory = Path(directory)
        self.crawl_id = crawl_id
        self.segment_entries = max(1, segment_entries)
        self.segments: dict[int, _Segment] = {}
        self.current: int | None = None
        self.next_number = 0
        self._lock = threading.Lock()

    def path(self, number: int) -> Path:
        return self.directory / f"{self.crawl_id}.{number:06d}{SUFFIX}"

    @property
    def refused_path(self) -> Path:
        return self.directory / f"{self.crawl_id}{REFUSED_SUFFIX}"

    def append(self, entry: dict) -> int:
        line = encode(entry)
        with self._lock:
            segment = self.segments.get(self.current) if self.current is not None else None
            if segment is None or segment.entries >= self.segment_entries:
                if segment is not None:
                    segment.closed = True
                    self._delete_if_stored(self.current)
                self.current, self.next_number = self.next_number, self.next_number + 1
                segment = self.segments[self.current] = _Segment(self.path(self.current))
            segment.append(line)
            return self.current

    def append_durably(self, entry: dict) -> None:
        """Append and fsync at once (a crawl record, at the end)."""
        number = self.append(entry)
        with self._lock:
            self.segments[number].sync()

    def sync(self) -> None:
        """fsync every segment written to since the last sync."""
        with self._lock:
            for segment in self.segments.values():
                segment.sync()

    def stored(self, counts: dict[int, int]) -> None:
        """``counts[n]`` more entries of segment ``n`` are in MongoDB; a segment that is closed
        and wholly stored is deleted."""
        with self._lock:
            for number, count in counts.items():
                segment = self.segments.get(number)
                if segment is not None:
                    segment.stored += count
                    self._delete_if_stored(number)

    @property
    def waiting(self) -> int:
        """Entries not (yet) in MongoDB."""
        with self._lock:
            return sum(s.entries - s.stored for s in self.segments.values())

    def close(self) -> None:
        """Release every segment: the wholly stored ones are deleted, the rest stay for a replay."""
        with self._lock:
            for number in list(self.segments):
                self.segments[number].closed = True
                self._delete_if_stored(number)
            for segment in self.segments.values():
                segment.sync()
                segment.release()

    def _delete_if_stored(self, number: int) -> None:
        segment = self.segments[number]
        if segment.closed and segment.stored >= segment.entries:
            segment.release()
            del self.segments[number]
            try:
                segment.path.unlink(missing_ok=True)
                _fsync_directory(self.directory)
            except OSError:  # the folder went away: nothing of it is left to replay twice
                pass


@dataclass
class ReplaySummary:
    entries: int = 0
    articles: int = 0
    crawl_runs: int = 0
    files: int = 0
    in_use: list[Path] = field(default_factory=list)
    left: int = 0  # entries for this store still in the journal afterwards
    refused: int = 0  # documents MongoDB refused, set aside in ``<file>.refused``
    #: Entries left for other stores, by target (None: written before entries named one).
    elsewhere: Counter = field(default_factory=Counter)

    def elsewhere_text(self) -> str:
        """The entries left for other stores, on one line: how many for which."""
        return "; ".join(f"{count} for {target}" if target else f"{count} written before entries named their store"
                         for target, count in sorted(self.elsewhere.items(), key=lambda item: item[0] or ""))


def pending(directory: Path) -> dict[Path, int]:
    """Journal files and how many entries each holds."""
    if not Path(directory).is_dir():
        return {}
    return {path: _entry_count(path) for path in sorted(Path(directory).glob(f"*{SUFFIX}"))}


def _entry_count(path: Path) -> int:
    """Entries in one journal file; 0 once a replay elsewhere has emptied and removed it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return 0
    return sum(1 for line in text.split("\n") if line.strip())


def replay(directory: Path, database, *, target: str, to_current_store: bool = False,
           batch_size: int = 500) -> ReplaySummary:
    """Write the journal entries under ``directory`` meant for ``target`` (every entry, with
    ``to_current_store``) into ``database``; see the module's text. Raises the database's error when
    a write fails for an outage, after removing what was written before it."""
    from newscrawler.storage.articles import ArticleStore
    from newscrawler.storage.runs import RunStore

    summary = ReplaySummary()
    articles, runs = ArticleStore(database), RunStore(database)
    indexes_ready = False
    for path in sorted(Path(directory).glob(f"*{SUFFIX}")) if Path(directory).is_dir() else []:
        try:
            handle = open(path, "r+", encoding="utf-8")
        except FileNotFoundError:  # written and removed by its crawl meanwhile
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                summary.in_use.append(path)
                continue
            entries = _read_entries(path, handle.read())
            mine = [entry for entry in entries if to_current_store or entry.get("target") == target]
            summary.elsewhere.update(entry.get("target") for entry in entries
                                     if not (to_current_store or entry.get("target") == target))
            if not mine:
                if not entries:
                    _keep(path, handle, [])
                continue
            if not indexes_ready:
                articles.ensure_indexes()
                runs.ensure_indexes()
                indexes_ready = True
            written: set[int] = set()
            try:
                for group in _groups(mine, batch_size):
                    if group[0].get("kind") == "crawl_run":
                        runs.record(group[0]["run"])
                        summary.crawl_runs += 1
                    else:
                        documents = [d for entry in group for d in _documents(entry)]
                        _, refused = articles.write_each(documents, crawl_id=group[0].get("crawl_id", ""),
                                                         seen_at=max(entry["seen_at"] for entry in group))
                        if refused:
                            set_aside(path.with_suffix(REFUSED_SUFFIX), refused, target)
                            summary.refused += len(refused)
                            logger.error("MongoDB refused %d journaled articles (%s): %s; set aside in %s",
                                         len(refused), _first_error(refused), " ".join(_urls(refused)),
                                         path.with_suffix(REFUSED_SUFFIX))
                        summary.articles += len(documents) - len(refused)
                    written.update(id(entry) for entry in group)
            finally:
                summary.entries += len(written)
                _keep(path, handle, [entry for entry in entries if id(entry) not in written])
                summary.left += len(mine) - len(written)
        summary.files += 1
    summary.left += sum(_entry_count(path) for path in summary.in_use)
    return summary


def _urls(refused: list[tuple[dict, Exception]]) -> list[str]:
    return [str(document.get("url", "(no url)")) if isinstance(document, dict) else "(not a document)"
            for document, _ in refused]


def _first_error(refused: list[tuple[dict, Exception]]) -> str:
    from newscrawler.storage.connection import describe

    return describe(refused[0][1])


def _documents(entry: dict) -> list[dict]:
    return entry["documents"] if entry.get("kind") == "articles" else [entry["document"]]


def _groups(entries: list[dict], size: int):
    """Entries in order, consecutive single articles of one crawl together (at most ``size``);
    a batch entry or a crawl record on its own."""
    group: list[dict] = []
    for entry in entries:
        joins = entry.get("kind") == "article" and group and group[0].get("kind") == "article" \
            and group[0].get("crawl_id") == entry.get("crawl_id") and len(group) < size
        if group and not joins:
            yield group
            group = []
        group.append(entry)
    if group:
        yield group


def _read_entries(path: Path, text: str) -> list[dict]:
    entries, unreadable = [], []
    for line in text.split("\n"):
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
            _write_durably(out, "".join(encode(entry) for entry in entries))
        os.replace(temporary, path)
    _fsync_directory(path.parent)
