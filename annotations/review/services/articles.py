"""Actions on a whole article: confirm every suggestion at or above a confidence in one action
(`article_confirm_above`, undone as one), and mark the article reviewed once no suggestion is left
(`article_mark_reviewed`, which also releases the review lock)."""

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...models import Article, Speaker, Statement, StatementEvent
from ...reader.index import reader_index_values
from .history import Action, _event, describe_change, record, snapshot
from .locks import claim


@dataclass
class ConfirmAboveResult:
    confirmed: list[Statement]
    without_speaker: int


@transaction.atomic
def article_confirm_above(*, article: Article, editor: User, threshold: float) -> ConfirmAboveResult:
    """Confirm every suggestion of the article whose confidence is at least `threshold` (0–1), in one action.

    Suggestions without a speaker are left for the editor and counted. Undo reverts them all at once.
    """
    if not 0 <= threshold <= 1:
        raise ValidationError(_("The confidence must be between 0 and 100 %."), code="bad_threshold")
    now = timezone.now()
    claim(article_id=article.pk, editor=editor, now=now)
    candidates = list(
        Statement.objects.select_for_update()
        .filter(article=article, status=Statement.Status.SUGGESTED, confidence__gte=threshold)
        .order_by("start", "pk")
    )
    ready = [row for row in candidates if row.speaker_id is not None]
    speakers = Speaker.objects.in_bulk({row.speaker_id for row in ready})  # a handful, not one per statement
    for row in ready:
        row.speaker = speakers[row.speaker_id]
    befores = {row.pk: snapshot(row) for row in ready}
    if ready:
        Statement.objects.filter(pk__in=[row.pk for row in ready]).update(
            status=Statement.Status.CONFIRMED,
            reviewed_by=editor,
            reviewed_at=now,
            version=F("version") + 1,
            updated_at=now,
            **reader_index_values(),  # readers find them at once, without a second pass over the rows
        )
    action_id = uuid.uuid4()
    events = []
    summary = None  # the same for every statement: computed once
    for row in ready:
        row.status, row.reviewed_by, row.reviewed_at, row.version = (
            Statement.Status.CONFIRMED,
            editor,
            now,
            row.version + 1,
        )
        after = {**befores[row.pk], "status": row.status, "reviewed_by_id": editor.pk, "version": row.version}
        after["reviewed_at"] = now.isoformat()
        summary = summary if summary is not None else describe_change(befores[row.pk], after)
        events.append(
            _event(
                action=Action.CONFIRM,
                action_id=action_id,
                statement=row,
                article_id=article.pk,
                editor=editor,
                before=befores[row.pk],
                after=after,
                summary=summary,
            )
        )
    record(events, indexed=True)
    return ConfirmAboveResult(confirmed=ready, without_speaker=len(candidates) - len(ready))


@transaction.atomic
def article_mark_reviewed(*, article: Article, editor: User) -> Article:
    """Mark the article reviewed (only when no suggestion is left) and release the review lock."""
    now = timezone.now()
    claim(article_id=article.pk, editor=editor, now=now, reopen=False)
    open_count = Statement.objects.filter(article=article, status=Statement.Status.SUGGESTED).count()
    if open_count:
        raise ValidationError(
            ngettext(
                "%(count)d suggestion is still open: confirm or reject it first.",
                "%(count)d suggestions are still open: confirm or reject them first.",
                open_count,
            )
            % {"count": open_count},
            code="suggestions_left",
        )
    previous = Article.objects.values_list("status", flat=True).get(pk=article.pk)
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.REVIEWED, reviewing_by=None, reviewing_since=None
    )
    article.status, article.reviewing_by, article.reviewing_since = Article.Status.REVIEWED, None, None
    record(
        [
            StatementEvent(
                article=article,
                editor=editor,
                action=Action.ARTICLE_REVIEWED,
                action_id=uuid.uuid4(),
                before={"article_status": previous},
                after={"article_status": Article.Status.REVIEWED},
                summary=_("marked reviewed"),
            )
        ]
    )
    return article
