import pytest

from annotations.models import Article
from annotations.tasks import pretag_article

from ..factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_pretag_task_tags_the_article():
    article = ArticleFactory(body="“We are ready,” said Ada Brook.")
    assert pretag_article.call(article.pk) == f"article {article.pk}: 1 suggested, 0 kept, 1 new speaker"
    assert Article.objects.get(pk=article.pk).status == Article.Status.PRETAGGED


def test_pretag_task_for_a_deleted_article_does_nothing():
    assert pretag_article.call(123456) == "article 123456: gone"


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
