"""Background work, run by `manage.py db_worker` (django.tasks with the django-tasks-db backend) or by Celery
workers (settings: CLAIMBOOK_TASK_BROKER_URL).

The tasks are wake-up calls; what is to be done is recorded on the articles (annotations/pretagging/queue.py).
A task delivered twice, or run after another worker did the work, finds nothing to do.

Pre-tagging runs on the "default" queue, training on "training". Exports and confirmed admin imports run on
CLAIMBOOK_BULK_QUEUE: "default" unless set, so one worker does everything; a separate queue (and worker) keeps
a long export from delaying pre-tagging.
"""

import logging
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.tasks import task

logger = logging.getLogger(__name__)

# Articles per batch task when many are queued at once (an nlp.pipe batch each, one transaction each).
QUEUE_BATCH_SIZE = 8


@task
def pretag_article(article_id: int) -> str:
    """Pre-tag one queued article: find its statements and suggest them to editors."""
    return "; ".join(_pretag_claimed([article_id]))


@task
def pretag_batch(article_ids: list[int]) -> str:
    """Pre-tag the queued articles among `article_ids` in one nlp.pipe batch."""
    results = _pretag_claimed(article_ids)
    return f"{len(results)} of {len(article_ids)} articles: " + "; ".join(results)


def _pretag_claimed(article_ids: Sequence[int]) -> list[str]:
    from .models import Article
    from .pretagging import queue
    from .pretagging.services import articles_pretag

    owner = queue.worker_owner()
    claim = queue.articles_claim(article_ids=article_ids, owner=owner)
    results = [f"article {pk}: failed: gave up after repeated deaths" for pk in claim.given_up]
    if not claim.article_ids:
        return results or [f"articles {', '.join(map(str, article_ids))}: nothing queued or held elsewhere"]
    articles = Article.objects.filter(pk__in=claim.article_ids).only("id", "body", "status").order_by("pk")
    with queue.lease_kept(article_ids=claim.article_ids, owner=owner):
        results += [str(outcome) for outcome in articles_pretag(articles=articles, owner=owner)]
    return results


def queue_pretag(*, article_id: int) -> None:
    """Queue pre-tagging of one article; the task is sent once the surrounding transaction has committed."""
    queue_pretag_many(article_ids=[article_id])


def queue_pretag_many(*, article_ids: Sequence[int]) -> int:
    """Queue pre-tagging of these articles: recorded now, tasks sent (in batches) once the transaction commits."""
    from .pretagging import queue

    count = queue.articles_queue(article_ids=article_ids)
    ids = list(article_ids)
    transaction.on_commit(lambda: send_pretag_tasks(article_ids=ids))
    return count


def send_pretag_tasks(*, article_ids: Sequence[int], batch_size: int = QUEUE_BATCH_SIZE) -> None:
    """Send the wake-up calls for queued articles: one task for one article, batch tasks for more."""
    if len(article_ids) == 1:
        pretag_article.enqueue(article_ids[0])
        return
    for start in range(0, len(article_ids), batch_size):
        pretag_batch.enqueue(list(article_ids[start : start + batch_size]))


def requeue_stale() -> int:
    """Queue again the articles whose worker died (lease expired) or that no worker ever took.

    Run by every db_worker every CLAIMBOOK_PRETAG_SWEEP_SECONDS, and by `manage.py pretag_sweep` beside Celery
    workers. Task results the dead workers left RUNNING in django-tasks-db's table are marked failed.
    """
    from .pretagging import queue

    released = queue.leases_release_expired()
    if released.dead_owners:
        _fail_abandoned_db_tasks(released.dead_owners)
    if released.article_ids:
        send_pretag_tasks(article_ids=released.article_ids)
    return len(released.article_ids)


class WorkerLost(Exception):
    """The worker running this task stopped renewing its lease (killed, or cut off from the database)."""


def _fail_abandoned_db_tasks(dead_owners: set[str]) -> None:
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    worker_ids = {owner.rsplit("/", 1)[0] for owner in dead_owners}
    for result in DBTaskResult.objects.running().filter(task_path__startswith=f"{__name__}."):
        if result.worker_ids and result.worker_ids[-1] in worker_ids:
            logger.warning("Task %s was abandoned by worker %s", result.id, result.worker_ids[-1])
            result.set_failed(WorkerLost(f"worker {result.worker_ids[-1]} stopped renewing its lease"))


@task(queue_name="training")
def train_pretagger(model_id: int) -> str:
    """Train one pre-tagger model version from the reviewed articles (its own queue: pre-tagging goes on)."""
    from .models import PretaggerModel
    from .pretagging.learning.services import pretagger_model_train

    model = PretaggerModel.objects.filter(pk=model_id).first()
    if model is None:
        return f"model {model_id}: gone"
    model = pretagger_model_train(model=model)
    return f"v{model.version}: {model.state}"


@task(queue_name=settings.CLAIMBOOK_BULK_QUEUE)
def export_statements(export_id: str) -> str:
    """Write a reader's export of a search to the configured storage."""
    from .reader.exports import export_run

    return export_run(export_id=export_id)


def queue_export(*, export_id: str) -> None:
    transaction.on_commit(lambda: export_statements.enqueue(export_id))


@task(queue_name=settings.CLAIMBOOK_BULK_QUEUE)
def import_batch_store(batch_id: int) -> str:
    """Store a confirmed admin import (all its new rows, in one transaction)."""
    from .importing.services import import_batch_run

    return import_batch_run(batch_id=batch_id)


def queue_import(*, batch_id: int) -> None:
    transaction.on_commit(lambda: import_batch_store.enqueue(batch_id))
