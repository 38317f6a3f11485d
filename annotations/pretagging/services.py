"""Pre-tagging: run the spaCy quote finder over articles and store its suggestions.

Idempotent by design. Statements an editor has touched (confirmed, rejected, edited or added) are never
changed, and nothing is suggested again where they are. Untouched suggestions from an earlier run are
replaced by this run's, so re-running with a better model refreshes them without duplicates.

Bulk pre-tagging stores a whole `nlp.pipe` batch in one transaction: a handful of queries per batch
plus two or three per article for speakers, which keeps database writes a small part of the run.
"""

import logging
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from spacy.language import Language
from spacy.tokens import Doc

from ..common.bulk import insert_rows
from ..common.segments import spans_of
from ..groups.services import SpeakerHint, speaker_hints
from ..models import Article, Statement
from . import nlp, queue
from .grouping import group_continued_quotes
from .nlp.learned.component import DISAGREEMENT
from .resolution import speakers_resolve

logger = logging.getLogger(__name__)

# An untouched suggestion: what the pre-tagger may replace. Anything else is an editor's.
UNTOUCHED = Q(status=Statement.Status.SUGGESTED, origin=Statement.Origin.MODEL, version=1)


def pipeline() -> Language:
    """The process-wide pipeline (loaded once), from the CLAIMBOOK_SPACY_MODEL setting; with an active trained
    model (learning/), that model's pipeline, loaded once per version."""
    from .learning.loading import active_model_key, pipeline_for

    active = active_model_key()
    if active is not None:
        return pipeline_for(*active)
    return nlp.get_pipeline(settings.CLAIMBOOK_SPACY_MODEL or None)


@dataclass
class PretagOutcome:
    article_id: int
    suggested: int = 0
    kept: int = 0  # statements an editor had already decided on, left alone
    new_speakers: int = 0
    error: str = ""
    skipped: str = ""  # why nothing was stored (another worker holds the article, or it was done meanwhile)

    def __str__(self) -> str:
        if self.skipped:
            return f"article {self.article_id}: skipped: {self.skipped}"
        if self.error:
            return f"article {self.article_id}: failed: {self.error}"
        speakers = ngettext("%(count)d new speaker", "%(count)d new speakers", self.new_speakers)
        return f"article {self.article_id}: {self.suggested} suggested, {self.kept} kept, " + speakers % {
            "count": self.new_speakers
        }


@dataclass
class Extraction:
    """What the pipeline found in one article: plain data, no spaCy objects."""

    article: Article
    candidates: list[nlp.QuoteCandidate]
    speakers: dict[str, dict[str, object]]
    # with a trained model: the share of statements model and rules disagreed on (None for the rules alone)
    uncertainty: float | None = None


def _extraction(article: Article, doc: Doc) -> Extraction:
    return Extraction(article, nlp.extract(doc), nlp.doc_speakers(doc), doc._.get(DISAGREEMENT))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _choose_candidates(
    candidates: list[nlp.QuoteCandidate], body: str, kept: list[tuple[int, int]]
) -> list[nlp.QuoteCandidate]:
    """Surest first: a candidate overlapping an editor's statement or a surer candidate is dropped."""
    taken = list(kept)
    chosen: list[nlp.QuoteCandidate] = []
    for candidate in sorted(candidates, key=lambda c: -c.confidence):
        if candidate.end <= len(body) and not _overlaps(candidate.start, candidate.end, taken):
            taken.append((candidate.start, candidate.end))
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _statements_for(
    extraction: Extraction, kept: list[tuple[int, int]], model_version: str
) -> tuple[list[Statement], int]:
    article = extraction.article
    chosen = _choose_candidates(extraction.candidates, article.body, kept)
    used_names = {c.speaker for c in chosen if c.speaker}
    resolutions = speakers_resolve(
        article_speakers={name: extraction.speakers.get(name) or {"kind": None, "aliases": []} for name in used_names},
        article_text=article.body,
    )
    statements: list[Statement] = []
    for group in group_continued_quotes(chosen, article.body):
        candidate = group[0]  # the first segment carries the attribution
        resolution = resolutions.get(candidate.speaker) if candidate.speaker else None
        statement = Statement(
            article=article,
            kind=candidate.kind,
            cue_text=(candidate.cue_text or "")[:200],
            cue_start=candidate.cue_start,
            cue_end=candidate.cue_end,
            mention_text=(candidate.mention_text or "")[:300],
            mention_start=candidate.mention_start,
            mention_end=candidate.mention_end,
            speaker=resolution.speaker if resolution else None,
            needs_attention=resolution.needs_attention if resolution else "",
            status=Statement.Status.SUGGESTED,
            origin=Statement.Origin.MODEL,
            confidence=round(min(max(min(c.confidence for c in group), 0.0), 1.0), 3),
            model_version=model_version,
            # The reader index's copies of the article's date and outlet (annotations.reader.index).
            published_at=article.published_at,
            published_on=article.published_on,
            outlet_id=article.outlet_id,
        )
        statement.set_spans([(c.start, c.end) for c in group], article.body)
        statements.append(statement)
    return statements, sum(r.created for r in resolutions.values())


def _hints_from_groups(statements: list[Statement]) -> None:
    """Words other articles already reported, confirmed and attributed (annotations.groups): suggest that
    speaker when the article gave none, flag a disagreement when it named another, with the evidence."""
    hints = speaker_hints([(statement.text, statement.article_id) for statement in statements])
    for statement, hint in zip(statements, hints, strict=True):
        _hint_apply(statement, hint)


def _hint_apply(statement: Statement, hint: SpeakerHint | None) -> None:
    if hint is None or hint.speaker_id == statement.speaker_id:
        return
    evidence = ngettext(
        "%(count)d confirmed report of these words names %(name)s (statement %(id)d)",
        "%(count)d confirmed reports of these words name %(name)s (the first: statement %(id)d)",
        hint.reports,
    ) % {"count": hint.reports, "name": hint.speaker_name, "id": hint.statement_id}
    if statement.speaker_id is None:
        statement.speaker_id = hint.speaker_id
        note = _("Speaker suggested from other reports: %(evidence)s.") % {"evidence": evidence}
    else:
        note = _("Other reports name someone else: %(evidence)s.") % {"evidence": evidence}
    statement.needs_attention = "; ".join(part for part in (statement.needs_attention, note) if part)[:300]


@transaction.atomic
def articles_store_suggestions(
    *, extractions: list[Extraction], model_version: str, owner: str | None = None
) -> list[PretagOutcome]:
    """Replace each article's untouched suggestions with the pipeline's, resolving speakers to the registry.

    With an `owner` (a worker's run of queued work), only the articles it still holds a lease on are stored:
    if its lease ran out and the article went to another worker, or was done meanwhile, this run's result is
    dropped, so a request is stored once. Storing ends the request (annotations/pretagging/queue.py).
    """
    # Lock the articles: a concurrent run or an editor's action waits instead of interleaving.
    articles = Article.objects.select_for_update().in_bulk([e.article.pk for e in extractions])
    outcomes: list[PretagOutcome] = []
    if owner is not None:
        for pk, held in list(articles.items()):
            if held.pretag_queued_at is None or held.pretag_lease_owner != owner:
                outcomes.append(PretagOutcome(article_id=pk, skipped="no longer held by this worker"))
                del articles[pk]
    ids = list(articles)
    kept: dict[int, list[tuple[int, int]]] = {pk: [] for pk in ids}  # every segment of the editors' statements
    kept_count: dict[int, int] = dict.fromkeys(ids, 0)
    for article_id, start, end, stored in (
        Statement.objects.filter(article__in=ids).exclude(UNTOUCHED).values_list("article", "start", "end", "segments")
    ):
        kept[article_id] += spans_of(start, end, stored)
        kept_count[article_id] += 1
    Statement.objects.filter(UNTOUCHED, article__in=ids).delete()

    statements: list[Statement] = []
    now = timezone.now()
    for extraction in extractions:
        article = articles.get(extraction.article.pk)
        if article is None:
            continue  # deleted while the pipeline ran
        extraction.article = article
        new, new_speakers = _statements_for(extraction, kept[article.pk], model_version)
        statements += new
        outcomes.append(
            PretagOutcome(
                article_id=article.pk, suggested=len(new), kept=kept_count[article.pk], new_speakers=new_speakers
            )
        )
        if article.status in (Article.Status.NEW, Article.Status.PRETAG_FAILED):
            article.status = Article.Status.PRETAGGED
        article.nlp_model_version, article.pretagged_at, article.pretag_error = model_version, now, ""
        article.model_uncertainty = extraction.uncertainty
        for name, value in queue.released().items():
            setattr(article, name, value)
    _hints_from_groups(statements)
    insert_rows(statements)  # COPY (annotations/bulk.py): about a third of bulk_create's time
    Article.objects.bulk_update(
        articles.values(),
        ["status", "nlp_model_version", "pretagged_at", "pretag_error", "model_uncertainty", *queue.released()],
        batch_size=500,
    )
    return outcomes


def article_mark_failed(*, article_id: int, error: BaseException, owner: str | None = None) -> PretagOutcome:
    """Record why pre-tagging failed, for the admin to see; the article's statements are left as they were.

    The pipeline's failures are the article's (its text), so the request ends here; the admin queues it again.
    """
    message = "".join(traceback.format_exception_only(error)).strip()[:2000]
    logger.error("Pre-tagging article %s failed: %s", article_id, message)
    articles = Article.objects.filter(pk=article_id)
    if owner is not None:
        articles = articles.filter(pretag_lease_owner=owner)
    articles.update(status=Article.Status.PRETAG_FAILED, pretag_error=message, **queue.released())
    return PretagOutcome(article_id=article_id, error=message)


def article_pretag(*, article: Article, owner: str | None = None) -> PretagOutcome:
    """Pre-tag one article (the background task's work; `owner`: the worker holding its lease)."""
    language = pipeline()
    try:
        # Strings spaCy interns for this text are freed afterwards: a long-running worker stays small.
        with language.memory_zone():
            doc = language(article.body)
            extraction = _extraction(article, doc)
    except Exception as error:  # any failure inside the pipeline: record it, never lose the article
        return article_mark_failed(article_id=article.pk, error=error, owner=owner)
    [outcome] = articles_store_suggestions(
        extractions=[extraction], model_version=nlp.pipeline_version(language), owner=owner
    )
    return outcome


# Articles per nlp.pipe batch: small batches bound a worker's memory at no cost in speed (docs/benchmarks.md).
DEFAULT_BATCH_SIZE = 8


def articles_pretag(
    *, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH_SIZE, owner: str | None = None
) -> Iterator[PretagOutcome]:
    """Pre-tag many articles through `nlp.pipe` in batches; yields one outcome per article.

    A batch the pipeline fails on is re-run article by article, so one bad article is marked failed
    and the rest go on.
    """
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _pretag_batch(batch, owner)
            batch = []
    if batch:
        yield from _pretag_batch(batch, owner)


def _pretag_batch(batch: list[Article], owner: str | None) -> Iterator[PretagOutcome]:
    language = pipeline()
    extractions: list[Extraction] = []
    failures: list[tuple[Article, Exception]] = []
    try:
        # Docs live only inside the memory zone; what leaves it is plain data (Extraction).
        with language.memory_zone():
            for doc, article in language.pipe(((a.body, a) for a in batch), as_tuples=True, batch_size=len(batch)):
                try:
                    extractions.append(_extraction(article, doc))
                except Exception as error:
                    failures.append((article, error))
    except Exception:
        # Find the one that breaks the batch.
        yield from (article_pretag(article=article, owner=owner) for article in batch)
        return
    for article, failure in failures:
        yield article_mark_failed(article_id=article.pk, error=failure, owner=owner)
    yield from articles_store_suggestions(
        extractions=extractions, model_version=nlp.pipeline_version(language), owner=owner
    )
