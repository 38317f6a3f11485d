"""Reports of a quote: an article whose body quotes given words, and its statement over them."""

import datetime as dt
import itertools

from annotations.models import Statement
from tests.factories import ArticleFactory, SpeakerFactory, StatementFactory

_stories = itertools.count(1)
DAY0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def report(words: str, *, speaker=None, day: int = 0, status=Statement.Status.CONFIRMED, outlet=None, **kwargs):
    """A statement quoting `words` in a new article published `day` days after DAY0 (not grouped yet)."""
    body = f"Story {next(_stories)}. “{words}” said the speaker at the meeting.\n\nMore text follows here."
    article_kwargs = {"body": body, "published_at": DAY0 + dt.timedelta(days=day)}
    if outlet is not None:
        article_kwargs["outlet"] = outlet
    article = ArticleFactory(**article_kwargs)
    start = body.index("“") + 1
    end = body.index("”")
    statement = StatementFactory(
        article=article,
        start=start,
        end=end,
        text=body[start:end],
        speaker=speaker if speaker is not None else SpeakerFactory(),
        status=status,
        **kwargs,
    )
    from annotations.reader.index import statement_search_refresh

    statement_search_refresh(statement_ids=[statement.pk])
    return statement
