"""A quote that continues the one before it, with the same cue between them, is one statement of two
segments; the reporter's words stay out of it."""

import pytest

from annotations.models import Statement
from annotations.pretagging import services as pretagging

from ..factories import ArticleFactory

pytestmark = pytest.mark.django_db


def texts(article) -> list[str]:
    return [s.text for s in Statement.objects.filter(article=article).order_by("start")]


def test_a_quote_continued_after_its_attribution_is_one_statement_of_two_segments():
    article = ArticleFactory(
        body="Transit workers met on Monday.\n\n“The contract is fair,” union president Keisha Grant told "
        "reporters. “We will sign it this week.”"
    )
    pretagging.article_pretag(article=article)
    [statement] = Statement.objects.filter(article=article)
    assert statement.text == "The contract is fair, … We will sign it this week."
    assert len(statement.spans) == 2 and statement.kind == Statement.Kind.DIRECT
    assert statement.speaker.name == "Keisha Grant"


def test_a_quote_broken_by_its_cue_is_one_statement():
    article = ArticleFactory(body="“The contract is fair,” Grant said, “and we will sign it this week.”")
    pretagging.article_pretag(article=article)
    assert texts(article) == ["The contract is fair, … and we will sign it this week."]


def test_quotes_in_separate_paragraphs_stay_separate_statements():
    article = ArticleFactory(body="“We are ready,” the mayor said.\n\n“The bridge opens in May,” she said.")
    pretagging.article_pretag(article=article)
    assert texts(article) == ["We are ready,", "The bridge opens in May,"]
