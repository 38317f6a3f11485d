"""A statement of several quoted segments: merge joins segments, split divides them, and undo, revert,
history, boundaries, the no-overlap rule and the article's markup all follow."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from annotations.models import Article, Statement
from annotations.review import services
from annotations.review.markup import render_body

from ..factories import ArticleFactory, SpeakerFactory
from ..helpers import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

BODY = (
    "Transit workers met on Monday.\n\n"
    "“The contract is fair,” union president Keisha Grant told reporters, adding that members were tired. "
    "“We will sign it this week.”\n\n"
    "The city did not comment."
)


def quote(body: str, words: str) -> tuple[int, int]:
    start = body.index(words)
    return start, start + len(words)


@pytest.fixture
def two_quotes(db):
    """The two quotes of one speaker, suggested as two statements (as the pre-tagger may)."""
    article = ArticleFactory(body=BODY, status=Article.Status.PRETAGGED)
    speaker = SpeakerFactory(name="Keisha Grant")
    made = []
    for words in ("The contract is fair,", "We will sign it this week."):
        start, end = quote(BODY, words)
        made.append(
            Statement.objects.create(
                article=article, start=start, end=end, text=BODY[start:end], speaker=speaker, kind="direct"
            )
        )
    return article, made


def merge(first, second, editor):
    return services.statements_merge(
        first=first, second=second, editor=editor, first_version=first.version, second_version=second.version
    )


def test_merging_two_quotes_keeps_the_reporters_words_out(two_quotes, editor):
    article, (first, second) = two_quotes
    merged = merge(first, second, editor)
    merged.refresh_from_db()
    assert merged.spans == [quote(BODY, "The contract is fair,"), quote(BODY, "We will sign it this week.")]
    assert merged.text == "The contract is fair, … We will sign it this week."
    assert "Keisha Grant" not in merged.text and "told" not in merged.text
    assert merged.kind == Statement.Kind.DIRECT
    assert (merged.start, merged.end) == (first.start, second.end)


def test_undo_of_a_merge_brings_back_both_quotes_as_they_were(two_quotes, editor):
    article, (first, second) = two_quotes
    merge(first, second, editor)
    services.article_undo(article=article, editor=editor)
    restored = {s.pk: s for s in Statement.objects.filter(article=article)}
    assert set(restored) == {first.pk, second.pk}
    assert restored[first.pk].segments == [] and restored[first.pk].text == "The contract is fair,"
    assert restored[second.pk].text == "We will sign it this week."


def test_split_in_the_gap_gives_back_the_two_quotes(two_quotes, editor):
    article, (first, second) = two_quotes
    merged = merge(first, second, editor)
    left, right = services.statement_split(
        statement=merged, editor=editor, expected_version=merged.version, at=BODY.index("told")
    )
    assert (left.text, left.segments) == ("The contract is fair,", [])
    assert (right.text, right.segments) == ("We will sign it this week.", [])


def test_revert_puts_the_segments_back_and_the_history_says_what_changed(two_quotes, editor):
    article, (first, second) = two_quotes
    merged = merge(first, second, editor)
    left, _right = services.statement_split(
        statement=merged, editor=editor, expected_version=merged.version, at=BODY.index("told")
    )
    _right.delete()  # make room for the merged version again
    reverted = services.statement_revert(
        statement=left, editor=editor, expected_version=left.version, to_version=merged.version
    )
    assert reverted.text == "The contract is fair, … We will sign it this week."
    assert len(reverted.spans) == 2


def test_boundary_keys_move_the_first_segments_start_and_the_last_segments_end(two_quotes, editor):
    article, (first, second) = two_quotes
    merged = merge(first, second, editor)
    moved, _ = services.statement_move_boundary(
        statement=merged, editor=editor, expected_version=merged.version, edge="end", direction=-1
    )
    assert moved.spans[0] == quote(BODY, "The contract is fair,")
    assert moved.text.endswith("this week")  # the end first steps off the full stop
    moved, _ = services.statement_move_boundary(
        statement=moved, editor=editor, expected_version=moved.version, edge="start", direction=1
    )
    assert moved.text.startswith("contract is fair, … ")


def test_a_statement_may_sit_in_the_reporters_words_between_segments(two_quotes, editor):
    article, (first, second) = two_quotes
    merge(first, second, editor)
    start, end = quote(BODY, "members were tired")
    added = services.statement_create(article=article, editor=editor, start=start, end=end)
    assert added.text == "members were tired"


def test_a_statement_over_a_segment_is_refused(two_quotes, editor):
    article, (first, second) = two_quotes
    merge(first, second, editor)
    start, end = quote(BODY, "sign it")
    with pytest.raises(ValidationError) as error:
        services.statement_create(article=article, editor=editor, start=start, end=end)
    assert error.value.code == "overlap"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's")
def test_the_database_refuses_overlapping_segments_and_accepts_a_statement_in_a_gap(two_quotes, editor):
    article, (first, second) = two_quotes
    merge(first, second, editor)
    start, end = quote(BODY, "members were tired")
    Statement.objects.create(article=article, start=start, end=end, text=BODY[start:end], kind="indirect")
    start, end = quote(BODY, "sign it")
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.create(article=article, start=start, end=end, text=BODY[start:end])


def test_the_model_refuses_segments_that_do_not_fit(two_quotes):
    article, (first, _second) = two_quotes
    first.segments = [[first.start, first.end]]  # one segment is stored as none
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert "segments" in error.value.message_dict


def test_the_article_text_marks_each_segment_and_the_gap_between_them(two_quotes, editor):
    article, (first, second) = two_quotes
    merged = merge(first, second, editor)
    page = soup(type("R", (), {"content": render_body(BODY, [merged]).encode()})())
    marks = page.select(f'mark[data-statement="{merged.pk}"]')
    assert [m.text for m in marks] == ["The contract is fair,", "We will sign it this week."]
    assert "st-first" in marks[0]["class"] and "st-resume" in marks[1]["class"]
    gap = page.select(f'[data-gap-of="{merged.pk}"]')
    assert "told reporters" in "".join(g.text for g in gap)
    assert page.text == BODY  # the markup adds tags, never characters
