"""What the browser journeys share: the editors' password, logging in as one, and an editor account."""

from django.contrib.auth.models import Group
from playwright.sync_api import Page

from annotations.roles import EDITORS_GROUP, ensure_roles

from ..factories import UserFactory

PASSWORD = "a-long-demo-password"


def make_editor(username: str = "eddie"):
    """A user in the Editors group who logs in with PASSWORD."""
    ensure_roles()
    user = UserFactory(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


def log_in(page: Page, live_server, username: str = "eddie") -> None:
    """Log in at /accounts/login/ as an editor made with PASSWORD."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
