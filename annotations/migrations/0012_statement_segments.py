"""A statement may be several quoted segments (`Statement.segments`), and the no-overlap constraint looks at
each segment: a statement may lie in the reporter's words between another's segments, never across them."""

import annotations.common.constraints
from django.conf import settings
from django.db import migrations, models

# A statement's segments as one int4multirange: the stored ones, or [start, end) when it has none.
# IMMUTABLE (it reads only its arguments), so that the exclusion constraint may use it.
CREATE_RANGES_FUNCTION = """
CREATE OR REPLACE FUNCTION claimbook_statement_ranges(first_start integer, last_end integer, segments jsonb)
RETURNS int4multirange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN jsonb_array_length(segments) > 0 THEN (
            SELECT range_agg(int4range((segment ->> 0)::integer, (segment ->> 1)::integer))
            FROM jsonb_array_elements(segments) AS segment
        )
        ELSE int4multirange(int4range(first_start, last_end))
    END
$$
"""
DROP_RANGES_FUNCTION = "DROP FUNCTION IF EXISTS claimbook_statement_ranges(integer, integer, jsonb)"


def create_ranges_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_RANGES_FUNCTION)


def drop_ranges_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_RANGES_FUNCTION)


def add_segments_column(apps, schema_editor):
    """In place on SQLite, which would otherwise rebuild the table with the PostgreSQL-only indexes (0003)."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            'ALTER TABLE "annotations_statement" ADD COLUMN "segments" text NOT NULL DEFAULT \'[]\' '
            'CHECK ((JSON_VALID("segments") OR "segments" IS NULL))'
        )
    else:
        Statement = apps.get_model("annotations", "Statement")
        field = models.JSONField(default=list, blank=True)
        field.set_attributes_from_name("segments")
        schema_editor.add_field(Statement, field)


def remove_segments_column(apps, schema_editor):
    schema_editor.execute('ALTER TABLE "annotations_statement" DROP COLUMN "segments"')


class OnPostgresOnly:
    """A constraint operation recorded in the state everywhere but run only on PostgreSQL: SQLite changes
    constraints by rebuilding the table with every index of the model, and the reader's (NULLS LAST) cannot
    be built there. On SQLite the services hold the rule."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class RemoveConstraintOnPostgresOnly(OnPostgresOnly, migrations.RemoveConstraint):
    pass


class AddConstraintOnPostgresOnly(OnPostgresOnly, migrations.AddConstraint):
    pass


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0011_statement_event_registry_action'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RemoveConstraintOnPostgresOnly(
            model_name='statement',
            name='statement_spans_do_not_overlap',
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='statement',
                    name='segments',
                    field=models.JSONField(blank=True, default=list, help_text="When the statement is several quoted segments with the reporter's words between them: each [start, end], in order, the first starting at start and the last ending at end. Empty for one span.", verbose_name='segments'),
                ),
            ],
            database_operations=[migrations.RunPython(add_segments_column, remove_segments_column)],
        ),
        migrations.AlterField(
            model_name='statement',
            name='text',
            field=models.TextField(help_text='The article body between start and end; for several segments, the segments joined with “ … ”.', verbose_name='text'),
        ),
        migrations.RunPython(create_ranges_function, drop_ranges_function),
        AddConstraintOnPostgresOnly(
            model_name='statement',
            constraint=annotations.common.constraints.PostgresOnlyExclusionConstraint(condition=models.Q(('status', 'rejected'), _negated=True), expressions=[(models.F('article'), '='), (annotations.common.constraints.SegmentRanges(models.F('start'), models.F('end'), models.F('segments')), '&&')], name='statement_spans_do_not_overlap', violation_error_message='This would overlap another statement that is not rejected.'),
        ),
    ]
