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
