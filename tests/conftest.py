import pytest
from django.contrib.auth.models import Group

from annotations.roles import EDITORS_GROUP

from .factories import UserFactory


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
