"""One writer per export format. Each takes rows (stored documents) one at a time and keeps at
most one batch of them in memory.

- JSON Lines: one object a line, every column present (null when the document lacks it), dates
  as ISO 8601 UTC strings (``2025-04-30T09:00:00Z``, milliseconds when there are some).
- CSV: a header line, then one line an article, quoted where a value needs it (bodies hold line
  breaks); list fields as JSON arrays, dates as above, flags as ``true``/``false``; UTF-8, with a
  byte-order mark when asked (``bom=True``) so that Excel takes the file for UTF-8.
- Parquet (pyarrow): typed columns (strings, lists of strings, lists of structs, UTC timestamps
  in milliseconds, integers, floats, booleans), one row group a batch.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

from newscrawler.export.schema import Column

#: What Excel keeps of a cell; longer ones it cuts.
EXCEL_CELL_LIMIT = 32_767


def iso_utc(value: datetime) -> str:
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds").replace("+00:00", "Z")


def _records(value, keys: tuple[str, ...]) -> list[dict]:
    return [{key: record.get(key) for key in keys} for record in value or [] if isinstance(record, dict)]


def plain(value, column: Column):
    """A stored value as JSON has it: dates as ISO strings, records with their keys."""
    if value is None:
        return [] if column.kind in ("texts", "records") else None
    if column.kind == "time":
        return iso_utc(value) if isinstance(value, datetime) else None
    if column.kind == "records":
        return _records(value, column.keys)
    return value


class JsonLinesWriter:
    binary = False

    def __init__(self, handle, columns: list[Column], **_):
        self.handle, self.columns = handle, columns

    def write(self, document: dict) -> None:
        row = {c.name: plain(document.get(c.name), c) for c in self.columns}
        self.handle.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


class CsvWriter:
    binary = False

    def __init__(self, handle, columns: list[Column], *, bom: bool = False, **_):
        self.columns = columns
        self.long_cells = 0
        if bom:
            handle.write("\ufeff")
        self.writer = csv.writer(handle, lineterminator="\n")
        self.writer.writerow([c.name for c in columns])

    def write(self, document: dict) -> None:
        row = [self._cell(plain(document.get(c.name), c), c) for c in self.columns]
        self.long_cells += sum(len(cell) > EXCEL_CELL_LIMIT for cell in row)
        self.writer.writerow(row)

    @staticmethod
    def _cell(value, column: Column) -> str:
        if value is None:
            return ""
        if column.kind in ("texts", "records"):
            return json.dumps(value, ensure_ascii=False)
        if column.kind == "flag":
            return "true" if value else "false"
        return str(value)

    def close(self) -> None:
        pass


class ParquetWriter:
    binary = True
    ROWS_PER_GROUP = 1000

    def __init__(self, handle, columns: list[Column], **_):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa, self.columns = pa, columns
        self.schema = pa.schema([pa.field(c.name, self._type(c)) for c in columns])
        self.writer = pq.ParquetWriter(handle, self.schema, compression="zstd")
        self.rows: list[dict] = []

    def _type(self, column: Column):
        pa = self.pa
        return {
            "text": pa.string(),
            "texts": pa.list_(pa.string()),
            "records": pa.list_(pa.struct([pa.field(key, pa.string()) for key in column.keys])),
            "time": pa.timestamp("ms", tz="UTC"),
            "integer": pa.int64(),
            "number": pa.float64(),
            "flag": pa.bool_(),
        }[column.kind]

    def write(self, document: dict) -> None:
        row = {}
        for column in self.columns:
            value = document.get(column.name)
            if column.kind == "records":
                value = _records(value, column.keys)
            elif column.kind == "texts":
                value = value or []  # a list field the document lacks is empty, as in the other formats
            elif column.kind == "time" and isinstance(value, datetime) and value.tzinfo is None:
                value = value.replace(tzinfo=UTC)
            row[column.name] = value
        self.rows.append(row)
        if len(self.rows) >= self.ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


WRITERS = {"jsonl": JsonLinesWriter, "csv": CsvWriter, "parquet": ParquetWriter}
