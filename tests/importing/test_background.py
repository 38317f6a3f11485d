"""A confirmed admin import is stored by a background task: progress, then the outcome; never half-written."""

import json
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.urls import reverse

from annotations.importing.services import import_batch_queue, import_batch_run
from annotations.models import Article, ImportBatch, JobState

from ..helpers import run_queued, soup

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:annotations_article_import")
STORE_TASK = "annotations.tasks.import_batch_store"


def jsonl(count: int, *, start: int = 0) -> SimpleUploadedFile:
    lines = (
        json.dumps({"title": f"Story {n}", "body": f"“Words number {n},” said Ada Brook.", "outlet": "Gazette"})
        for n in range(start, start + count)
    )
    return SimpleUploadedFile("big.jsonl", "\n".join(lines).encode())


def preview_and_confirm(client, capture, upload):
    page = soup(client.post(IMPORT_URL, {"files": upload}))
    action = page.select_one("#confirm-import").find_parent("form")["action"]
    with capture(execute=True):
        response = client.post(action)
    return response


def test_confirm_answers_at_once_with_a_status_page_and_stores_nothing_itself(
    admin_client, django_capture_on_commit_callbacks
):
    response = preview_and_confirm(admin_client, django_capture_on_commit_callbacks, jsonl(3))
    batch = ImportBatch.objects.get()
    assert response.url == reverse("admin:annotations_article_import_status", args=[batch.pk])
    assert Article.objects.count() == 0
    page = soup(admin_client.get(response.url))
    assert "Waiting for a worker" in page.select_one("#import-state").text
    assert page.select_one('meta[http-equiv="refresh"]') is not None
    assert (batch.state, batch.rows_total) == (JobState.QUEUED, 3)


def test_the_worker_stores_the_import_and_the_status_page_says_what_it_did(
    admin_client, django_capture_on_commit_callbacks
):
    response = preview_and_confirm(admin_client, django_capture_on_commit_callbacks, jsonl(3))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_queued(STORE_TASK) == 1
    assert Article.objects.count() == 3
    page = soup(admin_client.get(response.url))
    assert "Imported: 3 created, 0 duplicates, 0 errors" in page.select_one("#import-state").text
    assert page.select_one('meta[http-equiv="refresh"]') is None
    batch = ImportBatch.objects.get()
    assert (batch.state, batch.rows_done, batch.drafts) == (JobState.DONE, 3, [])


def test_rows_refused_at_store_time_are_listed_with_their_line_and_the_good_rows_kept(
    admin_client, django_capture_on_commit_callbacks
):
    good = {"title": "Good", "body": "“Fine,” said Ada Brook."}
    long_url = {"title": "Long", "body": "Other.", "url": "https://e.example/" + "b" * 2020}
    upload = SimpleUploadedFile("a.jsonl", "\n".join(map(json.dumps, [good, long_url])).encode())
    page = soup(admin_client.post(IMPORT_URL, {"files": upload}))
    batch = ImportBatch.objects.get()
    batch.drafts.append({**batch.drafts[0], "title": "Later refused", "body": "x", "url": "not a url at all"})
    batch.save()
    action = page.select_one("#confirm-import").find_parent("form")["action"]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(action)
    run_queued(STORE_TASK)
    assert list(Article.objects.values_list("title", flat=True)) == ["Good"]
    problems = [td.text for td in soup(admin_client.get(response.url)).select("#import-problems td")]
    assert problems[0] == "a.jsonl, line 1" and "url" in problems[1].lower()


def test_a_failure_while_storing_leaves_nothing_and_says_so(
    admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    response = preview_and_confirm(admin_client, django_capture_on_commit_callbacks, jsonl(5))
    original_save = Article.save

    def fail_on_the_fourth(self, *args, **kwargs):
        if self.title == "Story 3":
            raise RuntimeError("disk on fire")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Article, "save", fail_on_the_fourth)
    run_queued(STORE_TASK)
    assert Article.objects.count() == 0
    batch = ImportBatch.objects.get()
    assert batch.state == JobState.FAILED and batch.committed_at is None
    text = soup(admin_client.get(response.url)).select_one("#import-state").text
    assert "failed and nothing of it was stored" in text and "disk on fire" in text


def test_confirming_again_while_it_is_queued_queues_nothing_more(admin_client, django_capture_on_commit_callbacks):
    page = soup(admin_client.post(IMPORT_URL, {"files": jsonl(2)}))
    action = page.select_one("#confirm-import").find_parent("form")["action"]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(action)
        second = admin_client.post(action, follow=True)
    assert "already confirmed" in second.content.decode()
    assert run_queued(STORE_TASK) == 1
    assert Article.objects.count() == 2


def test_progress_is_reported_every_few_hundred_rows(monkeypatch, admin_user):
    from annotations.importing import readers, services

    read = readers.ReadResult()
    for n in range(1200):
        read.drafts.append(readers.draft_from_mapping({"title": f"T{n}", "body": f"Body {n}."}, source=f"line {n + 1}"))
    batch = services.import_batch_create(read=read, sources=["big.jsonl"], user=admin_user)
    assert import_batch_queue(batch=batch)
    seen: list[int] = []
    monkeypatch.setattr(services, "progress_writer", lambda model, pk: _Recorder(seen))
    assert import_batch_run(batch_id=batch.pk).startswith("1200 created")
    assert seen == [500, 1000]


class _Recorder:
    def __init__(self, seen):
        self.seen = seen

    def __enter__(self):
        return self.seen.append

    def __exit__(self, *exc):
        return False


def test_the_status_page_is_only_for_whoever_imported(
    admin_client, django_user_model, django_capture_on_commit_callbacks
):
    response = preview_and_confirm(admin_client, django_capture_on_commit_callbacks, jsonl(1))
    other = django_user_model.objects.create_superuser("other", "o@example.com", "pw-123456789")
    admin_client.force_login(other)
    assert admin_client.get(response.url).status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="progress is written on a second connection")
def test_progress_is_visible_to_others_while_the_import_is_still_one_open_transaction(monkeypatch, admin_user):
    """The admin's status page reads rows_done on another connection than the worker's open transaction."""
    from annotations.common import progress
    from annotations.importing import readers, services

    read = readers.ReadResult()
    for n in range(1000):
        read.drafts.append(readers.draft_from_mapping({"title": f"T{n}", "body": f"Body {n}."}, source=f"line {n + 1}"))
    batch = services.import_batch_create(read=read, sources=["big.jsonl"], user=admin_user)
    import_batch_queue(batch=batch)
    seen_elsewhere: list[tuple[int, int]] = []
    observer = connections.create_connection(DEFAULT_DB_ALIAS)

    @contextmanager
    def observed(model, pk):
        with progress.progress_writer(model, pk) as write:

            def write_and_look(done):
                write(done)
                with observer.cursor() as cursor:
                    cursor.execute("SELECT rows_done FROM annotations_importbatch WHERE id = %s", [pk])
                    visible = cursor.fetchone()[0]
                    cursor.execute("SELECT count(*) FROM annotations_article")
                    seen_elsewhere.append((visible, cursor.fetchone()[0]))

            yield write_and_look

    monkeypatch.setattr(services, "progress_writer", observed)
    try:
        import_batch_run(batch_id=batch.pk)
    finally:
        observer.close()
    assert seen_elsewhere == [(500, 0), (1000, 0)]  # progress seen, no article yet: all or nothing
    assert Article.objects.count() == 1000
