"""Queue again the pre-tagging whose worker died: beside Celery workers (db_worker does this itself)."""

import time

from django.core.management.base import BaseCommand
from django.db import Error as DatabaseError
from django.db import connections

from annotations.tasks import requeue_stale


class Command(BaseCommand):
    help = (
        "Queue again the articles whose pre-tagging worker died (its lease expired) or that no worker took. "
        "Once, or every --every seconds until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="Repeat every so many seconds (0: run once).")

    def handle(self, *args, every: float, verbosity: int, **options):
        while True:
            try:
                count = requeue_stale()
            except DatabaseError as error:  # the database is away: try again at the next round
                self.stderr.write(f"database unavailable: {error}")
                for connection in connections.all(initialized_only=True):
                    connection.close()
                count = 0
                if not every:
                    raise
            if count or verbosity > 1:
                self.stdout.write(f"{count} articles queued again.")
            if not every:
                return
            time.sleep(every)
