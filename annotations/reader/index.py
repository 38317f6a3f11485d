"""Keeping the reader index of statements up to date: explicit calls, never signals.

The reader index is four columns of `Statement` that reader lists, filters and search read without joins:
`published_at`, `published_on` and `outlet` (copies of the article's) and `search_document`, which holds,
weighted for ranking:

* **A**: the speaker's canonical name and every alias,
* **B**: the statement text,
* **C**: the article title.

Whoever changes one of these calls the matching function below, inside the transaction of the change
(each function is atomic on its own too, and cheap: one UPDATE):

=============================================  ===============================================
change                                         call
=============================================  ===============================================
statement confirmed, edited, re-attributed     ``statement_search_refresh(statement_ids=[...])``
speaker renamed, alias added/removed, merge    ``speaker_search_refresh(speaker=kept_speaker)``
article title, date or outlet corrected        ``article_search_refresh(article=article)``
bulk load, restore, new search configuration   ``manage.py search_reindex`` (``search_reindex()``)
=============================================  ===============================================

A statement confirmed without a refresh is still shown (permalink, lists) but sorts as undated, escapes the
date and outlet filters and is not found by full-text search: so call it. Only PostgreSQL stores a search
document; the fallback search of other databases reads the live columns. Suggested and rejected statements may be refreshed
too (harmless): only public ones are indexed by the partial GIN index and only they are ever searched.
"""

from collections.abc import Callable, Iterable
from itertools import batched

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import Max, OuterRef, QuerySet, StringAgg, Subquery, TextField, Value
from django.db.models.expressions import BaseExpression, CombinedExpression
from django.db.models.functions import Coalesce

from ..models import Article, Speaker, SpeakerAlias, Statement
from .cache import reader_pages_changed
from .queries import SEARCH_CONFIG, uses_full_text

BATCH_SIZE = 5000


def search_document_expression() -> CombinedExpression:
    """The weighted tsvector of a statement, computed in the database from its speaker, aliases and article."""
    speaker_name = Subquery(Speaker.objects.filter(pk=OuterRef("speaker_id")).values("name")[:1])
    alias_names = Subquery(
        SpeakerAlias.objects.filter(speaker_id=OuterRef("speaker_id"))
        .order_by()
        .values("speaker_id")
        .annotate(names=StringAgg("name", Value(" ")))
        .values("names")[:1]
    )
    title = Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("title")[:1])
    return (
        SearchVector(
            Coalesce(speaker_name, Value(""), output_field=TextField()),
            Coalesce(alias_names, Value(""), output_field=TextField()),
            weight="A",
            config=SEARCH_CONFIG,
        )
        + SearchVector("text", weight="B", config=SEARCH_CONFIG)
        + SearchVector(Coalesce(title, Value(""), output_field=TextField()), weight="C", config=SEARCH_CONFIG)
    )


def reader_index_values() -> dict[str, BaseExpression]:
    """The reader index columns as expressions, for `QuerySet.update()`: a change that already updates the
    statements can set them in the same UPDATE instead of a second pass over the rows."""
    article = Article.objects.filter(pk=OuterRef("article_id"))
    values: dict[str, BaseExpression] = {
        "published_at": Subquery(article.values("published_at")[:1]),
        "published_on": Subquery(article.values("published_on")[:1]),
        "outlet_id": Subquery(article.values("outlet_id")[:1]),
    }
    if uses_full_text():
        values["search_document"] = search_document_expression()
    return values


def _refresh(qs: QuerySet[Statement]) -> int:
    reader_pages_changed()  # the pages built from the index are stale once this commits
    return qs.update(**reader_index_values())


@transaction.atomic(savepoint=False)  # joins the caller's transaction: no savepoint round trips
def statement_search_refresh(*, statement_ids: Iterable[int]) -> int:
    """Rebuild the search document of these statements; call it after confirming, editing or re-attributing.

    Returns the number of statements updated.
    """
    updated = 0
    for chunk in batched(sorted(set(statement_ids)), BATCH_SIZE, strict=False):
        updated += _refresh(Statement.objects.filter(pk__in=chunk))
    return updated


@transaction.atomic(savepoint=False)  # joins the caller's transaction: no savepoint round trips
def speaker_search_refresh(*, speaker: Speaker) -> int:
    """Rebuild the search documents of every statement of `speaker`; call it after a rename, an alias change,
    or a merge (with the kept speaker, once the statements point to it)."""
    return _refresh(Statement.objects.filter(speaker=speaker))


@transaction.atomic(savepoint=False)  # joins the caller's transaction: no savepoint round trips
def article_search_refresh(*, article: Article) -> int:
    """Rebuild the search documents of every statement of `article`; call it after its title changes."""
    return _refresh(Statement.objects.filter(article=article))


def search_reindex(
    *, only_missing: bool = False, batch_size: int = 20000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Rebuild every search document in id ranges, one transaction per batch (safe on a live site).

    `only_missing` rebuilds only documents never built (e.g. rows loaded in bulk). `progress(done, last_id)`
    is called after each batch. Returns the number of statements updated.
    """
    last_id = Statement.objects.aggregate(last=Max("pk"))["last"] or 0
    updated = 0
    for low in range(0, last_id + 1, batch_size):
        qs = Statement.objects.filter(pk__gte=low, pk__lt=low + batch_size)
        if only_missing:
            qs = qs.filter(search_document__isnull=True) if uses_full_text() else qs.filter(published_at__isnull=True)
        with transaction.atomic():
            updated += _refresh(qs)
        if progress:
            progress(updated, min(low + batch_size, last_id))
    return updated
