"""A report removed by a review action (merged into its neighbour, or undone) leaves its group's summary
right: the group never counts a statement that no longer exists."""

import pytest

from annotations.groups import services as groups
from annotations.models import Article, Statement, StatementGroup
from annotations.review import services as review

from ..factories import ArticleFactory, SpeakerFactory
from .builders import report

pytestmark = pytest.mark.django_db

FIRST = "The contract is fair to every worker in this city,"
SECOND = "We will sign it this week and bring it to the members on Friday."
BODY = f"Transit workers met on Monday.\n\n“{FIRST}” Keisha Grant said. “{SECOND}”\n\nThe city did not comment."


def test_merging_away_a_grouped_report_updates_its_groups_count(editor):
    speaker = SpeakerFactory(name="Keisha Grant")
    article = ArticleFactory(body=BODY, status=Article.Status.PRETAGGED)
    made = []
    for words, status in ((FIRST, Statement.Status.SUGGESTED), (SECOND, Statement.Status.CONFIRMED)):
        start = BODY.index(words)
        made.append(
            Statement.objects.create(
                article=article,
                start=start,
                end=start + len(words),
                text=words,
                speaker=speaker,
                kind="direct",
                status=status,
            )
        )
    first, second = made
    elsewhere = report(SECOND, speaker=speaker, day=1)
    groups.statement_groups_refresh(statement_ids=[second.pk, elsewhere.pk])
    group = StatementGroup.objects.get(statements=second)
    assert group.size == 2

    review.statements_merge(
        first=first, second=second, editor=editor, first_version=first.version, second_version=second.version
    )

    group.refresh_from_db()
    assert group.size == Statement.objects.filter(group=group, status=Statement.Status.CONFIRMED).count() == 1
    assert group.first_statement_id == elsewhere.pk
