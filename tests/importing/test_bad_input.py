"""Bad import input found by an outside probe: each becomes a located problem, and the good rows are kept."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from annotations.importing import readers
from annotations.importing.services import articles_import
from annotations.models import Article, ImportBatch, Outlet

from ..factories import ArticleFactory
from ..helpers import run_queued, soup

LIMIT = 20 * 1024 * 1024
IMPORT_URL = "/admin/annotations/article/import/"
GOOD = {"title": "Bridge to open", "body": "“We will open it,” said Ada Brook."}


def read(name: str, data: bytes) -> readers.ReadResult:
    return readers.read_file(name, data, max_bytes=LIMIT)


def jsonl(*lines: str) -> bytes:
    return "\n".join(lines).encode()


def problem_lines(result: readers.ReadResult) -> list[int | None]:
    return [problem.line for problem in result.problems]


# --- dates outside 1800-2099 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "1799-12-31", "2100-01-01"]
)
def test_a_date_outside_the_sane_range_is_a_located_error(value):
    result = read("a.jsonl", jsonl(json.dumps(GOOD), json.dumps({**GOOD, "body": "Other.", "published_at": value})))
    assert len(result.drafts) == 1
    [problem] = result.problems
    assert problem.line == 2 and "outside the years 1800–2099" in problem.message


def test_the_edges_of_the_range_are_accepted():
    first, _ = readers.parse_published("1800-01-01T00:00:00+00:00")
    last, _ = readers.parse_published("2099-12-31T23:59:59+00:00")
    assert (first.year, last.year) == (1800, 2099)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the constraint is PostgreSQL's; SQLite has validators")
def test_the_database_refuses_a_date_python_cannot_read_back():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(published_at=datetime(1, 1, 1, tzinfo=UTC))


@pytest.mark.django_db
def test_the_review_queue_and_admin_list_articles_whatever_their_dates(admin_client, editor_client):
    # The probe's rows could not be stored now; what is stored, the pages can always read back.
    ArticleFactory(published_at=datetime(1800, 1, 1, tzinfo=UTC), status=Article.Status.PRETAGGED)
    ArticleFactory(published_at=datetime(2099, 12, 31, 23, 59, tzinfo=UTC), status=Article.Status.PRETAGGED)
    assert editor_client.get(reverse("annotations:review_queue")).status_code == 200
    assert admin_client.get(reverse("admin:annotations_article_changelist")).status_code == 200


@pytest.mark.django_db
def test_the_admin_article_form_refuses_a_date_out_of_range(admin_client):
    article = ArticleFactory()
    url = reverse("admin:annotations_article_change", args=[article.pk])
    data = {
        "title": article.title,
        "url": "",
        "byline": "",
        "published_at_0": "0001-01-01",
        "published_at_1": "00:00:00",
        "language": "en",
        "status": "new",
        "body": article.body,
        "statements-TOTAL_FORMS": "0",
        "statements-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Publication dates start in 1800." in soup(response).select_one(".errorlist").text
    article.refresh_from_db()
    assert article.published_at is not None and article.published_at.year > 1800


@pytest.mark.django_db
def test_the_admin_preview_of_a_date_out_of_range_shows_the_error(admin_client):
    line = json.dumps({**GOOD, "published_at": "0001-01-01T00:00:00+14:00"})
    upload = StringIO(line)
    upload.name = "a.jsonl"
    response = admin_client.post(IMPORT_URL, {"files": upload})
    assert response.status_code == 200
    assert "outside the years 1800–2099" in soup(response).text


# --- files that used to crash the reader or the database ------------------------------------------------


def test_json_nested_100000_levels_is_a_located_error():
    result = read("deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert problem_lines(result) == [1]
    assert "nested more than" in result.problems[0].message


def test_jsonl_line_nested_too_deep_is_an_error_of_that_line_only():
    result = read("deep.jsonl", jsonl(json.dumps(GOOD), "[" * 100_000 + "]" * 100_000))
    assert len(result.drafts) == 1 and problem_lines(result) == [2]


def test_an_integer_of_5000_digits_is_kept_as_its_digits_not_converted():
    result = read("big.jsonl", jsonl(json.dumps(GOOD)[:-1] + ', "byline": ' + "7" * 5000 + "}"))
    assert result.problems == []
    assert result.drafts[0].byline == "7" * 500  # the byline's limit


def test_an_integer_date_of_5000_digits_is_a_located_error():
    result = read("big.jsonl", jsonl(json.dumps(GOOD)[:-1] + ', "published_at": ' + "1" * 5000 + "}"))
    assert problem_lines(result) == [1] and "1111" in result.problems[0].message


def test_a_lone_surrogate_is_a_located_error():
    result = read("s.jsonl", jsonl(json.dumps(GOOD), '{"title": "Broken \\ud800", "body": "Text."}'))
    assert len(result.drafts) == 1 and problem_lines(result) == [2]
    assert "lone UTF-16 surrogate" in result.problems[0].message


@pytest.mark.parametrize(
    "data",
    [
        b'{"title": "Nul\\u0000 title", "body": "Text\\u0000 here.", "outlet": "Gazette\\u0000"}',
        b"title,body,outlet\nNul\x00 title,Text\x00 here.,Gazette\x00\n",
    ],
    ids=["json-escape", "csv-byte"],
)
def test_nul_characters_are_dropped_where_text_enters(data):
    name = "n.csv" if data.startswith(b"title,") else "n.jsonl"
    [draft] = read(name, data).drafts
    assert (draft.title, draft.body, draft.outlet) == ("Nul title", "Text here.", "Gazette")


@pytest.mark.django_db
def test_nul_characters_never_reach_the_database():
    read_result = read("n.jsonl", b'{"title": "A\\u0000", "body": "B\\u0000 c.", "outlet": "Out\\u0000let"}')
    [article] = articles_import(read=read_result, user=None).created
    assert Outlet.objects.get().name == "Outlet" and article.body == "B c."


@pytest.mark.parametrize("length", [2001, 2048])
def test_a_url_longer_than_the_column_is_a_located_error(length):
    url = "https://news.example/" + "a" * (length - len("https://news.example/"))
    result = read("u.jsonl", jsonl(json.dumps(GOOD), json.dumps({**GOOD, "body": "Other.", "url": url})))
    assert len(result.drafts) == 1 and problem_lines(result) == [2]
    assert "at most 2000" in result.problems[0].message


def test_jsonl_lines_end_at_newlines_only():
    record = json.dumps({**GOOD, "body": "One\u2028two\x0cthree."}, ensure_ascii=False)
    result = read("a.jsonl", jsonl(record, json.dumps({**GOOD, "body": "Second."})))
    assert result.problems == [] and [d.source for d in result.drafts] == ["a.jsonl, line 1", "a.jsonl, line 2"]


# --- content the README says is refused ----------------------------------------------------------------


def test_a_page_whose_only_text_is_its_navigation_is_refused():
    page = b"<html><head><title>Site</title></head><body><div>Home</div></body></html>"
    result = read("nav.html", page)
    assert result.drafts == []
    assert "No article text was found in this page" in result.problems[0].message


@pytest.mark.parametrize("body", ["\u200b\u200b\u200b", "\u200b \ufeff\u2060", "\u202e"])
def test_a_body_without_letters_or_digits_is_refused(body):
    result = read("z.jsonl", jsonl(json.dumps({**GOOD, "body": body})))
    assert result.drafts == [] and problem_lines(result) == [1]
    assert "missing body" in result.problems[0].message


# --- the command line and the admin keep the good rows ---------------------------------------------------


@pytest.mark.django_db
def test_a_row_the_model_refuses_at_commit_is_reported_and_the_good_rows_kept():
    # A draft read before the date rule (an old preview) still cannot store a bad date, nor sink the others.
    result = readers.ReadResult(
        drafts=[
            readers.ArticleDraft(title="Good", body="Good text.", source="a.jsonl, line 1"),
            readers.ArticleDraft(
                title="Bad", body="Bad text.", published_at=datetime(1, 1, 1, tzinfo=UTC), source="a.jsonl, line 2"
            ),
        ]
    )
    summary = articles_import(read=result, user=None)
    assert [a.title for a in summary.created] == ["Good"]
    assert summary.errors == 1 and summary.problems[0].where == "a.jsonl, line 2"
    assert "published_at" in summary.problems[0].message


@pytest.mark.django_db
def test_import_articles_command_keeps_the_good_rows_of_a_file_with_bad_ones(tmp_path):
    lines = [
        json.dumps({"title": "One", "body": "First text."}),
        json.dumps({"title": "Two", "body": "Second text.", "url": "https://news.example/" + "a" * 2010}),
        json.dumps({"title": "Three", "body": "Third text.", "published_at": "9999-12-31T23:59:59-14:00"}),
        json.dumps({"title": "Four\u0001", "body": "Fourth\u0000 text."}),
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(lines))
    out, err = StringIO(), StringIO()
    call_command("import_articles", str(tmp_path / "a.jsonl"), stdout=out, stderr=err)
    assert "2 created, 0 duplicates, 2 errors" in out.getvalue()
    assert "a.jsonl, line 2" in err.getvalue() and "a.jsonl, line 3" in err.getvalue()
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Four", "One"]


@pytest.mark.django_db
def test_admin_confirm_of_a_long_url_stores_the_good_rows_and_answers_no_500(
    admin_client, django_capture_on_commit_callbacks
):
    lines = [json.dumps(GOOD), json.dumps({**GOOD, "body": "Other.", "url": "https://e.example/" + "b" * 2020})]
    upload = StringIO("\n".join(lines))
    upload.name = "a.jsonl"
    page = soup(admin_client.post(IMPORT_URL, {"files": upload}))
    assert [td.text for td in page.select("#import-preview td:nth-of-type(2)")] == ["new", "error"]
    confirm = page.select_one("#confirm-import").find_parent("form")["action"]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(confirm, follow=True)
    assert response.status_code == 200
    assert run_queued("annotations.tasks.import_batch_store") == 1
    assert Article.objects.get().title == GOOD["title"]
    assert ImportBatch.objects.get().committed_at is not None
