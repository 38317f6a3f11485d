"""The speaker registry for editors (/review/speakers/): triage, likely duplicates, and each speaker's record.

Same rules as the review workspace (views/review.py): editors only, every change a POST with CSRF, views thin
(a form parses, a service in services/speakers.py decides). Pages are plain HTML that htmx boosts: a change
answers with a redirect back to the page it came from and a message (POST/redirect/GET, with or without
JavaScript); a refusal re-renders the speaker's record with the message, 409 when the form was based on an
older version of the record (the page then shows it as it is now), 422 for bad input.
"""

from collections.abc import Callable, Mapping
from typing import Any, Concatenate

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from ..common.editors import EditorRequest, Key, htmx_partial, review_permission_required
from ..common.forms import VersionForm, first_error
from ..common.text import clean_text
from ..models import Speaker, SpeakerAlias, SpeakerEvent
from ..review.selectors import speaker_search
from . import forms, selectors, services
from .wikidata import wikidata_lookup

TRIAGE_TEMPLATE = "annotations/registry/triage.html"
DUPLICATES_TEMPLATE = "annotations/registry/duplicates.html"
SPEAKER_TEMPLATE = "annotations/registry/speaker.html"
MERGE_CONFIRM_TEMPLATE = "annotations/registry/merge_confirm.html"
TRIAGE_PER_PAGE = 25
DUPLICATES_PER_PAGE = 15  # speakers whose duplicates are looked for on one page (a few queries each)
STATEMENTS_SHOWN = 200  # on a record page, newest first: enough to split two people apart


# The registry pages' keyboard shortcuts: the `?` panel lists them and README.md documents them (a test checks
# both). static/registry.js binds them; the buttons announce theirs with aria-keyshortcuts.
REGISTRY_KEYS = [
    Key("j", _("next row")),
    Key("k", _("previous row")),
    Key("Enter", _("open the speaker's record")),
    Key("a", _("accept the speaker as it is")),
    Key("m", _("merge the pair; on a record: merge into the chosen suggestion (asks first, m again merges)")),
    Key("M", _("merge the other way round")),
    Key("d", _("not the same speaker")),
    Key("x", _("not a speaker")),
    Key("e", _("edit name, kind, description, Wikidata id (in a list: on the row’s record)")),
    Key("l", _("add an alias")),
    Key("u", _("undo the merge just made")),
    Key("/", _("search")),
    Key("?", _("show these keys")),
    Key("Escape", _("leave a field or close this panel")),
]


def _speaker(pk: int) -> Speaker:
    return get_object_or_404(Speaker, pk=pk)


def _our_url(request: EditorRequest, url: str) -> str:
    """`url` if it is a page of this site, else ""."""
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return ""
    return url


def _back(request: EditorRequest, default: str, **query: object) -> HttpResponse:
    """Redirect to the page the form came from (its `next` field, if it is ours) or to `default`."""
    target = _our_url(request, request.POST.get("next") or "") or default
    if query:
        separator = "&" if "?" in target else "?"
        target += separator + "&".join(f"{name}={value}" for name, value in query.items())
    return redirect(target)


def _record_context(speaker: Speaker, **extra: Any) -> dict[str, Any]:
    """Everything the record page shows: a fixed number of queries, plus the duplicate finder's two or three."""
    statements = selectors.speaker_statements(speaker, limit=STATEMENTS_SHOWN)
    return {
        "speaker": speaker,
        "aliases": list(speaker.aliases.order_by("name")),
        "statements": statements,
        "statement_total": len(statements) if len(statements) < STATEMENTS_SHOWN else speaker.statements.count(),
        "events": selectors.speaker_events(speaker),
        "candidates": [] if speaker.merged_into_id else selectors.duplicate_candidates(speaker),
        "edit_form": forms.SpeakerEditForm(
            initial={
                "version": speaker.version,
                "name": speaker.name,
                "kind": speaker.kind,
                "description": speaker.description,
                "wikidata_id": speaker.wikidata_id,
            }
        ),
        "alias_form": forms.AliasAddForm(initial={"version": speaker.version}),
        "wikidata": wikidata_lookup(speaker.wikidata_id),
        "keys": REGISTRY_KEYS,
        "speaker_kinds": Speaker.Kind.choices,
        "error": "",
        "stale": False,
        "merged_event": None,
        "section": "",
        **extra,
    }


def _refused(request: EditorRequest, speaker: Speaker, message: str, *, status: int, **extra: Any) -> HttpResponse:
    """A refusal: the record as it is now, with the message; nothing was changed."""
    current = Speaker.objects.filter(pk=speaker.pk).first()
    if status == 409 and current is not None and current.merged_into_id:
        # A conflict says so (409), showing the speaker the record was merged into, rather than redirecting.
        kept = current.merged_into
        assert kept is not None  # merged_into_id is set
        return render(request, SPEAKER_TEMPLATE, _record_context(kept, error=message, stale=True), status=409)
    if current is None or current.merged_into_id:
        messages.error(request, message)
        kept_pk = current.merged_into_id if current is not None else None
        if kept_pk:
            return redirect("annotations:registry_speaker", pk=kept_pk)
        return redirect("annotations:registry_triage")
    return render(
        request, SPEAKER_TEMPLATE, _record_context(current, error=message, stale=status == 409, **extra), status=status
    )


def _speaker_page(kwargs: Mapping[str, object]) -> str:
    """Where an anonymous editor's POST comes back to after logging in: the speaker's record, or triage."""
    if "pk" in kwargs:
        return reverse("annotations:registry_speaker", args=[kwargs["pk"]])
    return reverse("annotations:registry_triage")


def registry_action[**P](
    view: Callable[Concatenate[EditorRequest, Speaker, P], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Decorate a POST action on the speaker in the URL: permission, POST only, and refusals as messages.

    The view it makes takes the URL's `pk` (by keyword, as Django passes it) instead of the speaker.
    """

    @review_permission_required(page_of_post=_speaker_page)
    @require_POST
    def wrapper(request: EditorRequest, pk: int, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        speaker = _speaker(pk)
        try:
            return view(request, speaker, *args, **kwargs)
        except services.StaleSpeaker as error:
            return _refused(request, speaker, error.message, status=409)
        except ValidationError as error:
            return _refused(request, speaker, " ".join(error.messages), status=422)

    wrapper.__name__ = wrapper.__qualname__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _valid(form: django_forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError(first_error(form), code="invalid_form")
    return form.cleaned_data


# --- pages -------------------------------------------------------------------------------------------------


@review_permission_required
@require_GET
@vary_on_headers("HX-Request")
def registry_triage(request: EditorRequest) -> HttpResponse:
    """Speakers to check (those pre-tagging created, by default), newest first, with statements in context."""
    form = forms.RegistryFilterForm(request.GET or None)
    page = Paginator(selectors.triage_speakers(**form.filters()), TRIAGE_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "keys": REGISTRY_KEYS, "section": "triage"}
    template = f"{TRIAGE_TEMPLATE}#triage-results" if htmx_partial(request) else TRIAGE_TEMPLATE
    return render(request, template, context)


@review_permission_required
@require_GET
def registry_duplicates(request: EditorRequest) -> HttpResponse:
    """Pairs of speakers that are probably one, for the newest unchecked speakers (a page at a time)."""
    unchecked = Speaker.objects.filter(merged_into__isnull=True, status=Speaker.Status.UNCHECKED).order_by(
        "-created_at", "-pk"
    )
    page = Paginator(unchecked, DUPLICATES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "pairs": selectors.duplicate_pairs(list(page)),
        "merged_event": _merge_to_undo(request),
        "keys": REGISTRY_KEYS,
        "section": "duplicates",
    }
    return render(request, DUPLICATES_TEMPLATE, context)


def _merge_to_undo(request: EditorRequest) -> SpeakerEvent | None:
    """The merge named by `?merged=<event id>` after a merge, offered for undo until it is undone."""
    pk = _digits(request.GET.get("merged", ""))
    if pk is None:
        return None
    return (
        SpeakerEvent.objects.select_related("speaker", "other")
        .filter(pk=pk, action=SpeakerEvent.Action.MERGE, undone_at__isnull=True)
        .first()
    )


@review_permission_required
@require_GET
def registry_speaker(request: EditorRequest, pk: int) -> HttpResponse:
    """A speaker's record: edit it, its aliases, likely duplicates, its statements (to split) and its history."""
    speaker = _speaker(pk)
    if speaker.merged_into_id:
        kept = speaker.merged_into
        assert kept is not None, "merged_into_id is set"
        messages.info(request, _("“%(old)s” was merged into “%(kept)s”.") % {"old": speaker.name, "kept": kept.name})
        return redirect("annotations:registry_speaker", pk=kept.pk)
    return render(request, SPEAKER_TEMPLATE, _record_context(speaker, merged_event=_merge_to_undo(request)))


def _digits(value: str) -> int | None:
    """A database id from a query string, or None ("²" is a digit to Python, not to int())."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


@review_permission_required
@require_GET
@vary_on_headers("HX-Request")
def registry_merge_confirm(request: EditorRequest, pk: int) -> HttpResponse:
    """What merging this speaker into `?into=` would move, with the button that does it.

    Without JavaScript a page of its own; htmx asks for just the box, which replaces the merge buttons in place.
    `?back=` is where Cancel goes (the page the editor came from).
    """
    speaker = _speaker(pk)
    back = _our_url(request, request.GET.get("back") or "") or _record_url(speaker)
    target_pk = _digits(request.GET.get("into") or "")
    target = Speaker.objects.filter(pk=target_pk).first() if target_pk else None
    context: dict[str, Any] = {"back": back, "keys": REGISTRY_KEYS, "section": "", "preview": None, "error": ""}
    try:
        if target is None:
            raise ValidationError(_("That speaker does not exist (any more). Search again."), code="no_such_speaker")
        services.speaker_merge_check(source=speaker, target=target)
    except ValidationError as error:
        message = " ".join(error.messages)
        if htmx_partial(request):
            return render(request, f"{MERGE_CONFIRM_TEMPLATE}#merge-confirm", {**context, "error": message}, status=422)
        return _refused(request, speaker, message, status=422)
    context["preview"] = selectors.merge_preview(speaker, target)
    template = f"{MERGE_CONFIRM_TEMPLATE}#merge-confirm" if htmx_partial(request) else MERGE_CONFIRM_TEMPLATE
    return render(request, template, context)


@review_permission_required
@require_GET
def registry_speaker_search(request: EditorRequest, pk: int) -> HttpResponse:
    """Speakers matching what the editor types, as choices for merging into or moving statements to."""
    speaker = _speaker(pk)
    purpose = "split" if request.GET.get("for") == "split" else "merge"
    query = clean_text(request.GET.get("q") or "")[:100]  # a NUL would reach PostgreSQL, which refuses it
    results = [found for found in speaker_search(query=query) if found.pk != speaker.pk] if query.strip() else []
    context = {"speaker": speaker, "results": results, "query": query, "purpose": purpose}
    return render(request, f"{SPEAKER_TEMPLATE}#search-results", context)


# --- actions -----------------------------------------------------------------------------------------------


def _record_url(speaker: Speaker) -> str:
    return reverse("annotations:registry_speaker", args=[speaker.pk])


@registry_action
def registry_accept(request: EditorRequest, speaker: Speaker) -> HttpResponse:
    data = _valid(VersionForm(request.POST))
    services.speaker_accept(speaker=speaker, editor=request.user, expected_version=data["version"])
    messages.success(request, _("Accepted “%(name)s”.") % {"name": speaker.name})
    return _back(request, _record_url(speaker))


@registry_action
def registry_edit(request: EditorRequest, speaker: Speaker) -> HttpResponse:
    data = _valid(forms.SpeakerEditForm(request.POST))
    changes = {name: data[name] for name in ("name", "kind", "description", "wikidata_id")}
    updated, changed = services.speaker_update(
        speaker=speaker, editor=request.user, data=changes, expected_version=data["version"]
    )
    messages.success(request, _("Saved “%(name)s”.") % {"name": updated.name} if changed else _("Nothing to change."))
    return _back(request, _record_url(speaker))


@registry_action
def registry_not_a_speaker(request: EditorRequest, speaker: Speaker) -> HttpResponse:
    data = _valid(VersionForm(request.POST))
    count = services.speaker_mark_not_a_speaker(speaker=speaker, editor=request.user, expected_version=data["version"])
    messages.success(
        request,
        ngettext(
            "“%(name)s” is not a speaker: %(count)d statement has no speaker now and waits for an editor.",
            "“%(name)s” is not a speaker: %(count)d statements have no speaker now and wait for an editor.",
            count,
        )
        % {"name": speaker.name, "count": count},
    )
    return _back(request, reverse("annotations:registry_triage"))


@registry_action
def registry_alias_add(request: EditorRequest, speaker: Speaker) -> HttpResponse:
    data = _valid(forms.AliasAddForm(request.POST))
    alias = services.speaker_alias_add_by_editor(
        speaker=speaker, name=data["name"], editor=request.user, expected_version=data["version"]
    )
    messages.success(request, _("“%(alias)s” is an alias of %(name)s.") % {"alias": alias.name, "name": speaker.name})
    return _back(request, _record_url(speaker))


@registry_action
def registry_alias_remove(request: EditorRequest, speaker: Speaker, alias_pk: int) -> HttpResponse:
    data = _valid(VersionForm(request.POST))
    alias = get_object_or_404(SpeakerAlias, pk=alias_pk, speaker=speaker)
    services.speaker_alias_remove(alias=alias, editor=request.user, expected_version=data["version"])
    messages.success(request, _("Removed the alias “%(alias)s”.") % {"alias": alias.name})
    return _back(request, _record_url(speaker))


@registry_action
def registry_merge(request: EditorRequest, speaker: Speaker) -> HttpResponse:
    """Merge the speaker of the URL into another; the page that follows offers to undo it."""
    data = _valid(forms.MergeForm(request.POST))
    target = Speaker.objects.filter(pk=data["into"]).first()
    if target is None:
        raise ValidationError(_("That speaker does not exist (any more). Search again."), code="no_such_speaker")
    event = services.speaker_merge(
        source=speaker,
        target=target,
        editor=request.user,
        source_version=data["version"],
        target_version=data["into_version"],
    )
    moved = len(event.data["statement_ids"])
    messages.success(
        request,
        ngettext(
            "Merged “%(source)s” into “%(target)s”: %(count)d statement moved; its names are aliases now.",
            "Merged “%(source)s” into “%(target)s”: %(count)d statements moved; its names are aliases now.",
            moved,
        )
        % {"source": speaker.name, "target": target.name, "count": moved},
    )
    return _back(request, _record_url(target), merged=event.pk)


@registry_action
def registry_not_same(request: EditorRequest, speaker: Speaker) -> HttpResponse:
    data = _valid(forms.OtherSpeakerForm(request.POST))
    other = Speaker.objects.filter(pk=data["other"]).first()
    if other is None:
        raise ValidationError(_("That speaker does not exist (any more)."), code="no_such_speaker")
    services.speakers_mark_not_same(first=speaker, second=other, editor=request.user)
    messages.success(
        request,
        _("“%(a)s” and “%(b)s” are different: they will not be suggested as a pair again.")
        % {"a": speaker.name, "b": other.name},
    )
    return _back(request, _record_url(speaker))


@registry_action
def registry_split(request: EditorRequest, speaker: Speaker) -> HttpResponse:
    """Move chosen statements to another speaker, or to a new one (two people with the same name)."""
    form = forms.SplitForm(request.POST, statement_ids=speaker.statements.values_list("pk", flat=True))
    data = _valid(form)
    target = None
    if data.get("target"):
        target = Speaker.objects.active().filter(pk=data["target"]).first()
        if target is None:
            raise ValidationError(_("That speaker does not exist (any more). Search again."), code="no_such_speaker")
    moved_to = services.speaker_split(
        speaker=speaker,
        statement_ids=data["statements"],
        editor=request.user,
        target=target,
        new_name=" ".join((data.get("new_name") or "").split()),
        new_kind=data.get("new_kind") or Speaker.Kind.PERSON,
        new_description=data.get("new_description") or "",
        expected_version=data["version"],
    )
    count = len(data["statements"])
    messages.success(
        request,
        ngettext("Moved %(count)d statement to “%(name)s”.", "Moved %(count)d statements to “%(name)s”.", count)
        % {"count": count, "name": moved_to.name},
    )
    return _back(request, _record_url(speaker))


@review_permission_required(page_of_post=_speaker_page)
@require_POST
def registry_merge_undo(request: EditorRequest, event_pk: int) -> HttpResponse:
    event = get_object_or_404(SpeakerEvent.objects.select_related("speaker", "other"), pk=event_pk)
    try:
        source = services.speaker_merge_undo(event=event, editor=request.user)
    except ValidationError as error:
        return _refused(request, event.speaker, " ".join(error.messages), status=422)
    messages.success(request, _("Undone: “%(source)s” is a speaker of its own again.") % {"source": source.name})
    return _back(request, _record_url(source))
