"""No pre-tagging is ever stuck: real `db_worker` processes, killed with SIGKILL mid-batch, and a database
cluster restarted under a running worker. Every queued article ends up pre-tagged, by exactly one stored run.

PostgreSQL only: the worker processes must see the test's committed data (an in-memory SQLite test database
is invisible to another process).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.db.models import Count

from annotations.models import Article, Statement
from annotations.tasks import queue_pretag_many

from ..factories import ArticleFactory
from . import processes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="worker processes need a shared PostgreSQL database"),
]

NAMES = ["Ada Brook", "Tomas Reyes", "Lee Park", "Mina Osei", "Jon Hale", "Rui Costa", "Ana Lind", "Ola Berg"]


def quote(number: int) -> str:
    return f"“We will open bridge number {number} in May,” said {NAMES[number % len(NAMES)]}. The council agreed."


def queue_articles(count: int) -> list[int]:
    with transaction.atomic():
        ids = [ArticleFactory(body=quote(number)).pk for number in range(count)]
        queue_pretag_many(article_ids=ids)
    return ids


def assert_each_pretagged_once(database: str, ids: list[int]) -> None:
    assert not Article.objects.filter(pk__in=ids).exclude(status=Article.Status.PRETAGGED).exists()
    assert not Article.objects.filter(pk__in=ids, pretag_queued_at__isnull=False).exists()
    per_article = dict(
        Statement.objects.filter(article__in=ids).values("article").annotate(n=Count("id")).values_list("article", "n")
    )
    assert per_article == dict.fromkeys(ids, 1)  # one quote each, never duplicated
    runs = processes.stored_runs(database)
    assert {pk: runs[pk] for pk in ids} == dict.fromkeys(ids, 1)  # exactly one run stored each article


def test_a_worker_killed_mid_batch_loses_nothing_and_duplicates_nothing(tmp_path):
    from django_tasks_db.models import DBTaskResult

    database = processes.database_url(connection.settings_dict)
    ids = queue_articles(48)  # six batch tasks of eight
    log = tmp_path / "workers.log"
    first = processes.start_db_worker(database, log)
    try:
        # Mid-batch: the first worker holds leases on articles it has not stored yet.
        processes.wait_for(
            lambda: Article.objects.filter(pretag_queued_at__isnull=False).exclude(pretag_lease_owner="").exists(),
            timeout=120,
            what="the first worker to claim a batch",
            every=0.02,
        )
    finally:
        processes.kill(first)
    held = list(Article.objects.filter(pretag_queued_at__isnull=False).exclude(pretag_lease_owner=""))
    assert held, "the worker was killed holding a batch"
    assert DBTaskResult.objects.running().count() == 1  # what django-tasks-db alone would leave forever

    second = processes.start_db_worker(database, log)
    try:
        processes.wait_for(
            lambda: not Article.objects.filter(pk__in=ids, pretag_queued_at__isnull=False).exists(),
            timeout=240,
            what="the second worker to finish every article:\n" + log.read_text(errors="replace")[-3000:],
        )
        processes.wait_for(
            lambda: not DBTaskResult.objects.running().exists(), timeout=30, what="the abandoned task to be failed"
        )
    finally:
        processes.kill(second)
    assert_each_pretagged_once(database, ids)
    abandoned = DBTaskResult.objects.get(status="FAILED")
    assert abandoned.exception_class_path == "annotations.tasks.WorkerLost"
    assert "Queued pre-tagging again" in log.read_text()


# --- a database restart under a running worker: a throwaway cluster of our own --------------------------------

PG_BIN = Path(os.environ.get("CLAIMBOOK_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in a temporary directory, run as the `postgres` user when the tests run as root."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_postgres, *args], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        if self.as_postgres:
            shutil.chown(self.directory, "postgres")
        self.run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.directory / "server.log"),
                 "-o", options, "-w", *args)  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/claimbook"


@pytest.fixture
def cluster():
    if not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip(f"no PostgreSQL server binaries in {PG_BIN} (set CLAIMBOOK_PG_BIN) to run a throwaway cluster")
    # Not under pytest's temporary root: that is private to this user, and the server runs as `postgres`.
    directory = Path(tempfile.mkdtemp(prefix="claimbook-cluster-"))
    directory.chmod(0o755)
    cluster = Cluster(directory)
    cluster.init()
    cluster.pg_ctl("start")
    try:
        cluster.run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "claimbook")
        yield cluster
    finally:
        subprocess.run([*cluster.as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(directory, ignore_errors=True)


QUEUE_SCRIPT = """
from django.db import transaction
from annotations.importing import readers
from annotations.importing.services import articles_import
import json, sys
rows = [json.dumps({"title": f"{sys.argv[1]} {n}", "body": f"“We will open bridge {sys.argv[1]}-{n} soon,” said Ada Brook."})
        for n in range(int(sys.argv[2]))]
read = readers.read_file("batch.jsonl", "\\n".join(rows).encode(), max_bytes=10**7)
print(len(articles_import(read=read, user=None).created))
"""


def manage(cluster: Cluster, tmp_path: Path, *args: str) -> str:
    env = processes.environment(cluster.url)
    result = subprocess.run(
        [processes.sys.executable, str(processes.ROOT / "manage.py"), *args],
        cwd=processes.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_a_worker_survives_a_database_restart_and_finishes_the_queue(cluster, tmp_path):
    manage(cluster, tmp_path, "migrate", "--no-input", "-v", "0")
    script = tmp_path / "queue.py"
    script.write_text(QUEUE_SCRIPT)
    assert manage(cluster, tmp_path, "shell", "-v", "0", "-c", f"import sys; sys.argv = ['x', 'before', '16']; exec(open({str(script)!r}).read())").strip() == "16"  # fmt: skip
    log = tmp_path / "worker.log"
    worker = processes.start_db_worker(cluster.url, log)
    try:
        processes.wait_for(
            lambda: processes.scalar(cluster.url, "SELECT count(*) FROM annotations_statement"),
            timeout=120,
            what="the worker to store its first results",
        )
        cluster.pg_ctl("-m", "fast", "restart")  # connections cut, mid-queue
        time.sleep(1)
        cluster.pg_ctl("-m", "fast", "restart")  # and once more, while the worker reconnects
        assert worker.poll() is None, "the worker exited when the database restarted"
        assert manage(cluster, tmp_path, "shell", "-v", "0", "-c", f"import sys; sys.argv = ['x', 'after', '16']; exec(open({str(script)!r}).read())").strip() == "16"  # fmt: skip
        processes.wait_for(
            lambda: processes.scalar(
                cluster.url, "SELECT count(*) = 0 FROM annotations_article WHERE pretag_queued_at IS NOT NULL"
            ),
            timeout=180,
            what="every article to be pre-tagged:\n" + log.read_text(errors="replace")[-3000:],
        )
        assert worker.poll() is None
    finally:
        processes.kill(worker)
    statuses = processes.query(cluster.url, "SELECT status, count(*) FROM annotations_article GROUP BY status")
    assert statuses == [("pretagged", 32)]
    per_article = processes.query(cluster.url, "SELECT article_id, count(*) FROM annotations_statement GROUP BY 1")
    assert len(per_article) == 32 and {count for _, count in per_article} == {1}
    runs = processes.stored_runs(cluster.url)
    assert sorted(runs.values()) == [1] * 32
    assert "Database unavailable" in log.read_text()
