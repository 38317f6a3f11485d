# Reader search speed at 1M statements:
# - a BRIN index on statement ids (a few pages for a million rows; PostgreSQL only, SQLite has no BRIN), so that
#   full-text search visits only the matches among the newest ids, the ones it ranks by relevance
#   (annotations.reader.queries._rank_window_start);
# - a plain index on the outlet: PostgreSQL never combines two partial indexes with the same condition, so words
#   with an outlet read every match of the words (statement_search_public) to keep the outlet's.

import django.contrib.postgres.indexes
from django.db import migrations, models


class AddIndexOnPostgresOnly(migrations.AddIndex):
    """AddIndex recorded in the state everywhere but built only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0006_speaker_version"),
    ]

    operations = [
        AddIndexOnPostgresOnly(
            model_name="statement",
            index=django.contrib.postgres.indexes.BrinIndex(
                autosummarize=True, fields=["id"], name="statement_id_brin"
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["outlet"], name="statement_outlet"),
        ),
    ]
