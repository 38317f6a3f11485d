"""Claimbook's data: outlets publish articles; statements in an article are attributed to speakers.

Pre-tagging writes statements with status "suggested"; editors confirm, correct or reject them;
readers only ever see confirmed, attributed statements (`annotations.reader.queries.visible_statements()`).
All offsets are Python `str` indices (code points) into `Article.body`, end-exclusive.
"""

import datetime as dt
import hashlib
import re
import unicodedata
import uuid
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.contrib.postgres.indexes import BrinIndex, GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .common.constraints import span_exclusion
from .common.dates import local_date, local_moment
from .common.names import initials_key, normalize_name, surname_key
from .common.segments import Span, hull, spans_of, text_of, to_stored
from .common.segments import problems as segment_problems

if TYPE_CHECKING:
    from django.contrib.auth.models import User

wikidata_id_validator = RegexValidator(
    regex=r"^Q[1-9][0-9]*$",
    message=_("A Wikidata id is the letter Q followed by digits, for example Q4911497."),
    code="invalid_wikidata_id",
)


# Publication dates Claimbook accepts: from 1800 up to (not including) 2100, in UTC. Far outside this, the
# database may store an instant Python cannot read back (year 0 or 10000 once converted to UTC), and every
# page listing the article would fail; the database refuses such dates too (article_published_in_range).
PUBLISHED_EARLIEST = dt.datetime(1800, 1, 1, tzinfo=dt.UTC)
PUBLISHED_END = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
PUBLISHED_IN_RANGE = Q(published_at__isnull=True) | Q(
    published_at__gte=PUBLISHED_EARLIEST, published_at__lt=PUBLISHED_END
)
published_validators = [
    MinValueValidator(PUBLISHED_EARLIEST, message=_("Publication dates start in 1800.")),
    MaxValueValidator(
        PUBLISHED_END - dt.timedelta(microseconds=1),
        message=_("Publication dates end in 2099."),
    ),
]


def normalize_body(text: str) -> str:
    """The canonical form of an article body: Unicode NFC, Unix newlines, no trailing spaces on lines.

    Offsets point into this form, so it is applied once, on import, and never again.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def content_hash(body: str) -> str:
    """Hash of a body with whitespace collapsed and case folded: the same story re-imported matches."""
    folded = re.sub(r"\s+", " ", normalize_body(body)).strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


class Outlet(models.Model):
    """A news organisation that publishes articles; known by its name and its web addresses' domain."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    homepage_url = models.URLField(_("home page"), blank=True)
    domain = models.CharField(
        _("domain"),
        max_length=253,
        blank=True,
        db_index=True,
        help_text=_(
            "Host name articles are published under, e.g. wcbs880.radio.com; used to recognise the outlet on import."
        ),
    )

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:200] or "outlet"
        super().save(*args, **kwargs)


class ArticleStatus(models.TextChoices):
    NEW = "new", _("new")
    PRETAGGED = "pretagged", _("pre-tagged")
    IN_REVIEW = "in_review", _("in review")
    REVIEWED = "reviewed", _("reviewed")
    PRETAG_FAILED = "pretag_failed", _("pre-tagging failed")


BYLINE_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)


class ArticleQuerySet(models.QuerySet["Article"]):
    def awaiting_review(self) -> Self:
        return self.filter(status__in=[Article.Status.PRETAGGED, Article.Status.IN_REVIEW])


class Article(models.Model):
    """One news article as imported: its text (`body`, which every offset points into) and where it came from.

    Its status follows the work on it: new, pre-tagged (or pre-tagging failed), in review, reviewed.
    """

    Status = ArticleStatus

    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(
        _("canonical URL"),
        max_length=2000,
        blank=True,
        help_text=_("Where the article was published. Two articles never share a URL."),
    )
    outlet = models.ForeignKey(
        Outlet, verbose_name=_("outlet"), null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    byline = models.CharField(_("byline"), max_length=500, blank=True)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, db_index=True, validators=published_validators
    )
    published_offset = models.SmallIntegerField(
        _("UTC offset"),
        null=True,
        blank=True,
        help_text=_(
            "Minutes east of UTC at which the source dated the article; empty when it gave no offset "
            "(the newsroom's time zone applies)."
        ),
    )
    published_has_time = models.BooleanField(
        _("time known"), default=True, help_text=_("Unticked when the source gave a date without a time.")
    )
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The date where the article was published, shown and filtered on (kept from the two above)."),
    )
    body = models.TextField(
        _("body"),
        help_text=_("Plain text. Every statement's offsets point into it, so it cannot change once statements exist."),
    )
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("SHA-256 of the normalised body; the same text is never imported twice."),
    )
    language = models.CharField(_("language"), max_length=16, default="en")
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.NEW, db_index=True)

    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    import_source = models.CharField(
        _("import source"),
        max_length=500,
        blank=True,
        help_text=_("What the article came from, e.g. “upload: articles.jsonl, line 3” or “pasted text”."),
    )

    nlp_model_version = models.CharField(_("NLP model version"), max_length=200, blank=True)
    pretagged_at = models.DateTimeField(_("pre-tagged"), null=True, blank=True)
    pretag_error = models.TextField(_("pre-tagging error"), blank=True)
    model_uncertainty = models.FloatField(
        _("model uncertainty"),
        null=True,
        blank=True,
        help_text=_(
            "With a trained pre-tagger model: the share of statements the model and the rules disagreed on "
            "(0 to 1); reviewing the most uncertain articles first teaches the model most."
        ),
    )
    # Pre-tagging as a queue on the article itself (annotations/pretagging/queue.py): requested until a run
    # stores its result; a worker holds a lease it renews while it works, and work whose lease ran out is
    # queued again, so a worker that dies never leaves an article waiting forever.
    pretag_queued_at = models.DateTimeField(
        _("pre-tagging queued"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When pre-tagging was (last) asked for; empty once a run has stored its result."),
    )
    # Database defaults too: bulk writers that COPY named columns (bench_generate) need not know these.
    pretag_lease_owner = models.CharField(
        _("pre-tagging worker"),
        max_length=200,
        blank=True,
        db_default="",
        help_text=_("The worker running it now, if any."),
    )
    pretag_lease_expires = models.DateTimeField(
        _("pre-tagging lease expires"),
        null=True,
        blank=True,
        help_text=_("The worker renews this while it works; after it, the article is queued again."),
    )
    pretag_attempts = models.PositiveSmallIntegerField(
        _("pre-tagging attempts"), db_default=0, help_text=_("Runs started since it was queued.")
    )

    # Who has the article open in the review workspace; expires after inactivity (see the review views).
    reviewing_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("being reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewing_since = models.DateTimeField(_("review activity"), null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    # Not fields: set on the instances of one page only (declared for type checking; absent elsewhere).
    lock_active: bool  # the review queue: someone is reviewing it now (review.selectors.lock_is_active)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="article_url_unique",
                violation_error_message=_("An article with this URL already exists."),
            ),
            models.CheckConstraint(condition=Q(status__in=ArticleStatus.values), name="article_status_valid"),
            models.CheckConstraint(
                condition=PUBLISHED_IN_RANGE,
                name="article_published_in_range",
                violation_error_message=_("Publication dates run from 1800 to 2099."),
            ),
        ]
        indexes = [
            models.Index(fields=["outlet", "-published_at"], name="article_outlet_published"),
            # Reader lists sort newest first with undated articles last (annotations/reader/queries.py).
            models.Index(F("published_at").desc(nulls_last=True), F("id").desc(), name="article_published_desc"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.content_hash = content_hash(self.body)
        self.published_on = local_date(self.published_at, self.published_offset)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("annotations:article_detail", args=[self.pk])

    @property
    def author(self) -> str:
        """The byline without a leading "By" ("By Jenna Morales" is written so by some outlets)."""
        return BYLINE_PREFIX.sub("", self.byline)

    @property
    def published_local(self) -> dt.datetime | None:
        """The publication time as the source gave it (in its own offset), or None."""
        return local_moment(self.published_at, self.published_offset) if self.published_at else None

    @property
    def published_iso(self) -> str | None:
        """ISO 8601 as the source dated it: "2026-11-24T23:10:00-05:00", or "2026-11-24" for a date alone."""
        local = self.published_local
        if local is None:
            return None
        return local.isoformat() if self.published_has_time else local.date().isoformat()

    def clean(self) -> None:
        super().clean()
        if not self.body.strip():
            raise ValidationError({"body": ValidationError(_("The article has no text."), code="empty_body")})

    @property
    def word_count(self) -> int:
        return len(self.body.split())


class SpeakerQuerySet(models.QuerySet["Speaker"]):
    def active(self) -> Self:
        """Speakers that can be attributed: not merged away, not marked “not a speaker”."""
        return self.filter(merged_into__isnull=True).exclude(status=Speaker.Status.NOT_A_SPEAKER)


class Speaker(models.Model):
    """A person or organisation statements are attributed to: one record per speaker, kept clean by editors
    (aliases, merges, "not a speaker"); readers reach it at its slug."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")

    class Status(models.TextChoices):
        UNCHECKED = "unchecked", _("to check")
        ACCEPTED = "accepted", _("accepted")
        NOT_A_SPEAKER = "not_a_speaker", _("not a speaker")

    class Origin(models.TextChoices):
        MODEL = "model", _("pre-tagger")
        EDITOR = "editor", _("editor")

    name = models.CharField(_("canonical name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=300, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.PERSON)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("Role or short description, e.g. “Mayor of New York City”."),
    )
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[wikidata_id_validator],
        help_text=_("For example Q4911497."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.UNCHECKED, db_index=True)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin, default=Origin.EDITOR)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        help_text=_("Set when this record was merged into another; its old URL redirects there."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        db_default=1,  # rows loaded in bulk (COPY) start at 1 too
        editable=False,
        help_text=_("Incremented on every change in the registry; an edit based on an older version is refused."),
    )

    objects = SpeakerQuerySet.as_manager()

    # Not fields: set (or annotated) on the instances of some pages only (declared for type checking; absent
    # elsewhere).
    statement_count: int  # registry pages and the reader's speaker list
    matched_alias: str | None  # the review page's speaker search: the alias that matched, if not the name

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="speaker_name_not_empty"),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"), name="speaker_wikidata_id_form"
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("pk")), name="speaker_not_merged_into_itself"),
        ]
        indexes = [
            models.Index(Lower("name"), name="speaker_name_lower"),
            models.Index(fields=["name", "id"], name="speaker_name_id"),  # the A–Z list (annotations/search.py)
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("annotations:speaker_detail", args=[self.slug])

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class SpeakerAlias(models.Model):
    """Another name a speaker goes by (“de Blasio”, “ICE”); resolution matches on `normalized`."""

    class Origin(models.TextChoices):
        MODEL = "model", _("pre-tagger")
        EDITOR = "editor", _("editor")
        MERGE = "merge", _("merge")

    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=300)
    normalized = models.CharField(_("normalised form"), max_length=300, editable=False, db_index=True)
    # Derived from `normalized` (annotations/names.py) so that duplicate detection is index lookups.
    surname = models.CharField(_("surname key"), max_length=100, editable=False, blank=True, db_index=True)
    initials = models.CharField(_("initials key"), max_length=30, editable=False, blank=True, db_index=True)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin, default=Origin.EDITOR)
    checked = models.BooleanField(
        _("checked"),
        default=False,
        help_text=_("Aliases the pre-tagger adds stay unchecked until an editor looks at them."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("speaker alias")
        verbose_name_plural = _("speaker aliases")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["speaker", "normalized"], name="alias_unique_per_speaker"),
            models.CheckConstraint(condition=~Q(normalized=""), name="alias_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_keys()
        super().save(*args, **kwargs)

    def set_keys(self) -> None:
        """Fill the derived keys from `name` (bulk_create skips save(): call this first)."""
        self.normalized = normalize_name(self.name)
        self.surname = surname_key(self.normalized)[:100]
        self.initials = initials_key(self.normalized)[:30]


class StatementKind(models.TextChoices):
    DIRECT = "direct", _("direct")
    MIXED = "mixed", _("mixed")
    INDIRECT = "indirect", _("indirect")


class StatementStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class StatementQuerySet(models.QuerySet["Statement"]):
    def confirmed_attributed(self) -> Self:
        """Confirmed statements with a speaker. What readers see is narrower: `reader.queries.visible_statements()`
        also leaves out speakers an editor marked "not a speaker"."""
        return self.filter(status=Statement.Status.CONFIRMED, speaker__isnull=False)

    def suggested(self) -> Self:
        return self.filter(status=Statement.Status.SUGGESTED)


# StatementQuerySet.confirmed_attributed() as an index condition: the reader indexes cover these rows.
CONFIRMED_ATTRIBUTED = Q(status="confirmed", speaker__isnull=False)
READER_ORDER = [F("published_at").desc(nulls_last=True), F("article_id").desc(), F("start").asc()]


class Statement(models.Model):
    """Something said in an article: a span of its body, its kind, cue and speaker, suggested by the pre-tagger
    or added by an editor, then confirmed or rejected. Every change bumps `version`."""

    Kind = StatementKind
    Status = StatementStatus

    class Origin(models.TextChoices):
        MODEL = "model", _("pre-tagger")
        EDITOR = "editor", _("editor")

    # No single-column indexes on article, speaker or status: the composite indexes below lead with them, and
    # every index is one more write when an editor confirms a hundred statements at once.
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="statements", db_index=False
    )
    start = models.PositiveIntegerField(_("start"), help_text=_("Offset of the first character in the article body."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Offset just past the last character (exclusive)."))
    segments = models.JSONField(
        _("segments"),
        default=list,
        blank=True,
        help_text=_(
            "When the statement is several quoted segments with the reporter's words between them: each "
            "[start, end], in order, the first starting at start and the last ending at end. Empty for one span."
        ),
    )
    text = models.TextField(
        _("text"),
        help_text=_("The article body between start and end; for several segments, the segments joined with “ … ”."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.DIRECT)

    cue_text = models.CharField(_("cue"), max_length=200, blank=True, help_text=_("“said”, “accused”, “according to”…"))
    cue_start = models.PositiveIntegerField(_("cue start"), null=True, blank=True)
    cue_end = models.PositiveIntegerField(_("cue end"), null=True, blank=True)

    mention_text = models.CharField(
        _("speaker mention"),
        max_length=300,
        blank=True,
        help_text=_("The speaker as written: “he”, “the mayor”, “Pham”."),
    )
    mention_start = models.PositiveIntegerField(_("mention start"), null=True, blank=True)
    mention_end = models.PositiveIntegerField(_("mention end"), null=True, blank=True)
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        help_text=_("Who made the statement; empty until resolved or assigned by an editor."),
        db_index=False,
    )

    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.SUGGESTED)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin, default=Origin.MODEL)
    confidence = models.FloatField(
        _("confidence"),
        null=True,
        blank=True,
        help_text=_("The pre-tagger's confidence, 0 to 1; higher is more often right."),
    )
    model_version = models.CharField(_("model version"), max_length=200, blank=True)
    needs_attention = models.CharField(
        _("needs attention"),
        max_length=300,
        blank=True,
        help_text=_("Why the pre-tagger wants an editor to look, e.g. two speakers share the name."),
    )

    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Incremented on every change; an edit based on an older version is refused."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Reader index: kept up to date by annotations.reader.index (statement_search_refresh and
    # friends), never by signals, so that reader lists, filters and search need no join at 1M statements.
    search_document = SearchVectorField(
        _("search document"),
        null=True,
        editable=False,
        help_text=_("Full-text index of the text, the speaker's names and the article title (PostgreSQL only)."),
    )
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, editable=False, help_text=_("A copy of the article's date.")
    )
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("A copy of the article's publication date."),
    )
    outlet = models.ForeignKey(
        Outlet,
        verbose_name=_("outlet"),
        null=True,
        blank=True,
        editable=False,
        db_index=False,  # statement_public_outlet serves the reader; outlets are never deleted with articles
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A copy of the article's outlet."),
    )
    # Written only by annotations.groups.services: the reports of one statement across articles.
    group = models.ForeignKey(
        "StatementGroup",
        verbose_name=_("group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="statements",
        db_index=False,  # statement_group below
        help_text=_("The other reports of the same words, in other articles (confirmed statements only)."),
    )

    objects = StatementQuerySet.as_manager()

    # Not fields: what the review page's statement list shows, set by review.context._prepare on the statements
    # it lists (declared for type checking; absent elsewhere).
    review_url: str
    status_label: str
    short_text: str
    meta_label: str
    percent: int | None
    is_low: bool
    # Set by reader.queries.with_group_reports on the statements a reader list shows.
    group_count: int
    group_outlets: int
    # Set by reader.opendata.with_first_reports on the statements the API and the exports give.
    first_report_id: int | None

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["article", "start"]
        permissions = [("review_statement", _("Can review statements in the review workspace"))]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                name="statement_span_unique_per_article",
                violation_error_message=_("This span is already a statement of the article."),
            ),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="statement_start_before_end"),
            models.CheckConstraint(
                condition=(Q(cue_start__isnull=True) & Q(cue_end__isnull=True)) | Q(cue_start__lt=F("cue_end")),
                name="statement_cue_offsets_valid",
            ),
            models.CheckConstraint(
                condition=(Q(mention_start__isnull=True) & Q(mention_end__isnull=True))
                | Q(mention_start__lt=F("mention_end")),
                name="statement_mention_offsets_valid",
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | (Q(confidence__gte=0) & Q(confidence__lte=1)),
                name="statement_confidence_0_to_1",
            ),
            models.CheckConstraint(condition=Q(status__in=StatementStatus.values), name="statement_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=StatementKind.values), name="statement_kind_valid"),
            models.CheckConstraint(condition=PUBLISHED_IN_RANGE, name="statement_published_in_range"),
            # Readers and editors never see two statements claim the same words: among statements that are
            # not rejected, spans of one article do not overlap (PostgreSQL; the review services check it
            # on every change, on SQLite too).
            span_exclusion(
                name="statement_spans_do_not_overlap",
                article="article",
                start="start",
                end="end",
                segments="segments",
                condition=~Q(status="rejected"),
                message=_("This would overlap another statement that is not rejected."),
            ),
        ]
        indexes = [
            models.Index(fields=["article", "status"], name="statement_article_status"),
            models.Index(fields=["speaker", "status"], name="statement_speaker_status"),
            # Reader lists (annotations/search.py). Only public statements are ever listed or searched, so only
            # they are indexed; newest first, undated last, then in reading order. PostgreSQL only.
            GinIndex(fields=["search_document"], name="statement_search_public", condition=CONFIRMED_ATTRIBUTED),
            models.Index(*READER_ORDER, name="statement_public_newest", condition=CONFIRMED_ATTRIBUTED),
            models.Index("speaker", *READER_ORDER, name="statement_public_speaker", condition=CONFIRMED_ATTRIBUTED),
            models.Index("outlet", *READER_ORDER, name="statement_public_outlet", condition=CONFIRMED_ATTRIBUTED),
            models.Index("kind", *READER_ORDER, name="statement_public_kind", condition=CONFIRMED_ATTRIBUTED),
            models.Index("speaker", "outlet", name="statement_public_spk_outlet", condition=CONFIRMED_ATTRIBUTED),
            # Ids follow the table's physical order: a few pages of BRIN let full-text search visit only the
            # matches among the newest ids, the ones it ranks (annotations.reader.queries._rank_window_start).
            BrinIndex(fields=["id"], name="statement_id_brin", autosummarize=True),
            # Words and an outlet: PostgreSQL never ANDs two partial indexes with the same condition, so without
            # a plain index it read every match of the words to keep the outlet's.
            models.Index(fields=["outlet"], name="statement_outlet"),
            # The reports of a group; reader lists show the earliest visible one per group and speaker.
            models.Index(fields=["group", "speaker"], name="statement_group", condition=Q(group__isnull=False)),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"“{text}”"

    def get_absolute_url(self) -> str:
        return reverse("annotations:statement_detail", args=[self.pk])

    @property
    def spans(self) -> list[Span]:
        """The quoted segments as (start, end): the stored ones, or the one span."""
        return spans_of(self.start, self.end, self.segments)

    def set_spans(self, spans: list[Span], body: str) -> None:
        """Give the statement these segments (in order), with the extent and the text that follow from them."""
        self.start, self.end = hull(spans)
        self.segments = to_stored(spans)
        self.text = text_of(body, spans)

    def _segments_problem(self, body: str) -> ValidationError | None:
        spans = self.spans
        if len(spans) < 2 or (spans[0][0], spans[-1][1]) != (self.start, self.end):
            message = _("Segments are given for a statement of several parts, from its start to its end.")
            return ValidationError(message, code="segments_extent")
        problem = segment_problems(body, spans)
        if problem:
            messages = {
                "outside": _("A segment lies outside the article."),
                "blank": _("A segment covers only white space."),
                "order": _("Segments must be in order, with text between them."),
            }
            return ValidationError(messages[problem], code=f"segments_{problem}")
        return None

    def clean(self) -> None:
        """Offsets must lie inside the body and the stored text must be the body's slice (its segments' joined).

        The database checks what it can (start < end, unique span); only Python can see the body.
        """
        super().clean()
        if self.article_id is None or self.start is None or self.end is None:
            return
        body = self.article.body
        errors = {}
        if self.start >= self.end:
            errors["end"] = ValidationError(_("The statement must end after it starts."), code="empty_span")
        elif self.end > len(body):
            errors["end"] = ValidationError(
                _("The statement ends at %(end)s, past the end of the article (%(length)s characters)."),
                code="outside_body",
                params={"end": self.end, "length": len(body)},
            )
        elif not body[self.start : self.end].strip():
            errors["start"] = ValidationError(_("The statement covers only white space."), code="blank_span")
        elif self.segments and (problem := self._segments_problem(body)):
            errors["segments"] = problem
        elif self.text != text_of(body, self.spans):
            errors["text"] = ValidationError(
                _("The text must be exactly the article's text at these offsets."), code="text_mismatch"
            )
        for prefix, label in (("cue", _("cue")), ("mention", _("speaker mention"))):
            start, end = getattr(self, f"{prefix}_start"), getattr(self, f"{prefix}_end")
            if (start is None) != (end is None):
                errors[f"{prefix}_end"] = ValidationError(
                    _("Give both offsets of the %(what)s or neither."), code="half_offsets", params={"what": label}
                )
            elif start is not None and not (start < end <= len(body)):
                errors[f"{prefix}_end"] = ValidationError(
                    _("The %(what)s offsets are outside the article."), code="outside_body", params={"what": label}
                )
        if errors:
            raise ValidationError(errors)


class JobState(models.TextChoices):
    """Where a background job (an import being stored, an export being written) stands."""

    PREVIEWED = "previewed", _("previewed")
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ImportBatch(models.Model):
    """An import between its preview and its confirmation: what was read, by whom, and what became of it."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("previewed"), auto_now_add=True)
    sources = models.TextField(_("sources"), help_text=_("File names, or “pasted text”."))
    drafts = models.JSONField(
        _("articles read"), default=list, help_text=_("The articles as read, waiting for confirmation.")
    )
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    # Confirming runs the import in the background (annotations/tasks.py): its state and progress for the admin.
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.PREVIEWED)
    rows_total = models.PositiveIntegerField(_("rows to import"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    problems = models.JSONField(
        _("problems"), default=list, blank=True, help_text=_("Rows refused when stored, each with where it came from.")
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.sources} ({self.created_at:%Y-%m-%d %H:%M})"


class SpeakerEvent(models.Model):
    """Something an editor did to a speaker record: who, when, and enough data to undo it."""

    class Action(models.TextChoices):
        ACCEPT = "accept", _("accepted")
        EDIT = "edit", _("edited")
        ALIAS_ADD = "alias_add", _("alias added")
        ALIAS_REMOVE = "alias_remove", _("alias removed")
        NOT_A_SPEAKER = "not_a_speaker", _("marked not a speaker")
        MERGE = "merge", _("merged")
        UNMERGE = "unmerge", _("merge undone")
        SPLIT = "split", _("statements moved")
        NOT_SAME = "not_same", _("marked not the same")

    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="events")
    other = models.ForeignKey(
        Speaker,
        verbose_name=_("other speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The speaker merged into this one, or the one statements moved to."),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("editor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True, help_text=_("Before/after values; ids to undo."))
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        verbose_name = _("speaker event")
        verbose_name_plural = _("speaker events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.speaker}"


class SpeakerSlug(models.Model):
    """A slug a speaker had before it was renamed: its old reader address answers 301 to the current one, and
    no other speaker may take it."""

    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(_("slug"), max_length=300, unique=True)
    created_at = models.DateTimeField(_("renamed"), auto_now_add=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self) -> str:
        return self.slug


class NotSameSpeakers(models.Model):
    """An editor's decision that two similar speakers are different people: never suggest the pair again."""

    first = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pair of different speakers")
        verbose_name_plural = _("pairs of different speakers")
        constraints = [
            # Stored once, smaller id first, so a pair has one row whichever way round it was decided.
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="not_same_ordered_pair"),
            models.UniqueConstraint(fields=["first", "second"], name="not_same_pair_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.first} ≠ {self.second}"


# --- Statement groups: one statement, many reports (annotations/groups/) ---


class StatementGroup(models.Model):
    """The confirmed statements of several articles that quote the same words (or a trimmed part of them).

    Kept by `annotations.groups.services`: members are `Statement.group`; the rest here is derived from them
    (the earliest report, the count and whether the reports disagree) and refreshed on every change.
    """

    class Resolution(models.TextChoices):
        OPEN = "", _("not decided")
        SAME = "same", _("one statement reported differently")
        MISATTRIBUTED = "misattributed", _("misattribution noted")

    first_statement = models.ForeignKey(
        "Statement",
        verbose_name=_("first report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The earliest report (by publication date) among the confirmed ones."),
    )
    size = models.PositiveIntegerField(_("reports"), default=0, help_text=_("Confirmed statements in the group."))
    speakers_differ = models.BooleanField(_("speakers differ"), default=False)
    wording_differs = models.BooleanField(
        _("wording differs"), default=False, help_text=_("Some report differs from the longest beyond trimming.")
    )
    resolution = models.CharField(_("decision"), max_length=16, choices=Resolution, default=Resolution.OPEN, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("statement group")
        verbose_name_plural = _("statement groups")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolution__in=["", "same", "misattributed"]), name="statement_group_resolution_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["-id"],
                name="statement_group_conflicts",
                condition=(Q(speakers_differ=True) | Q(wording_differs=True)) & Q(resolution="") & Q(size__gte=2),
            ),
        ]

    def __str__(self) -> str:
        return f"group {self.pk} ({self.size})"

    def get_absolute_url(self) -> str:
        return reverse("annotations:statement_group", args=[self.pk])

    @property
    def in_conflict(self) -> bool:
        return self.size >= 2 and (self.speakers_differ or self.wording_differs)


class QuoteFingerprint(models.Model):
    """The grouping index: winnowed word-shingle hashes of each confirmed statement (annotations.groups.text).

    A new report looks up the statements sharing its fingerprints instead of comparing itself with every one.
    """

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+", db_index=False)
    hash = models.BigIntegerField(_("hash"))

    class Meta:
        verbose_name = _("quote fingerprint")
        verbose_name_plural = _("quote fingerprints")
        constraints = [models.UniqueConstraint(fields=["statement", "hash"], name="quote_fingerprint_unique")]
        indexes = [models.Index(fields=["hash", "statement"], name="quote_fingerprint_hash")]

    def __str__(self) -> str:
        return f"{self.statement_id}:{self.hash}"


class GroupCandidate(models.Model):
    """Two confirmed reports alike but below the grouping threshold: never merged silently, an editor decides."""

    class Decision(models.TextChoices):
        OPEN = "", _("not decided")
        SAME = "same", _("the same statement")
        DIFFERENT = "different", _("different statements")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("similarity"))
    decision = models.CharField(_("decision"), max_length=16, choices=Decision, default=Decision.OPEN, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("possible report of the same statement")
        verbose_name_plural = _("possible reports of the same statement")
        constraints = [
            models.UniqueConstraint(fields=["statement", "other"], name="group_candidate_unique"),
            models.CheckConstraint(condition=Q(statement__lt=F("other")), name="group_candidate_ordered_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} ~ {self.other_id} ({self.score:.2f})"


class GroupDecision(models.Model):
    """An editor's decision on a group in conflict, with what undoing it needs (`data`)."""

    class Kind(models.TextChoices):
        SAME = "same", _("one statement reported differently")
        SPLIT = "split", _("two different statements")
        MISATTRIBUTION = "misattribution", _("misattribution")

    group = models.ForeignKey(StatementGroup, on_delete=models.CASCADE, related_name="decisions")
    statement = models.ForeignKey(
        Statement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group_decisions",
        help_text=_("The report the decision is about: the one split off, or the misattributed one."),
    )
    kind = models.CharField(_("decision"), max_length=16, choices=Kind)
    note = models.TextField(
        _("correction note"), blank=True, help_text=_("Shown to readers on a misattributed report.")
    )
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(_("details"), default=dict, blank=True, help_text=_("What undoing it puts back."))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        verbose_name = _("group decision")
        verbose_name_plural = _("group decisions")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["same", "split", "misattribution"]), name="group_decision_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.group_id})"


# --- Review history (the editor review workspace, annotations/services/review/) ---


class StatementEventAction(models.TextChoices):
    CREATE = "create", _("added")
    CONFIRM = "confirm", _("confirmed")
    REJECT = "reject", _("rejected")
    UPDATE = "update", _("corrected")
    SPLIT = "split", _("split")
    MERGE = "merge", _("merged")
    REVERT = "revert", _("reverted")
    UNDO = "undo", _("undid")
    ARTICLE_REVIEWED = "reviewed", _("marked the article reviewed")
    # An editor's decision on a group of reports (annotations.groups): part of the statement's history, but
    # undone from the conflict list, not by the review page's undo.
    GROUP = "group", _("reports of the statement decided")
    # The speaker registry moved the statement to another speaker (a merge, its undo, a split): part of the
    # statement's history, but undone in the registry, not by the review page's undo.
    REGISTRY = "registry", _("speaker changed in the registry")


class StatementEventQuerySet(models.QuerySet["StatementEvent"]):
    def undoable_by(self, editor: "User") -> Self:
        """An editor's own changes that have not been undone yet (undos themselves are not undone: no redo)."""
        return self.filter(editor=editor, undone_at__isnull=True).exclude(
            action__in=[StatementEventAction.UNDO, StatementEventAction.REGISTRY, StatementEventAction.GROUP]
        )


class StatementEvent(models.Model):
    """One change made in the review workspace: who, when, and the statement before and after.

    Only the review services write these. One editor action (a confirmation, a split, “confirm everything
    above 80 %”) shares one `action_id` across the events of every statement it touched, so that undo
    reverts the action as a whole. `before`/`after` are snapshots of the statement's fields; an empty
    `before` means the action created the statement, an empty `after` that it removed it (merge).
    """

    Action = StatementEventAction

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="review_events"
    )
    # No database constraint: the history of a statement outlives it (a merge removes a statement, and
    # undoing the merge brings it back under the same id).
    statement = models.ForeignKey(
        Statement,
        verbose_name=_("statement"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="events",
        db_index=False,  # statement_event_history below covers it
        help_text=_("Empty for changes to the article itself (marked reviewed)."),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=Action)
    action_id = models.UUIDField(
        _("action id"), db_index=True, help_text=_("Shared by the events of one editor action; undo works on it.")
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    version = models.PositiveIntegerField(
        _("version"), null=True, blank=True, help_text=_("The statement's version after this change.")
    )
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    objects = StatementEventQuerySet.as_manager()

    # Not a field: what the review page's undo button says, set by review.selectors.last_undoable (declared for
    # type checking; absent elsewhere).
    label: str

    class Meta:
        verbose_name = _("statement event")
        verbose_name_plural = _("statement events")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=StatementEventAction.values), name="statement_event_action_valid"
            ),
        ]
        indexes = [
            # Undo looks for the editor's latest change that is still undoable: only those rows are indexed.
            models.Index(
                fields=["article", "editor", "-id"],
                condition=Q(undone_at__isnull=True) & ~Q(action=StatementEventAction.UNDO),
                name="statement_event_undoable",
            ),
            models.Index(fields=["statement", "id"], name="statement_event_history"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.summary}".strip()

    def get_absolute_url(self) -> str:
        """The statement in the review workspace (the article, for changes to the article itself)."""
        if self.statement_id is None:
            return reverse("annotations:review_article", args=[self.article_id])
        return reverse("annotations:review_statement", args=[self.article_id, self.statement_id])


def _export_path(instance: "Export", filename: str) -> str:
    return f"exports/{instance.pk}/{filename}"


class Export(models.Model):
    """A reader's export of a search, written to the configured storage by a background task, then downloaded.

    Anyone may ask for one (the data are public); the id is random, so only whoever holds the link sees it.
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSONL = "jsonl", "JSON Lines"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    params = models.JSONField(_("filters"), default=dict, blank=True, help_text=_("The search's query parameters."))
    base_url = models.CharField(_("site address"), max_length=500, help_text=_("Absolute URLs in the file start here."))
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    rows_total = models.PositiveIntegerField(_("statements to write"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("statements written"), default=0)
    file = models.FileField(_("file"), upload_to=_export_path, max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(format__in=["csv", "jsonl"]), name="export_format_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} export ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("annotations:export_status", args=[self.pk])

    @property
    def filename(self) -> str:
        return f"claimbook-statements.{self.format}"


class PretaggerModelState(models.TextChoices):
    QUEUED = "queued", _("queued")
    TRAINING = "training", _("training")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class PretaggerModelQuerySet(models.QuerySet["PretaggerModel"]):
    def active(self) -> "PretaggerModel | None":
        return self.filter(is_active=True).defer("archive").first()


class PretaggerModel(models.Model):
    """One trained version of the learned pre-tagger: how it was trained, how it scored, and its files.

    The files are a gzip'd tar of the spaCy pipeline, kept in the database so that every worker can load
    them. At most one version is active; with none, the pre-tagger is the rules alone.
    """

    State = PretaggerModelState

    version = models.PositiveIntegerField(_("version"), unique=True)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.QUEUED)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    trained_at = models.DateTimeField(_("trained"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    train_articles = models.PositiveIntegerField(
        _("trained on"), default=0, help_text=_("Reviewed articles the model learned from.")
    )
    heldout_articles = models.PositiveIntegerField(
        _("held out"), default=0, help_text=_("Reviewed articles kept back to score it.")
    )
    scores = models.JSONField(
        _("scores"),
        default=dict,
        blank=True,
        help_text=_(
            "On the held-out reviewed articles: this model, the rules alone, and the model active when it was "
            "trained (the rules if none), each {quote_f1, e2e_f1, precision, recall, speaker_acc}."
        ),
    )
    progress = models.JSONField(_("progress"), default=dict, blank=True, help_text=_("Training step and score."))
    error = models.TextField(_("error"), blank=True)
    archive = models.BinaryField(_("model files"), null=True, blank=True, editable=False)
    archive_sha256 = models.CharField(_("files checksum"), max_length=64, blank=True, editable=False)
    is_active = models.BooleanField(_("active"), default=False)
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True)

    objects = PretaggerModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("pre-tagger model")
        verbose_name_plural = _("pre-tagger models")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="pretagger_one_active"),
        ]

    def __str__(self) -> str:
        return f"v{self.version}"

    def score(self, which: str, metric: str = "e2e_f1") -> float | None:
        value = (self.scores.get(which) or {}).get(metric)
        return float(value) if value is not None else None

    @property
    def scores_below_baseline(self) -> bool:
        """It scored below the model that was active when it was trained (the rules if none)."""
        mine, baseline = self.score("model"), self.score("active")
        return mine is not None and baseline is not None and mine < baseline
