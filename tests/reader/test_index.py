"""annotations.reader.index: the reader index follows statements, speakers and articles when told to."""

import datetime as dt

import pytest
from django.db import connection

from annotations.models import Statement
from annotations.reader.index import (
    article_search_refresh,
    search_reindex,
    speaker_search_refresh,
    statement_search_refresh,
)
from annotations.reader.queries import StatementQuery, search_statements

from ..factories import OutletFactory, SpeakerAliasFactory, StatementFactory
from .data import story

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")


def found(q: str) -> set[int]:
    return set(search_statements(StatementQuery(q=q)).values_list("pk", flat=True))


def test_statement_refresh_copies_the_article_date_and_outlet():
    statement = StatementFactory(status=Statement.Status.CONFIRMED)
    assert statement.published_at is None
    assert statement_search_refresh(statement_ids=[statement.pk, statement.pk]) == 1
    statement.refresh_from_db()
    assert statement.published_at == statement.article.published_at
    assert statement.outlet_id == statement.article.outlet_id


@postgres_only
def test_statement_refresh_builds_the_weighted_search_document():
    statement = StatementFactory(status=Statement.Status.CONFIRMED)
    statement_search_refresh(statement_ids=[statement.pk])
    statement.refresh_from_db()
    document = str(statement.search_document)
    assert "'bridg':" in document and "B" in document.split("'bridg':")[1].split(" ")[0]
    assert statement.pk in found("bridge")


@postgres_only
def test_speaker_refresh_makes_a_new_alias_searchable():
    s = story()
    SpeakerAliasFactory(speaker=s.speaker, name="Madame Mayor")
    assert found("madame") == set()
    assert speaker_search_refresh(speaker=s.speaker) == 2
    assert found("madame") == {s.direct.pk, s.indirect.pk}


@postgres_only
def test_speaker_refresh_after_a_rename():
    s = story()
    s.speaker.name = "Adaline Brookfield"
    s.speaker.save()
    speaker_search_refresh(speaker=s.speaker)
    assert found("Adaline") == {s.direct.pk, s.indirect.pk}


def test_article_refresh_follows_a_corrected_date_and_outlet():
    s = story()
    herald = OutletFactory()
    s.article.published_at = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    s.article.outlet = herald
    s.article.save()
    assert article_search_refresh(article=s.article) == 6  # all its statements, hidden ones too
    s.direct.refresh_from_db()
    assert s.direct.published_at == dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    assert s.direct.outlet == herald


@postgres_only
def test_article_refresh_follows_a_corrected_title():
    s = story()
    s.article.title = "Ferry replaces the bridge"
    s.article.save()
    article_search_refresh(article=s.article)
    assert found("ferry") == {s.direct.pk, s.indirect.pk}


def test_reindex_rebuilds_everything_or_only_what_is_missing():
    s = story()
    Statement.objects.filter(pk=s.direct.pk).update(search_document=None, published_at=None)
    progress = []
    updated = search_reindex(only_missing=True, batch_size=2, progress=lambda done, last: progress.append(done))
    assert updated == 1
    assert progress  # called after each batch
    s.direct.refresh_from_db()
    assert s.direct.published_at is not None
    assert search_reindex() == Statement.objects.count()


def test_refresh_of_nothing_does_nothing():
    assert statement_search_refresh(statement_ids=[]) == 0


def test_search_reindex_command_reports_what_it_did():
    from io import StringIO

    from django.core.management import call_command

    story()
    out = StringIO()
    call_command("search_reindex", "--missing", stdout=out)
    assert "Reindexed 0 statements." in out.getvalue()
    call_command("search_reindex", stdout=out)
    assert "Reindexed 6 statements." in out.getvalue()
