import pytest

from annotations.models import Article, Statement
from annotations.pretagging import queue
from annotations.tasks import pretag_article, pretag_batch, queue_pretag_many, requeue_stale

from ..factories import ArticleFactory

pytestmark = pytest.mark.django_db


def queued_article(body="“We are ready,” said Ada Brook.") -> Article:
    article = ArticleFactory(body=body)
    queue.articles_queue(article_ids=[article.pk])
    return article


def test_pretag_task_tags_the_queued_article_and_ends_the_request():
    article = queued_article()
    assert pretag_article.call(article.pk) == f"article {article.pk}: 1 suggested, 0 kept, 1 new speaker"
    article.refresh_from_db()
    assert article.status == Article.Status.PRETAGGED
    assert (article.pretag_queued_at, article.pretag_lease_owner, article.pretag_attempts) == (None, "", 0)


def test_a_task_delivered_twice_does_the_work_once():
    article = queued_article()
    pretag_article.call(article.pk)
    first = list(Statement.objects.values_list("pk", flat=True))
    assert "nothing queued" in pretag_article.call(article.pk)
    assert list(Statement.objects.values_list("pk", flat=True)) == first  # not even replaced


def test_pretag_task_for_a_deleted_article_does_nothing():
    assert "nothing queued" in pretag_article.call(123456)


def test_an_article_leased_by_a_live_worker_is_left_to_it():
    article = queued_article()
    assert queue.articles_claim(article_ids=[article.pk], owner="other/1").article_ids == [article.pk]
    assert "held elsewhere" in pretag_article.call(article.pk)
    assert not Statement.objects.exists()


def test_a_late_worker_whose_lease_was_taken_over_stores_nothing():
    from annotations.pretagging.services import article_pretag

    article = queued_article()
    queue.articles_claim(article_ids=[article.pk], owner="slow/1")
    Article.objects.filter(pk=article.pk).update(pretag_lease_owner="", pretag_lease_expires=None)  # released
    queue.articles_claim(article_ids=[article.pk], owner="fresh/2")
    assert article_pretag(article=article, owner="slow/1").skipped
    assert not Statement.objects.exists()
    assert pretag_article.call(article.pk) == f"articles {article.pk}: nothing queued or held elsewhere"


def test_expired_leases_are_released_and_queued_again(settings, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    article = queued_article()
    queue.articles_claim(article_ids=[article.pk], owner="dead/1")
    Article.objects.filter(pk=article.pk).update(pretag_lease_expires=timezone.now() - timedelta(seconds=1))
    assert Article.objects.filter(queue.stuck()).get() == article
    with django_capture_on_commit_callbacks():
        assert requeue_stale() == 1
    article.refresh_from_db()
    assert (article.pretag_lease_owner, article.pretag_lease_expires, article.pretag_attempts) == ("", None, 1)
    assert pretag_article.call(article.pk).endswith("1 new speaker")


def test_articles_queued_long_ago_and_never_taken_are_sent_again(settings):
    from datetime import timedelta

    from django.utils import timezone

    article = queued_article()
    Article.objects.filter(pk=article.pk).update(pretag_queued_at=timezone.now() - timedelta(hours=2))
    released = queue.leases_release_expired()
    assert released.unclaimed == [article.pk]
    assert queue.leases_release_expired().unclaimed == []  # once per period


def test_an_article_whose_runs_keep_dying_is_failed_not_retried_forever(settings):
    settings.CLAIMBOOK_PRETAG_MAX_ATTEMPTS = 2
    article = queued_article()
    Article.objects.filter(pk=article.pk).update(pretag_attempts=2)
    assert "gave up" in pretag_article.call(article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.PRETAG_FAILED
    assert "Gave up after 2 runs" in article.pretag_error
    assert article.pretag_queued_at is None


def test_a_batch_task_tags_only_its_queued_articles():
    one, two = queued_article(), queued_article("“Not yet,” said Tomas Reyes.")
    done = ArticleFactory(body="“Done,” said Lee Park.")
    assert pretag_batch.call([one.pk, two.pk, done.pk]).startswith("2 of 3 articles")
    assert set(Statement.objects.values_list("article", flat=True)) == {one.pk, two.pk}


def test_queueing_many_sends_batches_once_committed(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    articles = [ArticleFactory() for _ in range(10)]
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_pretag_many(article_ids=[a.pk for a in articles]) == 10
    assert sorted(len(r.args_kwargs["args"][0]) for r in DBTaskResult.objects.all()) == [2, 8]


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_the_queued_pretagging():
    from django.core.management import call_command

    from annotations.importing import readers
    from annotations.importing.services import articles_import

    read = readers.read_pasted(title="Bridge", body="“We will open it in May,” said Ada Brook.")
    [article] = articles_import(read=read, user=None).created
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    article.refresh_from_db()
    assert article.status == Article.Status.PRETAGGED
    assert article.statements.get().speaker.name == "Ada Brook"
