"""Everything `make demo` needs besides the server: demo articles, roles and two log-ins."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from annotations.importing import readers
from annotations.importing.services import articles_import
from annotations.roles import EDITORS_GROUP, ensure_roles

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo-articles.jsonl"


class Command(BaseCommand):
    help = "Import the demo articles (queued for pre-tagging) and (re)create the demo admin and editor."

    def handle(self, *args, **options):
        ensure_roles()
        read = readers.read_file(DEMO_FILE.name, DEMO_FILE.read_bytes(), max_bytes=settings.CLAIMBOOK_IMPORT_MAX_BYTES)
        summary = articles_import(read=read, user=None)
        self.stdout.write(f"Demo articles: {summary}.")

        logins = [self.demo_user("admin", staff=True), self.demo_user("editor", staff=False)]
        self.stdout.write(self.style.SUCCESS("Demo log-ins (new passwords on every run):"))
        for username, password, where in logins:
            self.stdout.write(f"  {username:<7} {password}   {where}")

    def demo_user(self, username: str, *, staff: bool) -> tuple[str, str, str]:
        password = secrets.token_urlsafe(9)
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = staff
        user.set_password(password)
        user.save()
        if not staff:
            user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        where = "http://127.0.0.1:8000/admin/" if staff else "http://127.0.0.1:8000/review/"
        return username, password, where
