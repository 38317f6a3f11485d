"""annotations.reader.queries: what readers may see, filters, full-text search on PostgreSQL, the fallback elsewhere."""

import pytest
from django.db import connection

from annotations.models import Speaker, Statement
from annotations.reader.queries import (
    Sort,
    StatementQuery,
    clean_query,
    highlight_terms,
    paginate,
    public_speakers,
    search_speakers,
    search_statements,
    visible_statements,
)

from ..factories import SpeakerAliasFactory, SpeakerFactory
from .data import story

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
fallback_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback runs off PostgreSQL")


def found(q: str, **filters) -> set[int]:
    return set(search_statements(StatementQuery(q=q, **filters)).values_list("pk", flat=True))


def test_visible_statements_are_confirmed_attributed_and_not_by_a_non_speaker():
    s = story()
    assert set(visible_statements().values_list("pk", flat=True)) == {s.direct.pk, s.indirect.pk}


def test_public_speakers_excludes_merged_non_speakers_and_speakers_without_visible_statements():
    s = story()
    merged = SpeakerFactory(merged_into=s.speaker)
    Statement.objects.filter(pk=s.indirect.pk).update(speaker=merged)
    assert list(public_speakers()) == [s.speaker]


def test_search_speakers_by_name_part_alias_and_letter():
    s = story()
    SpeakerAliasFactory(speaker=s.speaker, name="Mayor Brook")
    assert list(search_speakers(q="broo")) == [s.speaker]
    assert list(search_speakers(q="mayor")) == [s.speaker]
    assert list(search_speakers(letter="A")) == [s.speaker]
    assert list(search_speakers(letter="#")) == []


def test_words_match_text_speaker_and_title():
    s = story(title="Harbour plan")
    both = {s.direct.pk, s.indirect.pk}
    assert found("bridge") == both  # text
    assert found("Brook") == both  # speaker name
    assert found("harbour") == both  # article title
    assert found("council") == {s.indirect.pk}
    assert found("zebra") == set()


def test_every_word_must_match():
    s = story()
    assert found("bridge council") == {s.indirect.pk}


def test_hidden_statements_are_never_found():
    story()
    assert found("secretsuggested") == found("private") == found("Tomas") == set()


def test_sort_defaults_to_relevance_with_words_and_date_without():
    assert StatementQuery(q="bridge").effective_sort == Sort.RELEVANCE
    assert StatementQuery(q="bridge", sort=Sort.DATE).effective_sort == Sort.DATE
    assert StatementQuery().effective_sort == Sort.DATE
    assert StatementQuery(q="   ", sort=Sort.RELEVANCE).effective_sort == Sort.DATE


@postgres_only
def test_search_is_stemmed():
    s = story()
    assert found("voting") == {s.indirect.pk}  # "vote"
    assert found("bridges") == {s.direct.pk, s.indirect.pk}


@postgres_only
@pytest.mark.parametrize(
    "q",
    ['"open the bridge"', "bridge -council", "bridge or zebra", "'; DROP TABLE x; --", "(((", "a:*", "&|!", '"'],
)
def test_websearch_syntax_accepts_anything(q):
    story()
    search_statements(StatementQuery(q=q)).count()  # no syntax error, whatever was typed


@postgres_only
def test_websearch_phrase_and_exclusion():
    s = story()
    assert found('"open the bridge"') == {s.direct.pk}
    assert found("bridge -council") == {s.direct.pk}
    assert found("zebra or council") == {s.indirect.pk}


@postgres_only
def test_words_match_whole_not_as_prefixes():
    story()
    assert found("brid") == set()


@postgres_only
def test_a_speaker_name_ranks_above_the_same_word_in_a_title():
    by_name = story(speaker=SpeakerFactory(name="Rosa Harbour"), title="Plain title")
    in_title = story(title="Harbour works", hidden=False)
    ranked = list(search_statements(StatementQuery(q="harbour")).values_list("pk", flat=True))
    assert set(ranked[:2]) == {by_name.direct.pk, by_name.indirect.pk}
    assert set(ranked[2:]) == {in_title.direct.pk, in_title.indirect.pk}


@postgres_only
def test_a_statement_not_yet_indexed_is_not_found_by_full_text_search():
    s = story()
    Statement.objects.filter(pk=s.direct.pk).update(search_document=None)
    assert s.direct.pk not in found("open")
    assert s.indirect.pk in found("open")  # through the article title


@fallback_only
def test_fallback_matches_substrings_without_ranking():
    s = story()
    assert found("brid") == {s.direct.pk, s.indirect.pk}
    assert found("'; DROP TABLE x; --") == set()


def test_clean_query_drops_control_characters_and_bounds_length():
    assert clean_query("  a\x00b\tc\n ") == "a b c"
    assert len(clean_query("x" * 5000)) == 200


def test_highlight_terms_are_words_only():
    assert highlight_terms('"open the" bridge -x or <b>') == ["open", "the", "bridge"]


def test_paginate_fetches_ids_then_rows_and_counts_up_to_the_cap(django_assert_num_queries):
    speaker = SpeakerFactory()
    for _ in range(3):
        story(speaker=speaker, hidden=False)
    qs = search_statements(StatementQuery())
    with django_assert_num_queries(2):
        page = paginate(qs, number=2, per_page=4, count_cap=5)
    assert page.total is None  # 6 > 5: "more than 5"
    assert len(page.items) == 2 and page.has_previous and not page.has_next
    assert [s.pk for s in page.items] == list(qs.values_list("pk", flat=True))[4:]
    assert paginate(qs, number=1, per_page=4, count_cap=10).total == 6


def test_speaker_not_a_speaker_status_hides_their_statements():
    s = story()
    Speaker.objects.filter(pk=s.speaker.pk).update(status=Speaker.Status.NOT_A_SPEAKER)
    assert found("") == set()


# --- relevance over a window of recent matches (PostgreSQL) ---


def _common_word_corpus() -> tuple[list[int], list[int]]:
    """Ten stories whose statements all say "bridge"; the oldest is by "Rosa Bridge", the best match by name.

    Returns (Rosa's statement ids, every public statement id). ANALYZE gives the planner the word's frequency,
    which is what sizes the window.
    """
    rosa = story(speaker=SpeakerFactory(name="Rosa Bridge"), hidden=False)
    for _ in range(9):
        story(hidden=False)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Statement._meta.db_table}")
    return [rosa.direct.pk, rosa.indirect.pk], list(visible_statements().values_list("pk", flat=True))


@postgres_only
def test_a_common_word_ranks_its_most_recent_matches_and_older_ones_follow_newest_first(settings):
    settings.CLAIMBOOK_RANK_WINDOW = 6
    rosa, everything = _common_word_corpus()
    ranked = list(search_statements(StatementQuery(q="bridge")).values_list("pk", flat=True))
    assert sorted(ranked) == sorted(everything)  # the window decides the order, never what is found
    assert sorted(ranked[-2:]) == rosa  # the best match is too old to be ranked: last, as the oldest
    assert ranked[-6:] == sorted(ranked[-6:], reverse=True)  # older matches: most recently added first


@postgres_only
def test_a_rare_word_is_ranked_over_all_its_matches_even_with_a_small_window(settings):
    settings.CLAIMBOOK_RANK_WINDOW = 6
    rosa, _ = _common_word_corpus()
    assert sorted(search_statements(StatementQuery(q="rosa")).values_list("pk", flat=True)) == rosa
    settings.CLAIMBOOK_RANK_WINDOW = 2000
    ranked = list(search_statements(StatementQuery(q="bridge")).values_list("pk", flat=True))
    assert sorted(ranked[:2]) == rosa  # a window larger than the matches: every match ranked, the name first


@postgres_only
@pytest.mark.parametrize("per_page", [1, 3, 4, 7])
def test_pages_of_a_windowed_ranking_list_every_match_once_in_order(settings, per_page):
    settings.CLAIMBOOK_RANK_WINDOW = 6
    _, everything = _common_word_corpus()
    qs = search_statements(StatementQuery(q="bridge"))
    ranked = list(qs.values_list("pk", flat=True))
    shown, number = [], 1
    while True:  # a count cap of 10 makes the later pages take the deep (offset) path
        page = paginate(qs, number=number, per_page=per_page, count_cap=10)
        shown += [s.pk for s in page.items]
        if not page.has_next:
            break
        number += 1
    assert shown == ranked and len(shown) == len(everything)
    assert paginate(qs, number=1, per_page=per_page, count_cap=10).total is None  # 20 matches: "more than 10"
    assert paginate(qs, number=1, per_page=per_page, count_cap=50).total == 20


@postgres_only
def test_api_pages_of_a_windowed_ranking_list_every_match_once_in_order(client, settings):
    settings.CLAIMBOOK_RANK_WINDOW = 6
    _common_word_corpus()
    ranked = list(search_statements(StatementQuery(q="bridge")).values_list("pk", flat=True))
    shown, url = [], "/api/statements/?q=bridge&limit=3"
    while url:
        data = client.get(url).json()
        shown += [item["id"] for item in data["results"]]
        url = data["next"]
    assert shown == ranked
