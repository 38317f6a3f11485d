import json

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Article, Speaker, Statement
from annotations.reader.index import statement_search_refresh
from tests.helpers import run_queued

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", "a-long-demo-password")


def log_in(page: Page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_admin_imports_a_file_through_the_import_page(
    page: Page, live_server, admin_user, tmp_path, artifacts_dir, csp_violations
):
    upload = tmp_path / "articles.jsonl"
    upload.write_text(
        json.dumps(
            {
                "title": "Bridge to open in May",
                "body": "“We will open it in May,” said Ada Brook.",
                "outlet": "Sample Gazette",
            }
        )
        + "\n{broken\n",
        encoding="utf-8",
    )
    log_in(page, live_server, "admin", "a-long-demo-password")

    page.goto(f"{live_server.url}/admin/annotations/article/")
    page.locator(".object-tools").get_by_role("link", name="Import").click()
    page.get_by_label("Files").set_input_files(str(upload))
    page.get_by_role("button", name="Preview import").click()

    expect(page.locator("#import-summary")).to_contain_text("1 new article")
    expect(page.locator("#import-summary")).to_contain_text("1 error")
    expect(page.locator(".import-error")).to_contain_text("articles.jsonl, line 2")
    page.screenshot(path=str(artifacts_dir / "admin-import-preview.png"), full_page=True)
    assert Article.objects.count() == 0  # nothing is stored before confirmation

    page.get_by_role("button", name="Import 1 article").click()
    expect(page.locator("#import-state")).to_contain_text("Waiting for a worker")
    assert run_queued("annotations.tasks.import_batch_store") == 1  # what db_worker does
    # The status page refreshes itself until the import is done.
    expect(page.locator("#import-state")).to_contain_text("Imported: 1 created, 0 duplicates, 0 errors")
    page.get_by_role("link", name="Back to the articles").click()
    expect(page.locator("#result_list")).to_contain_text("Bridge to open in May")
    assert Article.objects.get().outlet.name == "Sample Gazette"
    assert not [error for error in csp_violations if "Content Security Policy" in error]


def test_a_late_evening_article_keeps_its_own_date_from_the_preview_to_the_reader(
    page: Page, live_server, admin_user, csp_violations
):
    log_in(page, live_server, "admin", "a-long-demo-password")
    page.goto(f"{live_server.url}/admin/annotations/article/import/")
    page.get_by_label("Title").fill("Council votes late")
    page.get_by_label("Text").fill("“The budget passes tonight,” said Ada Brook.")
    page.get_by_label("Published").fill("2026-11-24T23:10:00-05:00")
    page.get_by_role("button", name="Preview import").click()
    expect(page.locator("#import-preview")).to_contain_text("2026-11-24")
    expect(page.locator("#import-preview")).not_to_contain_text("2026-11-25")
    page.get_by_role("button", name="Import 1 article").click()
    expect(page.locator("#import-state")).to_contain_text("Waiting for a worker")
    run_queued("annotations.tasks.import_batch_store")
    expect(page.locator("#import-state")).to_contain_text("Imported: 1 created")

    article = Article.objects.get()
    start = article.body.index("The budget")
    speaker = Speaker.objects.create(name="Ada Brook", slug="ada-brook")
    statement = Statement.objects.create(
        article=article,
        start=start,
        end=start + len("The budget passes tonight,"),
        text="The budget passes tonight,",
        speaker=speaker,
        status=Statement.Status.CONFIRMED,
    )
    statement_search_refresh(statement_ids=[statement.pk])
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator("time").first).to_have_text("24 November 2026")
    page.goto(f"{live_server.url}/statements/?date_from=2026-11-24&date_to=2026-11-24")
    expect(page.locator("#results")).to_contain_text("The budget passes tonight")
    assert not [error for error in csp_violations if "Content Security Policy" in error]
