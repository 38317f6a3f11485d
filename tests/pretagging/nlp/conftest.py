"""Fixtures for the NLP tests: the real pipeline, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from annotations.pretagging.nlp import QuoteCandidate, extract, load_pipeline

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained English pipeline plus claimbook_quotes."""
    return load_pipeline()


@pytest.fixture(scope="session")
def quotes(nlp: Language) -> Callable[[str], list[QuoteCandidate]]:
    """Run the pipeline on a text and return its candidates."""

    def run(text: str) -> list[QuoteCandidate]:
        return extract(nlp(text))

    return run


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (DATA / "seed.txt").read_text(encoding="utf-8")
