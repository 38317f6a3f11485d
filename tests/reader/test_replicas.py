"""Reader traffic reads from a replica when one is configured; writes, editors and sessions never do.

The replica here is a second database alias on the same test database (as TEST MIRROR would make it), so
what the primary commits is what the replica reads; the tests commit (transaction=True) for that reason.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .data import story

REPLICA = "replica1"


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup, django_db_blocker):
    """A second alias for the test database, added before the tests ask for their databases."""
    connections.settings[REPLICA] = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
    yield
    with django_db_blocker.unblock():
        connections[REPLICA].close()
    del connections.settings[REPLICA]


pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture
def replicas(settings):
    settings.CLAIMBOOK_READ_REPLICAS = [REPLICA]


def tables(captured: CaptureQueriesContext) -> str:
    return " ".join(query["sql"] for query in captured.captured_queries)


@pytest.mark.parametrize("name", ["home", "statement_list", "speaker_list", "api_statement_list", "export_jsonl"])
def test_reader_reads_come_from_the_replica(client, replicas, name):
    story()
    with (
        CaptureQueriesContext(connections[REPLICA]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        response = client.get(reverse(f"annotations:{name}"))
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    assert "annotations_statement" in tables(replica)
    assert "annotations_" not in tables(primary)


def test_editors_pages_and_writes_use_the_primary(editor_client, replicas):
    s = story()
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert editor_client.get(reverse("annotations:review_article", args=[s.article.pk])).status_code == 200
    assert replica.captured_queries == []


def test_without_replicas_everything_uses_the_primary(client):
    story()
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(reverse("annotations:home")).status_code == 200
    assert replica.captured_queries == []


def test_a_background_export_is_asked_for_and_followed_on_the_primary(client, replicas, settings):
    settings.CLAIMBOOK_EXPORT_STREAM_ROWS = 0
    story()
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        response = client.post(reverse("annotations:export_request"), {"format": "csv"})
        assert client.get(response.url).status_code == 200
    assert "annotations_export" not in tables(replica)
