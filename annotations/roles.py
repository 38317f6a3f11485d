"""Who may do what. Admins are staff (the Django admin); editors are a group that reviews statements."""

from typing import Any

from django.contrib.auth.models import Group, Permission

EDITORS_GROUP = "Editors"

# app_label.codename of everything the review workspace needs, and nothing it does not.
EDITOR_PERMISSIONS = [
    "annotations.view_outlet",
    "annotations.view_article",
    "annotations.change_article",
    "annotations.view_statement",
    "annotations.add_statement",
    "annotations.change_statement",
    "annotations.review_statement",
    "annotations.view_speaker",
    "annotations.add_speaker",
    "annotations.change_speaker",
    "annotations.view_speakeralias",
    "annotations.add_speakeralias",
    "annotations.change_speakeralias",
    "annotations.delete_speakeralias",
]


def ensure_roles() -> Group:
    """Create the Editors group and give it exactly EDITOR_PERMISSIONS. Safe to run any number of times."""
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted: list[Permission] = []
    for dotted in EDITOR_PERMISSIONS:
        app_label, codename = dotted.split(".")
        wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    editors.permissions.set(wanted)
    return editors


def ensure_roles_after_migrate(sender: object, **kwargs: Any) -> None:
    if kwargs.get("plan") is not None and not kwargs["plan"]:
        return  # nothing was migrated
    ensure_roles()
