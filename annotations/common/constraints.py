"""Database constraints PostgreSQL can enforce and SQLite cannot: spans of one article that must not overlap.

`span_exclusion` builds an exclusion constraint over an article and a half-open range of offsets (the form
statement offsets take: start inclusive, end exclusive). On SQLite it creates nothing and checks nothing;
there, the services' own checks are the rule (annotations/review/services/rows.py, check_span_free).
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import IntegerRangeField, RangeOperators
from django.db.models import F, Func, Q


class Int4Range(Func):
    """int4range(start, end): the half-open range [start, end)."""

    function = "int4range"
    output_field = IntegerRangeField()


class PostgresOnlyExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint that other databases leave out (they have no ranges or GiST)."""

    def constraint_sql(self, model, schema_editor):
        return super().constraint_sql(model, schema_editor) if schema_editor.connection.vendor == "postgresql" else None

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if schema_editor.connection.vendor == "postgresql" else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if schema_editor.connection.vendor == "postgresql" else None

    def validate(self, model, instance, exclude=None, using="default"):
        from django.db import connections

        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


def span_exclusion(*, name: str, article: str, start: str, end: str, condition: Q, message: str):
    """No two rows for one article whose [start, end) ranges overlap, among the rows `condition` selects.

    Needs the btree_gist extension (equality on the article inside a GiST index).
    """
    return PostgresOnlyExclusionConstraint(
        name=name,
        expressions=[(F(article), RangeOperators.EQUAL), (Int4Range(F(start), F(end)), RangeOperators.OVERLAPS)],
        condition=condition,
        violation_error_message=message,
    )
