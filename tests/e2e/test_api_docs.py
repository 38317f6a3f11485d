"""The API page in Chromium under the site's strict CSP: Swagger UI (vendored) shows every operation and can
call one."""

import re

import pytest
from playwright.sync_api import Page, expect

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
