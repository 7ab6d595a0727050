"""``python -m newscrawler export``: every matching article, in three formats, read back by the
tools analysts use (json, pandas, pyarrow) and compared with the store, field by field; on the
embedded store and on a MongoDB server; memory flat however many articles there are."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from newscrawler.export import COLUMNS
from newscrawler.storage.embedded import open_client
from tests.export.articles import fill

PROJECT = Path(__file__).resolve().parents[2]
MANY = 10_000
LONG_BODY_AT = 42


@pytest.fixture(scope="module", params=["server", "embedded"])
def store(request, tmp_path_factory):
    """A store of ``MANY`` articles; (the environment that points the command line at it, the
    stored documents by URL)."""
    folder = tmp_path_factory.mktemp(f"export-{request.param}")
    env = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI", "MONGO_DATABASE")}
    env.update(NEWSCRAWLER_DATA_DIR=str(folder / "data"), NEWSCRAWLER_JOURNAL_DIR=str(folder / "journal"))
    if request.param == "server":
        client = request.getfixturevalue("mongo_client")
        database = client[f"export_{os.getpid()}_{folder.name}"]
        env.update(MONGO_URI=request.getfixturevalue("mongo_uri"), MONGO_DATABASE=database.name)
        fill(database, MANY, long_body_at=LONG_BODY_AT)
        stored = {d["url"]: d for d in database.articles.find({}, {"_id": 0}, batch_size=500)}
        yield env, stored
        client.drop_database(database.name)
        return
    client = open_client(folder / "data")  # the embedded store is one process's at a time: closed before the commands run
    fill(client.newscrawler, MANY, long_body_at=LONG_BODY_AT)
    stored = {d["url"]: d for d in client.newscrawler.articles.find({}, {"_id": 0}, batch_size=500)}
    client.close()
    yield env, stored


def export(env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "newscrawler", "export", *args], cwd=PROJECT, env=env,
                            capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    assert b"Traceback" not in result.stderr
    return result


def same_instant(exported: str | None, stored: datetime | None) -> bool:
    if stored is None:
        return exported is None
    assert exported.endswith("Z"), exported  # ISO 8601 in UTC
    return datetime.fromisoformat(exported) == stored


def records(value: list[dict], keys: tuple[str, ...]) -> list[dict]:
    return [{key: record.get(key) for key in keys} for record in value]


def assert_row_is_stored(row: dict, stored: dict) -> None:
    """``row`` as JSON would read it (strings, lists, numbers, booleans, null)."""
    assert list(row) == list(COLUMNS)
    for name, column in COLUMNS.items():
        value, expected = row[name], stored.get(name)
        if column.kind == "time":
            assert same_instant(value, expected), (name, value, expected)
        elif column.kind == "records":
            assert value == records(expected or [], column.keys), name
        elif column.kind == "texts":
            assert value == (expected or []), name
        else:
            assert value == expected, (name, value, expected)


def test_jsonl_holds_every_article_and_field(store, tmp_path):
    env, stored = store
    out = tmp_path / "articles.jsonl"
    result = export(env, "--format", "jsonl", "-o", str(out))
    assert f"Exported {MANY} articles".encode() in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == MANY == len(stored)
    assert sorted(r["url"] for r in rows) == sorted(stored)
    for row in rows:
        assert_row_is_stored(row, stored[row["url"]])
    assert any(r["published_at"] is None for r in rows) and any(r["title"] is None for r in rows)


def test_csv_reads_back_in_pandas_with_the_arabic_intact(store, tmp_path):
    pandas = pytest.importorskip("pandas")
    env, stored = store
    out = tmp_path / "articles.csv"
    result = export(env, "--format", "csv", "--bom", "-o", str(out))
    assert out.read_bytes().startswith("\ufeff".encode())  # Excel takes the file for UTF-8
    assert b"longer than the 32,767 characters Excel keeps" in result.stderr  # the long body is named
    frame = pandas.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == list(COLUMNS) and len(frame) == MANY
    for cells in frame.to_dict("records"):
        expected = stored[cells["url"]]
        row = {}
        for name, column in COLUMNS.items():
            cell = cells[name]
            if column.kind in ("texts", "records"):
                row[name] = json.loads(cell)
            elif column.kind == "integer":
                row[name] = int(cell)
            elif column.kind == "number":
                row[name] = float(cell) if cell else None
            elif column.kind == "flag":
                row[name] = {"true": True, "false": False}[cell]
            else:
                row[name] = cell or None  # an empty cell is a missing value
        # a stored empty string reads back as missing: the one thing CSV cannot tell apart
        assert_row_is_stored(row, {k: (v if v != "" else None) for k, v in expected.items()})
    long = frame[frame["url"].str.endswith(f"/{LONG_BODY_AT}?q=ن&x=1,2")]["body"].iloc[0]
    assert len(long) > 32_767 and "\"الخطة\" تمضي،" in long and "\t" in long


def test_parquet_has_typed_columns(store, tmp_path):
    pyarrow = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    env, stored = store
    out = tmp_path / "articles.parquet"
    export(env, "--format", "parquet", "-o", str(out))
    table = pq.read_table(out)
    types = {field.name: field.type for field in table.schema}
    assert types["published_at"] == pyarrow.timestamp("ms", tz="UTC")
    assert types["authors"] == pyarrow.list_(pyarrow.string())
    assert types["images"] == pyarrow.list_(pyarrow.struct([("url", pyarrow.string()), ("caption", pyarrow.string())]))
    assert types["version"] == pyarrow.int64() and types["truncated"] == pyarrow.bool_()
    rows = table.to_pylist()
    assert len(rows) == MANY
    for row in rows:
        expected = stored[row["url"]]
        for name, column in COLUMNS.items():
            value = row[name]
            if column.kind == "records":
                assert value == records(expected.get(name) or [], column.keys), name
            elif column.kind == "texts":
                assert value == (expected.get(name) or []), name
            else:
                assert value == expected.get(name), (name, value, expected.get(name))


def test_filters_and_fields(store, tmp_path):
    env, stored = store
    result = export(env, "--outlet", "youm7", "--outlet", "arabkhabar", "--since", "2025-04-10", "--until", "2025-04-20",
                    "--fields", "url,published_at,title")
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    expected = sorted(url for url, d in stored.items() if d["outlet"] in ("youm7", "arabkhabar") and d["published_at"]
                      and "2025-04-10" <= d["published_at"].date().isoformat() <= "2025-04-20")
    assert expected and sorted(r["url"] for r in rows) == expected
    assert all(list(r) == ["url", "published_at", "title"] for r in rows)
    fetched = export(env, "--fetched-since", "2025-05-11T06:30:00+00:00", "--fields", "url")
    since = datetime.fromisoformat("2025-05-11T06:30:00+00:00")
    expected = sorted(url for url, d in stored.items() if d["fetched_at"] and d["fetched_at"] >= since)
    assert expected and sorted(json.loads(line)["url"] for line in fetched.stdout.decode().splitlines()) == expected


def test_memory_stays_flat_however_many_articles_match(store, tmp_path):
    """The whole store against a quarter of it (the same scan, a quarter of the rows written, both
    past a row group): were the articles held in memory, the first would need some 60 MB more
    (7,500 more bodies of some 2,000 Arabic characters)."""
    env, _ = store

    def peak_rss_mb(*args: str) -> float:
        # the export's own high-water mark, read as it exits (the rusage of a child counts the memory
        # of the process it was forked from, here the test's)
        report = ("import atexit, runpy, sys\n"
                  "atexit.register(lambda: sys.stderr.write([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]))\n"
                  f"sys.argv = ['newscrawler', 'export', *{list(args)!r}]\n"
                  "runpy.run_module('newscrawler', run_name='__main__')\n")
        result = subprocess.run([sys.executable, "-c", report], cwd=PROJECT, env=env, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, result.stderr[-3000:]
        return int(result.stderr.split("VmHWM:")[1].split()[0]) / 1024

    everything = peak_rss_mb("--format", "parquet", "-o", str(tmp_path / "all.parquet"))
    a_quarter = peak_rss_mb("--format", "parquet", "-o", str(tmp_path / "quarter.parquet"), "--outlet", "youm7")
    print(f"peak RSS: {everything:.0f} MB exporting {MANY} articles, {a_quarter:.0f} MB exporting a quarter")
    assert everything - a_quarter < 25


def test_bad_arguments_get_one_line(store, tmp_path):
    env, _ = store
    for args, says in ((["--since", "yesterday"], b"not a date"), (["--fields", "url,nonsense"], b"unknown field nonsense"),
                       (["--format", "parquet"], b"name a file with -o")):
        result = subprocess.run([sys.executable, "-m", "newscrawler", "export", *args], cwd=PROJECT, env=env,
                                capture_output=True, timeout=120)
        assert result.returncode != 0 and says in result.stderr, result.stderr
        assert b"Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())  # nothing half-written
