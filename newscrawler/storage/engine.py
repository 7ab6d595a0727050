"""mongoeco's SQLite engine, with lookups by ``_id`` that use the table's primary key and a short
way for the re-crawl's update.

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

``KeyedSQLiteEngine`` also writes the commonest update of a crawl, ``$set`` of top-level fields
that no index covers on a document found by ``_id`` (a re-crawl's ``last_seen_at`` and
``crawl_id``), by one read and one SQL update of that document, where mongoeco copies the whole
document some eight times and rebuilds every index entry it has. And as one process owns the store
file (``embedded.py``), it publishes change events in that process when a write returns (mongoeco's
``change_delivery="none"``) instead of through its durable outbox, whose delivery takes a lease, a
helper thread and some twenty SQL statements a write (a re-crawl's update: 47 statements before, 16
now).

``KeyedMemoryEngine`` does the same lookups for the memory engine of the test server (``store serve
--memory``), and spares it a scan of the whole collection on every insert.
"""

from __future__ import annotations

import json
from dataclasses import replace

from bson import ObjectId
from mongoeco.core.identity import id_contains_numeric_value
from mongoeco.core.operation_context import ChangePublicationPolicy
from mongoeco.core.operators import CompiledUpdatePlan
from mongoeco.core.query_plan import EqualsCondition, InCondition
from mongoeco.engines._memory_collection import MemoryCollection
from mongoeco.engines._sqlite_outbox import append_change
from mongoeco.engines._sqlite_write_scope import sqlite_write_scope
from mongoeco.engines.memory import MemoryEngine
from mongoeco.engines.results import MutationOutcome
from mongoeco.engines.sqlite import SQLiteEngine
from mongoeco.engines.sqlite_planner import SQLiteReadExecutionPlan
from mongoeco.engines.sqlite_query import translate_compiled_update_plan
from mongoeco.types import UpdateResult

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


def set_fields(plan) -> set[str] | None:
    """The top-level fields an update sets, when all it does is ``$set`` them (none of them
    ``_id``); None otherwise."""
    if not isinstance(plan, CompiledUpdatePlan) or plan.touches_document_id:
        return None
    names = set()
    for operator in plan.compiled_operators:
        if operator.operator != "$set":
            return None
        for instruction in operator.instructions:
            segments = instruction.path.segments
            if len(segments) != 1 or segments[0].kind != "field" or instruction.path.raw == "_id":
                return None
            names.add(instruction.path.raw)
    return names


def indexes_leave_alone(indexes, fields: set[str]) -> bool:
    """Whether setting ``fields`` changes no entry of ``indexes`` (no index reads them, none is
    partial or TTL, whose membership a field could change)."""
    for index in indexes:
        if index.partial_filter_expression is not None or index.expire_after_seconds is not None:
            return False
        if any("$**" in path or path.split(".")[0] in fields for path in index.fields):
            return False
    return True


class KeyedSQLiteEngine(SQLiteEngine):
    capabilities = replace(SQLiteEngine.capabilities, change_delivery="none")

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

    def _update_with_operation_sync(self, db_name, coll_name, operation, upsert, upsert_seed, selector_filter,
                                    context, dialect=None, bypass_document_validation=False,
                                    replacement_document=None, on_commit=None, operation_context=None,
                                    deadline=None):
        """A plain ``$set`` of unindexed top-level fields of a document found by ``_id``, outside
        a session, in one read and one SQL update; every other update is mongoeco's own."""
        arguments = (db_name, coll_name, operation, upsert, upsert_seed, selector_filter, context, dialect,
                     bypass_document_validation, replacement_document, on_commit, operation_context, deadline)
        fields = set_fields(operation.compiled_update_plan)
        ids = keyed_ids(operation.plan)
        if (fields is None or ids is None or len(ids) != 1 or upsert or context is not None
                or replacement_document is not None or selector_filter is not None or operation.array_filters
                or operation.hint is not None or operation.sort or operation.collation is not None
                or operation.max_time_ms is not None
                or self._dialect_requires_python_fallback(dialect or operation.dialect)):
            return super()._update_with_operation_sync(*arguments)
        if operation_context is not None:
            operation = operation.bind(operation_context)
        plan = operation.compiled_update_plan
        with self._lock:
            connection = self._require_connection()
            with self._bind_connection(connection):
                if (not indexes_leave_alone(self._load_indexes(db_name, coll_name), fields)
                        or self._load_search_index_rows(db_name, coll_name)
                        or self._collection_options_or_empty_sync(connection, db_name, coll_name).get("validator")):
                    return super()._update_with_operation_sync(*arguments)
                selected = self._select_first_document_for_plan(db_name, coll_name, operation.plan)
                if selected is None:
                    return super()._update_with_operation_sync(*arguments)
                storage_key, before = selected
                after = dict(before)  # the fields set are top-level: the rest is shared, untouched
                modified = False
                for operator in plan.compiled_operators:
                    modified = operator.apply(after, context=plan.context) or modified
                if not modified:
                    return MutationOutcome(result=UpdateResult(matched_count=1, modified_count=0),
                                           before_document=before, after_document=after)
                try:
                    sql, parameters = translate_compiled_update_plan(plan, current_document=before)
                except (NotImplementedError, TypeError):  # SQLite's JSON would lose an infinity or a NaN
                    return super()._update_with_operation_sync(*arguments)
                change = operation_context.change_operation_type if operation_context is not None else None
                # with no change stream open, the outbox records only that a change happened (a gap),
                # and mongoeco serialises the whole document to fingerprint it: its key identifies it
                gap = operation_context is None or operation_context.publication is ChangePublicationPolicy.RECORD_GAP
                with sqlite_write_scope(connection, begin_write=lambda current: self._begin_write(current, None),
                                        commit_write=lambda current: self._commit_write(current, None),
                                        rollback_write=lambda current: self._rollback_write(current, None)):
                    connection.execute(f"UPDATE documents SET document = {sql} "
                                       "WHERE db_name = ? AND coll_name = ? AND storage_key = ?",
                                       (*parameters, db_name, coll_name, storage_key))
                    self._invalidate_collection_features_cache(db_name, coll_name)
                    sequence = append_change(connection, context=operation_context, operation_type=change or "update",
                                             db_name=db_name, coll_name=coll_name, document_key={"_id": after["_id"]},
                                             full_document=None if gap else after,
                                             serialize_document=self._serialize_document,
                                             max_entries=self._change_outbox_max_entries)
                outcome = MutationOutcome(result=UpdateResult(matched_count=1, modified_count=1),
                                          before_document=before, after_document=after, commit_sequence=sequence)
        if on_commit is not None:
            on_commit(outcome)
        return outcome


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
