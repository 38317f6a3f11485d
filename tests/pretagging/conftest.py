"""Fixtures for the pre-tagging tests (the NLP tests have their own, in nlp/conftest.py)."""

import pytest

from annotations.models import Article

from ..seed import seed_article as import_seed_article


@pytest.fixture
def seed_article(db) -> Article:
    """The seed article, imported with the import service and not yet pre-tagged."""
    return import_seed_article()
