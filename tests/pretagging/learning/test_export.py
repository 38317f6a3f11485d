"""Training data from the database: reviewed articles only; rejected suggestions are negatives."""

from pathlib import Path

import pytest
from spacy.tokens import DocBin

from annotations.models import Article, Statement
from annotations.pretagging.learning.export import export_docbins, training_articles
from annotations.pretagging.nlp.learned.data import Article as TrainingArticle
from annotations.pretagging.nlp.learned.data import article_doc, split_articles

from ...factories import ArticleFactory, StatementFactory

pytestmark = pytest.mark.django_db


def reviewed_article(**kwargs) -> Article:
    return ArticleFactory(status=Article.Status.REVIEWED, **kwargs)


def test_an_unreviewed_article_never_becomes_training_data():
    for status in (Article.Status.NEW, Article.Status.PRETAGGED, Article.Status.IN_REVIEW):
        StatementFactory(article=ArticleFactory(status=status), status=Statement.Status.CONFIRMED)
    kept = reviewed_article()
    StatementFactory(article=kept, status=Statement.Status.CONFIRMED)
    assert [a.key for a in training_articles()] == [f"article-{kept.pk}"]
    assert training_articles(Article.objects.all()) == training_articles()


def test_confirmed_statements_are_positives_with_their_speaker_mention():
    article = reviewed_article()
    statement = StatementFactory(
        article=article,
        status=Statement.Status.CONFIRMED,
        mention_start=article.body.index("Mayor"),
        mention_end=article.body.index(" of Fairview"),
    )
    [exported] = training_articles()
    [positive] = exported.statements
    assert (positive.start, positive.end) == (statement.start, statement.end)
    assert article.body[positive.speaker_start : positive.speaker_end] == "Mayor Ada Brook"
    assert positive.speaker == statement.speaker.name


def test_a_rejected_suggestion_is_an_explicit_negative(tokenizer):
    article = reviewed_article()
    start = article.body.index("the budget")
    rejected = StatementFactory(
        article=article,
        status=Statement.Status.REJECTED,
        start=start,
        end=len(article.body),
        text=article.body[start:],
        kind=Statement.Kind.INDIRECT,
    )
    [exported] = training_articles()
    assert exported.statements == ()
    assert exported.rejected == ((rejected.start, rejected.end),)
    doc = article_doc(tokenizer, exported)
    assert [s.text for s in doc.spans["incorrect_spans"]] == ["the budget does not allow it."]
    assert all(t.ent_iob_ == "O" for t in doc)  # and, in a reviewed article, outside any statement


def test_a_pending_suggestion_is_neither_positive_nor_negative(tokenizer):
    article = reviewed_article()
    StatementFactory(article=article, status=Statement.Status.SUGGESTED)
    [exported] = training_articles()
    doc = article_doc(tokenizer, exported)
    quote = [t for t in doc if t.text == "bridge"][0]
    assert quote.ent_iob_ == ""  # missing: the model learns nothing there
    assert doc[0].ent_iob_ == "O"


def test_segments_are_one_content_span_each(tokenizer):
    article = reviewed_article(body="“We will win,” she said, “and soon.”")
    first = (1, article.body.index(",”") + 1)
    second = (article.body.rindex("“") + 1, article.body.rindex("”"))
    StatementFactory(
        article=article,
        status=Statement.Status.CONFIRMED,
        start=first[0],
        end=second[1],
        segments=[list(first), list(second)],
        text="…",
    )
    doc = article_doc(tokenizer, training_articles()[0])
    assert [(e.text, e.label_) for e in doc.ents] == [("We will win,", "CONTENT"), ("and soon.", "CONTENT")]


def test_the_split_is_by_article_and_deterministic(tmp_path: Path, tokenizer):
    articles = [TrainingArticle(key=f"a{i}", text="x") for i in range(40)]
    train, dev = split_articles(articles, 0.2)
    assert {a.key for a in train}.isdisjoint({a.key for a in dev})
    assert len(train) + len(dev) == 40 and dev
    assert split_articles(list(reversed(articles)), 0.2)[1] == sorted(dev, key=lambda a: -int(a.key[1:]))
    two = split_articles(articles[:2], 0.2)
    assert len(two[0]) == 1 and len(two[1]) == 1


def test_export_writes_docbins(tmp_path: Path):
    for _ in range(3):
        StatementFactory(article=reviewed_article(), status=Statement.Status.CONFIRMED)
    counts = export_docbins(tmp_path)
    assert counts.train_articles + counts.dev_articles == 3 and counts.statements == 3
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(_vocab()))
    assert len(docs) == counts.train_articles
    assert all(d.ents[0].label_ == "CONTENT" for d in docs)


def _vocab():
    from spacy.vocab import Vocab

    return Vocab()
