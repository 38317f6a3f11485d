"""The admin's model versions: scores side by side, train, activate (with confirmation when worse), roll back."""

import pytest
from django.urls import reverse

from annotations.models import PretaggerModel

pytestmark = pytest.mark.django_db


def ready(version, model, baseline):
    return PretaggerModel.objects.create(
        version=version,
        state=PretaggerModel.State.READY,
        scores={
            "model": {"e2e_f1": model, "quote_f1": model},
            "active": {"e2e_f1": baseline},
            "rules": {"e2e_f1": baseline, "quote_f1": baseline},
            "active_version": None,
        },
    )


def test_the_list_shows_scores_side_by_side(admin_client):
    ready(1, 0.71, 0.65)
    response = admin_client.get(reverse("admin:annotations_pretaggermodel_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "0.710" in content and "0.650" in content and "Active: the rules alone." in content


def test_train_queues_a_version_on_the_training_queue(admin_client, django_capture_on_commit_callbacks):
    from annotations import tasks

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(reverse("admin:annotations_pretaggermodel_train"))
    assert response.status_code == 302
    model = PretaggerModel.objects.get()
    assert model.state == PretaggerModel.State.QUEUED and len(callbacks) == 1
    assert tasks.train_pretagger.queue_name == "training"


def test_activating_a_worse_version_asks_for_confirmation(admin_client):
    worse = ready(1, 0.60, 0.65)
    url = reverse("admin:annotations_pretaggermodel_activate", args=[worse.pk])
    page = admin_client.get(url)
    assert b"below-warning" in page.content
    admin_client.post(url)  # without insisting: refused
    assert PretaggerModel.objects.active() is None
    admin_client.post(url, {"force": "1"})
    assert PretaggerModel.objects.active() == worse


def test_activate_then_roll_back(admin_client):
    better = ready(1, 0.70, 0.65)
    response = admin_client.post(reverse("admin:annotations_pretaggermodel_activate", args=[better.pk]))
    assert response.status_code == 302 and PretaggerModel.objects.active() == better
    admin_client.post(reverse("admin:annotations_pretaggermodel_deactivate"))
    assert PretaggerModel.objects.active() is None


def test_editors_cannot_activate(editor_client):
    model = ready(1, 0.70, 0.65)
    response = editor_client.post(reverse("admin:annotations_pretaggermodel_activate", args=[model.pk]))
    assert response.status_code in (302, 403)
    assert PretaggerModel.objects.active() is None
