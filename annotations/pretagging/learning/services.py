"""Training a model version: export the reviewed articles, train, score on the held-out ones, store the files.

Runs in the worker (the `training` queue) or in `manage.py train_pretagger`: it imports spaCy. What the web
process needs (queue, activate, roll back) is in `versions.py`, which does not."""

from __future__ import annotations

import logging
import tempfile
import traceback
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from ...models import PretaggerModel
from ..nlp import load_pipeline
from ..nlp.learned import data, evaluate
from ..nlp.learned.training import default_steps, save_model, tokenizer_of, train
from . import storage
from .export import training_articles
from .versions import ActivationRefused, pretagger_model_activate, pretagger_model_create, pretagger_model_deactivate

logger = logging.getLogger(__name__)

# Share of reviewed articles held out to score a new model (split by article, deterministically).
HELD_OUT_SHARE = 0.2
MIN_ARTICLES = 2


class NotEnoughData(Exception):
    pass


def _save_progress(model: PretaggerModel, **progress: Any) -> None:
    model.progress = {**model.progress, **progress}
    PretaggerModel.objects.filter(pk=model.pk).update(progress=model.progress)


def _base_model() -> str | None:
    return settings.CLAIMBOOK_SPACY_MODEL or None


def training_steps(articles: int) -> int:
    """CLAIMBOOK_PRETAGGER_TRAIN_STEPS when set, else about eight passes over the articles."""
    return int(getattr(settings, "CLAIMBOOK_PRETAGGER_TRAIN_STEPS", None) or default_steps(articles))


def pretagger_model_train(*, model: PretaggerModel, max_steps: int | None = None) -> PretaggerModel:
    """Train ``model`` from the reviewed articles, score it on the held-out ones, store its files."""
    PretaggerModel.objects.filter(pk=model.pk).update(state=PretaggerModel.State.TRAINING, error="")
    model.state = PretaggerModel.State.TRAINING
    try:
        with tempfile.TemporaryDirectory(prefix="claimbook-train-") as work:
            _train_into(model, Path(work), max_steps)
    except Exception as error:
        message = "".join(traceback.format_exception_only(error)).strip()[:2000]
        logger.error("Training pre-tagger v%s failed: %s", model.version, message)
        model.state, model.error = PretaggerModel.State.FAILED, message
        PretaggerModel.objects.filter(pk=model.pk).update(state=model.state, error=message)
        return model
    return model


def _train_into(model: PretaggerModel, work: Path, steps: int | None) -> None:
    articles = training_articles()
    if len(articles) < MIN_ARTICLES:
        raise NotEnoughData(f"at least {MIN_ARTICLES} reviewed articles are needed, there are {len(articles)}")
    max_steps = steps or training_steps(len(articles))
    base = _base_model()
    _save_progress(model, stage="export", articles=len(articles))
    counts = data.write_docbins(articles, tokenizer_of(base), work / "data", HELD_OUT_SHARE)
    _, held_out = data.split_articles(articles, HELD_OUT_SHARE)
    _save_progress(model, stage="training", step=0, max_steps=max_steps)

    def progress(info: dict[str, Any]) -> None:
        _save_progress(model, step=int(info["step"]), score=round(float(info["score"]), 4))

    result = train(
        work / "data",
        work / "train",
        base_model=base,
        max_steps=max_steps,
        eval_frequency=max(10, min(200, max_steps // 10)),
        progress=progress,
    )
    model_dir = save_model(
        result.model_dir,
        work / "model",
        base_model=base,
        version=str(model.version),
        info={"train_articles": counts.train_articles, "steps": result.steps},
    )
    _save_progress(model, stage="scoring", step=max_steps)
    active = PretaggerModel.objects.filter(is_active=True).exclude(pk=model.pk).first()
    scores: dict[str, Any] = {
        "model": evaluate.score(load_pipeline(str(model_dir)), held_out),
        "rules": evaluate.score(load_pipeline(base), held_out),
    }
    if active is not None and active.archive:
        scores["active"] = evaluate.score(load_pipeline(str(model_path(active))), held_out)
        scores["active_version"] = active.version
    else:
        scores["active"] = scores["rules"]
        scores["active_version"] = None
    blob = storage.pack(model_dir)
    model.scores = scores
    model.archive = blob
    model.archive_sha256 = storage.checksum(blob)
    model.train_articles = counts.train_articles
    model.heldout_articles = counts.dev_articles
    model.trained_at = timezone.now()
    model.state = PretaggerModel.State.READY
    model.progress = {**model.progress, "stage": "done", "seconds": round(result.seconds, 1)}
    model.save()


def model_path(model: PretaggerModel) -> Path:
    """The directory of ``model``'s files on this machine (unpacked from the database once)."""
    blob = model.archive
    if blob is None:
        blob = PretaggerModel.objects.values_list("archive", flat=True).get(pk=model.pk)
    if blob is None:
        raise ValueError(f"pre-tagger model v{model.version} has no files")
    return storage.unpack(bytes(blob), model.version, model.archive_sha256)


__all__ = [
    "ActivationRefused",
    "model_path",
    "pretagger_model_activate",
    "pretagger_model_create",
    "pretagger_model_deactivate",
    "pretagger_model_train",
]
