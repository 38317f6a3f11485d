from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .common.forms import TextField
from .common.segments import spans_of, text_of
from .importing import readers
from .importing.forms import ArticleImportForm
from .importing.services import import_batch_create, import_batch_queue, import_preview
from .models import (
    Article,
    Export,
    GroupDecision,
    ImportBatch,
    JobState,
    NotSameSpeakers,
    Outlet,
    PretaggerModel,
    Speaker,
    SpeakerAlias,
    SpeakerEvent,
    Statement,
    StatementEvent,
    StatementGroup,
)
from .pretagging import queue as pretag_queue
from .reader.index import article_search_refresh, speaker_search_refresh
from .registry.services import speaker_alias_add
from .review import services as review_services
from .tasks import queue_pretag_many

# Text typed in the admin loses the controls and bidirectional overrides no stored text may hold, like text
# typed in the editors' pages and imported text (annotations/common/text.py). Slugs, URLs and e-mail
# addresses keep their own fields, which refuse such characters.
CLEAN_TEXT_FIELDS = {
    models.CharField: {"form_class": TextField},
    models.TextField: {"form_class": TextField},
    models.SlugField: {},
    models.URLField: {},
    models.EmailField: {},
}


class CleanTextAdmin(admin.ModelAdmin):
    formfield_overrides = CLEAN_TEXT_FIELDS


@admin.register(Outlet)
class OutletAdmin(CleanTextAdmin):
    list_display = ["name", "domain", "homepage_url", "article_count"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, outlet):
        return outlet.article_count


# The inline's columns, all read-only: corrections go through the review workspace, which records history and
# versions. (Two lists of them: a list of names is not a list of field groups to mypy, lists being invariant.)
_STATEMENT_INLINE_FIELDS = (
    "text",
    "kind",
    "speaker",
    "status",
    "confidence",
    "start",
    "end",
    "cue_text",
    "mention_text",
)


class StatementInline(admin.TabularInline):
    model = Statement
    fields = list(_STATEMENT_INLINE_FIELDS)
    readonly_fields = list(_STATEMENT_INLINE_FIELDS)
    extra = 0
    show_change_link = True
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")

    def has_add_permission(self, request, obj=None):
        return False  # statements are added with their offsets, in the review workspace


PREVIEW_NEW_ROWS = 500  # new rows listed in an import's preview; the others are counted


def import_message(created: int, duplicates: int) -> str:
    """What an import did, each number with its own plural: "Imported 3 articles; ... 1 duplicate was skipped."."""
    imported = ngettext(
        "Imported %(count)d article; it is queued for pre-tagging.",
        "Imported %(count)d articles; they are queued for pre-tagging.",
        created,
    ) % {"count": created}
    if not duplicates:
        return imported
    skipped = ngettext("%(count)d duplicate was skipped.", "%(count)d duplicates were skipped.", duplicates)
    return f"{imported} {skipped % {'count': duplicates}}"


class PretaggingFilter(admin.SimpleListFilter):
    """Where each article's pre-tagging stands: the stuck and failed ones are what an admin acts on."""

    title = _("pre-tagging")
    parameter_name = "pretagging"

    def lookups(self, request, model_admin):
        return [
            ("queued", _("queued")),
            ("running", _("running (a worker holds it)")),
            ("stuck", _("stuck (its worker died, or never taken)")),
            ("failed", _("failed")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "queued":
                return queryset.filter(pretag_queued_at__isnull=False)
            case "running":
                return queryset.filter(pretag_queued_at__isnull=False, pretag_lease_expires__gte=now)
            case "stuck":
                return queryset.filter(pretag_queue.stuck(now=now))
            case "failed":
                return queryset.filter(status=Article.Status.PRETAG_FAILED)
        return queryset


@admin.register(Article)
class ArticleAdmin(CleanTextAdmin):
    change_list_template = "admin/annotations/article/change_list.html"
    list_display = ["title", "outlet", "published_on", "status", "suggested_count", "confirmed_count", "imported_at"]
    list_filter = ["status", PretaggingFilter, "outlet", "language", "published_on"]
    search_fields = ["title", "url", "byline"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["outlet"]
    list_select_related = ["outlet"]
    readonly_fields = [
        "published_on",
        "content_hash",
        "imported_at",
        "imported_by",
        "import_source",
        "nlp_model_version",
        "pretagged_at",
        "pretag_error",
        "pretag_queued_at",
        "pretag_lease_owner",
        "pretag_lease_expires",
        "pretag_attempts",
        "reviewing_by",
        "reviewing_since",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "url",
                    "outlet",
                    "byline",
                    ("published_at", "published_offset", "published_has_time", "published_on"),
                    "language",
                    "status",
                    "body",
                ]
            },
        ),
        (
            _("Import"),
            {"fields": ["imported_at", "imported_by", "import_source", "content_hash"], "classes": ["collapse"]},
        ),
        (
            _("Pre-tagging and review"),
            {
                "fields": [
                    "nlp_model_version",
                    "pretagged_at",
                    "pretag_error",
                    ("pretag_queued_at", "pretag_attempts"),
                    ("pretag_lease_owner", "pretag_lease_expires"),
                    "reviewing_by",
                    "reviewing_since",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [StatementInline]
    actions = ["pretag_selected"]

    @admin.action(
        description=_("Pre-tag (or re-queue stuck or failed pre-tagging of) selected articles, in the background"),
        permissions=["change"],
    )
    def pretag_selected(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        queue_pretag_many(article_ids=ids)
        self.message_user(
            request,
            ngettext(
                "%(count)d article is queued for pre-tagging; editors' decisions are kept.",
                "%(count)d articles are queued for pre-tagging; editors' decisions are kept.",
                len(ids),
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article_search_refresh(article=form.instance)  # reader index: title, date, outlet

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                suggested_count=Count("statements", filter=Q(statements__status=Statement.Status.SUGGESTED)),
                confirmed_count=Count("statements", filter=Q(statements__status=Statement.Status.CONFIRMED)),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.statements.exists():
            fields.append("body")  # statement offsets point into it
        return fields

    @admin.display(description=_("suggested"), ordering="suggested_count")
    def suggested_count(self, article):
        return article.suggested_count

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed_count(self, article):
        return article.confirmed_count

    # --- Import: upload or paste -> preview -> confirm ---

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="annotations_article_import"),
            path(
                "import/<int:batch_id>/",
                self.admin_site.admin_view(self.import_confirm_view),
                name="annotations_article_import_confirm",
            ),
            path(
                "import/<int:batch_id>/status/",
                self.admin_site.admin_view(self.import_status_view),
                name="annotations_article_import_status",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST, request.FILES) if request.method == "POST" else ArticleImportForm()
        if form.is_bound and form.is_valid():
            read = readers.ReadResult()
            if form.is_paste:
                fields = ("title", "body", "url", "outlet", "byline", "published_at")
                read.extend(readers.read_pasted(**{name: form.cleaned_data[name] for name in fields}))
                sources = ["pasted text"]
            else:
                sources = []
                for upload in form.cleaned_data["files"]:
                    sources.append(upload.name)
                    read.extend(
                        readers.read_file(upload.name, upload.read(), max_bytes=settings.CLAIMBOOK_IMPORT_MAX_BYTES)
                    )
            rows = import_preview(read=read)
            batch = import_batch_create(read=read, sources=sources, user=request.user)
            new_count = sum(row.outcome == "new" for row in rows)
            # Every duplicate and error is listed; new rows only up to PREVIEW_NEW_ROWS (a 50,000-row table
            # took most of the preview's time to render).
            shown, listed_new = [], 0
            for row in rows:
                if row.outcome == "new":
                    listed_new += 1
                    if listed_new > PREVIEW_NEW_ROWS:
                        continue
                shown.append(row)
            return self._render_import(
                request,
                "admin/annotations/article/import_preview.html",
                {
                    "batch": batch,
                    "rows": shown,
                    "unlisted_new_count": max(0, new_count - PREVIEW_NEW_ROWS),
                    "notes": read.notes,
                    "new_count": new_count,
                    "duplicate_count": sum(row.outcome == "duplicate" for row in rows),
                    "error_count": sum(row.outcome == "error" for row in rows),
                },
            )
        return self._render_import(request, "admin/annotations/article/import.html", {"form": form})

    def import_confirm_view(self, request, batch_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        batch = get_object_or_404(ImportBatch, pk=batch_id, created_by=request.user)
        changelist = reverse("admin:annotations_article_changelist")
        if request.method != "POST":
            return redirect("admin:annotations_article_import")
        status = reverse("admin:annotations_article_import_status", args=[batch.pk])
        if batch.committed_at is not None:
            messages.warning(request, _("This import was already confirmed; nothing was imported again."))
            return redirect(changelist)
        if not import_batch_queue(batch=batch):
            messages.warning(request, _("This import was already confirmed; nothing was imported again."))
        return redirect(status)

    def import_status_view(self, request, batch_id):
        """A confirmed import, stored in the background: its progress, then what it did, row by row."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        batch = get_object_or_404(ImportBatch, pk=batch_id, created_by=request.user)
        running = batch.state in (JobState.QUEUED, JobState.RUNNING)
        percent = round(100 * batch.rows_done / batch.rows_total) if batch.rows_total else None
        return self._render_import(
            request,
            "admin/annotations/article/import_status.html",
            {"batch": batch, "running": running, "percent": percent},
        )

    def _render_import(self, request, template, context):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Import articles"),
                **context,
            },
        )


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    formfield_overrides = CLEAN_TEXT_FIELDS
    fields = ["name", "origin", "checked", "created_at"]
    readonly_fields = ["created_at"]
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(CleanTextAdmin):
    list_display = ["name", "kind", "description", "status", "wikidata_id", "statement_count"]
    list_filter = ["kind", "status", "origin"]
    search_fields = ["name", "aliases__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["merged_into"]
    inlines = [SpeakerAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_count=Count("statements"))

    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # an editor's registry form based on the old version must not overwrite this change
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Resolution matches on aliases only: a speaker's own name must be one of them.
        speaker_alias_add(
            speaker=form.instance, name=form.instance.name, origin=SpeakerAlias.Origin.EDITOR, checked=True
        )
        speaker_search_refresh(speaker=form.instance)  # reader index: name and aliases

    @admin.display(description=_("statements"), ordering="statement_count")
    def statement_count(self, speaker):
        return speaker.statement_count


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(CleanTextAdmin):
    list_display = ["name", "speaker", "origin", "checked"]
    list_filter = ["origin", "checked"]
    search_fields = ["name", "speaker__name"]
    autocomplete_fields = ["speaker"]
    list_select_related = ["speaker"]

    # The reader index holds aliases.
    def save_model(self, request, obj, form, change):
        old_speaker_id = form.initial.get("speaker")
        super().save_model(request, obj, form, change)
        speaker_search_refresh(speaker=obj.speaker)
        if old_speaker_id and old_speaker_id != obj.speaker_id:
            speaker_search_refresh(speaker=Speaker.objects.get(pk=old_speaker_id))

    def delete_model(self, request, obj):
        speaker = obj.speaker
        super().delete_model(request, obj)
        speaker_search_refresh(speaker=speaker)


class StatementAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        article, start, end = cleaned.get("article"), cleaned.get("start"), cleaned.get("end")
        if article is not None and start is not None and end is not None:
            spans = spans_of(start, end, cleaned.get("segments"))
            self.instance.text = text_of(article.body, spans)  # the text always follows the offsets
            if cleaned.get("status") != Statement.Status.REJECTED:  # the database checks it too, on PostgreSQL
                ignore = (self.instance.pk,) if self.instance.pk else ()
                review_services.check_span_free(article_id=article.pk, spans=spans, ignore=ignore)
        return cleaned


@admin.register(Statement)
class StatementAdmin(CleanTextAdmin):
    form = StatementAdminForm
    list_display = ["__str__", "speaker", "kind", "status", "confidence", "article"]
    list_filter = ["status", "kind", "origin"]
    search_fields = ["text", "speaker__name", "article__title"]
    autocomplete_fields = ["article", "speaker"]
    list_select_related = ["speaker", "article"]
    readonly_fields = ["text", "version", "created_at", "updated_at", "reviewed_by", "reviewed_at", "model_version"]
    fields = [
        "article",
        "start",
        "end",
        "segments",
        "text",
        "kind",
        "speaker",
        "status",
        "cue_text",
        "cue_start",
        "cue_end",
        "mention_text",
        "mention_start",
        "mention_end",
        "origin",
        "confidence",
        "model_version",
        "needs_attention",
        "reviewed_by",
        "reviewed_at",
        "version",
        "created_at",
        "updated_at",
    ]

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = review_services.snapshot(Statement.objects.select_related("speaker").get(pk=obj.pk))
            obj.version += 1  # an editor holding the old version must not overwrite this change
        super().save_model(request, obj, form, change)
        # The statement's history records admin changes too, and keeps the reader index in step.
        review_services.statement_record_admin_change(statement=obj, before=before, editor=request.user)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["sources", "created_by", "created_at", "state", "committed_at", "summary"]
    list_filter = ["state"]
    list_select_related = ["created_by"]
    readonly_fields = [
        "sources", "created_by", "created_at", "state", "rows_total", "rows_done", "committed_at", "summary", "problems",
    ]  # fmt: skip
    exclude = ["drafts"]

    def has_add_permission(self, request):
        return False


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    """Readers' exports, written by the worker: to see what runs, what failed and why."""

    list_display = ["created_at", "format", "state", "rows_done", "rows_total", "size", "finished_at"]
    list_filter = ["state", "format"]
    readonly_fields = [
        "id", "format", "params", "base_url", "state", "rows_total", "rows_done", "file", "size", "sha256", "error",
        "created_at", "finished_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SpeakerEvent)
class SpeakerEventAdmin(admin.ModelAdmin):
    """The registry's history, for auditing: written only by the speaker services."""

    list_display = ["created_at", "action", "speaker", "other", "editor", "undone_at"]
    list_filter = ["action"]
    search_fields = ["speaker__name", "other__name"]
    list_select_related = ["speaker", "other", "editor"]
    readonly_fields = ["speaker", "other", "action", "editor", "created_at", "data", "undone_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StatementEvent)
class StatementEventAdmin(admin.ModelAdmin):
    """The review history, for auditing: written only by the review services, never edited."""

    list_display = ["created_at", "editor", "action", "article", "statement_id", "version", "summary", "undone_at"]
    list_filter = ["action", "created_at"]
    search_fields = ["summary", "editor__username", "article__title"]
    list_select_related = ["editor", "article"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NotSameSpeakers)
class NotSameSpeakersAdmin(admin.ModelAdmin):
    list_display = ["first", "second", "decided_by", "decided_at"]
    list_select_related = ["first", "second", "decided_by"]
    autocomplete_fields = ["first", "second"]


LEARNING_METRICS = ("e2e_f1", "quote_f1", "precision", "recall", "speaker_acc")


def _figure(model: PretaggerModel, which: str, metric: str) -> str:
    value = model.score(which, metric)
    return "–" if value is None else f"{value:.3f}"


@admin.register(PretaggerModel)
class PretaggerModelAdmin(admin.ModelAdmin):
    """Versions of the learned pre-tagger, scores side by side; train, activate, roll back."""

    list_display = [
        "version",
        "state",
        "progress_display",
        "trained_at",
        "train_articles",
        "heldout_articles",
        "model_e2e",
        "baseline_e2e",
        "rules_e2e",
        "model_quote",
        "rules_quote",
        "is_active",
        "activate_link",
    ]
    list_filter = ["state", "is_active"]
    readonly_fields = [
        "version",
        "state",
        "created_at",
        "trained_at",
        "requested_by",
        "train_articles",
        "heldout_articles",
        "scores",
        "progress",
        "error",
        "archive_sha256",
        "is_active",
        "activated_at",
    ]
    exclude = ["archive"]
    change_list_template = "admin/annotations/pretaggermodel/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("archive")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or request.user.has_perm("annotations.change_pretaggermodel")

    @admin.display(description=_("progress"))
    def progress_display(self, model):
        progress = model.progress or {}
        if model.state == PretaggerModel.State.TRAINING:
            stage = progress.get("stage", "")
            if stage == "training":
                return _("training: step %(step)s of %(max)s, score %(score)s") % {
                    "step": progress.get("step", 0),
                    "max": progress.get("max_steps", "?"),
                    "score": progress.get("score", "–"),
                }
            return stage
        if model.state == PretaggerModel.State.FAILED:
            return model.error[:120]
        if model.state == PretaggerModel.State.READY:
            return _("%(seconds)s s") % {"seconds": progress.get("seconds", "?")}
        return ""

    @admin.display(description=_("e2e F1 (this)"))
    def model_e2e(self, model):
        return _figure(model, "model", "e2e_f1")

    @admin.display(description=_("e2e F1 (active then)"))
    def baseline_e2e(self, model):
        version = model.scores.get("active_version")
        figure = _figure(model, "active", "e2e_f1")
        return f"{figure} (v{version})" if version else f"{figure} ({_('rules')})"

    @admin.display(description=_("e2e F1 (rules)"))
    def rules_e2e(self, model):
        return _figure(model, "rules", "e2e_f1")

    @admin.display(description=_("quote F1 (this)"))
    def model_quote(self, model):
        return _figure(model, "model", "quote_f1")

    @admin.display(description=_("quote F1 (rules)"))
    def rules_quote(self, model):
        return _figure(model, "rules", "quote_f1")

    @admin.display(description="")
    def activate_link(self, model):
        if model.state != PretaggerModel.State.READY or model.is_active:
            return ""
        url = reverse("admin:annotations_pretaggermodel_activate", args=[model.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Activate"))

    def get_urls(self):
        return [
            path("train/", self.admin_site.admin_view(self.train_view), name="annotations_pretaggermodel_train"),
            path(
                "<int:pk>/activate/",
                self.admin_site.admin_view(self.activate_view),
                name="annotations_pretaggermodel_activate",
            ),
            path(
                "rules-only/",
                self.admin_site.admin_view(self.deactivate_view),
                name="annotations_pretaggermodel_deactivate",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        from .pretagging.learning.versions import reviewed_articles

        busy = PretaggerModel.objects.filter(
            state__in=[PretaggerModel.State.QUEUED, PretaggerModel.State.TRAINING]
        ).exists()
        extra = {
            "training_busy": busy,
            "reviewed_count": reviewed_articles().count(),
            "active_model": PretaggerModel.objects.active(),
        }
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def _check(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied

    def train_view(self, request):
        self._check(request)
        if request.method != "POST":
            return redirect("admin:annotations_pretaggermodel_changelist")
        from .pretagging.learning.versions import pretagger_model_queue

        model = pretagger_model_queue(requested_by=request.user)
        self.message_user(
            request,
            _("Version %(version)s is queued for training on the reviewed articles.") % {"version": model.version},
            messages.SUCCESS,
        )
        return redirect("admin:annotations_pretaggermodel_changelist")

    def activate_view(self, request, pk):
        self._check(request)
        from .pretagging.learning.versions import ActivationRefused, pretagger_model_activate

        model = get_object_or_404(PretaggerModel.objects.defer("archive"), pk=pk)
        if request.method == "POST":
            try:
                pretagger_model_activate(model=model, force=request.POST.get("force") == "1")
            except ActivationRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(
                    request,
                    _("Version %(version)s is active: articles pre-tagged from now on use it.")
                    % {"version": model.version},
                )
                return redirect("admin:annotations_pretaggermodel_changelist")
        return TemplateResponse(
            request,
            "admin/annotations/pretaggermodel/activate.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Activate version %(version)s") % {"version": model.version},
                "model": model,
                "active": PretaggerModel.objects.active(),
                "below": model.scores_below_baseline,
                "rows": [
                    (label, [_figure(model, key, metric) for metric in LEARNING_METRICS])
                    for key, label in (
                        ("model", _("this version")),
                        ("active", _("active when trained")),
                        ("rules", _("rules alone")),
                    )
                ],
            },
        )

    def deactivate_view(self, request):
        self._check(request)
        if request.method == "POST":
            from .pretagging.learning.versions import pretagger_model_deactivate

            pretagger_model_deactivate()
            messages.success(request, _("No model is active: the pre-tagger is the rules alone."))
        return redirect("admin:annotations_pretaggermodel_changelist")


@admin.register(StatementGroup)
class StatementGroupAdmin(admin.ModelAdmin):
    """Groups of reports, for auditing: kept by annotations.groups (decisions on /review/groups/), never edited."""

    list_display = ["id", "size", "first_statement", "speakers_differ", "wording_differs", "resolution", "updated_at"]
    list_filter = ["speakers_differ", "wording_differs", "resolution"]
    readonly_fields = ["first_statement", "size", "speakers_differ", "wording_differs", "resolution", "created_at"]
    list_select_related = ["first_statement"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GroupDecision)
class GroupDecisionAdmin(admin.ModelAdmin):
    """Editors' decisions on groups in conflict, for auditing: written and undone only by the groups services."""

    list_display = ["created_at", "kind", "group", "statement", "editor", "undone_at"]
    list_filter = ["kind"]
    list_select_related = ["group", "statement", "editor"]
    readonly_fields = ["group", "statement", "kind", "note", "editor", "data", "created_at", "undone_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
