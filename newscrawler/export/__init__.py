"""Exports of stored articles: JSON Lines, CSV and Parquet, streamed from the store.

``export(database, query, columns, format, path)`` writes every article that matches to ``path``
(or to an open text stream), a batch at a time; a file appears whole or not at all (it is written
beside its name and renamed when complete).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from newscrawler.export.schema import COLUMNS, Column, columns
from newscrawler.export.writers import EXCEL_CELL_LIMIT, WRITERS
from newscrawler.storage.reading import matching

__all__ = ["COLUMNS", "Column", "EXCEL_CELL_LIMIT", "FORMATS", "ExportSummary", "columns", "export"]

FORMATS = tuple(WRITERS)


class ExportSummary:
    def __init__(self):
        self.articles = 0
        #: CSV cells longer than Excel keeps.
        self.long_cells = 0


def export(database, query: dict, chosen: list[Column], fmt: str, out: Path | None, *, bom: bool = False,
           progress=None, batch_size: int = 500) -> ExportSummary:
    """Write the matching articles in ``fmt`` to the file ``out`` (standard output when None,
    text formats only); ``progress(n)`` is told of every ``n`` articles written."""
    summary = ExportSummary()
    writer_class = WRITERS[fmt]
    if out is None:
        if writer_class.binary:
            raise ValueError(f"{fmt} is binary: name a file with -o")
        _write(writer_class(sys.stdout, chosen, bom=bom), database, query, chosen, summary, progress, batch_size)
        sys.stdout.flush()
        return summary
    partial = out.with_name(out.name + ".partial")
    try:
        with open(partial, "wb" if writer_class.binary else "w", **({} if writer_class.binary else
                                                                   {"encoding": "utf-8", "newline": ""})) as handle:
            _write(writer_class(handle, chosen, bom=bom), database, query, chosen, summary, progress, batch_size)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return summary


def _write(writer, database, query, chosen, summary, progress, batch_size) -> None:
    for document in matching(database, query, [c.name for c in chosen], batch_size=batch_size):
        writer.write(document)
        summary.articles += 1
        if progress is not None:
            progress(1)
    writer.close()
    summary.long_cells = getattr(writer, "long_cells", 0)
