"""The review lock: one editor at a time reviews an article (`Article.reviewing_by/_since`). Opening the
page and every write claim the article (`claim`: it is free, the editor's, or idle for longer than
`CLAIMBOOK_REVIEW_LOCK_MINUTES`; else `ArticleLocked`), which also moves a pre-tagged article into review.
Also here: reading the lock, keeping it alive, taking it over, releasing it."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from ...models import Article
from .errors import ArticleLocked


@dataclass
class ReviewLock:
    """Who holds an article's review lock, as seen by `viewer`."""

    holder: User | None
    since: datetime | None
    mine: bool

    @property
    def held_by_other(self) -> bool:
        return self.holder is not None and not self.mine


def lock_timeout() -> timedelta:
    return timedelta(minutes=settings.CLAIMBOOK_REVIEW_LOCK_MINUTES)


def _claimable(editor: User, now: datetime) -> Q:
    return (
        Q(reviewing_by__isnull=True)
        | Q(reviewing_by=editor)
        | Q(reviewing_since__isnull=True)
        | Q(reviewing_since__lt=now - lock_timeout())
    )


def _status_on_claim(*, reopen: bool) -> Case:
    whens = [When(status=Article.Status.PRETAGGED, then=Value(Article.Status.IN_REVIEW))]
    if reopen:  # a change to a reviewed article puts it back in review
        whens.append(When(status=Article.Status.REVIEWED, then=Value(Article.Status.IN_REVIEW)))
    return Case(*whens, default=F("status"))


def claim(*, article_id: int, editor: User, now: datetime, reopen: bool = True) -> None:
    """Claim the article for `editor` (one UPDATE) or raise ArticleLocked; refreshes the lock's activity."""
    claimed = (
        Article.objects.filter(pk=article_id)
        .filter(_claimable(editor, now))
        .update(reviewing_by=editor, reviewing_since=now, status=_status_on_claim(reopen=reopen))
    )
    if not claimed:
        article = Article.objects.select_related("reviewing_by").get(pk=article_id)
        raise ArticleLocked(holder=article.reviewing_by, since=article.reviewing_since)


def article_review_open(*, article: Article, editor: User) -> ReviewLock:
    """Opening the review page: claim the article if it is free, the editor's, or idle; else report the holder.

    A pre-tagged article moves into review. Returns the lock as the editor now sees it.
    """
    now = timezone.now()
    claimed = (
        Article.objects.filter(pk=article.pk)
        .filter(_claimable(editor, now))
        .update(reviewing_by=editor, reviewing_since=now, status=_status_on_claim(reopen=False))
    )
    if claimed:
        article.refresh_from_db(fields=["status", "reviewing_by", "reviewing_since"])
        return ReviewLock(holder=editor, since=now, mine=True)
    article.refresh_from_db(fields=["status", "reviewing_by", "reviewing_since"])
    return ReviewLock(holder=article.reviewing_by, since=article.reviewing_since, mine=False)


def article_review_lock(*, article: Article, viewer: User, now: datetime | None = None) -> ReviewLock:
    """Read-only view of the lock (expired locks count as free). Uses the already-loaded article."""
    now = now or timezone.now()
    holder, since = article.reviewing_by, article.reviewing_since
    if holder is None or since is None or since < now - lock_timeout():
        return ReviewLock(holder=None, since=None, mine=False)
    return ReviewLock(holder=holder, since=since, mine=holder.pk == viewer.pk)


def article_review_touch(*, article: Article, editor: User) -> None:
    """Keep the editor's lock alive while they navigate (no effect if someone else holds it)."""
    Article.objects.filter(pk=article.pk, reviewing_by=editor).update(reviewing_since=timezone.now())


@transaction.atomic
def article_review_take_over(*, article: Article, editor: User) -> None:
    """Take the article over from whoever holds it (an explicit choice of the editor)."""
    Article.objects.filter(pk=article.pk).update(
        reviewing_by=editor, reviewing_since=timezone.now(), status=_status_on_claim(reopen=False)
    )


def article_review_release(*, article: Article, editor: User) -> None:
    """Stop reviewing: free the article if the editor holds it."""
    Article.objects.filter(pk=article.pk, reviewing_by=editor).update(reviewing_by=None, reviewing_since=None)
