"""GET /healthz: database, queue lag and the pre-tagging version, for load balancers and monitoring."""

from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from annotations.tasks import pretag_article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_healthy_site_answers_200_ok_with_no_log_in_and_no_caching(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"] == {"ok": True, "error": None}
    assert data["queue"]["ready_tasks"] == 0 and data["queue"]["oldest_ready_age_seconds"] == 0


def test_it_gives_the_pretagging_version_the_workers_last_used(client):
    ArticleFactory(nlp_model_version="core_web_sm-3.8.0+claimbook_quotes-4")
    ArticleFactory(nlp_model_version="core_web_sm-3.8.0+claimbook_quotes-5")
    ArticleFactory(nlp_model_version="")
    pretagging = client.get("/healthz").json()["pretagging"]
    assert pretagging["latest_pipeline_version"] == "core_web_sm-3.8.0+claimbook_quotes-5"
    assert pretagging["model"] and pretagging["model_version"]


def test_queue_lag_is_the_age_of_the_oldest_ready_task(client):
    pretag_article.enqueue(1)
    pretag_article.enqueue(2)
    DBTaskResult.objects.filter(args_kwargs__args=[1]).update(enqueued_at=timezone.now() - timedelta(seconds=120))
    queue = client.get("/healthz").json()["queue"]
    assert queue["ready_tasks"] == 2
    assert 119 <= queue["oldest_ready_age_seconds"] <= 125
    assert queue["ok"] is True


def test_workers_far_behind_make_it_degraded_but_still_200(client, settings):
    settings.CLAIMBOOK_HEALTH_MAX_QUEUE_AGE = 60
    pretag_article.enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["queue"]["ok"] is False


def test_a_database_that_does_not_answer_makes_it_503(client, monkeypatch):
    from annotations import health

    def broken():
        raise DatabaseError("server closed the connection")

    class BrokenConnection:
        def cursor(self):
            broken()

    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == {"ok": False, "error": "DatabaseError"}


def test_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
