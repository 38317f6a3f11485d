"""The OpenAPI description: served, valid OpenAPI 3.1, and true of every response the API gives."""

import jsonschema_rs
import pytest
from django.urls import reverse

from annotations.reader.openapi import openapi_document

from ..factories import OutletFactory, SpeakerAliasFactory, SpeakerFactory
from ..helpers import soup
from .data import story

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    return client.get("/api/openapi.json").json()


def response_validator(document, path: str, status: int):
    """A JSON Schema validator for what the description says `path` answers with `status`."""
    operation = document["paths"][path]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    return jsonschema_rs.Draft202012Validator({**schema, "components": document["components"]}, validate_formats=True)


def assert_described(document, client, path_template: str, url: str, status: int = 200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    errors = [str(e) for e in response_validator(document, path_template, status).iter_errors(response.json())]
    assert errors == [], f"{url} {params}: {errors}"
    return response.json()


def test_the_description_is_openapi_3_1_served_as_json(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["openapi"] == "3.1.0"
    assert data["servers"] == [{"url": "http://testserver"}]
    for name, schema in data["components"]["schemas"].items():
        assert jsonschema_rs.meta.is_valid(schema), name


def test_every_api_url_is_described():
    from annotations.reader.urls import reader_urlpatterns

    described = set(openapi_document(server_url="")["paths"])
    api_routes = {
        "/" + str(p.pattern).replace("<int:pk>", "{id}").replace("<slug:slug>", "{slug}")
        for p in reader_urlpatterns
        if str(p.pattern).startswith("api/") and p.name not in ("api_openapi", "api_docs")
    }
    assert api_routes <= described
    assert "/healthz" in described


def test_every_response_matches_the_description(client, document):
    s = story(url="https://news.example/bridge", outlet=OutletFactory(name="Gazette", slug="gazette"))
    SpeakerAliasFactory(speaker=s.speaker, name="A. Brook")
    story(speaker=SpeakerFactory(name="Bea Ortiz", wikidata_id="Q42"), published_at=None)
    story(title="Dated", published_at=None, hidden=False)
    assert_described(document, client, "/api/", "/api/")
    page = assert_described(document, client, "/api/statements/", "/api/statements/", limit=2)
    assert page["next"]
    assert_described(document, client, "/api/statements/", page["next"])
    for params in ({"q": "bridge"}, {"sort": "id", "limit": 1}, {"kind": "indirect"}, {"sort": "date"}):
        assert_described(document, client, "/api/statements/", "/api/statements/", **params)
    assert_described(document, client, "/api/statements/", "/api/statements/", 400, limit="0")
    assert_described(document, client, "/api/statements/", "/api/statements/", 400, date_from="May")
    assert_described(document, client, "/api/statements/{id}/", f"/api/statements/{s.direct.pk}/")
    assert_described(document, client, "/api/statements/{id}/", f"/api/statements/{s.hidden[0].pk}/", 404)
    assert_described(document, client, "/api/speakers/", "/api/speakers/")
    assert_described(document, client, "/api/speakers/", "/api/speakers/", letter="B", sort="id")
    assert_described(document, client, "/api/speakers/", "/api/speakers/", 400, letter="ab")
    assert_described(document, client, "/api/speakers/{slug}/", f"/api/speakers/{s.speaker.slug}/")
    assert_described(document, client, "/api/speakers/{slug}/", "/api/speakers/nobody/", 404)
    assert_described(document, client, "/api/articles/", "/api/articles/")
    assert_described(document, client, "/api/articles/", "/api/articles/", outlet="gazette", sort="id")
    assert_described(document, client, "/api/articles/", "/api/articles/", 400, cursor="!!")
    assert_described(document, client, "/api/articles/{id}/", f"/api/articles/{s.article.pk}/")
    assert_described(document, client, "/api/articles/{id}/", "/api/articles/999999/", 404)
    assert_described(document, client, "/healthz", "/healthz")


def test_a_response_that_strays_from_the_description_is_caught(client, document):
    s = story()
    data = client.get(f"/api/statements/{s.direct.pk}/").json()
    data["kind"] = "rumour"
    del data["speaker"]["slug"]
    assert not response_validator(document, "/api/statements/{id}/", 200).is_valid(data)


def test_the_api_page_renders_the_description_with_vendored_files_only(client):
    response = client.get(reverse("annotations:api_docs"))
    assert response.status_code == 200
    page = soup(response)
    scripts = [tag["src"] for tag in page.select("script")]
    assert scripts == ["/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/api-docs.js"]
    assert page.select_one("#swagger-ui")["data-spec-url"] == "/api/openapi.json"
    assert all(not tag.string for tag in page.select("script"))  # no inline script: the CSP stays strict
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/api/nothing/", "/api/statements/abc/", "/api/speakers/a/b/"])
def test_an_api_url_that_names_nothing_answers_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"error": "Not found.", "details": {}}


def test_other_unknown_urls_keep_the_sites_404_page(client):
    response = client.get("/nothing-here/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
