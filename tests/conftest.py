import os

import pytest
from django.contrib.auth.models import Group
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from annotations.roles import EDITORS_GROUP

from .factories import UserFactory

# Property and fuzz tests: the same examples on every run (derandomize), a bounded number of them, and no
# per-example deadline (a first database query can be slow); HYPOTHESIS_PROFILE=long searches further by hand.
hypothesis_settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
hypothesis_settings.register_profile(
    "long", parent=hypothesis_settings.get_profile("ci"), derandomize=False, max_examples=5000
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def editor(db):
    user = UserFactory(username="eddie")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def reader(db):
    return UserFactory(username="rita")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached aggregates (e.g. the reader home page's most quoted speakers) never leak from one test to another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fast_passwords(settings):
    """Cheap password hashing for tests that create users (PBKDF2's default cost is most of their run time)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
