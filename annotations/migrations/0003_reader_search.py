# Reader site (issue 5): what the reader lists, filters and full-text search read without joins at a million
# statements: the stored search document of statements and copies of their article's date and outlet (kept
# up to date by annotations.reader.index), with partial indexes over public statements. The indexes are
# PostgreSQL-only (GIN, NULLS LAST); SQLite uses the fallback search and needs none.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class AddIndexOnPostgresOnly(migrations.AddIndex):
    """AddIndex recorded in the state everywhere but built only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def build_reader_index(apps, schema_editor):
    """Fill the new columns for existing statements (the same computation as annotations.reader.index)."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
    from django.db.models.functions import Coalesce

    Statement = apps.get_model("annotations", "Statement")
    Speaker = apps.get_model("annotations", "Speaker")
    SpeakerAlias = apps.get_model("annotations", "SpeakerAlias")
    Article = apps.get_model("annotations", "Article")
    article = Article.objects.filter(pk=OuterRef("article_id"))
    values = {
        "published_at": Subquery(article.values("published_at")[:1]),
        "outlet_id": Subquery(article.values("outlet_id")[:1]),
    }
    if schema_editor.connection.vendor == "postgresql":
        speaker_name = Subquery(Speaker.objects.filter(pk=OuterRef("speaker_id")).values("name")[:1])
        alias_names = Subquery(
            SpeakerAlias.objects.filter(speaker_id=OuterRef("speaker_id"))
            .order_by()
            .values("speaker_id")
            .annotate(names=StringAgg("name", Value(" ")))
            .values("names")[:1]
        )
        text = TextField()
        values["search_document"] = (
            SearchVector(
                Coalesce(speaker_name, Value(""), output_field=text),
                Coalesce(alias_names, Value(""), output_field=text),
                weight="A",
                config="english",
            )
            + SearchVector("text", weight="B", config="english")
            + SearchVector(
                Coalesce(Subquery(article.values("title")[:1]), Value(""), output_field=text),
                weight="C",
                config="english",
            )
        )
    Statement.objects.update(**values)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0002_speaker_registry"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="outlet",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                help_text="A copy of the article's outlet.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="annotations.outlet",
                verbose_name="outlet",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="A copy of the article's date.",
                null=True,
                verbose_name="published",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="Full-text index of the text, the speaker's names and the article title (PostgreSQL only).",
                null=True,
                verbose_name="search document",
            ),
        ),
        AddIndexOnPostgresOnly(
            model_name="article",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="article_published_desc",
            ),
        ),
        migrations.AddIndex(
            model_name="speaker",
            index=models.Index(fields=["name", "id"], name="speaker_name_id"),
        ),
        AddIndexOnPostgresOnly(
            model_name="statement",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("speaker__isnull", False), ("status", "confirmed")),
                fields=["search_document"],
                name="statement_search_public",
            ),
        ),
        AddIndexOnPostgresOnly(
            model_name="statement",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("article_id"), descending=True),
                models.OrderBy(models.F("start")),
                condition=models.Q(("speaker__isnull", False), ("status", "confirmed")),
                name="statement_public_newest",
            ),
        ),
        AddIndexOnPostgresOnly(
            model_name="statement",
            index=models.Index(
                models.F("speaker"),
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("article_id"), descending=True),
                models.OrderBy(models.F("start")),
                condition=models.Q(("speaker__isnull", False), ("status", "confirmed")),
                name="statement_public_speaker",
            ),
        ),
        AddIndexOnPostgresOnly(
            model_name="statement",
            index=models.Index(
                models.F("outlet"),
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("article_id"), descending=True),
                models.OrderBy(models.F("start")),
                condition=models.Q(("speaker__isnull", False), ("status", "confirmed")),
                name="statement_public_outlet",
            ),
        ),
        AddIndexOnPostgresOnly(
            model_name="statement",
            index=models.Index(
                models.F("kind"),
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("article_id"), descending=True),
                models.OrderBy(models.F("start")),
                condition=models.Q(("speaker__isnull", False), ("status", "confirmed")),
                name="statement_public_kind",
            ),
        ),
        AddIndexOnPostgresOnly(
            model_name="statement",
            index=models.Index(
                models.F("speaker"),
                models.F("outlet"),
                condition=models.Q(("speaker__isnull", False), ("status", "confirmed")),
                name="statement_public_spk_outlet",
            ),
        ),
        migrations.RunPython(build_reader_index, migrations.RunPython.noop, elidable=True),
    ]
