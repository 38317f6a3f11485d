"""A few boundary moves in a row by one editor are one change: one entry in the history, one undo step."""

import datetime as dt

import pytest

from annotations.models import StatementEvent
from annotations.review import services

from .builders import article_with_statements

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def nudge(statement, editor, edge="end", direction=-1):
    moved, _ = services.statement_move_boundary(
        statement=statement, editor=editor, expected_version=statement.version, edge=edge, direction=direction
    )
    return moved


def test_three_key_presses_are_one_change_and_one_undo_step(editor):
    article, [statement] = article_with_statements(1)
    original = statement.text
    moved = nudge(nudge(nudge(statement, editor), editor), editor, edge="start", direction=1)
    [event] = StatementEvent.objects.filter(statement=statement)
    assert event.before["text"] == original and event.after["text"] == moved.text
    assert event.version == moved.version == 4
    services.article_undo(article=article, editor=editor)
    statement.refresh_from_db()
    assert statement.text == original


def test_a_move_after_another_kind_of_change_starts_a_new_entry(editor):
    article, [statement] = article_with_statements(1)
    moved = nudge(statement, editor)
    confirmed = services.statement_confirm(statement=moved, editor=editor, expected_version=moved.version)
    nudge(confirmed, editor)
    actions = list(StatementEvent.objects.filter(statement=statement).order_by("id").values_list("action", flat=True))
    assert actions == ["update", "confirm", "update"]


def test_another_editors_move_or_a_late_one_is_its_own_entry(editor, other_editor):
    article, [statement] = article_with_statements(1)
    moved = nudge(statement, editor)
    services.article_review_take_over(article=article, editor=other_editor)
    moved = nudge(moved, other_editor)
    assert StatementEvent.objects.filter(statement=statement).count() == 2
    StatementEvent.objects.filter(statement=statement).update(created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    nudge(moved, other_editor)
    assert StatementEvent.objects.filter(statement=statement).count() == 3
