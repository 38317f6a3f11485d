"""Fixtures for the review tests (the editor and their client are in tests/conftest.py)."""

import pytest

from ..factories import UserFactory


@pytest.fixture
def other_editor(db):
    """A second editor, for locks, stale versions and whose undo is whose."""
    return UserFactory(username="olga")
