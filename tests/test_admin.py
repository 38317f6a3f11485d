import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from annotations.admin import import_message
from annotations.models import Article, ImportBatch

from .factories import ArticleFactory, SpeakerAliasFactory, StatementFactory
from .helpers import run_queued, soup

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:annotations_article_import")


def upload(name: str, content: str | bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)


def preview(client, **data):
    response = client.post(IMPORT_URL, data)
    assert response.status_code == 200
    return response


def confirm(client, page, capture, *, follow=True):
    """Confirm a preview, let the worker store it, then show the import's status page."""
    action = page.select_one("#confirm-import").find_parent("form")["action"]
    with capture(execute=True):
        response = client.post(action)
    run_queued("annotations.tasks.import_batch_store")
    return client.get(response.url) if follow and response.status_code == 302 else response


# --- who may see what ---


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:annotations_article_changelist"),
        reverse("admin:annotations_statement_changelist"),
        reverse("admin:annotations_speaker_changelist"),
        IMPORT_URL,
    ],
)
def test_admin_pages_send_anonymous_users_and_editors_to_the_log_in(client, editor, url):
    assert client.get(url).url.startswith(reverse("admin:login"))
    client.force_login(editor)  # editors work in /review/, not in the admin
    assert client.get(url).url.startswith(reverse("admin:login"))


def test_changelist_has_an_import_button(admin_client):
    page = soup(admin_client.get(reverse("admin:annotations_article_changelist")))
    assert page.select_one(f'.object-tools a[href="{IMPORT_URL}"]').text == "Import"


# --- import: preview then confirm ---


def test_file_import_previews_then_imports_only_after_confirmation(admin_client, django_capture_on_commit_callbacks):
    lines = [
        json.dumps({"title": "Bridge opens", "body": "“It opens,” said Ada Brook.", "outlet": "Sample Gazette"}),
        '{"title": "broken"',
        json.dumps({"title": "No body"}),
    ]
    response = preview(admin_client, files=upload("batch.jsonl", "\n".join(lines)))
    page = soup(response)
    rows = [[cell.get_text(strip=True) for cell in tr.select("td")] for tr in page.select("#import-preview tbody tr")]
    assert rows[0][:3] == ["batch.jsonl, line 1", "new", "Bridge opens"]
    assert rows[1][:2] == ["batch.jsonl, line 2", "error"] and "not valid JSON" in rows[1][3]
    assert rows[2] == ["batch.jsonl, line 3", "error", "", "missing body"]
    assert Article.objects.count() == 0

    response = confirm(admin_client, page, django_capture_on_commit_callbacks)
    assert Article.objects.get().title == "Bridge opens"
    assert "Imported: 1 created, 0 duplicates, 0 errors" in soup(response).select_one("#import-state").text


def test_preview_and_stored_article_keep_the_date_where_it_was_published(
    admin_client, django_capture_on_commit_callbacks
):
    line = json.dumps(
        {"title": "Late vote", "body": "“Done,” said Ada Brook.", "published_at": "2026-11-24T23:10:00-05:00"}
    )
    page = soup(preview(admin_client, files=upload("late.jsonl", line)))
    [row] = [[cell.get_text(strip=True) for cell in tr.select("td")] for tr in page.select("#import-preview tbody tr")]
    assert "2026-11-24" in row[3] and "2026-11-25" not in row[3]
    confirm(admin_client, page, django_capture_on_commit_callbacks)
    article = Article.objects.get()
    assert (str(article.published_on), article.published_offset) == ("2026-11-24", -300)
    assert article.published_iso == "2026-11-24T23:10:00-05:00"


def test_confirming_twice_imports_once(admin_client, django_capture_on_commit_callbacks):
    page = soup(preview(admin_client, title="Pasted", body="Some pasted text."))
    confirm(admin_client, page, django_capture_on_commit_callbacks)
    action = page.select_one("#confirm-import").find_parent("form")["action"]
    response = admin_client.post(action, follow=True)
    assert Article.objects.count() == 1
    assert "already confirmed" in response.content.decode()


def test_duplicates_are_shown_and_not_imported(admin_client):
    ArticleFactory(title="Stored", body="Known text.")
    page = soup(preview(admin_client, files=upload("a.csv", "title,body\nAgain,Known text.\n")))
    assert page.select_one(".import-duplicate td:nth-of-type(2)").text.strip() == "duplicate"
    assert page.select_one("#confirm-import") is None
    assert "nothing new to import" in page.text


@pytest.mark.parametrize(
    ("created", "duplicates", "expected"),
    [
        (1, 0, "Imported 1 article; it is queued for pre-tagging."),
        (2, 1, "Imported 2 articles; they are queued for pre-tagging. 1 duplicate was skipped."),
        (1, 3, "Imported 1 article; it is queued for pre-tagging. 3 duplicates were skipped."),
    ],
)
def test_the_import_message_gives_each_number_its_own_plural(created, duplicates, expected):
    assert import_message(created, duplicates) == expected


def test_several_html_pages_are_imported_together(admin_client):
    html = "<html><head><title>{t}</title></head><body><article><p>{b}</p></article></body></html>"
    body = "The council met on Thursday to discuss the bridge, and the mayor said it would open in spring. " * 3
    files = [
        upload("one.html", html.format(t="One", b=body)),
        upload("two.html", html.format(t="Two", b="Other. " + body)),
    ]
    page = soup(preview(admin_client, files=files))
    assert [td.text for td in page.select("#import-preview td:nth-of-type(1)")] == ["one.html", "two.html"]
    assert ImportBatch.objects.get().sources == "one.html, two.html"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose one or more files, or paste a title and text."),
        ({"title": "Only a title"}, "missing body"),
        ({"title": "T", "body": "   "}, "missing body (only white space)"),
        ({"title": "T", "body": "Text.", "published_at": "soon"}, "is not a date"),
    ],
)
def test_bad_paste_gets_a_clear_message(admin_client, data, message):
    response = admin_client.post(IMPORT_URL, data)
    assert response.status_code == 200
    assert message in soup(response).text
    assert Article.objects.count() == 0


def test_file_over_the_limit_is_refused_in_the_form(admin_client, settings):
    settings.CLAIMBOOK_IMPORT_MAX_BYTES = 100
    response = admin_client.post(IMPORT_URL, {"files": upload("big.jsonl", "x" * 200)})
    assert "larger than the" in soup(response).select_one(".errorlist").text


def test_confirming_someone_elses_preview_is_not_found(admin_client, django_user_model):
    other = django_user_model.objects.create_superuser("other", "o@example.com", "pw-123456789")
    admin_client.force_login(other)
    page = soup(preview(admin_client, title="Pasted", body="Text."))
    confirm = page.select_one("#confirm-import").find_parent("form")["action"]
    admin_client.force_login(django_user_model.objects.get(username="admin"))
    assert admin_client.post(confirm).status_code == 404


def test_import_confirmation_needs_a_post(admin_client):
    page = soup(preview(admin_client, title="Pasted", body="Text."))
    confirm = page.select_one("#confirm-import").find_parent("form")["action"]
    assert admin_client.get(confirm).url == IMPORT_URL
    assert Article.objects.count() == 0


# --- changelists stay at a constant number of queries ---


@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        ("admin:annotations_article_changelist", lambda: StatementFactory().article),
        ("admin:annotations_statement_changelist", StatementFactory),
        ("admin:annotations_speaker_changelist", lambda: SpeakerAliasFactory().speaker),
        ("admin:annotations_outlet_changelist", ArticleFactory),
        ("admin:annotations_speakeralias_changelist", SpeakerAliasFactory),
    ],
)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, django_assert_num_queries, url_name, make):
    url = reverse(url_name)
    make()
    admin_client.get(url)  # warm up: session, content types
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one_row:
        assert admin_client.get(url).status_code == 200
    for _ in range(5):
        make()
    with django_assert_num_queries(len(one_row.captured_queries)):
        admin_client.get(url)


def test_article_change_page_shows_statements_inline_with_offsets_read_only(admin_client):
    statement = StatementFactory()
    page = soup(admin_client.get(reverse("admin:annotations_article_change", args=[statement.article.pk])))
    assert statement.text in page.select_one("#statements-group").text
    assert page.select_one('input[name="statements-0-start"]') is None  # offsets are not editable here
    assert page.select_one('textarea[name="body"]') is None  # the body is fixed once statements exist


def test_article_change_page_has_no_n_plus_one_over_statements(admin_client, django_assert_max_num_queries):
    article = StatementFactory().article
    url = reverse("admin:annotations_article_change", args=[article.pk])
    admin_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    body = article.body
    for index in range(1, 6):
        more = body + f"\n\n“Another quote {index},” she said."
        article.body = body = more
        article.save()
    for index in range(1, 6):
        start = body.index(f"Another quote {index}")
        StatementFactory(article=article, start=start, end=start + 15, text=body[start : start + 15])
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(url)


def test_pretag_action_queues_the_selected_articles(admin_client, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    articles = [ArticleFactory(), ArticleFactory()]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:annotations_article_changelist"),
            {"action": "pretag_selected", "_selected_action": [a.pk for a in articles]},
            follow=True,
        )
    assert "2 articles are queued for pre-tagging" in response.content.decode()
    [batch] = DBTaskResult.objects.all()
    assert sorted(batch.args_kwargs["args"][0]) == sorted(a.pk for a in articles)
    assert Article.objects.filter(pretag_queued_at__isnull=False).count() == 2


def test_the_pretagging_filter_lists_stuck_and_failed_articles(admin_client):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    dead = ArticleFactory(
        title="Dead worker", pretag_queued_at=now, pretag_lease_owner="w/1", pretag_lease_expires=now - timedelta(1)
    )
    forgotten = ArticleFactory(title="Never taken", pretag_queued_at=now - timedelta(days=1))
    running = ArticleFactory(
        title="Running", pretag_queued_at=now, pretag_lease_owner="w/2", pretag_lease_expires=now + timedelta(1)
    )
    failed = ArticleFactory(title="Broken", status=Article.Status.PRETAG_FAILED, pretag_error="ValueError: bad")
    ArticleFactory(title="Done")
    url = reverse("admin:annotations_article_changelist")

    def listed(value):
        response = admin_client.get(url, {"pretagging": value})
        assert response.status_code == 200
        return {article.title for article in response.context["cl"].result_list}

    assert listed("stuck") == {dead.title, forgotten.title}
    assert listed("running") == {running.title}
    assert listed("queued") == {dead.title, forgotten.title, running.title}
    assert listed("failed") == {failed.title}


def test_a_speaker_added_in_the_admin_gets_its_name_as_an_alias(admin_client):
    from annotations.models import Speaker

    form = {
        "name": "Ada Brook",
        "slug": "ada-brook",
        "kind": "person",
        "description": "",
        "wikidata_id": "",
        "status": "accepted",
        "origin": "editor",
        "merged_into": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:annotations_speaker_add"), form)
    assert response.status_code == 302, response.content.decode()[:500]
    speaker = Speaker.objects.get()
    assert list(speaker.aliases.values_list("name", flat=True)) == ["Ada Brook"]
    assert speaker.version == 1

    # A change in the admin bumps the version: an editor's registry form from before it is refused.
    changed = {**form, "description": "engineer"}
    response = admin_client.post(reverse("admin:annotations_speaker_change", args=[speaker.pk]), changed)
    assert response.status_code == 302, response.content.decode()[:500]
    speaker.refresh_from_db()
    assert (speaker.description, speaker.version) == ("engineer", 2)


def test_a_large_preview_lists_every_error_but_only_the_first_new_rows(admin_client, monkeypatch):
    monkeypatch.setattr("annotations.admin.PREVIEW_NEW_ROWS", 2)
    lines = [json.dumps({"title": f"Story {n}", "body": f"Text number {n}."}) for n in range(5)] + ["{broken"]
    page = soup(preview(admin_client, files=upload("many.jsonl", "\n".join(lines))))
    outcomes = [td.text.strip() for td in page.select("#import-preview td:nth-of-type(2)")]
    assert outcomes == ["new", "new", "error"]
    assert "5 new articles" in page.select_one("#import-summary").text
    assert page.select_one("#import-unlisted").text.strip() == "… and 3 more new articles, not listed."
    assert page.select_one("#confirm-import")["value"] == "Import 5 articles"
