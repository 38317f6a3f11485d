"""Model versions as the web process handles them: queue training, activate, roll back (no spaCy here)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from ...models import Article, PretaggerModel


class ActivationRefused(Exception):
    """The candidate scored below the model active when it was trained; activating it needs `force`."""


def _next_version() -> int:
    return (PretaggerModel.objects.aggregate(v=Max("version"))["v"] or 0) + 1


def pretagger_model_create(*, requested_by: Any = None) -> PretaggerModel:
    with transaction.atomic():
        return PretaggerModel.objects.create(version=_next_version(), requested_by=requested_by)


def pretagger_model_queue(*, requested_by: Any = None) -> PretaggerModel:
    """A new version, queued for training on the `training` queue once this transaction commits."""
    from ...tasks import train_pretagger

    model = pretagger_model_create(requested_by=requested_by)
    transaction.on_commit(lambda: train_pretagger.enqueue(model.pk))
    return model


def reviewed_articles() -> QuerySet[Article]:
    """Articles an editor marked reviewed: completely annotated, so everything else in them is not a statement."""
    return Article.objects.filter(status=Article.Status.REVIEWED).order_by("pk")


@transaction.atomic
def pretagger_model_activate(*, model: PretaggerModel, force: bool = False) -> PretaggerModel:
    """Make ``model`` the one the worker uses. Refused (unless ``force``) when it scored below the model
    that was active when it was trained, on the same held-out articles."""
    if model.state != PretaggerModel.State.READY:
        raise ActivationRefused(f"v{model.version} is not ready ({model.get_state_display()})")
    if model.scores_below_baseline and not force:
        raise ActivationRefused(
            f"v{model.version} scored below the model it would replace "
            f"(e2e_f1 {model.score('model'):.3f} < {model.score('active'):.3f})"
        )
    PretaggerModel.objects.filter(is_active=True).exclude(pk=model.pk).update(is_active=False)
    model.is_active, model.activated_at = True, timezone.now()
    model.save(update_fields=["is_active", "activated_at"])
    return model


@transaction.atomic
def pretagger_model_deactivate() -> None:
    """Back to the rules alone."""
    PretaggerModel.objects.filter(is_active=True).update(is_active=False)
