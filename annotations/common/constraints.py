"""Database constraints PostgreSQL can enforce and SQLite cannot: spans of one article that must not overlap.

`span_exclusion` builds an exclusion constraint over an article and its statements' quoted segments, each a
half-open range of offsets (start inclusive, end exclusive): two statements may interleave (one inside the
reporter's words between another's segments) but no segment of one may share a character with a segment of
the other. On SQLite it creates nothing and checks nothing; there, the services' own checks are the rule
(annotations/review/services/rows.py, check_span_free).
"""

from typing import TYPE_CHECKING, Any

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import IntegerRangeField, RangeOperators
from django.db import connections
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import F, Func, Model, Q

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class Int4Range(Func):
    """int4range(start, end): the half-open range [start, end)."""

    function = "int4range"
    output_field = IntegerRangeField()


class SegmentRanges(Func):
    """A statement's segments as one int4multirange: its stored segments, or [start, end) when it has none.

    The SQL function `claimbook_statement_ranges` is created by migration 0012 (IMMUTABLE, so an index and an
    exclusion constraint can use it).
    """

    function = "claimbook_statement_ranges"
    output_field = IntegerRangeField()  # an int4multirange: Django has no field for it, the SQL is the same


class PostgresOnlyExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint that other databases leave out (they have no ranges or GiST)."""

    def constraint_sql(self, model: type[Model] | None, schema_editor: BaseDatabaseSchemaEditor | None) -> Any:
        on_postgres = schema_editor is not None and schema_editor.connection.vendor == "postgresql"
        return super().constraint_sql(model, schema_editor) if on_postgres else None

    def create_sql(self, model: type[Model] | None, schema_editor: BaseDatabaseSchemaEditor | None) -> Any:
        on_postgres = schema_editor is not None and schema_editor.connection.vendor == "postgresql"
        return super().create_sql(model, schema_editor) if on_postgres else None

    def remove_sql(self, model: type[Model] | None, schema_editor: BaseDatabaseSchemaEditor | None) -> Any:
        on_postgres = schema_editor is not None and schema_editor.connection.vendor == "postgresql"
        return super().remove_sql(model, schema_editor) if on_postgres else None

    def validate(self, model: type[Model], instance: Model, exclude: Any = None, using: str = "default") -> None:
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


def span_exclusion(
    *, name: str, article: str, start: str, end: str, segments: str, condition: Q, message: "str | _StrPromise"
) -> PostgresOnlyExclusionConstraint:
    """No two rows for one article whose segments overlap, among the rows `condition` selects.

    Needs the btree_gist extension (equality on the article inside a GiST index).
    """
    ranges = SegmentRanges(F(start), F(end), F(segments))
    return PostgresOnlyExclusionConstraint(
        name=name,
        expressions=[(F(article), RangeOperators.EQUAL), (ranges, RangeOperators.OVERLAPS)],
        condition=condition,
        violation_error_message=message,
    )
