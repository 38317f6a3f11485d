"""django-tasks-db's `db_worker`, made to outlive its faults (this command replaces the package's own:
`annotations` comes before `django_tasks_db` in INSTALLED_APPS).

What it adds to the package's worker:
- it survives the database going away (a restart, a fail-over, a network cut): it closes the broken
  connection, waits with exponential back-off (0.5 s doubling to 30 s, with jitter) and carries on, instead
  of exiting on the first OperationalError;
- every CLAIMBOOK_PRETAG_SWEEP_SECONDS (and once at start) it queues again the pre-tagging whose worker died
  (expired leases, annotations/pretagging/queue.py) and marks the task results that worker left RUNNING
  as failed;
- it names the leases it takes after its worker id, so they can be traced to it.
"""

import logging
import os
import random
import time

from django.conf import settings
from django.db import Error as DatabaseError
from django.db import OperationalError, close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from annotations.pretagging import queue
from annotations.tasks import requeue_stale

logger = logging.getLogger("django_tasks_db")

BACKOFF_FIRST, BACKOFF_MAX = 0.5, 30.0


class ResilientWorker(db_worker.Worker):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.failures = 0  # database failures in a row
        self.next_sweep = 0.0

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        queue.WORKER_NAME = self.worker_id
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # spread the start of many workers
        while self.running:
            try:
                task_result, retrieved = self.step()
            except DatabaseError as error:
                self.back_off(error)
                continue
            self.failures = 0
            if self.batch and retrieved and task_result is None:
                logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info(
                    "Run maximum tasks (%d) on worker=%s - exiting gracefully.", self._run_tasks, self.worker_id
                )
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)

    def step(self) -> tuple[DBTaskResult | None, bool]:
        """Sweep if it is time, then claim one task and run it. Database errors propagate to `run`."""
        close_old_connections()
        if time.monotonic() >= self.next_sweep:
            requeued = requeue_stale()
            if requeued:
                logger.warning("Queued %d articles again whose pre-tagging had stopped", requeued)
            self.next_sweep = time.monotonic() + settings.CLAIMBOOK_PRETAG_SWEEP_SECONDS
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)  # so no other worker runs it
        except OperationalError as error:
            if is_locked_database_exception(error):  # SQLite busy: try again
                return None, False
            raise
        if task_result is not None:
            self.run_task(task_result)
        return task_result, True

    def back_off(self, error: DatabaseError) -> None:
        """The database is away: drop the broken connections and wait longer each time, never exit."""
        self.failures += 1
        delay = min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** (self.failures - 1)) * random.uniform(0.8, 1.2)
        logger.warning(
            "Database unavailable (%s: %s); retrying in %.1f s (failure %d in a row)",
            type(error).__name__,
            str(error).strip().splitlines()[0] if str(error).strip() else "",
            delay,
            self.failures,
        )
        for connection in connections.all(initialized_only=True):
            connection.close()
        time.sleep(delay)


class Command(db_worker.Command):
    help = "Run a database background worker that survives database restarts and re-queues abandoned work"

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning("Warning: --reload and --batch cannot be specified together. Disabling autoreload.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
