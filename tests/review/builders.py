"""Builders for review tests: articles with any number of statements."""

import itertools

from annotations.models import Article, Speaker, Statement

from ..factories import ArticleFactory, SpeakerFactory

_stories = itertools.count(1)


def quote_body(count: int, *, prefix: str = "") -> str:
    """An article body with `count` quotes, one per paragraph, each followed by “said Speaker N.”"""
    paragraphs = [
        f"“Statement number {n} is about the bridge, and it is true. It opens in May,” said Speaker {n}."
        for n in range(1, count + 1)
    ]
    return prefix + f"Story {next(_stories)}.\n\n" + "\n\n".join(paragraphs)


def article_with_statements(
    count: int, *, status: str = Statement.Status.SUGGESTED, prefix: str = "", speaker: Speaker | None = None
) -> tuple[Article, list[Statement]]:
    """An article whose every paragraph holds one suggested statement (with speaker, cue and mention)."""
    article = ArticleFactory(body=quote_body(count, prefix=prefix), status=Article.Status.PRETAGGED)
    speaker = speaker or SpeakerFactory()
    body = article.body
    statements = []
    position = 0
    for n in range(1, count + 1):
        start = body.index(f"Statement number {n} ", position)
        end = body.index("”", start)
        cue_start = body.index("said", end)
        mention_start = body.index(f"Speaker {n}", cue_start)
        statements.append(
            Statement(
                article=article,
                start=start,
                end=end,
                text=body[start:end],
                speaker=speaker,
                status=status,
                cue_text="said",
                cue_start=cue_start,
                cue_end=cue_start + 4,
                mention_text=f"Speaker {n}",
                mention_start=mention_start,
                mention_end=mention_start + len(f"Speaker {n}"),
                confidence=round(0.3 + (n % 7) / 10, 2),
            )
        )
        position = end
    Statement.objects.bulk_create(statements)
    return article, list(article.statements.order_by("start"))
