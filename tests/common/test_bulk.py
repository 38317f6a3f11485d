"""insert_rows: COPY on PostgreSQL, bulk_create elsewhere; the rows come back as bulk_create would write them."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.common.bulk import insert_rows
from annotations.models import StatementEvent

from ..factories import StatementFactory

pytestmark = pytest.mark.django_db


def test_rows_are_stored_with_their_json_uuid_defaults_and_timestamps():
    statement = StatementFactory()
    action_id = uuid.uuid4()
    snapshot = {"text": "“Quotes”, \\backslashes\\, tabs\t and newlines\n", "version": 2, "speaker_id": None}
    events = [
        StatementEvent(
            article_id=statement.article_id,
            statement_id=statement.pk,
            action=StatementEvent.Action.CONFIRM,
            action_id=action_id,
            before=None,
            after={**snapshot, "n": n},
            version=2,
            summary=f"confirmed {n}",
        )
        for n in range(30)
    ]
    with CaptureQueriesContext(connection) as captured:
        insert_rows(events)
    assert len(captured) == 1  # one COPY (or one INSERT), and the query log says so
    stored = list(StatementEvent.objects.filter(action_id=action_id).order_by("id"))
    assert [event.after for event in stored] == [{**snapshot, "n": n} for n in range(30)]
    assert all(event.before is None and event.created_at is not None for event in stored)
    assert stored[0].summary == "confirmed 0"


def test_nothing_to_insert_is_no_query():
    with CaptureQueriesContext(connection) as captured:
        insert_rows([])
    assert len(captured) == 0
