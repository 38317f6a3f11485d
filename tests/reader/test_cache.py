"""Reader pages from the shared (Redis) cache: served without the database, rebuilt at once after a change
readers see, publicly cacheable for anonymous readers with an ETag, never cached for editors."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Statement
from annotations.review import services

from .data import story

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def shared_cache(settings):
    settings.CLAIMBOOK_CACHE_URL = REDIS
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": f"claimbook-test-{uuid.uuid4().hex}",  # each test its own keys
        }
    }
    from django.core.cache import cache

    try:
        cache.get("ping")
    except Exception as error:
        pytest.fail(f"These tests need Redis at {REDIS} (.ci/run starts it): {error}")
    yield
    cache.clear()


def queries(client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content


def test_a_page_seen_once_is_served_from_the_cache_without_the_database(client, shared_cache):
    s = story()
    url = s.speaker.get_absolute_url()
    first, page = queries(client, url)
    again, cached = queries(client, url)
    assert first > 0 and again == 0
    assert cached == page


def test_a_confirmed_statement_appears_at_once(client, editor, shared_cache, django_capture_on_commit_callbacks):
    s = story(hidden=False)
    queries(client, "/")  # cached
    suggestion = Statement.objects.create(
        article=s.article,
        start=s.article.body.index("Story"),
        end=s.article.body.index("Story") + len("Story 1 opens here"),
        text=s.article.body[s.article.body.index("Story") : s.article.body.index("Story") + len("Story 1 opens here")],
        speaker=s.speaker,
        kind="indirect",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_confirm(statement=suggestion, editor=editor, expected_version=1)
    _, page = queries(client, "/")
    assert suggestion.text.encode() in page


def test_anonymous_pages_are_public_with_an_etag_and_a_304(client):
    s = story()
    response = client.get(s.direct.get_absolute_url())
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(s.direct.get_absolute_url(), headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_editors_pages_are_private_and_never_cached(editor_client, shared_cache):
    s = story()
    url = s.article.get_absolute_url()
    queries(editor_client, url)
    again, _ = queries(editor_client, url)
    assert again > 0
    assert "private" in editor_client.get(url)["Cache-Control"]


def test_without_a_shared_cache_pages_are_built_every_time(client, settings):
    settings.CLAIMBOOK_CACHE_URL = ""
    s = story()
    queries(client, s.speaker.get_absolute_url())
    again, _ = queries(client, s.speaker.get_absolute_url())
    assert again > 0
