"""Shared data for the reader-site tests: a story with two public statements and four that readers must never see.

Every hidden statement's text contains "Secret", so a test can assert that the word appears nowhere.
"""

import datetime as dt
import itertools
from types import SimpleNamespace

from annotations.models import Speaker, Statement
from annotations.reader.index import statement_search_refresh

from ..factories import ArticleFactory, SpeakerFactory, StatementFactory

HIDDEN_WORD = "Secret"
_numbers = itertools.count(1)

BODY = (
    "Story {n} opens here.\n\n"
    "“We will open the bridge in May,” said Mayor {name}.\n\n"
    "{name} said the council would vote on the bridge budget next week.\n\n"
    "“Secretsuggested words stay private,” said Tomas Reyes.\n\n"
    "“Secretrejected words stay private,” said Tomas Reyes.\n\n"
    "“Secretspeakerless words stay private,” someone said.\n\n"
    "“Secretnotaspeaker words stay private,” the crowd chanted."
)


def statement_at(article, fragment: str, **fields) -> Statement:
    start = article.body.index(fragment)
    return StatementFactory(article=article, start=start, end=start + len(fragment), text=fragment, **fields)


def story(
    *,
    speaker: Speaker | None = None,
    title: str = "Bridge to open in May",
    published_at: dt.datetime | None = dt.datetime(2026, 5, 2, 9, 30, tzinfo=dt.UTC),
    hidden: bool = True,
    **article_fields,
) -> SimpleNamespace:
    """An article with a direct and an indirect public statement by `speaker`, plus hidden ones."""
    speaker = speaker or SpeakerFactory(name="Ada Brook", slug=f"story-ada-brook-{next(_numbers)}")
    body = BODY.format(n=next(_numbers), name=speaker.name)
    article = ArticleFactory(body=body, title=title, published_at=published_at, **article_fields)
    confirmed = Statement.Status.CONFIRMED
    direct = statement_at(article, "We will open the bridge in May", speaker=speaker, status=confirmed, cue_text="said")
    cue = article.body.index("said Mayor")
    direct.cue_start, direct.cue_end = cue, cue + 4
    direct.save()
    indirect = statement_at(
        article,
        "the council would vote on the bridge budget next week",
        speaker=speaker,
        status=confirmed,
        kind=Statement.Kind.INDIRECT,
        cue_text="said",
    )
    hidden_statements = []
    if hidden:
        other = SpeakerFactory(name="Tomas Reyes", slug=f"story-tomas-reyes-{next(_numbers)}")
        crowd = SpeakerFactory(
            name="The crowd", slug=f"story-the-crowd-{next(_numbers)}", status=Speaker.Status.NOT_A_SPEAKER
        )
        hidden_statements = [
            statement_at(article, "Secretsuggested words stay private", speaker=other),
            statement_at(article, "Secretrejected words stay private", speaker=other, status=Statement.Status.REJECTED),
            statement_at(article, "Secretspeakerless words stay private", speaker=None, status=confirmed),
            statement_at(article, "Secretnotaspeaker words stay private", speaker=crowd, status=confirmed),
        ]
    statement_search_refresh(statement_ids=[s.pk for s in [direct, indirect, *hidden_statements]])
    direct.refresh_from_db()
    indirect.refresh_from_db()
    return SimpleNamespace(article=article, speaker=speaker, direct=direct, indirect=indirect, hidden=hidden_statements)
