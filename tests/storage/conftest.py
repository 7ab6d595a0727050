"""The storage tests run twice: against the MongoDB wire server (or ``MONGO_URI``) and against the
embedded default store (mongoeco's SQLite engine in process, as a crawl without ``MONGO_URI`` uses
it)."""

import pytest

from newscrawler.storage.embedded import open_client


@pytest.fixture(params=["server", "embedded"])
def db(request, tmp_path):
    if request.param == "server":
        yield request.getfixturevalue("mongo_client")[request.getfixturevalue("database_name")]
        return
    client = open_client(tmp_path / "data")
    yield client["newscrawler_test"]
    client.close()
