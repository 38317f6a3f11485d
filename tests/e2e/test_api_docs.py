"""The API page in Chromium under the site's strict CSP: Swagger UI (vendored) shows every operation and can
call one; a reader prepares a large export and downloads it."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import complete_records, run_queued
from tests.reader.data import story

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_developer_reads_the_api_description_and_tries_a_call(page: Page, live_server, csp_violations):
    s = story()
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".opblock-summary-path")).to_have_count(8)
    expect(page.locator(".info .title")).to_contain_text("Claimbook open data")
    page.locator(".opblock-summary-path", has_text=re.compile(r"^/api/statements/\{id\}/$")).click()
    page.get_by_role("button", name="Try it out").click()
    page.locator("input[placeholder='id']").fill(str(s.direct.pk))
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_contain_text("200")
    expect(page.locator(".live-responses-table")).to_contain_text("We will open the bridge in May")
    assert csp_violations == []  # nothing refused by the CSP, no script error


def test_a_reader_prepares_a_large_export_and_downloads_it_whole(
    page: Page, live_server, settings, tmp_path, csp_violations
):
    settings.CLAIMBOOK_EXPORT_STREAM_ROWS = 1
    settings.MEDIA_ROOT = str(tmp_path)
    s = story()
    page.goto(f"{live_server.url}/statements/")
    page.get_by_role("link", name="CSV").click()
    expect(page.locator("#export-size")).to_contain_text("This search has 2 statements")
    page.get_by_role("button", name="Prepare the CSV file").click()
    expect(page.locator("#export-state")).to_contain_text("Waiting for a worker")
    assert run_queued("annotations.tasks.export_statements") == 1  # what db_worker does
    # The page refreshes itself until the file is ready.
    expect(page.locator("#export-state")).to_contain_text("Ready: 2 statements")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download claimbook-statements.csv").click()
    text = Path(download.value.path()).read_bytes().decode("utf-8")  # as sent: CSV lines end with \r\n
    assert {int(row["id"]) for row in complete_records(text, "csv")} == {s.direct.pk, s.indirect.pk}
    assert csp_violations == []
