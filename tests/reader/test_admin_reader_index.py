"""Edits made in the admin keep the reader index current (annotations.reader.index), like the review workspace."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from annotations.models import Statement
from annotations.reader.queries import StatementQuery, search_statements

from ..factories import StatementFactory
from .data import story

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")


def test_confirming_a_statement_in_the_admin_indexes_it(admin_client):
    statement = StatementFactory()
    data = {
        field: getattr(statement, field)
        for field in ["start", "end", "kind", "cue_text", "mention_text", "origin", "needs_attention"]
    }
    data.update(article=statement.article_id, speaker=statement.speaker_id, status="confirmed", confidence="")
    data.update(cue_start="", cue_end="", mention_start="", mention_end="")
    response = admin_client.post(reverse("admin:annotations_statement_change", args=[statement.pk]), data)
    assert response.status_code == 302, response.content
    statement.refresh_from_db()
    assert statement.status == Statement.Status.CONFIRMED
    assert statement.published_at == statement.article.published_at


def test_correcting_an_article_date_in_the_admin_moves_its_statements(admin_client):
    s = story()
    article = s.article
    url = reverse("admin:annotations_article_change", args=[article.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(outlet=article.outlet_id, published_at_0="2020-01-02", published_at_1="03:04:05")
    for inline in page.context["inline_admin_formsets"]:  # leave the statements inline untouched
        data.update({f"{inline.formset.prefix}-TOTAL_FORMS": 0, f"{inline.formset.prefix}-INITIAL_FORMS": 0})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    s.direct.refresh_from_db()
    assert s.direct.published_at == dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@postgres_only
def test_adding_an_alias_in_the_admin_makes_it_searchable(admin_client):
    s = story()
    response = admin_client.post(
        reverse("admin:annotations_speakeralias_add"),
        {"speaker": s.speaker.pk, "name": "Madame Mayor", "origin": "editor", "checked": "on"},
    )
    assert response.status_code == 302
    found = set(search_statements(StatementQuery(q="madame")).values_list("pk", flat=True))
    assert found == {s.direct.pk, s.indirect.pk}
    alias = s.speaker.aliases.get()
    admin_client.post(reverse("admin:annotations_speakeralias_delete", args=[alias.pk]), {"post": "yes"})
    assert not search_statements(StatementQuery(q="madame")).exists()


def test_a_statement_changed_in_the_admin_gets_a_history_event(admin_client, admin_user):
    from annotations.models import StatementEvent

    statement = story().direct
    page = admin_client.get(reverse("admin:annotations_statement_change", args=[statement.pk]))
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) if form.initial.get(name) is not None else "" for name in form.fields}
    data.update(article=statement.article_id, speaker=statement.speaker_id, kind="mixed")
    response = admin_client.post(reverse("admin:annotations_statement_change", args=[statement.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    event = StatementEvent.objects.get(statement_id=statement.pk)
    assert (event.editor, event.action, event.before["kind"], event.after["kind"]) == (
        admin_user,
        StatementEvent.Action.UPDATE,
        "direct",
        "mixed",
    )
    assert event.version == statement.version + 1 and "mixed" in event.summary

    admin_client.post(reverse("admin:annotations_statement_change", args=[statement.pk]), {**data, "kind": "mixed"})
    assert StatementEvent.objects.filter(statement_id=statement.pk).count() == 1  # saved unchanged: no event
