"""Model versions: training from the database, activation rules, the worker loading the active model."""

import pytest

from annotations.models import Article, PretaggerModel, Statement
from annotations.pretagging import services as pretag_services
from annotations.pretagging.learning import storage
from annotations.pretagging.learning.loading import pipeline_for
from annotations.pretagging.learning.services import (
    ActivationRefused,
    pretagger_model_activate,
    pretagger_model_create,
    pretagger_model_deactivate,
    pretagger_model_train,
)

from ...factories import ArticleFactory, StatementFactory

pytestmark = pytest.mark.django_db


def ready(version: int, model: float, baseline: float, **kwargs) -> PretaggerModel:
    return PretaggerModel.objects.create(
        version=version,
        state=PretaggerModel.State.READY,
        scores={"model": {"e2e_f1": model}, "active": {"e2e_f1": baseline}, "rules": {"e2e_f1": baseline}},
        **kwargs,
    )


def test_training_from_reviewed_articles_records_a_scored_version(settings):
    for _ in range(3):
        StatementFactory(article=ArticleFactory(status=Article.Status.REVIEWED), status=Statement.Status.CONFIRMED)
    model = pretagger_model_train(model=pretagger_model_create(), max_steps=3)
    assert model.state == PretaggerModel.State.READY, model.error
    model.refresh_from_db()
    assert model.version == 1 and model.train_articles + model.heldout_articles == 3 and model.heldout_articles
    assert set(model.scores) >= {"model", "rules", "active"}
    assert model.scores["active"] == model.scores["rules"]  # nothing was active: the rules are the baseline
    assert model.archive and model.archive_sha256 == storage.checksum(bytes(model.archive))
    assert model.progress["stage"] == "done"


def test_training_without_reviewed_articles_fails_with_the_reason():
    StatementFactory(article=ArticleFactory(status=Article.Status.PRETAGGED), status=Statement.Status.CONFIRMED)
    model = pretagger_model_train(model=pretagger_model_create(), max_steps=3)
    assert model.state == PretaggerModel.State.FAILED
    assert "reviewed articles" in model.error


def test_a_candidate_scoring_below_the_active_model_needs_insisting():
    worse = ready(1, model=0.5, baseline=0.6)
    with pytest.raises(ActivationRefused):
        pretagger_model_activate(model=worse)
    assert not PretaggerModel.objects.filter(is_active=True).exists()
    pretagger_model_activate(model=worse, force=True)
    assert PretaggerModel.objects.active() == worse


def test_one_version_is_active_at_a_time_and_rolling_back_returns_to_the_rules():
    first, second = ready(1, 0.7, 0.6), ready(2, 0.8, 0.7)
    pretagger_model_activate(model=first)
    pretagger_model_activate(model=second)
    assert list(PretaggerModel.objects.filter(is_active=True)) == [second]
    pretagger_model_activate(model=first)  # roll back to the previous version
    assert PretaggerModel.objects.active() == first
    pretagger_model_deactivate()
    assert PretaggerModel.objects.active() is None


def test_a_version_not_ready_is_never_activated():
    queued = PretaggerModel.objects.create(version=1)
    with pytest.raises(ActivationRefused):
        pretagger_model_activate(model=queued, force=True)


def test_the_worker_uses_the_active_model_and_records_its_version(tiny_model_dir):
    blob = storage.pack(tiny_model_dir)
    model = ready(7, 0.7, 0.6, archive=blob, archive_sha256=storage.checksum(blob))
    pipeline_for.cache_clear()
    pretagger_model_activate(model=model)
    article = ArticleFactory()
    pretag_services.article_pretag(article=article)
    versions = set(Statement.objects.filter(article=article).values_list("model_version", flat=True))
    assert versions and all(v.endswith("+learned-7") for v in versions)
    assert pretag_services.pipeline() is pretag_services.pipeline()  # loaded once per version

    pretagger_model_deactivate()
    other = ArticleFactory()
    pretag_services.article_pretag(article=other)
    versions = set(Statement.objects.filter(article=other).values_list("model_version", flat=True))
    assert versions and not any("learned" in v for v in versions)
