"""Pre-tagging as a queue kept on the articles themselves: what is asked for, who is working on it, until when.

The task queue (django.tasks: the database backend, or Celery on Redis) only carries wake-up calls: "pre-tag
these articles". The truth is on `Article`:

- `pretag_queued_at` is set when pre-tagging is asked for and cleared, in the transaction that stores the
  result, by the run that did it. A message delivered twice, or a task run again after it finished, finds
  nothing queued and does nothing: each request is carried out once.
- A worker *claims* an article (a lease: `pretag_lease_owner`, `pretag_lease_expires`) before running the
  pipeline, renews the lease while it works (`lease_kept`, a heartbeat thread), and stores its result only if
  it still holds the lease. Two workers never both store a run of one request.
- A worker that dies (`kill -9`, a lost machine) stops renewing; once its lease has expired,
  `leases_release_expired` hands the article back and the caller queues it again. An article whose claims keep
  dying (`CLAIMBOOK_PRETAG_MAX_ATTEMPTS`) is marked failed instead, so one poison article cannot take workers
  down forever; the admin lists it and can queue it again.
"""

import logging
import os
import socket
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from ..models import Article

logger = logging.getLogger(__name__)

# Set by the worker command at start (its worker id); otherwise the host name. The process id makes it unique.
WORKER_NAME: str = ""


def worker_owner() -> str:
    """This process's name on the leases it takes: "<worker id or host>/<pid>"."""
    return f"{WORKER_NAME or socket.gethostname()}/{os.getpid()}"[:200]


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.CLAIMBOOK_PRETAG_LEASE_SECONDS)


def queued() -> "QuerySet[Article]":
    return Article.objects.filter(pretag_queued_at__isnull=False)


def free_to_claim(now: datetime) -> Q:
    return Q(pretag_lease_expires__isnull=True) | Q(pretag_lease_expires__lt=now)


def articles_queue(*, article_ids: Sequence[int]) -> int:
    """Ask for pre-tagging of these articles (the caller sends the task). Returns how many exist."""
    return Article.objects.filter(pk__in=article_ids).update(pretag_queued_at=timezone.now(), pretag_attempts=0)


@dataclass
class Claim:
    owner: str
    article_ids: list[int] = field(default_factory=list)
    given_up: list[int] = field(default_factory=list)  # claimed too often without a result: marked failed


@transaction.atomic
def articles_claim(*, article_ids: Sequence[int], owner: str) -> Claim:
    """Take a lease on those of `article_ids` that are queued and that no live worker holds."""
    now = timezone.now()
    claim = Claim(owner=owner)
    rows = (
        queued()
        .filter(free_to_claim(now), pk__in=article_ids)
        .select_for_update(skip_locked=True)
        .order_by("pk")
        .values_list("pk", "pretag_attempts")
    )
    for pk, attempts in rows:
        if attempts >= settings.CLAIMBOOK_PRETAG_MAX_ATTEMPTS:
            claim.given_up.append(pk)
        else:
            claim.article_ids.append(pk)
    if claim.given_up:
        logger.error("Pre-tagging gave up on articles %s: every run so far died", claim.given_up)
        Article.objects.filter(pk__in=claim.given_up).update(
            status=Article.Status.PRETAG_FAILED,
            pretag_error=f"Gave up after {settings.CLAIMBOOK_PRETAG_MAX_ATTEMPTS} runs that never finished "
            "(the worker died or lost the database each time).",
            **released(),
        )
    if claim.article_ids:
        Article.objects.filter(pk__in=claim.article_ids).update(
            pretag_lease_owner=owner,
            pretag_lease_expires=now + lease_duration(),
            pretag_attempts=F("pretag_attempts") + 1,
        )
    return claim


def released() -> dict[str, object]:
    """The fields of an article nobody needs to pre-tag any more."""
    return {"pretag_queued_at": None, "pretag_lease_owner": "", "pretag_lease_expires": None, "pretag_attempts": 0}


@transaction.atomic
def leases_renew(*, article_ids: Sequence[int], owner: str) -> int:
    """Push the lease of the articles `owner` still holds further into the future (the heartbeat).

    Never waits long for a row another transaction holds (the worker's own store, an editor's action): the
    beat is skipped and the next one tries again.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
    return (
        queued()
        .filter(pk__in=article_ids, pretag_lease_owner=owner)
        .update(pretag_lease_expires=timezone.now() + lease_duration())
    )


@contextmanager
def lease_kept(*, article_ids: Sequence[int], owner: str) -> Iterator[None]:
    """Renew the lease on `article_ids` every third of its duration while the block runs (a heartbeat thread).

    A database that is briefly away only delays a beat: the thread logs, reconnects and tries again.
    """
    stop = threading.Event()
    every = max(lease_duration().total_seconds() / 3, 0.05)

    def beat() -> None:
        try:
            while not stop.wait(every):
                try:
                    leases_renew(article_ids=article_ids, owner=owner)
                except Exception:  # the database went away: the next beat reconnects
                    logger.warning("Could not renew the pre-tagging lease of %s", owner, exc_info=True)
                    close_old_connections()
                    connection.close()
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"pretag-lease-{owner}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)  # a beat stuck on the network must not hold the worker


@dataclass
class Released:
    """Articles handed back to the queue, and the workers whose leases ran out."""

    expired: list[int] = field(default_factory=list)
    unclaimed: list[int] = field(default_factory=list)
    dead_owners: set[str] = field(default_factory=set)

    @property
    def article_ids(self) -> list[int]:
        return self.expired + self.unclaimed


@transaction.atomic
def leases_release_expired(*, now: datetime | None = None, limit: int = 10_000) -> Released:
    """Hand back articles whose worker stopped renewing its lease, and those queued long ago that no worker took.

    The second kind covers a wake-up call that was lost (a queue emptied by hand, a broker that lost its data):
    each is reported again at most once per `CLAIMBOOK_PRETAG_UNCLAIMED_SECONDS`. The caller queues them.
    """
    now = now or timezone.now()
    released_now = Released()
    expired = queued().filter(pretag_lease_expires__lt=now).select_for_update(skip_locked=True).order_by("pk")
    for pk, owner in expired.values_list("pk", "pretag_lease_owner")[:limit]:
        released_now.expired.append(pk)
        released_now.dead_owners.add(owner)
    if released_now.expired:
        Article.objects.filter(pk__in=released_now.expired).update(pretag_lease_owner="", pretag_lease_expires=None)
    forgotten = (
        queued()
        .filter(
            pretag_lease_expires__isnull=True,
            pretag_queued_at__lt=now - timedelta(seconds=settings.CLAIMBOOK_PRETAG_UNCLAIMED_SECONDS),
        )
        .select_for_update(skip_locked=True)
        .order_by("pk")
    )
    released_now.unclaimed = list(forgotten.values_list("pk", flat=True)[:limit])
    if released_now.unclaimed:
        Article.objects.filter(pk__in=released_now.unclaimed).update(pretag_queued_at=now)
    if released_now.article_ids:
        logger.warning(
            "Queued pre-tagging again: %d articles whose worker died (%s), %d never taken",
            len(released_now.expired),
            ", ".join(sorted(released_now.dead_owners)),
            len(released_now.unclaimed),
        )
    return released_now


def stuck(*, now: datetime | None = None) -> Q:
    """Queued articles that are not moving: a lease that ran out, or never taken for a long time."""
    now = now or timezone.now()
    return Q(pretag_queued_at__isnull=False) & (
        Q(pretag_lease_expires__lt=now)
        | Q(
            pretag_lease_expires__isnull=True,
            pretag_queued_at__lt=now - timedelta(seconds=settings.CLAIMBOOK_PRETAG_UNCLAIMED_SECONDS),
        )
    )


def articles_queue_all(*, skip_version: str | None, chunk_size: int = 1000) -> Iterator[list[int]]:
    """Queue every article for pre-tagging, `chunk_size` at a time, each chunk in its own short transaction.

    Articles already pre-tagged at `skip_version` and not queued are left out (None: queue them all). Yields
    each chunk's ids for the caller to send; stopping half-way loses nothing, and running it again resumes:
    finished articles are skipped, and a wake-up call for an article done meanwhile is a no-op.
    """
    after = 0
    while True:
        articles = Article.objects.filter(pk__gt=after).order_by("pk")
        if skip_version is not None:
            articles = articles.exclude(
                pretag_queued_at__isnull=True, pretagged_at__isnull=False, nlp_model_version=skip_version
            )
        ids = list(articles.values_list("pk", flat=True)[:chunk_size])
        if not ids:
            return
        with transaction.atomic():
            Article.objects.filter(pk__in=ids, pretag_queued_at__isnull=True).update(
                pretag_queued_at=timezone.now(), pretag_attempts=0
            )
        yield ids
        after = ids[-1]


@dataclass
class QueueState:
    queued: int
    running: int
    stuck: int
    failed: int


def queue_state() -> QueueState:
    """Counts for progress and monitoring: queued (running included), running, stuck, failed."""
    from django.db.models import Count

    now = timezone.now()
    counts = Article.objects.aggregate(
        queued=Count("pk", filter=Q(pretag_queued_at__isnull=False)),
        running=Count("pk", filter=Q(pretag_queued_at__isnull=False, pretag_lease_expires__gte=now)),
        stuck=Count("pk", filter=stuck(now=now)),
        failed=Count("pk", filter=Q(status=Article.Status.PRETAG_FAILED)),
    )
    return QueueState(**counts)
