"""No two statements of an article that are not rejected overlap: at every status change, and in PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from annotations.models import Statement
from annotations.review import services

from .builders import article_with_statements

pytestmark = pytest.mark.django_db


@pytest.fixture
def rejected_and_overlapping(editor):
    """A rejected, then B added over part of its words: the situation every bypass started from."""
    article, [a] = article_with_statements(1)
    a = services.statement_reject(statement=a, editor=editor, expected_version=1)
    b = services.statement_create(article=article, editor=editor, start=a.start + 5, end=a.end + 3)
    return article, a, b


def assert_still_rejected(a):
    a.refresh_from_db()
    assert a.status == Statement.Status.REJECTED


@pytest.mark.parametrize("action", ["confirm", "suggest-by-revert"])
def test_a_rejected_statement_cannot_come_back_over_another(editor, rejected_and_overlapping, action):
    _article, a, _b = rejected_and_overlapping
    with pytest.raises(ValidationError, match="overlap"):
        if action == "confirm":
            services.statement_confirm(statement=a, editor=editor, expected_version=a.version)
        else:
            services.statement_revert(statement=a, editor=editor, expected_version=a.version, to_version=1)
    assert_still_rejected(a)


def test_undoing_the_rejection_under_another_statement_is_refused(editor, other_editor, rejected_and_overlapping):
    article, a, b = rejected_and_overlapping
    services.article_undo(article=article, editor=editor)  # takes back adding B
    services.article_review_release(article=article, editor=editor)
    services.statement_create(article=article, editor=other_editor, start=a.start + 5, end=a.end + 3)
    services.article_review_release(article=article, editor=other_editor)
    with pytest.raises(ValidationError, match="overlap"):
        services.article_undo(article=article, editor=editor)  # the rejection of A, now under B2
    assert_still_rejected(a)


def test_a_rejected_statement_whose_span_is_free_comes_back(editor):
    _article, [a] = article_with_statements(1)
    a = services.statement_reject(statement=a, editor=editor, expected_version=1)
    assert services.statement_confirm(statement=a, editor=editor, expected_version=a.version).status == "confirmed"


def test_the_admin_refuses_to_unreject_a_statement_over_another(admin_client, rejected_and_overlapping):
    _article, a, _b = rejected_and_overlapping
    url = reverse("admin:annotations_statement_change", args=[a.pk])
    fields = ["article", "start", "end", "kind", "speaker", "status", "cue_text", "cue_start", "cue_end"]
    fields += ["mention_text", "mention_start", "mention_end", "origin", "confidence", "needs_attention"]
    data = {name: getattr(a, name + "_id" if name in ("article", "speaker") else name) for name in fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["status"] = "confirmed"
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "overlap" in response.content.decode()
    assert_still_rejected(a)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints are PostgreSQL's")
def test_postgresql_refuses_two_overlapping_statements_that_are_not_rejected(rejected_and_overlapping):
    _article, a, _b = rejected_and_overlapping
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.filter(pk=a.pk).update(status="suggested")
    with transaction.atomic():
        Statement.objects.filter(pk=a.pk).update(status="rejected", end=a.end)  # rejected ones may overlap
