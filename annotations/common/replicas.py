"""Reader traffic from read replicas: what readers read (pages, feeds, exports, the API) may come from a
replica database; every write, and everything editors and imports read, goes to the primary.

The replicas are the database aliases in `CLAIMBOOK_READ_REPLICAS` (from `DATABASE_REPLICA_URLS`; none by
default, and then everything uses the primary). A reader view marks its reads with `@replica_reads`; the
router sends the app's reads made inside it to a replica, and nothing else: the session and the user stay on
the primary, so a reader who has just logged in is not taken for anonymous by a lagging replica.
"""

import random
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.db.models import Model
from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase

_reading = ContextVar("claimbook_replica_reads", default=False)

APP_LABEL = "annotations"


def replica_reads[**P](view: Callable[P, HttpResponseBase]) -> Callable[P, HttpResponseBase]:
    """Let the app's reads made while `view` runs come from a read replica (a streamed response's too, made
    while it is sent)."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        token = _reading.set(True)
        try:
            response = view(*args, **kwargs)
        finally:
            _reading.reset(token)
        if isinstance(response, StreamingHttpResponse) and not response.is_async:
            response.streaming_content = _reading_from_replica(cast(Iterator[bytes], response.streaming_content))
        return response

    return wrapper


def _reading_from_replica[T](chunks: Iterable[T]) -> Iterator[T]:
    """The chunks, each made (its queries run) with the reads on a replica."""
    iterator = iter(chunks)
    while True:
        token = _reading.set(True)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            _reading.reset(token)
        yield chunk


class ReplicaRouter:
    """Reads of the app's models inside `@replica_reads` go to a replica; the rest uses Django's default."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        replicas = settings.CLAIMBOOK_READ_REPLICAS
        if replicas and _reading.get() and model._meta.app_label == APP_LABEL:
            return random.choice(replicas)
        return None

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return None

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        return True  # replicas hold the primary's data: objects read from either may be related

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db in settings.CLAIMBOOK_READ_REPLICAS else None
