"""Background work, run by `manage.py db_worker` (django.tasks with the django-tasks-db backend)."""

from django.db import transaction
from django.tasks import task


@task
def pretag_article(article_id: int) -> str:
    """Pre-tag one article: find its statements and suggest them to editors."""
    from .pretagging.services import article_pretag_by_id

    return article_pretag_by_id(article_id=article_id)


def queue_pretag(*, article_id: int) -> None:
    """Queue pre-tagging once the surrounding transaction has committed (the worker must see the article)."""
    transaction.on_commit(lambda: pretag_article.enqueue(article_id))


@task(queue_name="training")
def train_pretagger(model_id: int) -> str:
    """Train one pre-tagger model version from the reviewed articles (its own queue: pre-tagging goes on)."""
    from .models import PretaggerModel
    from .pretagging.learning.services import pretagger_model_train

    model = PretaggerModel.objects.filter(pk=model_id).first()
    if model is None:
        return f"model {model_id}: gone"
    model = pretagger_model_train(model=model)
    return f"v{model.version}: {model.state}"
