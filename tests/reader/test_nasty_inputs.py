"""Whatever a query string holds, every reader endpoint answers a normal page, 400 or 404: never a 500."""

import pytest

from .data import story

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "x" * 5000,
    "\x00",
    "a\x00b",
    "' OR 1=1 --",
    "'; DROP TABLE annotations_statement; --",
    "<script>alert(1)</script>",
    '"unclosed phrase',
    "-",
    "or",
    "!!! & | ( ) : * \\",
    "a:*",
    "²",
    "１２",
    "-1",
    "0",
    "1000000000",
    "1e9",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "\u202eevil",
    "🙂" * 50,
    "%",
    "_",
]
RAW_QUERY_STRINGS = ["%ED%A0%80", "%FF%FE", "%00", "%", "q=%", "page=%C2%B2", "cursor==", "&&&&", "a=b=c"]
PARAMS = ["q", "speaker", "outlet", "kind", "date_from", "date_to", "sort", "page", "cursor", "limit", "letter", "who"]
LIST_ENDPOINTS = [
    "/",
    "/statements/",
    "/speakers/",
    "/speakers/{slug}/",
    "/statements/export.csv",
    "/statements/export.jsonl",
    "/statements/feed/",
    "/speakers/{slug}/feed/",
    "/api/statements/",
    "/api/speakers/",
    "/api/articles/",
]


@pytest.fixture
def data():
    return story()


def fetch(client, url, **kwargs):
    response = client.get(url, **kwargs)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
@pytest.mark.parametrize("param", PARAMS)
def test_any_value_of_any_parameter_is_answered_without_error(client, data, endpoint, param):
    url = endpoint.format(slug=data.speaker.slug)
    for value in NASTY:
        response = fetch(client, url, query_params={param: value})
        assert response.status_code in (200, 400, 404), (param, value, response.status_code)


def test_any_speaker_typed_in_the_speaker_control_is_answered_without_error(client, data):
    for value in NASTY:
        response = fetch(client, "/statements/speakers/", query_params={"who": value}, headers={"HX-Request": "true"})
        assert response.status_code == 200, (value, response.status_code)
        assert fetch(client, "/statements/speakers/", query_params={"who": value}).status_code == 302


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_malformed_query_strings_are_answered_without_error(client, data, endpoint):
    url = endpoint.format(slug=data.speaker.slug)
    for raw in RAW_QUERY_STRINGS:
        response = fetch(client, f"{url}?{raw}")
        assert response.status_code in (200, 400, 404), (raw, response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/statements/99999999999999999999999999/",
        "/articles/99999999999999999999999999/",
        "/articles/99999999999999999999999999/annotations.jsonld",
        "/api/statements/99999999999999999999999999/",
        "/api/articles/99999999999999999999999999/",
        "/speakers/no-such-speaker/",
        "/speakers/no-such-speaker/feed/",
        "/api/speakers/no-such-speaker/",
        "/statements/0/",
    ],
)
def test_unknown_objects_are_404(client, url):
    assert client.get(url).status_code == 404


def test_page_far_beyond_the_end_is_404_not_slow(client, data):
    assert client.get("/statements/", {"page": "1000000000"}).status_code == 404
    assert client.get("/statements/", {"page": "499"}).status_code == 404


def test_invalid_filters_on_the_statements_page_are_400_with_the_reason_shown(client, data):
    response = client.get("/statements/", {"date_from": "2026-02-30"})
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
