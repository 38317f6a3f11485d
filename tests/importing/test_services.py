import pytest
from django_tasks_db.models import DBTaskResult

from annotations.importing import readers
from annotations.importing.services import articles_import, import_batch_commit, import_batch_create, import_preview
from annotations.models import Article, ImportBatch, Outlet

from ..factories import ArticleFactory, OutletFactory, UserFactory

pytestmark = pytest.mark.django_db


def drafts(*records) -> readers.ReadResult:
    result = readers.ReadResult()
    for number, record in enumerate(records, start=1):
        result.drafts.append(readers.draft_from_mapping(record, source=f"in.jsonl, line {number}"))
    return result


def test_preview_marks_new_rows_and_duplicates_of_stored_articles_by_url_or_text():
    stored = ArticleFactory(url="https://news.example/a", body="Stored text.")
    read = drafts(
        {"title": "Same URL", "body": "Different text.", "url": "https://news.example/a"},
        {"title": "Same text", "body": "stored   TEXT.", "url": "https://news.example/b"},
        {"title": "New", "body": "Brand new text."},
    )
    rows = import_preview(read=read)
    assert [row.outcome for row in rows] == ["duplicate", "duplicate", "new"]
    assert rows[0].existing == stored and "same address" in rows[0].message
    assert "same text" in rows[1].message


def test_preview_marks_a_repeat_within_the_same_import():
    rows = import_preview(read=drafts({"title": "A", "body": "One text."}, {"title": "A again", "body": "One text."}))
    assert [row.outcome for row in rows] == ["new", "duplicate"]
    assert "in.jsonl, line 1" in rows[1].message


def test_preview_lists_errors_after_the_rows():
    read = drafts({"title": "A", "body": "One text."})
    read.problems.append(readers.ReadProblem("in.jsonl", "missing body", 2))
    rows = import_preview(read=read)
    assert [(row.outcome, row.where) for row in rows] == [("new", "in.jsonl, line 1"), ("error", "in.jsonl, line 2")]


def test_import_stores_new_articles_with_their_metadata_and_skips_duplicates():
    user = UserFactory()
    ArticleFactory(body="Old text.")
    read = drafts(
        {
            "title": "New",
            "body": "New text.",
            "outlet": "Sample Gazette",
            "byline": "Lee Park",
            "published_at": "2024-01-02",
        },
        {"title": "Old", "body": "Old text."},
    )
    summary = articles_import(read=read, user=user)
    assert (len(summary.created), summary.duplicates, summary.errors) == (1, 1, 0)
    article = Article.objects.get(title="New")
    assert article.outlet.name == "Sample Gazette"
    assert article.imported_by == user
    assert article.import_source == "in.jsonl, line 1"
    assert article.status == Article.Status.NEW
    assert Article.objects.count() == 2


def test_outlet_is_matched_by_name_ignoring_case_or_else_by_the_url_domain():
    gazette = OutletFactory(name="Sample Gazette", domain="gazette.example")
    articles_import(
        read=drafts(
            {"title": "By name", "body": "Text one.", "outlet": "sample gazette"},
            {"title": "By domain", "body": "Text two.", "url": "https://www.gazette.example/story"},
        ),
        user=None,
    )
    assert set(Article.objects.values_list("outlet", flat=True)) == {gazette.pk}
    assert Outlet.objects.count() == 1


def test_each_imported_article_is_queued_for_pretagging_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        summary = articles_import(
            read=drafts({"title": "A", "body": "One."}, {"title": "B", "body": "Two."}), user=None
        )
    [task] = DBTaskResult.objects.filter(task_path="annotations.tasks.pretag_batch")  # one batch for both
    assert sorted(task.args_kwargs["args"][0]) == sorted(a.pk for a in summary.created)
    assert Article.objects.filter(pretag_queued_at__isnull=False).count() == 2  # what the task will claim


def test_a_failure_mid_import_leaves_nothing_behind(monkeypatch):
    original_save = Article.save

    def save_then_fail_on_second(self, *args, **kwargs):
        if self.title == "Second":
            raise RuntimeError("disk full")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Article, "save", save_then_fail_on_second)
    with pytest.raises(RuntimeError):
        articles_import(read=drafts({"title": "First", "body": "One."}, {"title": "Second", "body": "Two."}), user=None)
    assert Article.objects.count() == 0


def test_a_previewed_batch_is_imported_once():
    user = UserFactory()
    batch = import_batch_create(read=drafts({"title": "A", "body": "One."}), sources=["in.jsonl"], user=user)
    assert len(import_batch_commit(batch=batch, user=user).created) == 1
    assert import_batch_commit(batch=batch, user=user).created == []
    batch.refresh_from_db()
    assert batch.committed_at is not None and batch.summary.startswith("1 created")
    assert Article.objects.count() == 1


def test_batch_commit_skips_what_was_imported_since_the_preview():
    batch = import_batch_create(read=drafts({"title": "A", "body": "One."}), sources=["in.jsonl"], user=None)
    ArticleFactory(body="One.")
    summary = import_batch_commit(batch=batch, user=None)
    assert (len(summary.created), summary.duplicates) == (0, 1)
    assert ImportBatch.objects.get().drafts == []
