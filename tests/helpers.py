"""Helpers every part of the test tree uses: parsing a response's HTML, htmx request headers."""

import csv
import hashlib
import io
import json

from bs4 import BeautifulSoup

# An htmx request from the review workspace (django-htmx reads these headers).
HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/review/"}


def soup(response) -> BeautifulSoup:
    """The response's HTML, to check with CSS selectors."""
    return BeautifulSoup(response.content, "html.parser")


def run_queued(*task_paths: str) -> int:
    """Run the queued tasks with these paths in this process, as `db_worker` would; how many ran.

    The tasks must have been queued (their transaction's on-commit callbacks run). A task that raises is marked
    failed, as the worker marks it, and the exception is not raised here.
    """
    from django_tasks_db.models import DBTaskResult

    ran = 0
    for result in DBTaskResult.objects.ready().filter(task_path__in=task_paths).order_by("enqueued_at"):
        result.claim("test-worker")
        try:
            value = result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        except Exception as exc:
            result.set_failed(exc)
        else:
            result.set_successful(value)
        ran += 1
    return ran


def complete_records(text: str, fmt: str) -> list:
    """The records of a whole export, after checking its last line; AssertionError if it was cut off."""
    before, _, last = text.rstrip("\n").rpartition("\n")
    before += "\n"
    if fmt == "jsonl":
        end = json.loads(last)["end_of_export"]
        records = [json.loads(line) for line in before.splitlines() if line]
        assert end["records"] == len(records)
    else:
        [marker, count, checksum] = next(csv.reader([last]))
        assert marker == "#end_of_export"
        records = list(csv.DictReader(io.StringIO(before.lstrip("\ufeff"))))
        end = {"records": int(count), "sha256": checksum}
        assert end["records"] == len(records)
    assert end["sha256"] == hashlib.sha256(before.encode()).hexdigest()
    return records
