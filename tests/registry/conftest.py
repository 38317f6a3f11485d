"""Fixtures for the registry tests: two records that may be one person."""

import pytest

from annotations.models import Speaker
from annotations.registry.services import speaker_create

from ..factories import ArticleFactory, StatementFactory


@pytest.fixture
def pham(db) -> Speaker:
    """A speaker pre-tagging created from a surname, with one statement, waiting to be checked."""
    speaker = speaker_create(name="Pham", origin=Speaker.Origin.MODEL)
    StatementFactory(speaker=speaker, mention_text="Pham", mention_start=0, mention_end=4)
    return speaker


@pytest.fixture
def tony(db) -> Speaker:
    speaker = speaker_create(name="Tony Pham", description="acting director of ICE")
    StatementFactory(speaker=speaker, article=ArticleFactory())
    StatementFactory(speaker=speaker, article=ArticleFactory())
    return speaker
