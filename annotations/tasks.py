"""Background work, run by `manage.py db_worker` (django.tasks with the django-tasks-db backend).

Pre-tagging runs on the "default" queue. Exports and confirmed admin imports run on CLAIMBOOK_BULK_QUEUE:
"default" unless set, so one worker does everything; a separate queue (and worker) keeps a long export from
delaying pre-tagging.
"""

from django.conf import settings
from django.db import transaction
from django.tasks import task


@task
def pretag_article(article_id: int) -> str:
    """Pre-tag one article: find its statements and suggest them to editors."""
    from .pretagging.services import article_pretag_by_id

    return article_pretag_by_id(article_id=article_id)


def queue_pretag(*, article_id: int) -> None:
    """Queue pre-tagging once the surrounding transaction has committed (the worker must see the article)."""
    transaction.on_commit(lambda: pretag_article.enqueue(article_id))


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
