import pytest

from annotations.groups import services
from annotations.models import GroupCandidate, QuoteFingerprint, Statement, StatementGroup
from tests.factories import SpeakerFactory

from .builders import report

pytestmark = pytest.mark.django_db

QUOTE = "We will open the new bridge over the river in May and it will carry four lanes of traffic"


def group_of(*statements):
    services.statement_groups_refresh(statement_ids=[s.pk for s in statements])
    for s in statements:
        s.refresh_from_db()
    return [s.group_id for s in statements]


def test_identical_reports_form_one_group_with_the_earliest_first():
    speaker = SpeakerFactory()
    later = report(QUOTE, speaker=speaker, day=3)
    earlier = report(QUOTE.upper() + "!", speaker=speaker, day=1)
    a, b = group_of(later, earlier)
    assert a is not None and a == b
    group = StatementGroup.objects.get(pk=a)
    assert group.size == 2
    assert group.first_statement_id == earlier.pk
    assert not group.speakers_differ and not group.wording_differs


def test_a_trimmed_report_belongs_to_the_longer_quote():
    speaker = SpeakerFactory()
    whole = report(QUOTE, speaker=speaker)
    part = report("open the new bridge over the river in May", speaker=speaker, day=1)
    elided = report("We will open the new bridge … four lanes of traffic", speaker=speaker, day=2)
    ids = group_of(whole, part, elided)
    assert len(set(ids)) == 1 and ids[0] is not None
    assert not StatementGroup.objects.get(pk=ids[0]).wording_differs


def test_quotation_marks_apostrophes_and_punctuation_do_not_matter():
    speaker = SpeakerFactory()
    a = report("We won't close the school, we won't cut the teachers' pay", speaker=speaker)
    b = report("we won’t close the school — we won’t cut the teachers’ pay", speaker=speaker, day=1)
    assert len(set(group_of(a, b))) == 1
    assert a.group_id is not None


def test_a_reworded_report_joins_but_the_group_is_flagged():
    speaker = SpeakerFactory()
    a = report(QUOTE, speaker=speaker)
    b = report(QUOTE.replace("May", "June"), speaker=speaker, day=1)
    ids = group_of(a, b)
    assert ids[0] == ids[1] is not None
    group = StatementGroup.objects.get(pk=ids[0])
    assert group.wording_differs and group.in_conflict


def test_different_speakers_flag_the_group():
    a = report(QUOTE)
    b = report(QUOTE, day=1)
    ids = group_of(a, b)
    assert ids[0] == ids[1] is not None
    assert StatementGroup.objects.get(pk=ids[0]).speakers_differ


def test_different_statements_are_not_grouped():
    a = report(QUOTE)
    b = report("The council will vote on the school budget next Tuesday evening in the town hall", day=1)
    assert group_of(a, b) == [None, None]


def test_below_the_threshold_nothing_is_merged_an_editor_is_asked():
    a = report("We will open the new bridge over the river in May next year for everyone")
    b = report("They said the new bridge over the river in May was a waste of public money and time", day=1)
    assert group_of(a, b) == [None, None]
    assert GroupCandidate.objects.filter(statement=min(a.pk, b.pk), other=max(a.pk, b.pk)).exists()


def test_short_quotes_are_never_grouped():
    a = report("No comment at this time")
    b = report("No comment at this time", day=1)
    assert group_of(a, b) == [None, None]


def test_suggested_statements_are_not_grouped_nor_indexed():
    a = report(QUOTE)
    b = report(QUOTE, day=1, status=Statement.Status.SUGGESTED)
    assert group_of(a, b) == [None, None]
    assert not QuoteFingerprint.objects.filter(statement=b).exists()


def test_two_reports_in_one_article_are_not_a_group():
    a = report(QUOTE)
    body = a.article.body
    assert group_of(a) == [None]
    assert body  # one article, one report of its quote


def test_a_statement_leaving_confirmed_leaves_its_group():
    speaker = SpeakerFactory()
    a, b, c = (report(QUOTE, speaker=speaker, day=d) for d in range(3))
    group_id = group_of(a, b, c)[0]
    Statement.objects.filter(pk=a.pk).update(status=Statement.Status.REJECTED)
    services.statement_groups_refresh(statement_ids=[a.pk])
    a.refresh_from_db()
    assert a.group_id is None
    group = StatementGroup.objects.get(pk=group_id)
    assert group.size == 2 and group.first_statement_id == b.pk
    assert not QuoteFingerprint.objects.filter(statement=a).exists()


def test_edited_words_regroup():
    speaker = SpeakerFactory()
    a, b = report(QUOTE, speaker=speaker), report(QUOTE, speaker=speaker, day=1)
    group_of(a, b)
    other = "The council will vote on the school budget next Tuesday evening in the town hall"
    Statement.objects.filter(pk=b.pk).update(text=other)
    services.statement_groups_refresh(statement_ids=[b.pk])
    b.refresh_from_db()
    assert b.group_id is None


def test_candidate_search_uses_the_index_not_every_statement(django_assert_max_num_queries):
    speaker = SpeakerFactory()
    for day in range(30):
        report(f"Unrelated words number {day} about the harbour and the ferry timetable for winter", day=day)
    a = report(QUOTE, speaker=speaker)
    services.statements_group_all()
    b = report(QUOTE, speaker=speaker, day=40)
    with django_assert_max_num_queries(15):
        services.statement_groups_refresh(statement_ids=[b.pk])
    b.refresh_from_db()
    a.refresh_from_db()
    assert b.group_id == a.group_id is not None


def test_bulk_grouping_groups_existing_data_and_is_rerunnable():
    speaker = SpeakerFactory()
    reports = [report(QUOTE, speaker=speaker, day=d) for d in range(4)]
    assert services.statements_group_all() == 4
    assert services.statements_group_all() == 0
    assert len({Statement.objects.get(pk=s.pk).group_id for s in reports}) == 1


def test_group_statements_command(capsys):
    from django.core.management import call_command

    speaker = SpeakerFactory()
    a, b = report(QUOTE, speaker=speaker), report(QUOTE, speaker=speaker, day=1)
    call_command("group_statements")
    assert "Grouped 2 statements" in capsys.readouterr().out
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.group_id == b.group_id is not None
