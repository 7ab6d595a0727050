"""Real components for the tests: a MongoDB wire server over TCP, the fixture mirror on loopback,
and ``scrapy crawl`` run as a real process.

With ``MONGO_URI`` set, the suite runs against that server instead, in a database of its own that
it drops afterwards; tests that must stop the server are skipped there (marker ``stops_server``).

Hypothesis profiles for the property tests (text and date functions, extraction):

* ``dev`` (the default): 300 random examples a test, failures remembered in ``.hypothesis/``.
* ``ci`` (chosen when the environment variable ``CI`` is set, as ``.ci/run`` does): the same 300
  examples on every run (``derandomize``), no example database, and the reproduction blob printed
  on a failure. A bug found once is kept as an ``@example`` on its test, so CI runs it for good.
* ``long``: a longer randomised pass to run by hand outside CI, 5,000 examples a test:
  ``HYPOTHESIS_PROFILE=long python -m pytest tests/text tests/extract -q``.

``HYPOTHESIS_PROFILE`` names a profile and wins over ``CI``.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pymongo
import pytest
from hypothesis import settings

from newscrawler.mirror.server import MirrorServer
from newscrawler.storage.embedded import EmbeddedStore

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus" / "raw"
WCXB_DEV = SHARED / "benchmarks" / "wcxb-dev"
SEED = SHARED / "seeds" / "000_20ead09fa2dbf913.txt"
EXTERNAL_MONGO = os.environ.get("MONGO_URI", "")

# Each from Hypothesis's own defaults: on CI, Hypothesis has already loaded its built-in "ci" profile.
_HYPOTHESIS_DEFAULTS = settings.get_profile("default")
settings.register_profile("dev", _HYPOTHESIS_DEFAULTS, max_examples=300, deadline=None)
settings.register_profile(
    "ci", _HYPOTHESIS_DEFAULTS, max_examples=300, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.register_profile("long", _HYPOTHESIS_DEFAULTS, max_examples=5_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


def pytest_configure(config):
    config.addinivalue_line("markers", "stops_server: stops the database server (skipped with MONGO_URI)")
    config.addinivalue_line("markers", "e2e: runs real scrapy crawl processes")


def pytest_collection_modifyitems(config, items):
    if EXTERNAL_MONGO:
        skip = pytest.mark.skip(reason="stops the database server; not done to an external MONGO_URI")
        for item in items:
            if "stops_server" in item.keywords:
                item.add_marker(skip)


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``folder`` (itself included) with its size and modification time."""
    if not folder.exists():
        return {}
    return {str(path): (path.stat().st_size, path.stat().st_mtime_ns) for path in [folder, *folder.rglob("*")]}


@pytest.fixture(scope="session", autouse=True)
def data_folders_of_the_suites_own(tmp_path_factory):
    """The data and journal folders of every process a test starts without naming its own are the
    session's, never the project's ``data/`` (a user's, like their ``MONGO_URI`` database); and the
    suite fails if anything in it touched ``data/`` all the same."""
    names = ("NEWSCRAWLER_DATA_DIR", "NEWSCRAWLER_JOURNAL_DIR")
    saved = {name: os.environ.get(name) for name in names}
    folder = tmp_path_factory.mktemp("suite")
    os.environ.update(NEWSCRAWLER_DATA_DIR=str(folder / "data"), NEWSCRAWLER_JOURNAL_DIR=str(folder / "journal"))
    before = _tree(PROJECT / "data")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    assert _tree(PROJECT / "data") == before, "a test wrote into the project's data/ folder"


@pytest.fixture(scope="session")
def mongo_uri():
    """A MongoDB wire-protocol server: the external one, or mongoeco's, started here."""
    if EXTERNAL_MONGO:
        yield EXTERNAL_MONGO
        return
    with EmbeddedStore(PROJECT, memory=True) as store:
        yield store.uri


@pytest.fixture(scope="session")
def mongo_client(mongo_uri):
    client = pymongo.MongoClient(mongo_uri, tz_aware=True, serverSelectionTimeoutMS=5000)
    yield client
    client.close()


@pytest.fixture
def database_name(mongo_client):
    """A fresh database for one test, dropped afterwards."""
    name = f"newscrawler_test_{secrets.token_hex(4)}"
    yield name
    mongo_client.drop_database(name)


@pytest.fixture
def db(mongo_client, database_name):
    return mongo_client[database_name]


@pytest.fixture(scope="session")
def mirror():
    with MirrorServer(PROJECT / "fixtures" / "mirror") as server:
        yield server


@pytest.fixture
def crawl(mongo_uri, database_name, mirror, tmp_path):
    """Run ``scrapy crawl SPIDER ARGS…`` in a process of its own, through the mirror, into the
    test database. Returns the finished process; fails the test on a non-zero exit."""

    def run(spider: str, *args: str, check: bool = True, env: dict | None = None, timeout: int = 180):
        environment = {
            **os.environ,
            "MONGO_URI": mongo_uri,
            "MONGO_DATABASE": database_name,
            "NEWSCRAWLER_MIRROR": mirror.url,
            "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data"),
            "NEWSCRAWLER_LOG_LEVEL": "INFO",
            **(env or {}),
        }
        command = [sys.executable, "-m", "scrapy", "crawl", spider, *args, "-s", "NEWSCRAWLER_FLUSH_SECONDS=0.5"]
        finished = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=timeout)
        if check and finished.returncode != 0:
            pytest.fail(f"scrapy crawl {spider} exited {finished.returncode}:\n{finished.stderr[-4000:]}")
        return finished

    return run


@pytest.fixture
def corpus():
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not here (the shared corpus lives beside the project)")
    return CORPUS


@pytest.fixture(scope="session")
def wcxb_dev():
    if not WCXB_DEV.is_dir():
        pytest.skip(f"{WCXB_DEV} is not here (the development set lives beside the project)")
    return WCXB_DEV


@pytest.fixture
def seed_text():
    if not SEED.is_file():
        pytest.skip(f"{SEED} is not here (the shared seed lives beside the project)")
    return SEED.read_text(encoding="utf-8")
