"""mongoeco's SQLite engine, with lookups by ``_id`` that use the table's primary key.

mongoeco keeps every document in one table keyed by ``(db_name, coll_name, storage_key)``, where
the storage key is a function of ``_id``. Its planner reaches that key only for a ``find_one`` that
finds its document: a lookup that finds nothing, a ``find`` by ``_id`` and ``{"_id": {"$in": …}}``
all read the whole collection, and so does every update of a document with array fields (the
``multikey_entries`` table has no index on the document's key). A store read and written that
way slows down with every article it holds.

``KeyedSQLiteEngine`` answers ``_id`` equality and ``_id`` ``$in`` from the primary key, found or
not, and adds the missing index. It changes no result: only filters on ``_id`` by a string or an
ObjectId (never an array, by MongoDB's rules), with no sort, skip, collation or hint, take the
short way; everything else is mongoeco's own planning. The articles collection is keyed by URL
(``_id`` is the URL) so that every read and write of a crawl is one of these lookups.

``KeyedMemoryEngine`` does the same for the memory engine of the test server (``store serve
--memory``), and spares it a scan of the whole collection on every insert.
"""

from __future__ import annotations

import json

from bson import ObjectId
from mongoeco.core.identity import id_contains_numeric_value
from mongoeco.core.query_plan import EqualsCondition, InCondition
from mongoeco.engines._memory_collection import MemoryCollection
from mongoeco.engines.memory import MemoryEngine
from mongoeco.engines.sqlite import SQLiteEngine
from mongoeco.engines.sqlite_planner import SQLiteReadExecutionPlan

#: The index mongoeco's own schema lacks (``scalar_index_entries`` has its twin).
MULTIKEY_BY_DOCUMENT = (
    "CREATE INDEX IF NOT EXISTS newscrawler_multikey_entries_by_document "
    "ON multikey_entries (collection_id, storage_key)"
)


def keyed_ids(plan) -> tuple | None:
    """The ``_id`` values a filter asks for, when it asks for nothing else and every value is a
    string or an ObjectId; None otherwise."""
    if isinstance(plan, EqualsCondition) and plan.field == "_id":
        values = (plan.value,)
    elif isinstance(plan, InCondition) and plan.field == "_id":
        values = plan.values
    else:
        return None
    return values if all(isinstance(v, (str, ObjectId)) for v in values) else None


class KeyedSQLiteEngine(SQLiteEngine):
    async def connect(self) -> None:
        await super().connect()
        connection = self._require_connection()
        connection.execute(MULTIKEY_BY_DOCUMENT)
        connection.commit()

    def _select_first_document_for_plan(self, db_name, coll_name, plan, *, hint=None, context=None):
        """``find_one``, ``update_one``, ``replace_one``, ``delete_one`` and upserts by ``_id``: one
        primary-key read, also when nothing is found."""
        ids = keyed_ids(plan) if hint is None else None
        if ids is None or len(ids) != 1:
            return super()._select_first_document_for_plan(db_name, coll_name, plan, hint=hint, context=context)
        row = self._require_connection(context).execute(
            "SELECT storage_key, document FROM documents WHERE db_name = ? AND coll_name = ? AND storage_key = ?",
            (db_name, coll_name, self._storage_key(ids[0])),
        ).fetchone()
        return None if row is None else (row[0], self._deserialize_document(row[1]))

    def _compile_read_execution_plan(self, db_name, coll_name, semantics, *, select_clause="document", hint=None):
        """``find`` (and what reads through it: ``update_many``, ``delete_many``, counts) by ``_id``:
        primary-key reads of the keys asked for."""
        ids = keyed_ids(semantics.query_plan)
        plain = not (semantics.sort or semantics.skip or semantics.collation is not None or hint is not None
                     or semantics.text_query is not None)
        if ids is None or not plain:
            return super()._compile_read_execution_plan(db_name, coll_name, semantics, select_clause=select_clause,
                                                        hint=hint)
        keys = json.dumps([self._storage_key(value) for value in dict.fromkeys(ids)])
        sql = (f"SELECT {select_clause} FROM documents WHERE db_name = ? AND coll_name = ? "
               "AND storage_key IN (SELECT value FROM json_each(?))")
        if semantics.limit is not None:  # as mongoeco reads it (limit(0) finds nothing there)
            sql += f" LIMIT {int(semantics.limit)}"
        return SQLiteReadExecutionPlan(semantics=semantics, strategy="sql", execution_lineage=(), physical_plan=(),
                                       use_sql=True, sql=sql, params=(db_name, coll_name, keys))


class KeyedMemoryEngine(MemoryEngine):
    """mongoeco's memory engine (the test server's, ``store serve --memory``), with the same
    lookups by key: ``_id`` equality that finds nothing and ``_id`` ``$in`` read the storage keys
    rather than every document, and a single-document insert does not compare its ``_id`` with
    every stored one numerically (1 against 1.0) when there is no number in it."""

    def _candidate_items_for_plan_locked(self, coll, query_plan, *, natural_order_limit=None, **options):
        ids = keyed_ids(query_plan)
        if ids is None or not isinstance(coll, MemoryCollection):
            return super()._candidate_items_for_plan_locked(coll, query_plan, natural_order_limit=natural_order_limit,
                                                            **options)
        keys = coll.ordered_keys({self._storage_key(value) for value in ids}, limit=natural_order_limit)
        return [(key, coll[key]) for key in keys]

    def _ensure_unique_indexes(self, db_name, coll_name, candidate, **options):
        if options.get("scan_payload_id") and not id_contains_numeric_value(candidate.get("_id")):
            options["scan_payload_id"] = False
        return super()._ensure_unique_indexes(db_name, coll_name, candidate, **options)
