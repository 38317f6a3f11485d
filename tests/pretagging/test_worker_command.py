"""The worker commands in this process: db_worker's back-off, pretag_sweep, the Celery application."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from annotations.management.commands import db_worker
from annotations.models import Article
from annotations.pretagging import queue

from ..factories import ArticleFactory
from ..test_commands import run


def test_db_worker_backs_off_longer_each_time_the_database_fails_up_to_a_cap(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(db_worker.time, "sleep", slept.append)
    monkeypatch.setattr(db_worker.random, "uniform", lambda low, high: 1.0)
    worker = db_worker.ResilientWorker(
        queue_names=["default"],
        interval=1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    for _ in range(9):
        worker.back_off(OperationalError("server closed the connection unexpectedly"))
    assert slept == [0.5, 1, 2, 4, 8, 16, 30, 30, 30]


@pytest.mark.django_db
def test_pretag_sweep_queues_again_what_a_dead_worker_held(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    article = ArticleFactory()
    queue.articles_queue(article_ids=[article.pk])
    queue.articles_claim(article_ids=[article.pk], owner="gone/1")
    Article.objects.filter(pk=article.pk).update(pretag_lease_expires=timezone.now() - timedelta(seconds=1))
    out, _err = run("pretag_sweep")
    assert out.strip() == "1 articles queued again."
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs["args"] == [article.pk]
    out, _err = run("pretag_sweep")
    assert out == ""


def test_the_celery_application_reads_the_django_settings():
    from claimbook.celery import app

    assert app.main == "claimbook"
