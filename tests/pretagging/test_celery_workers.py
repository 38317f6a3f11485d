"""The distributed backend, with real processes: Celery workers on Redis (CLAIMBOOK_TASK_BROKER_URL) drain a
queue of 400 articles, each pre-tagged by exactly one stored run, and a worker killed mid-task loses nothing.

PostgreSQL and a Redis server are needed (Redis database CLAIMBOOK_TEST_REDIS_URL, default number 5, is
emptied). The articles are small, so the run stays short.
"""

import os
import re
from collections import Counter

import pytest
import redis
from django.db import connection

from annotations.models import Article, Statement

from ..factories import ArticleFactory
from . import processes

REDIS_URL = os.environ.get("CLAIMBOOK_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def redis_ready() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="worker processes need a shared PostgreSQL database"),
    pytest.mark.skipif(not redis_ready(), reason=f"no Redis server at {REDIS_URL}"),
]

CELERY = {"CLAIMBOOK_TASK_BROKER_URL": REDIS_URL, "CLAIMBOOK_TASK_VISIBILITY_SECONDS": "20"}
STORED = re.compile(r"article (\d+): \d+ suggested")


def start_celery_worker(database: str, log, name: str):
    return processes.start(
        [
            "-m",
            "celery",
            "-A",
            "claimbook.celery",
            "worker",
            "--pool=solo",
            "-n",
            f"{name}@%h",
            "-l",
            "info",
            "--without-gossip",
            "--without-mingle",
        ],  # fmt: skip
        database,
        log,
        **CELERY,
    )


@pytest.fixture
def broker():
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


def test_four_celery_workers_drain_400_articles_each_once_and_one_killed_mid_task_loses_nothing(tmp_path, broker):
    database = processes.database_url(connection.settings_dict)
    ids = [ArticleFactory(body=f"“Bridge {n} opens in May,” said Ada Brook.").pk for n in range(400)]
    logs = [tmp_path / f"worker{number}.log" for number in range(4)]
    workers = [start_celery_worker(database, log, f"w{number}") for number, log in enumerate(logs)]
    sweeper = processes.start(["pretag_sweep", "--every", "1"], database, tmp_path / "sweeper.log", **CELERY)
    try:
        queue_log = tmp_path / "queue.log"
        queuing = processes.start(["pretag", "--all", "--batch-size", "4", "-v", "0"], database, queue_log, **CELERY)
        assert queuing.wait(timeout=120) == 0, queue_log.read_text()
        victim = workers[0]
        # Mid-task: the victim holds leases on articles it has not stored yet.
        victim_pid = f"/{victim.pid}"
        processes.wait_for(
            lambda: Article.objects.filter(
                pretag_queued_at__isnull=False, pretag_lease_owner__endswith=victim_pid
            ).exists(),
            timeout=120,
            what="the first worker to take a batch",
            every=0.01,
        )
        processes.kill(victim)
        processes.wait_for(
            lambda: not Article.objects.filter(pk__in=ids, pretag_queued_at__isnull=False).exists(),
            timeout=300,
            what="the other workers to finish every article",
            every=0.5,
        )
        # No worker stores a run twice: the redelivered message of the killed task finds nothing to do.
        processes.wait_for(lambda: not broker.llen("celery"), timeout=60, what="the broker queue to empty")
    finally:
        for process in [*workers, sweeper]:
            processes.kill(process)
    assert not Article.objects.filter(pk__in=ids).exclude(status=Article.Status.PRETAGGED).exists()
    assert Statement.objects.filter(article__in=ids).count() == 400  # one quote each, never duplicated
    runs: Counter[int] = Counter()
    for log in logs:
        for line in log.read_text(errors="replace").splitlines():
            if " succeeded in " in line:
                runs.update(int(pk) for pk in STORED.findall(line))
    assert runs == Counter(dict.fromkeys(ids, 1))  # every article stored by exactly one run
    assert sum(STORED.search(log.read_text()) is not None for log in logs[1:]) == 3  # the others all worked
