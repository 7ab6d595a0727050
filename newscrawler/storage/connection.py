"""Opening the database: ``MONGO_URI`` when set, else the embedded store under the data folder.

Also what a crawl needs to know before it starts (``unusable``: a malformed ``MONGO_URI``, a data or
journal folder it cannot write), what its journal entries are meant for (``store_target``), and
which errors are an outage of the store rather than the fault of one document (``is_outage``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pymongo
from pymongo import uri_parser
from pymongo.errors import (
    ConfigurationError,
    ConnectionFailure,
    ExecutionTimeout,
    OperationFailure,
    WTimeoutError,
)

from newscrawler.defaults import setting
from newscrawler.storage.embedded import STORE_FILE, StoreBusy, StoreLock, open_client

PROJECT_DIR = Path(__file__).resolve().parents[2]
#: The data folder: ``data/`` of the checkout; where the package runs from an egg (a Scrapyd
#: deployment), ``data/`` of the working directory the job was started in.
DEFAULT_DATA_DIR = (PROJECT_DIR if PROJECT_DIR.is_dir() else Path.cwd()) / "data"

_shared_lock = threading.Lock()
_shared_stores: dict[Path, list] = {}  # data dir → [client, lock, users]


def data_dir(settings) -> Path:
    value = setting(settings, "NEWSCRAWLER_DATA_DIR")
    return Path(value).resolve() if value else DEFAULT_DATA_DIR


@dataclass
class Connection:
    client: object  # pymongo.MongoClient, or mongoeco's in-process client for the embedded store
    database: object
    description: str
    embedded_dir: Path | None = None

    def close(self) -> None:
        if self.embedded_dir is not None:
            _release_embedded(self.embedded_dir)
            self.embedded_dir = None
        else:
            self.client.close()


def connect(settings, *, timeout_ms: int | None = None, event_listeners=()) -> Connection:
    """Connect with the settings ``MONGO_URI``, ``MONGO_DATABASE``, ``NEWSCRAWLER_DATA_DIR`` and
    ``NEWSCRAWLER_MONGO_TIMEOUT_MS`` (how long any wait for the server may last; ``timeout_ms``
    shortens it). ``event_listeners`` are pymongo's (a server only)."""
    uri = setting(settings, "MONGO_URI")
    name = setting(settings, "MONGO_DATABASE")
    configured = setting(settings, "NEWSCRAWLER_MONGO_TIMEOUT_MS")
    timeout_ms = min(configured, timeout_ms) if timeout_ms else configured
    if not uri:
        directory = data_dir(settings)
        client = _acquire_embedded(directory)
        return Connection(client, client[name], f"embedded store {directory / STORE_FILE}", directory)
    client = pymongo.MongoClient(
        uri,
        tz_aware=True,
        serverSelectionTimeoutMS=timeout_ms,
        connectTimeoutMS=timeout_ms,
        socketTimeoutMS=max(timeout_ms * 6, 30000),
        retryWrites=True,
        appname="newscrawler",
        event_listeners=list(event_listeners),
    )
    return Connection(client, client[name], _redacted(uri))


def store_target(settings) -> str:
    """Where the settings send articles, as journal entries record it: the MongoDB URI without
    credentials and the database, or the embedded store's file and the database."""
    uri, name = setting(settings, "MONGO_URI"), setting(settings, "MONGO_DATABASE")
    where = _without_credentials(uri) if uri else f"embedded store {data_dir(settings) / STORE_FILE}"
    return f"{where}, database {name}"


def check_uri(uri: str) -> None:
    """Raise ``ConfigurationError`` (or ``ValueError``) when ``uri`` is not a MongoDB URI, without
    connecting (nor resolving a ``mongodb+srv://`` name)."""
    if uri.startswith("mongodb+srv://"):
        if not urlsplit(uri).hostname:
            raise ConfigurationError("no host name after mongodb+srv://")
        return
    uri_parser.parse_uri(uri)


def unusable(settings) -> str | None:
    """Why a crawl with these settings could not keep what it scrapes, known before it fetches
    anything: a malformed ``MONGO_URI``, or a journal folder (``NEWSCRAWLER_JOURNAL_DIR``) or, for
    the embedded store, a data folder (``NEWSCRAWLER_DATA_DIR``) that cannot be made or written.
    None when neither."""
    from newscrawler.storage.journal import journal_dir

    uri = setting(settings, "MONGO_URI")
    if uri:
        try:
            check_uri(uri)
        except (ConfigurationError, ValueError) as error:
            return f"MONGO_URI is not a MongoDB URI ({str(error).rstrip('.')})"
    folders = [("journal folder", journal_dir(settings))]
    if not uri:
        folders.append(("data folder", data_dir(settings)))
    for what, folder in folders:
        problem = _not_writable(folder)
        if problem:
            return f"the {what} {folder} cannot be used ({problem})"
    return None


def _not_writable(folder: Path) -> str | None:
    """Why files could not be made in ``folder`` (made on first use), judged without making
    anything: its nearest existing ancestor must be a folder this process may write in."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{existing} is not writable"
    return None


#: Server error codes that say the server (not a document) cannot take writes now: host
#: unreachable or not found, unauthorized, authentication failed, time limits, shutting down,
#: stepped down, not primary, interrupted.
OUTAGE_CODES = frozenset({6, 7, 13, 18, 50, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436})


def is_outage(error: BaseException) -> bool:
    """Whether ``error`` means the store cannot be written now (connection, timeout, server
    selection, a server that refuses every write), rather than that one document cannot be
    stored (too large, an invalid key, text that cannot be encoded): only an outage trips the
    breaker (``Outage``)."""
    if isinstance(error, (ConnectionFailure, ExecutionTimeout, WTimeoutError, OSError, StoreBusy,
                          sqlite3.OperationalError)):
        return True
    if isinstance(error, OperationFailure):
        labelled = error.has_error_label("RetryableWriteError")
        details = error.details or {}
        if details.get("writeConcernErrors"):
            return True
        codes = {error.code} | {e.get("code") for e in details.get("writeErrors") or []}
        return labelled or bool(codes & OUTAGE_CODES)
    return False


def describe(error: BaseException) -> str:
    """A database error on one line, without pymongo's topology dump."""
    text = " ".join(str(error).split()).split(", Timeout:")[0].split(" Topology Description:")[0]
    return f"{type(error).__name__}: {text[:300]}"


class Outage:
    """Whether the store may be tried now. After a failure, callers skip it (journal, or assume
    nothing is stored) for ``retry_seconds`` before one bounded attempt, so an outage costs one
    wait of ``NEWSCRAWLER_MONGO_TIMEOUT_MS`` per retry period, not one per item."""

    def __init__(self, retry_seconds: float):
        self.retry_seconds = retry_seconds
        self.since: float | None = None
        self.retry_at = 0.0

    @property
    def ongoing(self) -> bool:
        return self.since is not None

    def may_try(self) -> bool:
        return self.since is None or time.monotonic() >= self.retry_at

    def failed(self) -> bool:
        """Record a failure; True when it starts an outage."""
        starts = self.since is None
        now = time.monotonic()
        self.since = self.since or now
        self.retry_at = now + self.retry_seconds
        return starts

    def succeeded(self) -> bool:
        """Record a success; True when it ends an outage."""
        ended, self.since = self.since is not None, None
        return ended


def _without_credentials(uri: str) -> str:
    scheme, separator, rest = uri.partition("://")
    if not separator:
        return uri
    authority, slash, path = rest.partition("/")
    return f"{scheme}://{authority.rsplit('@', 1)[-1]}{slash}{path}"


def _redacted(uri: str) -> str:
    if "@" in uri:
        scheme, rest = uri.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return uri


def _acquire_embedded(directory: Path):
    """One client per data folder and process, shared by the crawls a process runs."""
    with _shared_lock:
        entry = _shared_stores.get(directory)
        if entry is None:
            lock = StoreLock(directory).acquire()
            try:
                entry = _shared_stores[directory] = [open_client(directory), lock, 0]
            except Exception:
                lock.release()
                raise
        entry[2] += 1
        return entry[0]


def _release_embedded(directory: Path) -> None:
    with _shared_lock:
        entry = _shared_stores.get(directory)
        if entry is None:
            return
        entry[2] -= 1
        if entry[2] <= 0:
            del _shared_stores[directory]
            client, lock, _ = entry
            try:
                client.close()
            finally:
                lock.release()
