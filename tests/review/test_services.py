"""The review services against a real database: versions, history, undo, locks, and refusals."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from annotations.models import Article, Speaker, SpeakerAlias, Statement, StatementEvent
from annotations.review import services
from annotations.review.services import rows

from ..factories import ArticleFactory, SpeakerFactory, StatementFactory
from .builders import article_with_statements

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def confirm(statement, editor, version=None):
    return services.statement_confirm(
        statement=statement, editor=editor, expected_version=statement.version if version is None else version
    )


# --- confirm / reject ---


def test_confirm_sets_status_reviewer_and_a_new_version(editor):
    statement = StatementFactory()
    confirm(statement, editor)
    statement.refresh_from_db()
    assert (statement.status, statement.reviewed_by, statement.version) == ("confirmed", editor, 2)


def test_confirm_records_an_event_with_before_and_after(editor):
    statement = StatementFactory()
    confirm(statement, editor)
    event = StatementEvent.objects.get()
    assert (event.action, event.editor, event.version) == ("confirm", editor, 2)
    assert (event.before["status"], event.after["status"]) == ("suggested", "confirmed")
    assert event.summary == "status suggested → confirmed"


def test_confirm_without_a_speaker_is_refused(editor):
    statement = StatementFactory(speaker=None)
    with pytest.raises(ValidationError) as error:
        confirm(statement, editor)
    assert error.value.code == "no_speaker"
    statement.refresh_from_db()
    assert statement.status == "suggested"


def test_confirming_a_confirmed_statement_changes_nothing(editor):
    statement = StatementFactory(status="confirmed")
    confirm(statement, editor)
    statement.refresh_from_db()
    assert statement.version == 1 and not StatementEvent.objects.exists()


def test_reject_keeps_the_statement_but_marks_it_rejected(editor):
    statement = StatementFactory()
    services.statement_reject(statement=statement, editor=editor, expected_version=1)
    statement.refresh_from_db()
    assert statement.status == "rejected"


def test_an_edit_based_on_an_old_version_is_refused_and_changes_nothing(editor, other_editor):
    statement = StatementFactory()
    services.statement_update(statement=statement, editor=editor, expected_version=1, kind="mixed")
    with pytest.raises(services.StaleVersion) as error:
        services.statement_reject(statement=statement, editor=editor, expected_version=1)
    assert error.value.current.version == 2
    statement.refresh_from_db()
    assert statement.status == "suggested" and StatementEvent.objects.count() == 1


def test_only_one_of_two_edits_based_on_the_same_version_wins(editor):
    """The conditional UPDATE … WHERE version = expected, checked directly."""
    statement = StatementFactory()
    statement.status = "confirmed"
    rows.write(statement, expected_version=1, fields=("status",), now=timezone.now())
    with pytest.raises(services.StaleVersion):
        rows.write(statement, expected_version=1, fields=("status",), now=timezone.now())


# --- corrections ---


def test_update_changes_the_speaker_and_describes_it(editor):
    statement = StatementFactory(speaker=SpeakerFactory(name="Ada Brook"))
    tomas = SpeakerFactory(name="Tomas Reyes")
    updated, changed = services.statement_update(statement=statement, editor=editor, expected_version=1, speaker=tomas)
    assert changed and updated.speaker == tomas
    assert StatementEvent.objects.get().summary == "speaker Ada Brook → Tomas Reyes"


def test_update_with_nothing_new_records_nothing(editor):
    statement = StatementFactory(kind="direct")
    _statement, changed = services.statement_update(
        statement=statement, editor=editor, expected_version=1, kind="direct"
    )
    assert not changed and not StatementEvent.objects.exists()


def test_update_can_record_the_mention_as_an_alias(editor):
    statement = StatementFactory(mention_text="the mayor")
    speaker = SpeakerFactory(name="Ada Brook")
    services.statement_update(
        statement=statement, editor=editor, expected_version=1, speaker=speaker, add_mention_alias=True
    )
    alias = SpeakerAlias.objects.get(speaker=speaker)
    assert (alias.name, alias.origin, alias.checked) == ("the mayor", "editor", True)
    assert StatementEvent.objects.get().after["alias_added"] == "the mayor"


def test_a_new_cue_is_located_next_to_the_statement(editor):
    statement = StatementFactory(cue_text="")
    updated, _ = services.statement_update(statement=statement, editor=editor, expected_version=1, cue_text="said")
    body = updated.article.body
    assert body[updated.cue_start : updated.cue_end] == "said" and updated.cue_start > updated.end


def test_boundaries_take_the_body_text_between_them(editor):
    statement = StatementFactory()
    updated, _ = services.statement_update(
        statement=statement, editor=editor, expected_version=1, start=statement.start, end=statement.end - 5
    )
    assert updated.text == updated.article.body[updated.start : updated.end]
    assert updated.text.endswith("in")


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [(5, 5, "empty_span"), (10, 5, "empty_span"), (0, 10_000, "outside_body"), (-1, 4, "outside_body")],
)
def test_bad_boundaries_are_refused(editor, start, end, code):
    statement = StatementFactory()
    with pytest.raises(ValidationError) as error:
        services.statement_update(statement=statement, editor=editor, expected_version=1, start=start, end=end)
    assert error.value.code == code
    statement.refresh_from_db()
    assert statement.version == 1


def test_boundaries_over_white_space_only_are_refused(editor):
    article = ArticleFactory(body="One.   “Two,” said X.")
    statement = StatementFactory(article=article)
    with pytest.raises(ValidationError) as error:
        services.statement_update(statement=statement, editor=editor, expected_version=1, start=4, end=7)
    assert error.value.code == "blank_span"


def test_boundaries_overlapping_another_statement_are_refused(editor):
    article, (first, second) = article_with_statements(2)
    with pytest.raises(ValidationError) as error:
        services.statement_update(
            statement=first, editor=editor, expected_version=1, start=first.start, end=second.start + 3
        )
    assert error.value.code == "overlap"


def test_moving_the_end_a_word_later_stops_before_then_after_its_punctuation(editor):
    article = ArticleFactory(body="He said: “We will open it, and soon.” Then he left.")
    body = article.body
    start = body.index("We")
    statement = StatementFactory(article=article, start=start, end=body.index(" soon"))
    updated, _ = services.statement_move_boundary(
        statement=statement, editor=editor, expected_version=1, edge="end", direction=1
    )
    assert updated.text == "We will open it, and soon"
    updated, _ = services.statement_move_boundary(
        statement=updated, editor=editor, expected_version=2, edge="end", direction=1
    )
    assert updated.text == "We will open it, and soon."


def test_moving_the_start_past_an_opening_mark_drops_its_closing_mark(editor):
    article = ArticleFactory(body='The mayor called the proposal "a starting point" on Monday.')
    body = article.body
    start = body.index("the proposal")
    statement = StatementFactory(article=article, start=start, end=body.index(" on Monday"))
    for version in (1, 2):
        statement, _ = services.statement_move_boundary(
            statement=statement, editor=editor, expected_version=version, edge="start", direction=1
        )
    assert statement.text == "a starting point"
    statement, _ = services.statement_move_boundary(
        statement=statement, editor=editor, expected_version=3, edge="start", direction=-1
    )
    assert statement.text == 'proposal "a starting point"'


def test_a_step_that_would_cut_a_quotation_short_is_refused_with_the_reason(editor):
    article = ArticleFactory(body='He called the proposal "a starting point for talks" on Monday.')
    body = article.body
    start = body.index("a starting")
    statement = StatementFactory(article=article, start=start, end=body.index(" for talks"))
    with pytest.raises(ValidationError) as error:
        services.statement_move_boundary(
            statement=statement, editor=editor, expected_version=1, edge="start", direction=-1
        )
    assert error.value.code == "unbalanced_quote" and "Move the end first" in error.value.messages[0]


def test_moving_the_start_past_the_end_is_refused(editor):
    article = ArticleFactory(body="He said: “Soon,” then left.")
    statement = StatementFactory(article=article)
    with pytest.raises(ValidationError) as error:
        services.statement_move_boundary(
            statement=statement, editor=editor, expected_version=1, edge="start", direction=1
        )
    assert error.value.code == "empty_span"


def test_set_span_trims_quotes_and_checks_the_selected_text(editor):
    statement = StatementFactory()
    body = statement.article.body
    start, end = body.index("“"), body.index("”") + 1  # the selection includes the quotation marks
    updated = services.statement_set_span(
        statement=statement,
        editor=editor,
        expected_version=1,
        start=start - 1,
        end=end,
        expected_text=body[start - 1 : end],
    )
    assert updated.text == "We will open the bridge in May,"


# --- adding, splitting, merging ---


def test_create_adds_a_suggestion_by_the_editor_from_offsets(editor):
    article = ArticleFactory()
    body = article.body
    start = body.index("the budget")
    statement = services.statement_create(article=article, editor=editor, start=start, end=len(body))
    assert (statement.status, statement.origin, statement.text) == (
        "suggested",
        "editor",
        "the budget does not allow it.",
    )
    assert statement.kind == "indirect"
    assert StatementEvent.objects.get().action == "create"


def test_create_recognises_a_direct_quote_by_its_opening_mark(editor):
    article = ArticleFactory()
    body = article.body
    statement = services.statement_create(
        article=article, editor=editor, start=body.index("“"), end=body.index("”") + 1
    )
    assert statement.kind == "direct" and statement.text == "We will open the bridge in May,"


def test_create_offsets_are_code_points_even_after_an_emoji(editor):
    article = ArticleFactory(body="🦆 Duck news. “Quack, quack,” said the duck.")
    start = article.body.index("Quack")
    statement = services.statement_create(
        article=article, editor=editor, start=start, end=start + 12, expected_text="Quack, quack"
    )
    assert statement.start == 14 and statement.text == "Quack, quack"  # 15 in UTF-16 units


def test_create_refuses_text_that_does_not_match_the_offsets(editor):
    article = ArticleFactory()
    with pytest.raises(ValidationError) as error:
        services.statement_create(article=article, editor=editor, start=0, end=6, expected_text="Quack!")
    assert error.value.code == "text_mismatch" and not Statement.objects.exists()


def test_create_refuses_a_span_that_is_already_a_statement(editor):
    statement = StatementFactory(status="rejected")
    with pytest.raises(ValidationError) as error:
        services.statement_create(article=statement.article, editor=editor, start=statement.start, end=statement.end)
    assert error.value.code == "duplicate_span"


def test_create_may_overlap_a_rejected_statement(editor):
    statement = StatementFactory(status="rejected")
    added = services.statement_create(
        article=statement.article, editor=editor, start=statement.start, end=statement.end - 4
    )
    assert added.pk != statement.pk


def test_create_refuses_a_span_outside_the_body(editor):
    article = ArticleFactory()
    with pytest.raises(ValidationError) as error:
        services.statement_create(article=article, editor=editor, start=0, end=len(article.body) + 1)
    assert error.value.code == "outside_body"


def test_split_makes_two_statements_with_the_same_attribution(editor):
    article = ArticleFactory(body="“One thing. Another thing,” said Ada.")
    body = article.body
    statement = StatementFactory(article=article, start=1, end=body.index("”"))
    first, second = services.statement_split(
        statement=statement, editor=editor, expected_version=1, at=body.index("Another")
    )
    assert (first.text, second.text) == ("One thing.", "Another thing,")
    assert second.speaker == first.speaker and second.origin == "editor"
    assert {event.action for event in StatementEvent.objects.all()} == {"split"}


def test_split_refuses_a_part_that_repeats_another_statement(editor):
    article = ArticleFactory(body="“One thing. Another thing,” said Ada.")
    body = article.body
    statement = StatementFactory(article=article, start=1, end=body.index("”"))
    StatementFactory(article=article, start=body.index("Another"), end=body.index("”"), status="rejected")
    with pytest.raises(ValidationError) as error:
        services.statement_split(statement=statement, editor=editor, expected_version=1, at=body.index("Another"))
    assert error.value.code == "duplicate_span"


def test_split_at_the_edge_is_refused(editor):
    statement = StatementFactory()
    with pytest.raises(ValidationError) as error:
        services.statement_split(statement=statement, editor=editor, expected_version=1, at=statement.start)
    assert error.value.code == "outside_span"


def test_merge_joins_neighbours_into_the_first(editor):
    article, (first, second) = article_with_statements(2)
    merged = services.statements_merge(first=second, second=first, editor=editor, first_version=1, second_version=1)
    assert merged.pk == first.pk and (merged.start, merged.end) == (first.start, second.end)
    assert not Statement.objects.filter(pk=second.pk).exists()


def test_merge_refuses_statements_with_something_between(editor):
    article, (first, middle, last) = article_with_statements(3)
    with pytest.raises(ValidationError) as error:
        services.statements_merge(first=first, second=last, editor=editor, first_version=1, second_version=1)
    assert error.value.code == "between"


def test_merge_refuses_different_speakers(editor):
    article, (first, second) = article_with_statements(2)
    Statement.objects.filter(pk=second.pk).update(speaker=SpeakerFactory())
    with pytest.raises(ValidationError) as error:
        services.statements_merge(first=first, second=second, editor=editor, first_version=1, second_version=1)
    assert error.value.code == "speakers_differ"


def test_merge_refuses_a_stale_neighbour(editor):
    article, (first, second) = article_with_statements(2)
    with pytest.raises(services.StaleVersion):
        services.statements_merge(first=first, second=second, editor=editor, first_version=1, second_version=7)


# --- history: revert and undo ---


def test_revert_restores_an_earlier_version_as_a_new_one(editor):
    statement = StatementFactory(kind="direct")
    services.statement_update(statement=statement, editor=editor, expected_version=1, kind="mixed")
    services.statement_update(statement=statement, editor=editor, expected_version=2, kind="indirect")
    reverted = services.statement_revert(statement=statement, editor=editor, expected_version=3, to_version=1)
    assert (reverted.kind, reverted.version) == ("direct", 4)
    assert StatementEvent.objects.order_by("-id").first().summary.startswith("to version 1")


def test_revert_to_an_unknown_version_is_refused(editor):
    statement = StatementFactory()
    with pytest.raises(ValidationError) as error:
        services.statement_revert(statement=statement, editor=editor, expected_version=1, to_version=9)
    assert error.value.code == "no_such_version"


def test_undo_reverts_the_editors_last_action(editor):
    statement = StatementFactory()
    confirm(statement, editor)
    result = services.article_undo(article=statement.article, editor=editor)
    statement.refresh_from_db()
    assert (statement.status, statement.version) == ("suggested", 3)
    assert result.focus_id == statement.pk


def test_undo_again_goes_further_back(editor):
    statement = StatementFactory(kind="direct")
    services.statement_update(statement=statement, editor=editor, expected_version=1, kind="mixed")
    confirm(statement, editor, version=2)
    services.article_undo(article=statement.article, editor=editor)
    services.article_undo(article=statement.article, editor=editor)
    statement.refresh_from_db()
    assert (statement.status, statement.kind) == ("suggested", "direct")


def test_undo_of_an_addition_removes_the_statement(editor):
    article = ArticleFactory()
    added = services.statement_create(article=article, editor=editor, start=0, end=6)
    services.article_undo(article=article, editor=editor)
    assert not Statement.objects.filter(pk=added.pk).exists()


def test_undo_of_a_split_puts_the_statement_back_together(editor):
    article = ArticleFactory(body="“One thing. Another thing,” said Ada.")
    statement = StatementFactory(article=article, start=1, end=article.body.index("”"))
    _first, second = services.statement_split(
        statement=statement, editor=editor, expected_version=1, at=article.body.index("Another")
    )
    services.article_undo(article=article, editor=editor)
    statement.refresh_from_db()
    assert statement.text == "One thing. Another thing," and not Statement.objects.filter(pk=second.pk).exists()


def test_undo_of_a_merge_brings_the_removed_statement_back_with_its_id(editor):
    article, (first, second) = article_with_statements(2)
    services.statements_merge(first=first, second=second, editor=editor, first_version=1, second_version=1)
    services.article_undo(article=article, editor=editor)
    restored = Statement.objects.get(pk=second.pk)
    first.refresh_from_db()
    assert (restored.text, first.text) == (second.text, first.text)
    assert restored.events.count() == 2  # its history (the merge, the undo) stayed attached


def test_undo_of_confirm_above_reverts_every_statement_at_once(editor, django_assert_max_num_queries):
    article, statements = article_with_statements(12)
    services.article_confirm_above(article=article, editor=editor, threshold=0)
    with django_assert_max_num_queries(12):
        services.article_undo(article=article, editor=editor)
    assert set(article.statements.values_list("status", flat=True)) == {"suggested"}


def test_undo_is_refused_when_someone_changed_the_statement_since(editor, other_editor):
    statement = StatementFactory()
    confirm(statement, editor)
    Article.objects.filter(pk=statement.article_id).update(reviewing_by=None)
    services.statement_update(statement=statement, editor=other_editor, expected_version=2, kind="mixed")
    Article.objects.filter(pk=statement.article_id).update(reviewing_by=None)
    with pytest.raises(services.ReviewError) as error:
        services.article_undo(article=statement.article, editor=editor)
    assert error.value.code == "undo_conflict"


def test_undo_with_nothing_to_undo_is_refused(editor):
    article = ArticleFactory()
    with pytest.raises(services.ReviewError) as error:
        services.article_undo(article=article, editor=editor)
    assert error.value.code == "nothing_to_undo"


def test_undo_only_undoes_the_editors_own_actions(editor, other_editor):
    statement = StatementFactory()
    confirm(statement, other_editor)
    Article.objects.filter(pk=statement.article_id).update(reviewing_by=None)
    with pytest.raises(services.ReviewError):
        services.article_undo(article=statement.article, editor=editor)


# --- article actions ---


def test_confirm_above_confirms_confident_suggestions_with_a_speaker(editor):
    article, statements = article_with_statements(4)
    Statement.objects.filter(pk=statements[0].pk).update(confidence=0.95, speaker=None)
    Statement.objects.filter(pk=statements[1].pk).update(confidence=0.95)
    Statement.objects.filter(pk=statements[2].pk).update(confidence=0.2)
    Statement.objects.filter(pk=statements[3].pk).update(confidence=0.8)
    result = services.article_confirm_above(article=article, editor=editor, threshold=0.8)
    assert {s.pk for s in result.confirmed} == {statements[1].pk, statements[3].pk}
    assert result.without_speaker == 1
    assert len({event.action_id for event in StatementEvent.objects.all()}) == 1


def test_mark_reviewed_needs_every_suggestion_settled(editor):
    statement = StatementFactory()
    with pytest.raises(ValidationError) as error:
        services.article_mark_reviewed(article=statement.article, editor=editor)
    assert error.value.code == "suggestions_left"


def test_mark_reviewed_sets_the_status_and_releases_the_lock(editor):
    statement = StatementFactory(status="confirmed")
    article = services.article_mark_reviewed(article=statement.article, editor=editor)
    article.refresh_from_db()
    assert (article.status, article.reviewing_by) == ("reviewed", None)


def test_undo_of_mark_reviewed_reopens_the_article(editor):
    statement = StatementFactory(status="confirmed")
    Article.objects.filter(pk=statement.article_id).update(status="in_review")
    services.article_mark_reviewed(article=statement.article, editor=editor)
    services.article_undo(article=statement.article, editor=editor)
    assert Article.objects.get(pk=statement.article_id).status == "in_review"


# --- the review lock ---


def test_opening_claims_a_free_article_and_starts_its_review(editor):
    article = ArticleFactory(status="pretagged")
    lock = services.article_review_open(article=article, editor=editor)
    article.refresh_from_db()
    assert lock.mine and (article.reviewing_by, article.status) == (editor, "in_review")


def test_opening_an_article_someone_is_reviewing_is_read_only(editor, other_editor):
    article = ArticleFactory(reviewing_by=other_editor, reviewing_since=timezone.now())
    lock = services.article_review_open(article=article, editor=editor)
    assert lock.held_by_other and lock.holder == other_editor


def test_an_idle_claim_expires(editor, other_editor, settings):
    settings.CLAIMBOOK_REVIEW_LOCK_MINUTES = 15
    article = ArticleFactory(reviewing_by=other_editor, reviewing_since=timezone.now() - timedelta(minutes=16))
    assert services.article_review_open(article=article, editor=editor).mine


def test_changes_are_refused_while_someone_else_reviews(editor, other_editor):
    statement = StatementFactory()
    Article.objects.filter(pk=statement.article_id).update(reviewing_by=other_editor, reviewing_since=timezone.now())
    with pytest.raises(services.ArticleLocked) as error:
        confirm(statement, editor)
    assert error.value.holder == other_editor


def test_take_over_moves_the_claim(editor, other_editor):
    article = ArticleFactory(reviewing_by=other_editor, reviewing_since=timezone.now())
    services.article_review_take_over(article=article, editor=editor)
    article.refresh_from_db()
    assert article.reviewing_by == editor


def test_a_change_to_a_reviewed_article_puts_it_back_in_review(editor):
    statement = StatementFactory(article=ArticleFactory(status="reviewed"))
    services.statement_reject(statement=statement, editor=editor, expected_version=1)
    assert Article.objects.get(pk=statement.article_id).status == "in_review"


# --- speakers ---


def test_speaker_create_makes_an_accepted_speaker_with_a_unique_slug(editor):
    SpeakerFactory(name="Ada Brook", slug="ada-brook")
    speaker = services.speaker_create_from_review(
        name=" Ada  Brook ", kind="person", description="Council member", editor=editor
    )
    assert (speaker.name, speaker.slug, speaker.status, speaker.origin) == (
        "Ada Brook",
        "ada-brook-2",
        "accepted",
        "editor",
    )


def test_speaker_create_refuses_an_indistinguishable_namesake(editor):
    SpeakerFactory(name="Ada Brook", description="")
    with pytest.raises(ValidationError) as error:
        services.speaker_create_from_review(name="ada brook", kind="person", editor=editor)
    assert error.value.code == "duplicate_speaker"


def test_statement_speaker_create_attributes_the_statement(editor):
    statement = StatementFactory(mention_text="the mayor")
    updated, speaker = services.statement_speaker_create(
        statement=statement,
        editor=editor,
        expected_version=1,
        name="Ada Brook",
        kind=Speaker.Kind.PERSON,
        description="Mayor of Fairview",
        add_mention_alias=True,
    )
    assert updated.speaker == speaker
    assert set(speaker.aliases.values_list("name", flat=True)) == {speaker.name, "the mayor"}
    assert StatementEvent.objects.get().after["speaker_created"] == "Ada Brook"


def test_statement_speaker_create_on_a_stale_version_creates_no_speaker(editor):
    statement = StatementFactory()
    count = Speaker.objects.count()
    with pytest.raises(services.StaleVersion):
        services.statement_speaker_create(
            statement=statement, editor=editor, expected_version=5, name="Nobody", kind="person"
        )
    assert Speaker.objects.count() == count


def test_revert_finds_a_version_in_a_long_history(editor):
    statement = StatementFactory(kind="direct")
    for version in range(1, 8):
        kind = "mixed" if version % 2 else "direct"
        services.statement_update(statement=statement, editor=editor, expected_version=version, kind=kind)
    reverted = services.statement_revert(statement=statement, editor=editor, expected_version=8, to_version=2)
    assert reverted.kind == "mixed" and reverted.version == 9


def test_the_card_history_is_capped_but_keeps_the_first_version(editor):
    from annotations.review.selectors import statement_history

    statement = StatementFactory(kind="direct")
    for version in range(1, 8):
        kind = "mixed" if version % 2 else "direct"
        services.statement_update(statement=statement, editor=editor, expected_version=version, kind=kind)
    statement.refresh_from_db()
    events, versions = statement_history(statement, limit=3)
    assert len(events) == 3
    assert [version.number for version in versions] == [8, 7, 6, 5, 1]  # 5: what the oldest shown change changed


def _found_by_readers(query: str) -> set[int]:
    from annotations.reader.queries import StatementQuery, search_statements

    return {statement.pk for statement in search_statements(StatementQuery(q=query))}


def test_a_confirmed_statement_is_found_by_readers_and_undo_hides_it_again(editor):
    speaker = SpeakerFactory(name="Wilhelmina Okafor")
    statement = StatementFactory(speaker=speaker)
    assert _found_by_readers("Okafor") == set()
    services.statement_confirm(statement=statement, editor=editor, expected_version=statement.version)
    assert _found_by_readers("Okafor") == {statement.pk}  # the reader index followed the review
    services.article_undo(article=statement.article, editor=editor)
    assert _found_by_readers("Okafor") == set()


def test_statements_confirmed_above_a_confidence_are_found_by_readers_with_their_date(editor):
    speaker = SpeakerFactory(name="Wilhelmina Okafor")
    article, statements = article_with_statements(2)
    Statement.objects.filter(article=article).update(speaker=speaker, confidence=0.9)
    assert _found_by_readers("Okafor") == set()
    services.article_confirm_above(article=article, editor=editor, threshold=0.5)
    assert _found_by_readers("Okafor") == {statement.pk for statement in statements}  # no second refresh pass
    article.refresh_from_db()
    assert set(Statement.objects.filter(article=article).values_list("published_at", flat=True)) == {
        article.published_at
    }
    services.article_undo(article=article, editor=editor)
    assert _found_by_readers("Okafor") == set()
