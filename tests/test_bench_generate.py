"""The benchmark data generator (bench_generate): small runs give valid, visible, searchable data."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from annotations.models import Statement
from annotations.reader.queries import StatementQuery, search_statements

pytestmark = [
    pytest.mark.django_db(transaction=True),  # it runs VACUUM, which needs autocommit
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the generator loads with PostgreSQL COPY"),
]


def test_generated_statements_are_valid_confirmed_and_indexed(capsys):
    call_command("bench_generate", statements=60, speakers=8, outlets=3, per_article=6)
    assert Statement.objects.confirmed_attributed().count() == 60
    for statement in Statement.objects.select_related("article"):
        statement.full_clean()  # the text is the body's slice at its offsets, cue and mention too
        assert statement.published_at == statement.article.published_at
    assert Statement.objects.confirmed_attributed().filter(search_document__isnull=True).count() == 0
    word = Statement.objects.confirmed_attributed().first().text.split()[-1]
    assert search_statements(StatementQuery(q=word)).exists()
    assert "total:" in capsys.readouterr().out


def test_generator_refuses_a_database_with_articles():
    call_command("bench_generate", statements=6, speakers=2, outlets=1, per_article=6)
    with pytest.raises(CommandError, match="separate"):
        call_command("bench_generate", statements=6, speakers=2, outlets=1, per_article=6)
