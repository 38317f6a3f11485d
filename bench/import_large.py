"""A large admin import, timed as the admin sees it: upload and preview, confirm, then the worker's store.

Run by hand (never in the test suite) against a scratch PostgreSQL database (it adds articles to it):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimbook_scratch .venv/bin/python bench/import_large.py --rows 50000

The upload and the confirm go through the admin in-process (django.test.Client, DEBUG off); the confirm only
queues the import, and the task is then run in this process as db_worker would run it. Printed: the time of
each step, and what was stored.
"""

import argparse
import json
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimbook.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from annotations.importing.services import import_batch_run  # noqa: E402
from annotations.models import ImportBatch  # noqa: E402

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    run = uuid.uuid4().hex[:8]
    lines = "\n".join(
        json.dumps(
            {
                "title": f"Council story {run}-{n}",
                "body": f"“We will vote on item {n} of run {run},” said Ada Brook. The council met on Tuesday.",
                "url": f"https://news.example/{run}/{n}",
                "outlet": f"Gazette {n % 40}",
                "published_at": "2026-05-02T09:30:00-04:00",
            }
        )
        for n in range(args.rows)
    )
    admin, _ = User.objects.get_or_create(username="import-bench", defaults={"is_staff": True, "is_superuser": True})
    client = Client()
    client.force_login(admin)
    upload = SimpleUploadedFile(f"bench-{run}.jsonl", lines.encode())
    with override_settings(STORAGES=STORAGES, CLAIMBOOK_IMPORT_MAX_BYTES=len(lines) * 2):
        started = time.perf_counter()
        preview = client.post(reverse("admin:annotations_article_import"), {"files": upload})
        previewed = time.perf_counter()
        batch = ImportBatch.objects.filter(created_by=admin).latest("created_at")
        confirm = client.post(reverse("admin:annotations_article_import_confirm", args=[batch.pk]))
        confirmed = time.perf_counter()
    summary = import_batch_run(batch_id=batch.pk)
    stored = time.perf_counter()
    print(f"{args.rows} rows, {len(lines) / 1e6:.1f} MB of JSON Lines")
    print(f"upload + preview: {previewed - started:.1f} s (status {preview.status_code})")
    print(f"confirm: {1000 * (confirmed - previewed):.0f} ms (status {confirm.status_code}, to the status page)")
    print(f"stored by the task: {stored - confirmed:.1f} s: {summary}")


if __name__ == "__main__":
    main()
