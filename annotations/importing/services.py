"""Importing articles: preview what would happen, then commit the valid rows in one transaction."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import ngettext

from ..common.progress import progress_writer
from ..models import Article, ImportBatch, JobState, Outlet, content_hash
from .readers import ArticleDraft, ReadProblem, ReadResult

logger = logging.getLogger(__name__)

Outcome = Literal["new", "duplicate", "error"]
Progress = Callable[[int], None]  # called with the number of rows handled so far
PROGRESS_EVERY = 500


@dataclass
class PreviewRow:
    """One line of the preview: what importing this row or file would do, and why."""

    where: str
    outcome: Outcome
    message: str = ""
    draft: ArticleDraft | None = None
    existing: Article | None = None


@dataclass
class ImportSummary:
    created: list[Article]
    duplicates: int
    errors: int
    # Rows the database refused when they were stored (the readers' problems are in the preview already).
    problems: list[ReadProblem] = field(default_factory=list)

    def __str__(self) -> str:
        created = ngettext("%(count)d created", "%(count)d created", len(self.created)) % {"count": len(self.created)}
        duplicates = ngettext("%(count)d duplicate", "%(count)d duplicates", self.duplicates) % {
            "count": self.duplicates
        }
        errors = ngettext("%(count)d error", "%(count)d errors", self.errors) % {"count": self.errors}
        return f"{created}, {duplicates}, {errors}"


def _refusal(error: ValidationError) -> str:
    return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())


def import_preview(*, read: ReadResult) -> list[PreviewRow]:
    """Classify every draft as new or duplicate (of a stored article or of an earlier row), plus the errors.

    Duplicates are recognised by canonical URL or by content hash, against the database and within the input.
    """
    urls = {draft.url for draft in read.drafts if draft.url}
    hashes = {content_hash(draft.body) for draft in read.drafts}
    stored = Article.objects.filter(Q(url__in=urls) | Q(content_hash__in=hashes)).only(
        "id", "title", "url", "content_hash"
    )
    by_url = {article.url: article for article in stored if article.url}
    by_hash = {article.content_hash: article for article in stored}

    rows: list[PreviewRow] = []
    seen_urls: dict[str, str] = {}
    seen_hashes: dict[str, str] = {}
    for draft in read.drafts:
        digest = content_hash(draft.body)
        existing = by_url.get(draft.url) if draft.url else None
        if existing is None:
            existing = by_hash.get(digest)
        if existing is not None:
            same = "address" if draft.url and existing.url == draft.url else "text"
            rows.append(
                PreviewRow(
                    draft.source, "duplicate", f"same {same} as the stored article “{existing.title}”", draft, existing
                )
            )
            continue
        earlier = seen_urls.get(draft.url) if draft.url else None
        earlier = earlier or seen_hashes.get(digest)
        if earlier:
            rows.append(PreviewRow(draft.source, "duplicate", f"same article as {earlier} of this import", draft))
            continue
        if draft.url:
            seen_urls[draft.url] = draft.source
        seen_hashes[digest] = draft.source
        rows.append(PreviewRow(draft.source, "new", "", draft))
    rows += [PreviewRow(problem.where, "error", problem.message) for problem in read.problems]
    return rows


def import_batch_create(*, read: ReadResult, sources: list[str], user: User | None) -> ImportBatch:
    """Keep what was read until the admin confirms the preview (the upload itself is not kept)."""
    return ImportBatch.objects.create(
        created_by=user,
        sources=", ".join(sources),
        drafts=[draft.to_json() for draft in read.drafts],
    )


def outlet_for(*, name: str, url: str, cache: dict[str, Outlet]) -> Outlet | None:
    """The outlet named in the row (created if new), else the one whose domain the URL is on."""
    if name:
        key = name.casefold()
        if key not in cache:
            outlet = Outlet.objects.filter(name__iexact=name).first()
            if outlet is None:
                outlet = Outlet(name=name, slug=_unique_outlet_slug(name))
                outlet.full_clean()
                outlet.save()
            cache[key] = outlet
        return cache[key]
    if url:
        host = urlsplit(url).hostname or ""
        candidates = {host, host.removeprefix("www.")}
        return Outlet.objects.filter(domain__in=[c for c in candidates if c]).first()
    return None


def _unique_outlet_slug(name: str) -> str:
    base = slugify(name)[:190] or "outlet"
    slug, number = base, 2
    while Outlet.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def articles_import(*, read: ReadResult, user: User | None, progress: Progress | None = None) -> ImportSummary:
    """Store every new article of `read` in one transaction and queue each for pre-tagging.

    Duplicates are skipped (never stored twice, even when another import raced this one); a row the model
    or the database refuses is reported with where it came from and skipped, the good rows are kept; an
    unexpected failure rolls the whole import back, so nothing is ever half-written.
    """
    from ..tasks import queue_pretag_many

    rows = import_preview(read=read)
    created: list[Article] = []
    refused: list[ReadProblem] = []
    duplicates = sum(row.outcome == "duplicate" for row in rows)
    outlets: dict[str, Outlet] = {}
    for number, row in enumerate(rows, start=1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number)
        if row.outcome != "new":
            continue
        draft = row.draft
        assert draft is not None, "import_preview gives every new row its draft"
        article = Article(
            title=draft.title,
            body=draft.body,
            url=draft.url,
            byline=draft.byline,
            published_at=draft.published_at,
            published_offset=draft.published_offset,
            published_has_time=not draft.published_date_only,
            imported_by=user if user is not None and user.is_authenticated else None,
            import_source=draft.source[:500],
        )
        try:
            article.full_clean(exclude=["content_hash", "outlet"], validate_constraints=False)
        except ValidationError as error:
            refused.append(ReadProblem(draft.source, _refusal(error)))
            continue
        article.outlet = outlet_for(name=draft.outlet, url=draft.url, cache=outlets)  # only for rows that pass
        try:
            with transaction.atomic():  # a savepoint: a concurrent import of the same article is a duplicate
                article.save()
        except IntegrityError:
            duplicates += 1
            continue
        except DataError as error:  # what the model's checks cannot see: the database's own limits
            refused.append(ReadProblem(draft.source, f"the database refused this row ({str(error).strip()[:200]})"))
            continue
        created.append(article)
    queue_pretag_many(article_ids=[article.pk for article in created])
    errors = sum(row.outcome == "error" for row in rows) + len(refused)
    return ImportSummary(created=created, duplicates=duplicates, errors=errors, problems=refused)


@transaction.atomic
def import_batch_commit(
    *, batch: ImportBatch, user: User | None, progress: Progress | None = None, lock_row: bool = True
) -> ImportSummary:
    """Import a previewed batch once; a second confirmation (double click, back button) imports nothing.

    `lock_row=False` leaves the batch's row unlocked, so that progress can be written to it meanwhile; two
    runs at once still store each article once (the database's unique URL and content hash).
    """
    batches = ImportBatch.objects.select_for_update() if lock_row else ImportBatch.objects.all()
    batch = batches.get(pk=batch.pk)
    if batch.committed_at is not None:
        return ImportSummary(created=[], duplicates=0, errors=0)
    read = ReadResult(drafts=[ArticleDraft.from_json(data) for data in batch.drafts])
    summary = articles_import(read=read, user=user, progress=progress)
    batch.committed_at = timezone.now()
    batch.summary = str(summary)[:300]
    batch.drafts = []  # the articles are stored now; keep the record, drop the copy
    batch.state = JobState.DONE
    batch.rows_done = batch.rows_total
    batch.problems = [{"where": p.where, "message": p.message} for p in summary.problems]
    batch.save(update_fields=["committed_at", "summary", "drafts", "state", "rows_done", "problems"])
    return summary


@transaction.atomic
def import_batch_queue(*, batch: ImportBatch) -> bool:
    """Confirm a previewed import: it is stored by a background task. False if it was confirmed already."""
    from ..tasks import queue_import

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.committed_at is not None or batch.state != JobState.PREVIEWED:
        return False
    batch.state = JobState.QUEUED
    batch.rows_total = len(batch.drafts)
    batch.rows_done = 0
    batch.save(update_fields=["state", "rows_total", "rows_done"])
    queue_import(batch_id=batch.pk)
    return True


def import_batch_run(*, batch_id: int) -> str:
    """Store a confirmed import (the worker's task): all its new rows in one transaction, or none of them.

    Rows the model or the database refuse are kept as line-numbered problems and the good rows are stored (as
    in the preview); any other failure rolls everything back and marks the import failed, with the reason.
    Progress (rows handled) is written on a connection of its own, so the admin sees it while the import's
    transaction is still open (PostgreSQL; on SQLite the import shows "running" until it is done).
    """
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return "no such import"
    if batch.committed_at is not None:
        return "already imported"
    ImportBatch.objects.filter(pk=batch_id).update(state=JobState.RUNNING, rows_done=0)
    with progress_writer(ImportBatch, batch_id) as progress:
        try:
            summary = import_batch_commit(batch=batch, user=batch.created_by, progress=progress, lock_row=False)
        except Exception as error:
            logger.exception("Import %s failed", batch_id)
            ImportBatch.objects.filter(pk=batch_id).update(
                state=JobState.FAILED,
                rows_done=0,
                summary=f"Nothing was imported: {type(error).__name__}: {error}"[:300],
            )
            raise
    return str(summary)


__all__ = [
    "ImportSummary",
    "PreviewRow",
    "ReadProblem",
    "articles_import",
    "import_batch_commit",
    "import_batch_queue",
    "import_batch_run",
    "import_preview",
]
