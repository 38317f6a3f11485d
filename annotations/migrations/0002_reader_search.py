# Reader site (issue 5): the stored full-text search document of statements, its GIN index (PostgreSQL
# only; SQLite uses the fallback search), and an index for "newest articles first, undated last".

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class AddIndexOnPostgresOnly(migrations.AddIndex):
    """AddIndex for PostgreSQL-only index types: recorded in the state everywhere, built only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def build_search_documents(apps, schema_editor):
    """Index the statements that exist already (the same expression as annotations.services.search)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector
    from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
    from django.db.models.functions import Coalesce

    Statement = apps.get_model("annotations", "Statement")
    Speaker = apps.get_model("annotations", "Speaker")
    SpeakerAlias = apps.get_model("annotations", "SpeakerAlias")
    Article = apps.get_model("annotations", "Article")
    speaker_name = Subquery(Speaker.objects.filter(pk=OuterRef("speaker_id")).values("name")[:1])
    alias_names = Subquery(
        SpeakerAlias.objects.filter(speaker_id=OuterRef("speaker_id"))
        .order_by()
        .values("speaker_id")
        .annotate(names=StringAgg("name", Value(" ")))
        .values("names")[:1]
    )
    title = Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("title")[:1])
    Statement.objects.update(
        search_document=SearchVector(
            Coalesce(speaker_name, Value(""), output_field=TextField()), Coalesce(alias_names, Value(""), output_field=TextField()), weight="A", config="english"
        )
        + SearchVector("text", weight="B", config="english")
        + SearchVector(Coalesce(title, Value(""), output_field=TextField()), weight="C", config="english")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='statement',
            name='search_document',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, help_text="Full-text index of the text, the speaker's names and the article title (PostgreSQL only); kept up to date by annotations.services.search, never by signals.", null=True, verbose_name='search document'),
        ),
        AddIndexOnPostgresOnly(  # SQLite has no NULLS LAST in indexes
            model_name='article',
            index=models.Index(models.OrderBy(models.F('published_at'), descending=True, nulls_last=True), models.OrderBy(models.F('id'), descending=True), name='article_published_desc'),
        ),
        migrations.AddIndex(
            model_name='speaker',
            index=models.Index(fields=['name', 'id'], name='speaker_name_id'),
        ),
        AddIndexOnPostgresOnly(
            model_name='statement',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('speaker__isnull', False), ('status', 'confirmed')), fields=['search_document'], name='statement_search_public'),
        ),
        migrations.RunPython(build_search_documents, migrations.RunPython.noop, elidable=True),
    ]
