from django.core.management.base import BaseCommand

from annotations.roles import EDITORS_GROUP, ensure_roles


class Command(BaseCommand):
    help = "Create or update the Editors group and its permissions (migrate also does this)."

    def handle(self, *args, **options):
        group = ensure_roles()
        self.stdout.write(self.style.SUCCESS(f"{EDITORS_GROUP}: {group.permissions.count()} permissions."))
