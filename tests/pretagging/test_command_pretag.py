import pytest
from django.core.management import CommandError

from annotations.models import Article, Statement

from ..factories import ArticleFactory
from ..test_commands import run

pytestmark = pytest.mark.django_db


def test_pretag_pending_tags_new_and_failed_articles_and_prints_a_summary():
    new = ArticleFactory(body="“We are ready,” said Ada Brook.")
    failed = ArticleFactory(body="“Not yet,” said Tomas Reyes.", status=Article.Status.PRETAG_FAILED)
    reviewed = ArticleFactory(body="“Done,” said Lee Park.", status=Article.Status.REVIEWED)
    out, _err = run("pretag", "--pending", "--batch-size", "1")
    assert "2 pre-tagged, 2 statements suggested, 0 failed." in out
    assert set(Statement.objects.values_list("article", flat=True)) == {new.pk, failed.pk}
    assert Article.objects.get(pk=reviewed.pk).status == Article.Status.REVIEWED


def test_pretag_by_id_reports_unknown_ids():
    with pytest.raises(CommandError, match="No article with id 999"):
        run("pretag", "999")


def test_pretag_needs_ids_or_a_selection():
    with pytest.raises(CommandError, match="Name article ids"):
        run("pretag")


def test_pretag_all_queues_the_archive_in_batches_for_the_workers(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    articles = [ArticleFactory(body=f"“Ready {n},” said Ada Brook.") for n in range(5)]
    out, _err = run("pretag", "--all", "--batch-size", "2")
    assert "5 articles queued for pre-tagging in 3 batches." in out
    assert sorted(len(task.args_kwargs["args"][0]) for task in DBTaskResult.objects.all()) == [1, 2, 2]
    assert Article.objects.filter(pretag_queued_at__isnull=False).count() == 5
    assert not Statement.objects.exists()  # the workers do the work
    out, _err = run("pretag", "--status")
    assert out.strip() == "5 queued (0 running, 0 stuck), 0 failed."
    assert {a.pk for a in articles} == set(Article.objects.values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)  # db_worker manages its own transactions
def test_pretag_all_resumes_skipping_what_this_version_already_did():
    from django.core.management import call_command

    from annotations.tasks import pretag_batch

    done, todo = ArticleFactory(body="“Done,” said Lee Park."), ArticleFactory(body="“Not yet,” said Tomas Reyes.")
    run("pretag", "--all")
    pretag_batch.call([done.pk])  # a worker did one before the run was interrupted
    out, _err = run("pretag", "--all")
    assert "1 articles queued" in out
    assert list(Article.objects.filter(pretag_queued_at__isnull=False).values_list("pk", flat=True)) == [todo.pk]
    out, _err = run("pretag", "--all", "--force")
    assert "2 articles queued" in out
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert Statement.objects.filter(article=done).count() == 1  # re-done, not duplicated
    assert not Article.objects.filter(pretag_queued_at__isnull=False).exists()


def test_pretag_all_with_nothing_to_do_says_so():
    out, _err = run("pretag", "--all", "--wait")
    assert "0 articles queued for pre-tagging in 0 batches." in out
