"""Duplicate suggestions on hand-made cases."""

import pytest
from django.db import connection

from annotations.models import Speaker
from annotations.registry.duplicates import speaker_duplicate_candidates
from annotations.registry.selectors import duplicate_pairs
from annotations.registry.services import speaker_create, speaker_merge, speakers_mark_not_same

from ..factories import StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


def names(candidates) -> list[str]:
    return [candidate.speaker.name for candidate in candidates]


def test_surname_alone_matches_the_full_name():
    tony = speaker_create(name="Tony Pham")
    pham = speaker_create(name="Pham")
    speaker_create(name="Ada Brook")
    assert names(speaker_duplicate_candidates(speaker=pham)) == ["Tony Pham"]
    assert names(speaker_duplicate_candidates(speaker=tony)) == ["Pham"]


def test_initial_is_compatible_with_a_first_name_but_another_first_name_is_not():
    tony = speaker_create(name="Tony Pham")
    speaker_create(name="T. Pham")
    speaker_create(name="Linh Pham")
    assert names(speaker_duplicate_candidates(speaker=tony)) == ["T. Pham"]


def test_acronym_matches_its_expansion_both_ways():
    ice = speaker_create(name="ICE", kind=Speaker.Kind.ORGANISATION)
    agency = speaker_create(name="U.S. Immigration and Customs Enforcement", kind=Speaker.Kind.ORGANISATION)
    speaker_create(name="Department of Homeland Security", kind=Speaker.Kind.ORGANISATION)
    assert names(speaker_duplicate_candidates(speaker=ice)) == ["U.S. Immigration and Customs Enforcement"]
    assert names(speaker_duplicate_candidates(speaker=agency)) == ["ICE"]


def test_an_alias_in_common_ranks_first():
    bill = speaker_create(name="Bill de Blasio", aliases=["de Blasio"])
    speaker_create(name="Mayor de Blasio", aliases=["de Blasio"])
    speaker_create(name="Chiara de Blasio")
    candidates = speaker_duplicate_candidates(speaker=bill)
    assert names(candidates)[0] == "Mayor de Blasio"
    assert "both are called “de Blasio”" in candidates[0].reasons


def test_one_name_containing_the_other():
    dhs = speaker_create(name="Department of Homeland Security", kind=Speaker.Kind.ORGANISATION)
    speaker_create(name="U.S. Department of Homeland Security", kind=Speaker.Kind.ORGANISATION)
    assert names(speaker_duplicate_candidates(speaker=dhs)) == ["U.S. Department of Homeland Security"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity needs PostgreSQL's pg_trgm")
def test_similar_spelling_is_found_on_postgresql():
    bill = speaker_create(name="Bill de Blasio")
    speaker_create(name="Bill DeBlasio")
    assert names(speaker_duplicate_candidates(speaker=bill)) == ["Bill DeBlasio"]


def test_pairs_marked_not_the_same_merged_or_not_speakers_are_not_suggested():
    tony = speaker_create(name="Tony Pham")
    other = speaker_create(name="Pham")
    gone = speaker_create(name="T. Pham")
    nobody = speaker_create(name="Mr Pham")
    assert set(names(speaker_duplicate_candidates(speaker=tony))) == {"Pham", "T. Pham", "Mr Pham"}
    editor = UserFactory()
    speakers_mark_not_same(first=other, second=tony, editor=editor)
    speaker_merge(source=gone, target=speaker_create(name="Anthony Pham"), editor=editor)
    Speaker.objects.filter(pk=nobody.pk).update(status=Speaker.Status.NOT_A_SPEAKER)
    assert names(speaker_duplicate_candidates(speaker=tony)) == ["Anthony Pham"]  # T. Pham's alias moved there


def test_a_speaker_is_never_its_own_duplicate():
    tony = speaker_create(name="Tony Pham", aliases=["Pham", "T. Pham"])
    assert speaker_duplicate_candidates(speaker=tony) == []


def test_the_fuller_name_is_kept_even_when_the_surname_record_has_more_statements():
    full = speaker_create(name="Marcus Delgado", origin=Speaker.Origin.MODEL)
    surname = speaker_create(name="Delgado", origin=Speaker.Origin.MODEL)
    StatementFactory(speaker=full)
    for _ in range(3):
        StatementFactory(speaker=surname)
    [pair] = duplicate_pairs([surname])
    assert (pair.keep, pair.source) == (full, surname)


def test_a_record_an_editor_accepted_is_kept_over_a_fuller_name():
    full = speaker_create(name="Marcus Delgado", origin=Speaker.Origin.MODEL)
    accepted = speaker_create(name="Delgado")  # made by an editor: accepted
    [pair] = duplicate_pairs([full])
    assert (pair.keep, pair.source) == (accepted, full)
