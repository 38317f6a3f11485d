"""The speaker registry as editors keep it: triage, aliases, merge (and undo), split, not-a-speaker."""

import pytest
from django.core.exceptions import ValidationError

from annotations.models import Speaker, SpeakerAlias, SpeakerEvent, Statement
from annotations.registry.services import (
    StaleSpeaker,
    speaker_accept,
    speaker_alias_remove,
    speaker_create,
    speaker_mark_not_a_speaker,
    speaker_merge,
    speaker_merge_undo,
    speaker_split,
    speaker_update,
    speakers_mark_not_same,
)

from ..factories import PublicStatementFactory, SpeakerFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(username="edna")


def aliases(speaker: Speaker) -> set[str]:
    return set(speaker.aliases.values_list("name", flat=True))


def test_a_new_speaker_has_its_own_name_as_an_alias_and_unique_slug():
    first = speaker_create(name="Ada  Brook", aliases=["Brook"])
    second = speaker_create(name="Ada Brook")
    assert first.name == "Ada Brook" and aliases(first) == {"Ada Brook", "Brook"}
    assert (first.slug, second.slug) == ("ada-brook", "ada-brook-2")
    assert first.status == Speaker.Status.ACCEPTED  # made by an editor: nothing to triage


def test_accept_checks_the_speaker_and_its_aliases(editor):
    speaker = speaker_create(name="Ada Brook", aliases=["Brook"], origin=Speaker.Origin.MODEL)
    assert speaker.status == Speaker.Status.UNCHECKED
    speaker_accept(speaker=speaker, editor=editor)
    assert Speaker.objects.get(pk=speaker.pk).status == Speaker.Status.ACCEPTED
    assert not speaker.aliases.filter(checked=False).exists()
    assert speaker.events.get().action == SpeakerEvent.Action.ACCEPT


def test_rename_keeps_the_old_name_as_an_alias_and_records_before_and_after(editor):
    speaker = speaker_create(name="Tony Pham")
    speaker_update(
        speaker=speaker, editor=editor, data={"name": "Anthony Pham", "description": "Acting director of ICE"}
    )
    speaker.refresh_from_db()
    assert speaker.name == "Anthony Pham" and {"Tony Pham", "Anthony Pham"} <= aliases(speaker)
    event = speaker.events.get()
    assert (
        event.data["before"]["name"] == "Tony Pham" and event.data["after"]["description"] == "Acting director of ICE"
    )


def test_an_invalid_wikidata_id_is_refused_and_nothing_changes(editor):
    speaker = speaker_create(name="Tony Pham")
    with pytest.raises(ValidationError):
        speaker_update(speaker=speaker, editor=editor, data={"wikidata_id": "Q12x"})
    assert Speaker.objects.get(pk=speaker.pk).wikidata_id == ""
    assert not SpeakerEvent.objects.exists()


def test_the_canonical_name_cannot_be_removed_but_other_aliases_can(editor):
    speaker = speaker_create(name="Tony Pham", aliases=["Pham"])
    with pytest.raises(ValidationError):
        speaker_alias_remove(alias=speaker.aliases.get(name="Tony Pham"), editor=editor)
    speaker_alias_remove(alias=speaker.aliases.get(name="Pham"), editor=editor)
    assert aliases(speaker) == {"Tony Pham"}


def test_not_a_speaker_unattributes_its_statements_and_is_not_suggested_again(editor):
    nobody = speaker_create(name="Stay Informed", origin=Speaker.Origin.MODEL)
    statement = StatementFactory(speaker=nobody, status=Statement.Status.CONFIRMED)
    assert speaker_mark_not_a_speaker(speaker=nobody, editor=editor) == 1
    statement.refresh_from_db()
    assert statement.speaker is None and statement.version == 2
    assert not Statement.objects.confirmed_attributed().exists()


def test_merge_moves_statements_and_aliases_and_keeps_the_names(editor):
    kept = speaker_create(name="Tony Pham", aliases=["Pham"])
    other = speaker_create(name="Anthony Pham", aliases=["Pham", "Acting Director Pham"])
    moved = StatementFactory(speaker=other)
    event = speaker_merge(source=other, target=kept, editor=editor)
    moved.refresh_from_db()
    other.refresh_from_db()
    assert moved.speaker == kept and moved.version == 2
    assert aliases(kept) == {"Tony Pham", "Pham", "Anthony Pham", "Acting Director Pham"}
    assert other.merged_into == kept
    assert (event.speaker, event.other, event.editor, event.action) == (kept, other, editor, SpeakerEvent.Action.MERGE)


def test_merge_can_be_undone(editor):
    kept = speaker_create(name="Tony Pham", aliases=["Pham"])
    other = speaker_create(name="Anthony Pham", aliases=["Pham"])
    statement = StatementFactory(speaker=other)
    event = speaker_merge(source=other, target=kept, editor=editor)
    speaker_merge_undo(event=event, editor=editor)
    statement.refresh_from_db()
    other.refresh_from_db()
    assert statement.speaker == other and other.merged_into is None
    assert aliases(other) == {"Anthony Pham", "Pham"} and aliases(kept) == {"Tony Pham", "Pham"}
    assert SpeakerEvent.objects.filter(action=SpeakerEvent.Action.UNMERGE).count() == 1
    with pytest.raises(ValidationError):
        speaker_merge_undo(event=event, editor=editor)


def test_merging_a_speaker_into_itself_or_twice_is_refused(editor):
    speaker = speaker_create(name="Tony Pham")
    with pytest.raises(ValidationError, match="into itself"):
        speaker_merge(source=speaker, target=speaker, editor=editor)
    other = speaker_create(name="T. Pham")
    speaker_merge(source=other, target=speaker, editor=editor)
    with pytest.raises(StaleSpeaker, match="merged into another speaker meanwhile"):  # the loser of a race: 409
        speaker_merge(source=other, target=speaker, editor=editor)


def test_split_moves_chosen_statements_to_a_new_speaker(editor):
    speaker = SpeakerFactory(name="Chris Lee")
    stays, goes = StatementFactory(speaker=speaker), StatementFactory(speaker=speaker)
    new = speaker_split(
        speaker=speaker, statement_ids=[goes.pk], editor=editor, new_name="Chris Lee", new_description="Chef"
    )
    assert new != speaker and new.description == "Chef"
    assert Statement.objects.get(pk=goes.pk).speaker == new
    assert Statement.objects.get(pk=stays.pk).speaker == speaker
    assert speaker.events.get().data["statement_ids"] == [goes.pk]


def test_split_refuses_statements_of_another_speaker(editor):
    speaker = SpeakerFactory()
    foreign = StatementFactory()
    with pytest.raises(ValidationError):
        speaker_split(speaker=speaker, statement_ids=[foreign.pk], editor=editor, new_name="X")


def test_not_the_same_is_stored_once_whichever_way_round(editor):
    first, second = speaker_create(name="Tony Pham"), speaker_create(name="Linh Pham")
    speakers_mark_not_same(first=second, second=first, editor=editor)
    speakers_mark_not_same(first=first, second=second, editor=editor)
    from annotations.models import NotSameSpeakers

    assert NotSameSpeakers.objects.count() == 1


def test_alias_keys_are_filled_for_lookups():
    alias = SpeakerAlias.objects.create(speaker=SpeakerFactory(), name="U.S. Immigration and Customs Enforcement")
    assert (alias.normalized, alias.surname, alias.initials) == (
        "u s immigration and customs enforcement",
        "enforcement",
        "ice",
    )


def statement_search_ids(query: str) -> list[int]:
    from annotations.reader.queries import StatementQuery, search_statements

    return [s.pk for s in search_statements(StatementQuery(q=query))]


def test_merge_makes_the_kept_speaker_findable_by_the_merged_ones_names(editor):

    kept = speaker_create(name="Tony Pham")
    other = speaker_create(name="Anthony Quinlan")
    statement = PublicStatementFactory(speaker=kept)
    assert statement_search_ids("Quinlan") == []
    speaker_merge(source=other, target=kept, editor=editor)
    assert statement_search_ids("Quinlan") == [statement.pk]


# --- versions: two editors never silently overwrite each other ---


def test_every_change_bumps_the_version_and_a_change_based_on_an_old_one_is_refused(editor):
    from annotations.registry.services import StaleSpeaker, speaker_alias_add_by_editor

    speaker = speaker_create(name="Tony Pham", origin=Speaker.Origin.MODEL)
    speaker_accept(speaker=speaker, editor=editor, expected_version=1)
    speaker_alias_add_by_editor(speaker=speaker, name="T. Pham", editor=editor, expected_version=2)
    assert Speaker.objects.get(pk=speaker.pk).version == 3
    with pytest.raises(StaleSpeaker) as refused:
        speaker_update(speaker=speaker, editor=editor, data={"description": "late"}, expected_version=2)
    assert refused.value.current.version == 3
    assert Speaker.objects.get(pk=speaker.pk).description == ""


def test_merge_bumps_both_versions_and_refuses_a_stale_kept_speaker(editor):
    from annotations.registry.services import StaleSpeaker

    source, target = speaker_create(name="Pham"), speaker_create(name="Tony Pham")
    speaker_update(speaker=target, editor=editor, data={"description": "acting director"})
    with pytest.raises(StaleSpeaker):
        speaker_merge(source=source, target=target, editor=editor, source_version=1, target_version=1)
    assert Speaker.objects.get(pk=source.pk).merged_into is None
    speaker_merge(source=source, target=target, editor=editor, source_version=1, target_version=2)
    assert Speaker.objects.get(pk=target.pk).version == 3


def test_a_merged_record_refuses_further_changes(editor):
    source, target = speaker_create(name="Pham"), speaker_create(name="Tony Pham")
    speaker_merge(source=source, target=target, editor=editor)
    with pytest.raises(StaleSpeaker, match="merged into another speaker meanwhile"):
        speaker_accept(speaker=source, editor=editor)


@pytest.mark.parametrize("how", ["merge", "merge-undo", "split", "not-a-speaker"])
def test_statements_the_registry_moves_have_an_event_for_every_version(editor, how):
    """The card's history has no gap: each version a registry change makes is in the statement's history."""
    from annotations.models import StatementEvent
    from annotations.review.services import statement_version

    source, target = speaker_create(name="Pham"), speaker_create(name="Tony Pham")
    statement = StatementFactory(speaker=source)
    if how.startswith("merge"):
        event = speaker_merge(source=source, target=target, editor=editor)
        if how == "merge-undo":
            speaker_merge_undo(event=event, editor=editor)
    elif how == "split":
        speaker_split(speaker=source, statement_ids=[statement.pk], target=target, editor=editor)
    else:
        speaker_mark_not_a_speaker(speaker=source, editor=editor)
    statement.refresh_from_db()
    assert statement.version > 1
    for version in range(2, statement.version + 1):
        snapshot = statement_version(statement, version)
        assert snapshot is not None and snapshot["version"] == version
    last = StatementEvent.objects.filter(statement_id=statement.pk).latest("id")
    assert (last.action, last.editor, last.after["speaker_id"]) == ("registry", editor, statement.speaker_id)
    assert not StatementEvent.objects.undoable_by(editor).exists()  # undone in the registry, not by the card


def test_renaming_changes_the_slug_and_the_old_address_redirects(editor, client):
    from annotations.models import SpeakerSlug
    from annotations.registry.services import speaker_unique_slug

    speaker = speaker_create(name="Council Speaker Maria Lopez")
    PublicStatementFactory(speaker=speaker)
    old_url = speaker.get_absolute_url()
    renamed, _ = speaker_update(speaker=speaker, editor=editor, data={"name": "Maria Lopez"})
    assert renamed.slug == "maria-lopez"
    response = client.get(old_url + "?kind=direct")
    assert response.status_code == 301 and response["Location"] == "/speakers/maria-lopez/?kind=direct"
    # The old slug stays this speaker's: nobody else gets it, and renaming back takes it again.
    assert speaker_unique_slug("Council Speaker Maria Lopez") == "council-speaker-maria-lopez-2"
    back, _ = speaker_update(speaker=renamed, editor=editor, data={"name": "Council Speaker Maria Lopez"})
    assert back.slug == "council-speaker-maria-lopez"
    assert list(SpeakerSlug.objects.values_list("slug", flat=True)) == ["maria-lopez"]
