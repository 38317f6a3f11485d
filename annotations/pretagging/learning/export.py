"""Training data from the database: reviewed articles only, with their statements and rejected suggestions."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...models import Article, Statement
from ..nlp.learned import data
from .versions import reviewed_articles


def training_article(article: Article, statements: Iterable[Statement]) -> data.Article:
    """One reviewed article as training data: confirmed statements are positives (each quoted segment a
    span), rejected suggestions explicit negatives, anything still pending neither."""
    positives: list[data.Statement] = []
    rejected: list[tuple[int, int]] = []
    unknown: list[tuple[int, int]] = []
    for statement in statements:
        spans = [tuple(s) for s in statement.segments] or [(statement.start, statement.end)]
        if statement.status == Statement.Status.CONFIRMED:
            for start, end in spans:
                positives.append(
                    data.Statement(
                        start=int(start),
                        end=int(end),
                        kind=statement.kind,
                        speaker_start=statement.mention_start,
                        speaker_end=statement.mention_end,
                        speaker=statement.speaker.name if statement.speaker is not None else None,
                    )
                )
        elif statement.status == Statement.Status.REJECTED:
            rejected.extend((int(s), int(e)) for s, e in spans)
        else:
            unknown.extend((int(s), int(e)) for s, e in spans)
    return data.Article(
        key=f"article-{article.pk}",
        text=article.body,
        statements=tuple(positives),
        rejected=tuple(rejected),
        unknown=tuple(unknown),
    )


def training_articles(articles: Iterable[Article] | None = None) -> list[data.Article]:
    """The reviewed articles as training data (``articles`` narrows them; unreviewed ones are always left out)."""
    chosen = reviewed_articles() if articles is None else [a for a in articles if a.status == Article.Status.REVIEWED]
    by_article: dict[int, list[Statement]] = {}
    ids = [a.pk for a in chosen]
    for statement in (
        Statement.objects.filter(article_id__in=ids).select_related("speaker").order_by("article_id", "start")
    ):
        by_article.setdefault(statement.article_id, []).append(statement)
    return [training_article(a, by_article.get(a.pk, [])) for a in chosen]


def export_docbins(out_dir: Path, *, dev_share: float = 0.2, base_model: str | None = None) -> data.ExportCounts:
    """Write ``train.spacy`` and ``dev.spacy`` (split by article, deterministically) from the database."""
    from ..nlp.learned.training import tokenizer_of

    return data.write_docbins(training_articles(), tokenizer_of(base_model), out_dir, dev_share)
