"""Pre-tagging: run the spaCy quote finder over an article and store its suggestions.

The pre-tagger itself arrives with issue 3; this module is the hook the import queues work for.
"""

from ..models import Article


def article_pretag_by_id(*, article_id: int) -> str:
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "missing"
    return "pending: the pre-tagger is not installed yet"
