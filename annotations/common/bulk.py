"""Inserting many rows at once, faster than `bulk_create` where it matters.

Django's `bulk_create` binds every value into the SQL text on the client (psycopg's client-side binding),
which for a hundred history events with JSON snapshots is most of a review action's time; PostgreSQL's COPY
streams the same rows in about a third of it (figures in docs/benchmarks.md). Review actions that touch many
statements and pre-tagging use it. Values go through each field's own `pre_save` and `get_db_prep_save`,
as `bulk_create` does; unlike it, the objects do not get their primary keys back. The COPY is entered in
Django's query log (tests count queries; the debug toolbar lists them) like any other statement.
"""

import time
from collections.abc import Sequence
from typing import Any

from django.db import connections, router
from django.db.models import Field, Model


def insert_rows(objs: Sequence[Model]) -> None:
    """Insert `objs` (all of one model, new, no primary key) with COPY on PostgreSQL, else `bulk_create`."""
    if not objs:
        return
    model = type(objs[0])
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        model._default_manager.using(using).bulk_create(objs)  # the default manager: `objects` on every model here
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(_column(field)) for field in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    started = time.monotonic()
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objs:
            copy.write_row([field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields])
    if connection.queries_logged:
        connection.queries_log.append(
            {"sql": f"{sql} -- {len(objs)} rows", "time": f"{time.monotonic() - started:.3f}"}
        )


def _column(field: "Field[Any, Any]") -> str:  # quoted: Field is generic for type checkers only
    assert field.column is not None, "a concrete field always has a column"
    return field.column
