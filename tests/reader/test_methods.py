"""Reader pages, feeds, exports and the API are read-only: GET and HEAD answer, other methods are 405."""

import pytest

from .data import story

pytestmark = pytest.mark.django_db


def urls(s) -> list[str]:
    return [
        "/",
        "/statements/",
        s.direct.get_absolute_url(),
        "/speakers/",
        s.speaker.get_absolute_url(),
        s.article.get_absolute_url(),
        "/statements/feed/",
        f"/speakers/{s.speaker.slug}/feed/",
        "/statements/export.csv",
        "/statements/export.jsonl",
        f"/articles/{s.article.pk}/annotations.jsonld",
        "/api/",
        "/api/statements/",
        f"/api/statements/{s.direct.pk}/",
        "/api/speakers/",
        f"/api/speakers/{s.speaker.slug}/",
        "/api/articles/",
        f"/api/articles/{s.article.pk}/",
    ]


def test_every_reader_url_answers_head_like_get_without_a_body(client):
    s = story()
    for url in urls(s):
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.streaming or response.content == b"", url


def test_every_reader_url_refuses_post_put_and_delete(client):
    s = story()
    for url in urls(s):
        for method in (client.post, client.put, client.delete):
            assert method(url).status_code == 405, (method.__name__, url)
