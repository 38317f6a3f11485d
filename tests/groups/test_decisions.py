"""Editors' decisions on groups in conflict: services (with the history and undo) and the pages."""

import pytest
from django.urls import reverse

from annotations.groups import services
from annotations.models import GroupCandidate, GroupDecision, Statement, StatementEvent, StatementGroup
from tests.factories import SpeakerFactory
from tests.helpers import soup

from .builders import report

pytestmark = pytest.mark.django_db

QUOTE = "We will open the new bridge over the river in May and it will carry four lanes of traffic"


@pytest.fixture
def conflict():
    """Two reports naming Ada Brook, a later one naming Tomas Reyes, and a later reworded one."""
    ada, tomas = SpeakerFactory(name="Ada Brook"), SpeakerFactory(name="Tomas Reyes")
    reports = [
        report(QUOTE, speaker=ada, day=0),
        report(QUOTE, speaker=ada, day=1),
        report(QUOTE, speaker=tomas, day=2),
        report(QUOTE.replace("May", "June"), speaker=ada, day=3),
    ]
    services.statement_groups_refresh(statement_ids=[r.pk for r in reports])
    for r in reports:
        r.refresh_from_db()
    group = StatementGroup.objects.get(pk=reports[0].group_id)
    assert group.size == 4 and group.speakers_differ and group.wording_differs
    return group, reports


def group_events(statement):
    return list(StatementEvent.objects.filter(statement=statement, action=StatementEvent.Action.GROUP))


def test_same_resolves_and_undo_reopens(conflict, editor):
    group, reports = conflict
    decision = services.group_decide_same(group=group, editor=editor)
    group.refresh_from_db()
    assert group.resolution == "same" and not group.in_conflict or group.resolution == "same"
    assert all(group_events(r) for r in reports)
    services.group_decision_undo(decision=decision, editor=editor)
    group.refresh_from_db()
    assert group.resolution == ""
    assert len(group_events(reports[0])) == 2
    with pytest.raises(services.DecisionRefused):
        services.group_decision_undo(decision=decision, editor=editor)


def test_split_moves_the_report_out_for_good_and_undo_puts_it_back(conflict, editor):
    group, reports = conflict
    reworded = reports[3]
    decision = services.group_decide_split(group=group, statement=reworded, editor=editor)
    reworded.refresh_from_db()
    assert reworded.group_id is None
    group.refresh_from_db()
    assert group.size == 3 and not group.wording_differs
    # Regrouping (an edit, the bulk command) never puts it back in that group.
    services.statement_groups_refresh(statement_ids=[reworded.pk])
    services.statements_group_all(only_missing=False)
    reworded.refresh_from_db()
    assert reworded.group_id != group.pk
    services.group_decision_undo(decision=decision, editor=editor)
    reworded.refresh_from_db()
    group.refresh_from_db()
    assert reworded.group_id == group.pk and group.size == 4


def test_split_takes_the_reports_with_the_same_words_together(editor):
    ada = SpeakerFactory()
    a, b = report(QUOTE, speaker=ada), report(QUOTE, speaker=ada, day=1)
    other = QUOTE.replace("May", "June")
    c, d = report(other, speaker=ada, day=2), report(other + "!", speaker=ada, day=3)
    services.statement_groups_refresh(statement_ids=[a.pk, b.pk, c.pk, d.pk])
    group = StatementGroup.objects.get(pk=Statement.objects.get(pk=a.pk).group_id)
    c.refresh_from_db()
    services.group_decide_split(group=group, statement=c, editor=editor)
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.group_id == d.group_id is not None and c.group_id != group.pk


def test_misattribution_notes_the_report_and_undo_removes_it(conflict, editor):
    group, reports = conflict
    wrong = reports[2]
    decision = services.group_decide_misattribution(
        group=group, statement=wrong, note="Ada Brook said it.", editor=editor
    )
    group.refresh_from_db()
    assert group.resolution == "misattributed"
    assert [e.summary for e in group_events(wrong)]
    services.group_decision_undo(decision=decision, editor=editor)
    assert GroupDecision.objects.get(pk=decision.pk).undone_at is not None
    group.refresh_from_db()
    assert group.resolution == ""


def test_group_decisions_are_not_undone_by_the_review_page(conflict, editor):
    group, reports = conflict
    services.group_decide_same(group=group, editor=editor)
    assert not StatementEvent.objects.undoable_by(editor).filter(action=StatementEvent.Action.GROUP).exists()


def test_a_new_report_reopens_a_decided_conflict(conflict, editor):
    group, reports = conflict
    services.group_decide_same(group=group, editor=editor)
    newcomer = report(QUOTE, speaker=SpeakerFactory(name="Someone Else"), day=9)
    services.statement_groups_refresh(statement_ids=[newcomer.pk])
    group.refresh_from_db()
    assert group.resolution == ""


def test_candidate_decisions(editor):
    a = report("We will open the new bridge over the river in May next year for everyone")
    b = report("They said the new bridge over the river in May was a waste of public money and time", day=1)
    services.statement_groups_refresh(statement_ids=[a.pk, b.pk])
    candidate = GroupCandidate.objects.get()
    group = services.group_candidate_decide(candidate=candidate, same=True, editor=editor)
    assert group is not None
    assert set(Statement.objects.filter(group=group).values_list("pk", flat=True)) == {a.pk, b.pk}
    assert group_events(a) and group_events(b)


# --- pages ---


def test_conflict_list_and_page_need_an_editor(reader_client, conflict):
    from django.test import Client

    group, _reports = conflict
    for url in (reverse("annotations:group_conflicts"), reverse("annotations:group_conflict", args=[group.pk])):
        assert Client().get(url).status_code == 302
        assert reader_client.get(url).status_code == 403
    assert reader_client.post(reverse("annotations:group_same", args=[group.pk])).status_code == 403
    group.refresh_from_db()
    assert group.resolution == ""


def test_conflict_list_shows_the_group_and_the_page_puts_reports_side_by_side(editor_client, conflict):
    group, reports = conflict
    page = soup(editor_client.get(reverse("annotations:group_conflicts")))
    assert page.select_one(f'a[href="{reverse("annotations:group_conflict", args=[group.pk])}"]')
    page = soup(editor_client.get(reverse("annotations:group_conflict", args=[group.pk])))
    pairs = page.select(".conflict-pair")
    assert [p["id"] for p in pairs] == [f"pair-{reports[2].pk}", f"pair-{reports[3].pk}"]
    assert [el.get_text() for el in pairs[1].select("del.diff-gone")] == ["May"]
    assert [el.get_text() for el in pairs[1].select("ins.diff-new")] == ["June"]


def test_decisions_from_the_page_with_csrf(client, editor, conflict):
    from django.test import Client

    group, reports = conflict
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    assert csrf_client.post(reverse("annotations:group_same", args=[group.pk])).status_code == 403
    client.force_login(editor)
    response = client.post(
        reverse("annotations:group_misattribution", args=[group.pk]),
        {"statement": reports[2].pk, "note": "Ada Brook said it, <b>not</b> Tomas Reyes."},
    )
    assert response.status_code == 302
    decision = GroupDecision.objects.get()
    page = client.get(reverse("annotations:group_conflict", args=[group.pk]))
    assert soup(page).select_one(f"#decision-{decision.pk} form")
    assert b"&lt;b&gt;not&lt;/b&gt;" in page.content
    client.post(reverse("annotations:group_decision_undo", args=[decision.pk]))
    assert GroupDecision.objects.get().undone_at is not None
    response = client.post(reverse("annotations:group_split", args=[group.pk]), {"statement": reports[3].pk})
    assert response.status_code == 302
    assert Statement.objects.get(pk=reports[3].pk).group_id != group.pk
    response = client.post(reverse("annotations:group_split", args=[group.pk]), {"statement": "nope"})
    assert response.status_code == 302  # refused with a message, nothing changed


def test_confirming_in_review_groups_the_statement(editor):
    from annotations.review.services import statement_confirm

    ada = SpeakerFactory()
    first = report(QUOTE, speaker=ada)
    services.statement_groups_refresh(statement_ids=[first.pk])
    second = report(QUOTE, speaker=ada, day=1, status=Statement.Status.SUGGESTED)
    statement_confirm(statement=second, editor=editor, expected_version=second.version)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.group_id == first.group_id is not None


def test_undoing_the_confirmation_in_review_takes_the_report_out_of_its_group(editor):
    from annotations.review.services import article_undo, statement_confirm

    ada = SpeakerFactory()
    first, second = report(QUOTE, speaker=ada), report(QUOTE, speaker=ada, day=1)
    services.statement_groups_refresh(statement_ids=[first.pk, second.pk])
    third = report(QUOTE, speaker=ada, day=2, status=Statement.Status.SUGGESTED)
    statement_confirm(statement=third, editor=editor, expected_version=third.version)
    third.refresh_from_db()
    group = StatementGroup.objects.get(pk=third.group_id)
    assert group.size == 3
    article_undo(article=third.article, editor=editor)
    third.refresh_from_db()
    group.refresh_from_db()
    assert third.status == Statement.Status.SUGGESTED and third.group_id is None
    assert group.size == 2


def test_the_admin_lists_groups_and_decisions_read_only(admin_client, conflict, editor):
    group, reports = conflict
    services.group_decide_same(group=group, editor=editor)
    for name in ("statementgroup", "groupdecision"):
        assert admin_client.get(reverse(f"admin:annotations_{name}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:annotations_{name}_add")).status_code == 403
