"""The Celery application, used only when CLAIMBOOK_TASK_BROKER_URL selects Celery as the task backend.

Workers: `celery -A claimbook.celery worker` (docs/deployment.md). Claimbook's tasks are plain django.tasks
tasks (annotations/tasks.py); django-tasks-celery registers them with this app when they are imported,
which `autodiscover_tasks` does in each worker. Celery's Django fix-up sets Django up and closes stale
database connections around every task, so a worker outlives a database restart.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimbook.settings")

app = Celery("claimbook")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
