"""Editors' pages on groups of reports (/review/groups/): reports in conflict and the three decisions.

Same rules as the registry: editors only, every change a POST with CSRF, views thin (a form parses, a service
in groups/services.py decides), POST/redirect/GET with a message, with or without JavaScript (htmx boosts).
"""

from collections.abc import Mapping

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..common.editors import EditorRequest, review_permission_required
from ..models import GroupCandidate, GroupDecision, Statement, StatementGroup
from . import forms, selectors, services

PER_PAGE = 20


def _group_page(kwargs: Mapping[str, object]) -> str:
    """Where an anonymous editor's POST comes back to after logging in: the group's page, else the list."""
    if "pk" in kwargs:
        return reverse("annotations:group_conflict", args=[kwargs["pk"]])
    return reverse("annotations:group_conflicts")


@review_permission_required
@require_GET
def group_conflicts(request: EditorRequest) -> HttpResponse:
    """Groups whose reports disagree (speaker, or words beyond trimming), and pairs below the threshold."""
    page = Paginator(selectors.conflict_groups(), PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "candidates": selectors.candidate_pairs(PER_PAGE), "section": "conflicts"}
    return render(request, "annotations/groups/conflicts.html", context)


@review_permission_required
@require_GET
def group_conflict(request: EditorRequest, pk: int) -> HttpResponse:
    """One group: the first report beside each report that disagrees with it, the decisions and their undo."""
    group = get_object_or_404(StatementGroup, pk=pk)
    reports = selectors.group_reports(group)
    context = {
        "group": group,
        "reports": reports,
        "pairs": selectors.conflict_pairs(reports),
        "decisions": list(selectors.decisions(group)[:20]),
    }
    return render(request, "annotations/groups/conflict.html", context)


def _report(request: EditorRequest, group: StatementGroup, form: forms.ReportForm) -> Statement | None:
    if not form.is_valid():
        messages.error(request, _("Choose a report of this group."))
        return None
    statement = Statement.objects.filter(pk=form.cleaned_data["statement"], group=group).first()
    if statement is None:
        messages.error(request, _("This report is no longer in the group."))
    return statement


@review_permission_required(page_of_post=_group_page)
@require_POST
def group_same(request: EditorRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(StatementGroup, pk=pk)
    services.group_decide_same(group=group, editor=request.user)
    messages.success(request, _("Marked as one statement reported differently."))
    return redirect("annotations:group_conflict", pk=group.pk)


@review_permission_required(page_of_post=_group_page)
@require_POST
def group_split(request: EditorRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(StatementGroup, pk=pk)
    statement = _report(request, group, forms.ReportForm(request.POST))
    if statement is not None:
        try:
            services.group_decide_split(group=group, statement=statement, editor=request.user)
        except services.DecisionRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Split off as a different statement."))
    return redirect("annotations:group_conflict", pk=group.pk)


@review_permission_required(page_of_post=_group_page)
@require_POST
def group_misattribution(request: EditorRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(StatementGroup, pk=pk)
    form = forms.MisattributionForm(request.POST)
    statement = _report(request, group, form)
    if statement is not None:
        try:
            services.group_decide_misattribution(
                group=group, statement=statement, note=form.cleaned_data["note"], editor=request.user
            )
        except services.DecisionRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Misattribution noted: readers see the note on that report."))
    return redirect("annotations:group_conflict", pk=group.pk)


@review_permission_required(page_of_post=lambda kwargs: reverse("annotations:group_conflicts"))
@require_POST
def group_decision_undo(request: EditorRequest, decision_pk: int) -> HttpResponse:
    decision = get_object_or_404(GroupDecision, pk=decision_pk)
    try:
        services.group_decision_undo(decision=decision, editor=request.user)
    except services.DecisionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Decision undone."))
    return redirect("annotations:group_conflict", pk=decision.group_id)


@review_permission_required(page_of_post=lambda kwargs: reverse("annotations:group_conflicts"))
@require_POST
def group_candidate_decide(request: EditorRequest, candidate_pk: int) -> HttpResponse:
    candidate = get_object_or_404(GroupCandidate, pk=candidate_pk)
    same = request.POST.get("decision") == "same"
    group = services.group_candidate_decide(candidate=candidate, same=same, editor=request.user)
    messages.success(request, _("Grouped as reports of one statement.") if same else _("Kept apart."))
    if group is not None:
        return redirect("annotations:group_conflict", pk=group.pk)
    return redirect("annotations:group_conflicts")
