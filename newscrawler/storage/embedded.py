"""The embedded default store: mongoeco's SQLite engine (with lookups by ``_id`` that use its
primary key, ``engine.py``), persisted under the data folder.

With no ``MONGO_URI``, a crawl writes through mongoeco's in-process PyMongo-style client, with the
same storage code as for a real ``mongod`` (in-process, because mongoeco's wire server inserts
one document at a time). ``EmbeddedStore`` serves the same file over the MongoDB wire protocol,
for any MongoDB client (``python -m newscrawler store serve``) and for the tests. One process at
a time owns the file: a second one is told so, clearly, instead of corrupting it.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import threading
from datetime import UTC
from pathlib import Path

logger = logging.getLogger(__name__)

STORE_FILE = "newscrawler.sqlite"
LOCK_FILE = "newscrawler.lock"


class StoreBusy(RuntimeError):
    pass


class StoreLock:
    """An exclusive lock on a data folder's store, held by one process."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._handle = None

    def acquire(self) -> StoreLock:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.data_dir / LOCK_FILE, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "another process"
            handle.close()
            raise StoreBusy(
                f"the embedded store {self.data_dir / STORE_FILE} is in use by {owner}; wait for it "
                "to finish, or set MONGO_URI to a MongoDB server to run crawls side by side"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def open_client(data_dir: Path):
    """mongoeco's in-process client on the store under ``data_dir`` (tz-aware, like pymongo's)."""
    from mongoeco import CodecOptions, MongoClient

    from newscrawler.storage.engine import KeyedSQLiteEngine

    data_dir.mkdir(parents=True, exist_ok=True)
    return MongoClient(KeyedSQLiteEngine(str(data_dir / STORE_FILE)), codec_options=CodecOptions(tz_aware=True, tzinfo=UTC))


class EmbeddedStore:
    """The store served over the MongoDB wire protocol on loopback:
    ``with EmbeddedStore(data_dir) as store: pymongo.MongoClient(store.uri)``."""

    def __init__(self, data_dir: str | Path, *, memory: bool = False, port: int = 0):
        self.data_dir = Path(data_dir)
        self.memory = memory
        self.port = port
        self.uri: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server = None
        self._lock = None if memory else StoreLock(self.data_dir)

    @property
    def path(self) -> Path:
        return self.data_dir / STORE_FILE

    def start(self) -> EmbeddedStore:
        from mongoeco.wire.proxy import AsyncMongoEcoProxyServer

        from newscrawler.storage.engine import KeyedMemoryEngine, KeyedSQLiteEngine

        if self._lock is not None:
            self._lock.acquire()
        engine = KeyedMemoryEngine() if self.memory else KeyedSQLiteEngine(str(self.path))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="embedded-store", daemon=True)
        self._thread.start()
        self._server = AsyncMongoEcoProxyServer(engine=engine, port=self.port)
        address = asyncio.run_coroutine_threadsafe(self._server.start(), self._loop).result(timeout=60)
        self.uri = address.uri
        logger.info("Embedded store %s serving on %s", "in memory" if self.memory else self.path, self.uri)
        return self

    def stop(self) -> None:
        if self._loop is not None and self._server is not None:
            future = asyncio.run_coroutine_threadsafe(self._server.close(), self._loop)
            try:
                future.result(timeout=30)
            finally:
                self._loop.call_soon_threadsafe(self._loop.stop)
                if self._thread is not None:
                    self._thread.join(timeout=30)
                self._loop.close()
        self._loop = self._server = self._thread = None
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> EmbeddedStore:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
