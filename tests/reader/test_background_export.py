"""Large exports: written by a background task to the storage, with progress, then downloaded whole."""

import os

import pytest
from bs4 import BeautifulSoup

from annotations.models import Export, JobState
from annotations.reader import exports

from ..factories import SpeakerFactory
from ..helpers import complete_records, run_queued, soup
from .data import HIDDEN_WORD, story

pytestmark = pytest.mark.django_db

EXPORT_TASK = "annotations.tasks.export_statements"


@pytest.fixture(autouse=True)
def small_limit(settings, tmp_path):
    settings.CLAIMBOOK_EXPORT_STREAM_ROWS = 1
    settings.MEDIA_ROOT = str(tmp_path)


def ask_for(client, capture, fmt="csv", **filters):
    """What a reader does: follow the export link, press the button on the page it answers with."""
    page = soup(client.get(f"/statements/export.{fmt}", filters))
    form = page.select_one("#prepare-export").find_parent("form")
    data = {field["name"]: field.get("value", "") for field in form.select("input")}
    with capture(execute=True):
        response = client.post(form["action"], data)
    assert response.status_code == 302, response.content
    return response.url


def download(client, status_url) -> tuple[str, object]:
    page = soup(client.get(status_url))
    response = client.get(page.select_one("#export-download")["href"])
    return b"".join(response.streaming_content).decode("utf-8"), response


def test_an_export_over_the_limit_is_offered_in_the_background_not_cut_off(client):
    story()
    response = client.get("/statements/export.csv")
    assert response.status_code == 200 and not response.streaming
    assert "This search has 2 statements" in soup(response).select_one("#export-size").text


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_the_worker_writes_the_file_and_the_reader_downloads_it_whole(client, django_capture_on_commit_callbacks, fmt):
    s = story()
    status_url = ask_for(client, django_capture_on_commit_callbacks, fmt)
    page = soup(client.get(status_url))
    assert "Waiting for a worker" in page.select_one("#export-state").text
    assert page.select_one('meta[http-equiv="refresh"]') is not None
    assert page.select_one("#export-download") is None

    assert run_queued(EXPORT_TASK) == 1
    page = soup(client.get(status_url))
    assert "Ready: 2 statements" in page.select_one("#export-state").text
    assert page.select_one('meta[http-equiv="refresh"]') is None
    text, response = download(client, status_url)
    records = complete_records(text, fmt)
    ids = {int(record["id"]) for record in records}
    assert ids == {s.direct.pk, s.indirect.pk}
    assert HIDDEN_WORD not in text
    assert response["X-Claimbook-Records"] == "2"
    assert int(response["Content-Length"]) == len(text.encode())
    assert f'claimbook-statements.{fmt}"' in response["Content-Disposition"]
    assert response["Repr-Digest"].startswith("sha-256=:")


def test_the_background_export_follows_the_filters_and_builds_absolute_urls(
    client, django_capture_on_commit_callbacks, settings
):
    settings.CLAIMBOOK_EXPORT_STREAM_ROWS = 0
    mine = story()
    story(speaker=SpeakerFactory(name="Someone Else"))
    status_url = ask_for(
        client, django_capture_on_commit_callbacks, "jsonl", speaker=mine.speaker.slug, kind="indirect"
    )
    run_queued(EXPORT_TASK)
    records = complete_records(download(client, status_url)[0], "jsonl")
    assert [r["id"] for r in records] == [mine.indirect.pk]
    assert records[0]["url"] == "http://testserver" + mine.indirect.get_absolute_url()


def test_progress_shows_while_the_export_runs(client, django_capture_on_commit_callbacks):
    story()
    status_url = ask_for(client, django_capture_on_commit_callbacks)
    export = Export.objects.get()
    Export.objects.filter(pk=export.pk).update(state=JobState.RUNNING, rows_total=2000, rows_done=500)
    page = soup(client.get(status_url))
    assert "Writing: 500 of 2000 statements (25%)" in " ".join(page.select_one("#export-state").text.split())
    assert page.select_one("progress")["value"] == "500"


def test_a_failed_export_keeps_no_file_and_says_so(client, django_capture_on_commit_callbacks, monkeypatch):
    story()
    status_url = ask_for(client, django_capture_on_commit_callbacks)

    def broken(*args, **kwargs):
        yield "half a line"
        raise OSError("disk full")

    monkeypatch.setattr(exports, "export_lines", broken)
    run_queued(EXPORT_TASK)
    export = Export.objects.get()
    assert export.state == JobState.FAILED and not export.file
    assert "disk full" in soup(client.get(status_url)).select_one("#export-state").text
    assert client.get(f"/statements/exports/{export.pk}/download").status_code == 404


def test_an_unfinished_export_cannot_be_downloaded(client, django_capture_on_commit_callbacks):
    story()
    ask_for(client, django_capture_on_commit_callbacks)
    export = Export.objects.get()
    assert client.get(f"/statements/exports/{export.pk}/download").status_code == 404


def test_asking_with_invalid_filters_or_format_answers_400(client):
    assert client.post("/statements/exports/", {"format": "csv", "date_from": "soon"}).status_code == 400
    assert client.post("/statements/exports/", {"format": "xlsx"}).status_code == 400
    assert Export.objects.count() == 0


def test_an_unknown_export_is_not_found(client):
    assert client.get("/statements/exports/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_old_finished_exports_are_deleted_with_their_files(client, django_capture_on_commit_callbacks, settings):
    story()
    ask_for(client, django_capture_on_commit_callbacks)
    run_queued(EXPORT_TASK)
    old = Export.objects.get()
    path = old.file.path
    Export.objects.filter(pk=old.pk).update(created_at=old.created_at.replace(year=2000))
    ask_for(client, django_capture_on_commit_callbacks)
    assert list(Export.objects.values_list("state", flat=True)) == [JobState.QUEUED]
    assert not os.path.exists(path)


def test_the_status_page_is_not_cached(client, django_capture_on_commit_callbacks):
    story()
    response = client.get(ask_for(client, django_capture_on_commit_callbacks))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert isinstance(soup(response), BeautifulSoup)
