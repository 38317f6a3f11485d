"""Progress of a long job that runs inside one transaction, written where others can already see it.

An import stores all its rows in one transaction (all or nothing), so a progress count saved through the
same connection would stay invisible until the end. On PostgreSQL the count is written through a second,
autocommit connection; on SQLite (one writer at a time) it is not written, and the job shows only its state.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model


@contextmanager
def progress_writer(model: type[Model], pk: int, field: str = "rows_done") -> Iterator[Callable[[int], None]]:
    """A function that sets `field` of the `model` row `pk` to a number, visible to other connections at once."""
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        yield lambda done: None
        return
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    quote = side.ops.quote_name
    sql = f"UPDATE {quote(model._meta.db_table)} SET {quote(field)} = %s WHERE {quote('id')} = %s"  # plain columns

    def write(done: int) -> None:
        with side.cursor() as cursor:
            cursor.execute(sql, [done, pk])

    try:
        yield write
    finally:
        side.close()
