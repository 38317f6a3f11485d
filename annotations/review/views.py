"""The editor review workspace: the queue, the article review page, and one POST endpoint per action.

Views stay thin: each parses a form, calls one service (annotations/services/review/) and answers

- htmx: the `after-action` partial of review/article.html (the next statement's card, plus the article
  text, the statement list, the counters, the article tools and a status line, swapped out of band);
  a refusal re-renders the card (or the notice, for article-wide actions) with the message, status 409
  for a stale version or someone else's review lock, 422 for bad input (base.html's htmx-config swaps
  both);
- without JavaScript: a redirect back to the page (POST/redirect/GET) with a message, or on refusal the
  whole page with the message, under the same status code.

Only editors get in (views/editors.py: anonymous users are sent to log in, everybody else gets 403), and
every statement in a URL must belong to the article in it. What the page and its partials show is built in
views/review_context.py.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Literal, overload

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import (
    HttpResponseClientRedirect,
    HttpResponseClientRefresh,
    replace_url,
    reswap,
    retarget,
)

from ..common.editors import EditorRequest, GuardedView, htmx_partial, review_permission_required
from ..common.forms import VersionForm, first_error
from ..models import Article, Statement, StatementEvent
from . import forms, selectors, services
from .context import card_url, next_suggestion, page_context, short
from .markup import paragraphs_touching, render_paragraphs

TEMPLATE = "annotations/review/article.html"
QUEUE_TEMPLATE = "annotations/review/queue.html"
PERMISSION = "annotations.review_statement"

# Where an article-wide action's refusal is said: the notice by the article tools, or by the add button.
type RefusedAt = Literal["notice", "add"]


# --- pages --------------------------------------------------------------------------------------------------


@review_permission_required
@require_GET
@vary_on_headers("HX-Request")
def review_queue(request: EditorRequest) -> HttpResponse:
    """Articles waiting for review, with counts, filters, sorting and who is reviewing each."""
    form = forms.QueueFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    articles = selectors.review_queue(**form.filters())
    page = Paginator(articles, 25).get_page(request.GET.get("page"))
    timeout, now = services.lock_timeout(), timezone.now()
    for article in page:
        article.lock_active = selectors.lock_is_active(article, now, timeout)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "low_confidence": selectors.low_confidence()}
    template = f"{QUEUE_TEMPLATE}#queue-results" if htmx_partial(request) else QUEUE_TEMPLATE
    return render(request, template, context)


@review_permission_required
@require_GET
def accuracy(request: EditorRequest) -> HttpResponse:
    """How the pre-tagger's suggestions fared, per week and per model version: charts and tables."""
    from ..pretagging.learning.accuracy import accuracy as accuracy_rows
    from ..pretagging.learning.accuracy import legend, stacked_chart

    weeks, versions = accuracy_rows()
    context = {
        "weeks": weeks,
        "versions": versions,
        "week_chart": stacked_chart(weeks),
        "version_chart": stacked_chart(versions),
        "legend": legend(),
    }
    return render(request, "annotations/review/accuracy.html", context)


@review_permission_required
@require_GET
@vary_on_headers("HX-Request")
def article_review(request: EditorRequest, pk: int, statement_pk: int | None = None) -> HttpResponse:
    """The review page; with a statement in the URL, that statement is selected (htmx: just its card)."""
    article = get_object_or_404(Article.objects.select_related("outlet", "reviewing_by"), pk=pk)
    search = forms.SpeakerSearchForm(request.GET)
    speaker_query = search.cleaned_data["speaker_q"].strip() if search.is_valid() else ""
    selected = None
    notice = ""
    if statement_pk is not None:
        selected = Statement.objects.filter(pk=statement_pk, article=article).first()
        if selected is None:
            notice = _("That statement no longer exists: it was merged into another, or its addition was undone.")
    if htmx_partial(request) and selected is not None:
        services.article_review_touch(article=article, editor=request.user)
        context = page_context(request, article, selected=selected, autofocus=True, speaker_query=speaker_query)
        return render(request, f"{TEMPLATE}#statement-card", context)
    lock = services.article_review_open(article=article, editor=request.user)
    context = page_context(
        request,
        article,
        selected=selected,
        choose_default=selected is None,
        lock=lock,
        notice=notice,
        speaker_query=speaker_query,
        open_section="speaker" if speaker_query else "",
    )
    return render(request, TEMPLATE, context)


@review_permission_required
@require_GET
@vary_on_headers("HX-Request")
def review_lock(request: EditorRequest, pk: int) -> HttpResponse:
    """The lock banner, polled by the page so that everyone sees who is reviewing."""
    article = get_object_or_404(Article.objects.select_related("reviewing_by"), pk=pk)
    if not htmx_partial(request):
        return redirect("annotations:review_article", pk=pk)
    lock = services.article_review_lock(article=article, viewer=request.user)
    return render(
        request,
        f"{TEMPLATE}#lock-banner",
        {"article": article, "lock": lock, "lock_minutes": settings.CLAIMBOOK_REVIEW_LOCK_MINUTES},
    )


@review_permission_required
@require_GET
@vary_on_headers("HX-Request")
def speaker_search(request: EditorRequest, pk: int, statement_pk: int) -> HttpResponse:
    """Search speakers by name or alias as the editor types (the speaker picker's results)."""
    article = get_object_or_404(Article, pk=pk)
    statement = get_object_or_404(Statement.objects.select_related("speaker"), pk=statement_pk, article=article)
    search = forms.SpeakerSearchForm(request.GET)
    query = search.cleaned_data["speaker_q"].strip() if search.is_valid() else ""
    if not htmx_partial(request):
        url = card_url(article, statement)
        return redirect(f"{url}?speaker_q={query}#speaker" if query else url)
    if query:
        results = selectors.speaker_search(query=query)
    else:
        results = selectors.speaker_suggestions(statement=statement, statements=selectors.article_statements(article))
    return render(
        request,
        f"{TEMPLATE}#speaker-results",
        {"speaker_results": results, "speaker_query": query, "selected": statement, "article": article},
    )


# --- answering actions -----------------------------------------------------------------------------------


def _done(
    request: EditorRequest,
    article: Article,
    *,
    message: str,
    focus_pk: int | None = None,
    next_after: Statement | None = None,
    changed: list[int] | None = None,
    before: Statement | None = None,
) -> HttpResponse:
    """Success: the page (no JS) or the after-action partial, with `focus_pk` or the next suggestion selected.

    `changed` names the statements whose list items changed, and `before` is the changed statement as it
    was: only their list items and the paragraphs they touch (before and after) are sent again. Without
    `changed` (statements came or went), the whole list and text are.
    """
    article = Article.objects.select_related("outlet", "reviewing_by").get(pk=article.pk)  # status and lock changed
    statements = selectors.article_statements(article)
    focus = next((s for s in statements if s.pk == focus_pk), None) if focus_pk else None
    if focus is None:
        focus = next_suggestion(statements, next_after)
    if not htmx_partial(request):
        messages.success(request, message)
        return redirect(card_url(article, focus))
    context = page_context(
        request, article, statements=statements, selected=focus, autofocus=True, status_message=message
    )
    if changed is not None:
        items = [statement for statement in statements if statement.pk in changed]
        context["changed_items"] = items
        touched = paragraphs_touching(article.body, [span for s in [*items, before] if s for span in _ranges(s)])
        context["changed_paragraphs"] = render_paragraphs(article.body, statements, only=touched, oob=True)
    return replace_url(render(request, f"{TEMPLATE}#after-action", context), card_url(article, focus))


def _refused(
    request: EditorRequest,
    article: Article,
    statement: Statement | None,
    *,
    status: int,
    message: str,
    conflict: dict[str, Any] | None = None,
    locked: services.ArticleLocked | None = None,
    refused_at: RefusedAt = "notice",
) -> HttpResponse:
    """A refusal, said next to what was refused: the card, or for article-wide actions the notice by the
    article tools or the error by the add button; the other places are emptied. Nothing was changed."""
    article = Article.objects.select_related("outlet", "reviewing_by").get(pk=article.pk)
    fresh = Statement.objects.filter(pk=statement.pk).first() if statement is not None else None
    extra: dict[str, Any] = {"conflict": conflict, "locked": locked, "status_message": message}
    if statement is not None:
        extra["error"] = "" if conflict else message
    elif refused_at == "add" and locked is None:
        extra["add_error"] = message
    else:
        extra["notice"] = message
    if not htmx_partial(request):
        context = page_context(
            request, article, selected=fresh, choose_default=statement is None, open_section="", **extra
        )
        return render(request, TEMPLATE, context, status=status)
    context = page_context(request, article, selected=fresh, autofocus=statement is not None, **extra)
    if statement is None:
        partial, target = (
            ("refused-add", "#add-error") if extra.get("add_error") else ("refused-notice", "#review-notice")
        )
        response = render(request, f"{TEMPLATE}#{partial}", context, status=status)
        return reswap(retarget(response, target), "outerHTML")
    return render(request, f"{TEMPLATE}#refused", context, status=status)


def _ranges(statement: Statement) -> list[tuple[int | None, int | None]]:
    """Where a statement shows in the article text: its span, its cue and its mention."""
    return [
        (statement.start, statement.end),
        (statement.cue_start, statement.cue_end),
        (statement.mention_start, statement.mention_end),
    ]


def _cleaned(form: django_forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError(first_error(form), code="invalid_form")
    return form.cleaned_data


def _conflict(request: EditorRequest, error: services.StaleVersion, attempted: str) -> dict[str, Any]:
    """What the stale-version notice shows: what the editor tried, what changed since, and a form to reapply."""
    changes: list[StatementEvent] = []
    if error.current is not None:
        changes = list(
            StatementEvent.objects.filter(statement_id=error.statement_id, version__gt=error.expected_version)
            .select_related("editor")
            .order_by("id")
        )
    fields = [(name, value) for name, value in request.POST.items() if name not in {"csrfmiddlewaretoken", "version"}]
    return {
        "message": error.message,
        "attempted": attempted,
        "changes": changes,
        "gone": error.current is None,
        "action_url": request.path,
        "fields": fields,
        "version": error.current.version if error.current is not None else None,
    }


# An action view: (request, article, statement) → response; article-wide actions get None for the statement.
type StatementAction = Callable[[EditorRequest, Article, Statement], HttpResponse]
type ArticleAction = Callable[[EditorRequest, Article, None], HttpResponse]
# What review_action makes of one: the view of the action's URL, `pk` (and `statement_pk`) from it.
type ActionView = GuardedView[[int, int | None]]


@overload
def review_action(attempted: str, *, on_statement: Literal[True] = True) -> Callable[[StatementAction], ActionView]: ...


@overload
def review_action(
    attempted: str, *, on_statement: Literal[False], refused_at: RefusedAt = ...
) -> Callable[[ArticleAction], ActionView]: ...


def review_action(
    attempted: str, *, on_statement: bool = True, refused_at: RefusedAt = "notice"
) -> Callable[[Callable[[EditorRequest, Article, Any], HttpResponse]], ActionView]:
    """Decorate an action view: permission, POST only, the article (and its statement) from the URL, refusals.

    The view receives (request, article, statement) and returns a response; services' refusals become
    the page's messages here.
    """

    def decorator(func: Callable[[EditorRequest, Article, Any], HttpResponse]) -> ActionView:
        @review_permission_required
        @require_POST
        @wraps(func)
        def view(request: EditorRequest, pk: int, statement_pk: int | None = None) -> HttpResponse:
            if on_statement:  # one query for both; a statement of another article is a 404
                statement = get_object_or_404(
                    Statement.objects.select_related("article__outlet", "article__reviewing_by", "speaker"),
                    pk=statement_pk,
                    article_id=pk,
                )
                article = statement.article
            else:
                statement = None
                article = get_object_or_404(Article.objects.select_related("outlet", "reviewing_by"), pk=pk)
            try:
                return func(request, article, statement)
            except services.StaleVersion as error:
                return _refused(
                    request,
                    article,
                    statement,
                    status=409,
                    message=error.message,
                    conflict=_conflict(request, error, attempted),
                )
            except services.ArticleLocked as error:
                return _refused(request, article, statement, status=409, message=error.message, locked=error)
            except services.ReviewError as error:
                status = 409 if error.code == "undo_conflict" else 422
                return _refused(
                    request, article, statement, status=status, message=error.message, refused_at=refused_at
                )
            except ValidationError as error:
                message = " ".join(error.messages)
                return _refused(request, article, statement, status=422, message=message, refused_at=refused_at)

        return view

    return decorator


# --- statement actions -------------------------------------------------------------------------------------


@review_action(_("confirm"))
def statement_confirm(request: EditorRequest, article: Article, statement: Statement) -> HttpResponse:
    data = _cleaned(VersionForm(request.POST))
    services.statement_confirm(statement=statement, editor=request.user, expected_version=data["version"])
    return _done(
        request,
        article,
        message=_("Confirmed “%(text)s”.") % {"text": short(statement.text)},
        next_after=statement,
        changed=[statement.pk],
        before=statement,
    )


@review_action(_("reject"))
def statement_reject(request: EditorRequest, article: Article, statement: Statement) -> HttpResponse:
    data = _cleaned(VersionForm(request.POST))
    services.statement_reject(statement=statement, editor=request.user, expected_version=data["version"])
    return _done(
        request,
        article,
        message=_("Rejected “%(text)s”.") % {"text": short(statement.text)},
        next_after=statement,
        changed=[statement.pk],
        before=statement,
    )


@review_action(_("change the speaker"))
def statement_speaker(request: EditorRequest, article: Article, statement: Statement) -> HttpResponse:
    data = _cleaned(forms.SpeakerChoiceForm(request.POST))
    updated, _changed = services.statement_update(
        statement=statement,
        editor=request.user,
        expected_version=data["version"],
        speaker=data["speaker"],
        add_mention_alias=data["add_alias"],
    )
    return _done(
        request,
        article,
        message=_("Speaker: %(name)s.") % {"name": data["speaker"].name},
        focus_pk=updated.pk,
        changed=[updated.pk],
        before=statement,
    )


@review_action(_("create a speaker"))
def statement_speaker_create(request: EditorRequest, article: Article, statement: Statement) -> HttpResponse:
    data = _cleaned(forms.SpeakerCreateForm(request.POST))
    updated, speaker = services.statement_speaker_create(
        statement=statement,
        editor=request.user,
        expected_version=data["version"],
        name=data["name"],
        kind=data["kind"],
        description=data["description"],
        add_mention_alias=data["add_alias"],
    )
    return _done(
        request,
        article,
        message=_("New speaker %(name)s, attributed to this statement.") % {"name": speaker.name},
        focus_pk=updated.pk,
        changed=[updated.pk],
        before=statement,
    )


@review_action(_("change the kind and cue"))
def statement_edit(request: EditorRequest, article: Article, statement: Statement) -> HttpResponse:
    data = _cleaned(forms.KindCueForm(request.POST))
    updated, changed = services.statement_update(
        statement=statement,
        editor=request.user,
        expected_version=data["version"],
        kind=data["kind"],
        cue_text=data["cue_text"],
    )
    message = _("Kind and cue saved.") if changed else _("Nothing changed.")
    return _done(request, article, message=message, focus_pk=updated.pk, changed=[updated.pk], before=statement)


@review_action(_("change the boundaries"))
def statement_boundaries(request: EditorRequest, article: Article, statement: Statement) -> HttpResponse:
    data = _cleaned(forms.BoundariesForm(request.POST))
    move = data["move"]
    if move in forms.BoundariesForm.MOVES:
        edge, direction = forms.BoundariesForm.MOVES[move]
        updated, _changed = services.statement_move_boundary(
            statement=statement, editor=request.user, expected_version=data["version"], edge=edge, direction=direction
        )
    else:
        updated = services.statement_set_span(
            statement=statement,
            editor=request.user,
            expected_version=data["version"],
            start=data["start"],
            end=data["end"],
            expected_text=data["expected_text"] or None,
        )
    return _done(
        request,
        article,
        message=_("Now: “%(text)s”.") % {"text": short(updated.text, 12)},
        focus_pk=updated.pk,
        changed=[updated.pk],
        before=statement,
    )


@review_action(_("split"))
def statement_split(request: EditorRequest, article: Article, statement: Statement) -> HttpResponse:
    data = _cleaned(forms.SplitForm(request.POST))
    first, second = services.statement_split(
        statement=statement, editor=request.user, expected_version=data["version"], at=data["at"]
    )
    return _done(
        request,
        article,
        message=_("Split in two: “%(first)s” and “%(second)s”.")
        % {"first": short(first.text, 5), "second": short(second.text, 5)},
        focus_pk=first.pk,
    )


@review_action(_("merge"))
def statement_merge(request: EditorRequest, article: Article, statement: Statement) -> HttpResponse:
    data = _cleaned(forms.MergeForm(request.POST))
    other_pk, other_version = data["other"]
    other = Statement.objects.filter(pk=other_pk, article=article).first()
    if other is None:
        raise ValidationError(_("The statement to merge with is not in this article (any more)."), code="no_other")
    merged = services.statements_merge(
        first=statement,
        second=other,
        editor=request.user,
        first_version=data["version"],
        second_version=other_version,
    )
    return _done(
        request, article, message=_("Merged: “%(text)s”.") % {"text": short(merged.text, 12)}, focus_pk=merged.pk
    )


@review_action(_("revert"))
def statement_revert(request: EditorRequest, article: Article, statement: Statement) -> HttpResponse:
    data = _cleaned(forms.RevertForm(request.POST))
    reverted = services.statement_revert(
        statement=statement, editor=request.user, expected_version=data["version"], to_version=data["to_version"]
    )
    return _done(
        request,
        article,
        message=_("Reverted to version %(version)s.") % {"version": data["to_version"]},
        focus_pk=reverted.pk,
        changed=[reverted.pk],
        before=statement,
    )


# --- article actions ----------------------------------------------------------------------------------------


@review_action(_("add a statement"), on_statement=False, refused_at="add")
def statement_add(request: EditorRequest, article: Article, _statement: None) -> HttpResponse:
    data = _cleaned(forms.AddStatementForm(request.POST))
    created = services.statement_create(
        article=article,
        editor=request.user,
        start=data["start"],
        end=data["end"],
        expected_text=data["expected_text"] or None,
    )
    return _done(
        request,
        article,
        message=_("Added “%(text)s”: choose its speaker (s), then confirm (c).") % {"text": short(created.text)},
        focus_pk=created.pk,
    )


@review_action(_("confirm above a confidence"), on_statement=False)
def article_confirm_above(request: EditorRequest, article: Article, _statement: None) -> HttpResponse:
    data = _cleaned(forms.ConfirmAboveForm(request.POST))
    result = services.article_confirm_above(article=article, editor=request.user, threshold=data["threshold"] / 100)
    message = ngettext(
        "Confirmed %(count)d suggestion at %(threshold)d %% or more.",
        "Confirmed %(count)d suggestions at %(threshold)d %% or more.",
        len(result.confirmed),
    ) % {"count": len(result.confirmed), "threshold": data["threshold"]}
    if result.without_speaker:
        message += " " + ngettext(
            "%(count)d has no speaker yet and is left for you.",
            "%(count)d have no speaker yet and are left for you.",
            result.without_speaker,
        ) % {"count": result.without_speaker}
    return _done(request, article, message=message)


@review_action(_("undo"), on_statement=False)
def article_undo(request: EditorRequest, article: Article, _statement: None) -> HttpResponse:
    result = services.article_undo(article=article, editor=request.user)
    return _done(request, article, message=result.summary, focus_pk=result.focus_id)


@review_action(_("mark reviewed"), on_statement=False)
def article_mark_reviewed(request: EditorRequest, article: Article, _statement: None) -> HttpResponse:
    services.article_mark_reviewed(article=article, editor=request.user)
    messages.success(request, _("“%(title)s” is marked reviewed.") % {"title": article.title})
    queue = reverse("annotations:review_queue")
    return HttpResponseClientRedirect(queue) if htmx_partial(request) else redirect(queue)


@review_permission_required
@require_POST
def article_take_over(request: EditorRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    services.article_review_take_over(article=article, editor=request.user)
    messages.info(request, _("You are reviewing this article now."))
    if htmx_partial(request):
        return HttpResponseClientRefresh()
    return redirect("annotations:review_article", pk=pk)


@review_permission_required
@require_POST
def article_release(request: EditorRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    services.article_review_release(article=article, editor=request.user)
    messages.info(request, _("You stopped reviewing “%(title)s”; others can take it.") % {"title": article.title})
    queue = reverse("annotations:review_queue")
    return HttpResponseClientRedirect(queue) if htmx_partial(request) else redirect(queue)
