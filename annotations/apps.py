from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = _("Claimbook annotations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import roles

        # Permissions only exist after migrate has run, so the groups are (re)built then.
        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
