"""The read-only JSON API and the Web Annotation export: fields, filters, pagination, visibility, errors."""

import json

import pytest

from annotations.models import Statement

from ..factories import OutletFactory, SpeakerFactory
from ..helpers import soup
from .data import HIDDEN_WORD, story

pytestmark = pytest.mark.django_db

STATEMENT_FIELDS = {
    "id",
    "url",
    "api_url",
    "text",
    "segments",
    "kind",
    "is_paraphrase",
    "cue",
    "start",
    "end",
    "speaker",
    "article",
    "group",
}
SPEAKER_FIELDS = {"slug", "name", "kind", "description", "wikidata_id", "url", "api_url"}
ARTICLE_FIELDS = {
    "id", "title", "source_url", "outlet", "byline", "published_at", "published_on", "url", "api_url", "web_annotations_url",
}  # fmt: skip


def get_json(client, path, params=None, status=200):
    response = client.get(path, params or {})
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/")
    return json.loads(response.content)


def test_api_root_links_every_endpoint(client):
    data = get_json(client, "/api/")
    assert data["statements"] == "http://testserver/api/statements/"
    assert data["speakers"] == "http://testserver/api/speakers/"
    assert data["articles"] == "http://testserver/api/articles/"


def test_statement_list_fields_are_stable(client):
    s = story(outlet=OutletFactory(name="Herald", slug="herald"))
    data = get_json(client, "/api/statements/")
    assert set(data) == {"results", "next"}
    first = next(item for item in data["results"] if item["id"] == s.direct.pk)
    assert set(first) == STATEMENT_FIELDS
    assert set(first["speaker"]) == SPEAKER_FIELDS
    assert set(first["article"]) == ARTICLE_FIELDS
    assert first["text"] == "We will open the bridge in May"
    assert first["kind"] == "direct" and first["is_paraphrase"] is False
    assert first["article"]["outlet"] == {"name": "Herald", "slug": "herald"}
    assert first["article"]["published_at"] == "2026-05-02T09:30:00+00:00"


def test_statement_list_filters_as_the_page_does(client):
    mine = story()
    story(speaker=SpeakerFactory(name="Someone Else"))
    data = get_json(client, "/api/statements/", {"speaker": mine.speaker.slug, "kind": "indirect"})
    assert [item["id"] for item in data["results"]] == [mine.indirect.pk]


def test_statement_list_paginates_with_next_links(client):
    speaker = SpeakerFactory()
    for _ in range(3):
        story(speaker=speaker, hidden=False)
    seen, url, pages = [], "/api/statements/?limit=4", 0
    while url:
        data = get_json(client, url.replace("http://testserver", ""))
        seen += [item["id"] for item in data["results"]]
        url, pages = data["next"], pages + 1
    assert pages == 2
    assert sorted(seen) == sorted(Statement.objects.confirmed_attributed().values_list("pk", flat=True))


def test_statement_list_sort_id_walks_by_key(client):
    speaker = SpeakerFactory()
    for _ in range(3):
        story(speaker=speaker, hidden=False)
    first = get_json(client, "/api/statements/", {"sort": "id", "limit": 5})
    ids = [item["id"] for item in first["results"]]
    assert ids == sorted(ids)
    second = get_json(client, first["next"].replace("http://testserver", ""))
    assert [item["id"] for item in second["results"]] == sorted(
        Statement.objects.confirmed_attributed().values_list("pk", flat=True)
    )[5:]
    assert second["next"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor"},
        {"cursor": "eyJvZmZzZXQiOi0xfQ"},  # {"offset":-1}
        {"cursor": "eyJmb28iOjF9"},  # {"foo":1}
        {"limit": "0"},
        {"limit": "1000"},
        {"limit": "ten"},
        {"limit": "000001000"},  # its first six characters read 1: the cap was checked on another number
        {"limit": "00000100000000000", "sort": "id"},
        {"limit": "0100"},
        {"limit": "+5"},
        {"limit": " 5"},
        {"cursor": "eyJhZnRlciI6MTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwfQ"},  # {"after":1000000000000000000000000}
        {"sort": "random"},
        {"date_from": "2026-13-45"},
        {"speaker": "<script>"},
    ],
)
def test_statement_list_bad_parameters_are_400_with_a_reason(client, params):
    data = get_json(client, "/api/statements/", params, status=400)
    assert data["error"]


def test_statement_detail_and_404_for_hidden(client):
    s = story()
    assert get_json(client, f"/api/statements/{s.direct.pk}/")["id"] == s.direct.pk
    for hidden in s.hidden:
        assert get_json(client, f"/api/statements/{hidden.pk}/", status=404)["error"]


def test_speakers_list_and_detail(client):
    s = story()
    data = get_json(client, "/api/speakers/")
    assert [item["slug"] for item in data["results"]] == [s.speaker.slug]  # no Tomas Reyes, no crowd
    item = data["results"][0]
    assert item["statement_count"] == 2
    assert item["feed_url"] == f"http://testserver/speakers/{s.speaker.slug}/feed/"
    detail = get_json(client, f"/api/speakers/{s.speaker.slug}/")
    assert detail["aliases"] == []
    assert get_json(client, f"/api/speakers/{s.hidden[0].speaker.slug}/", status=404)["error"]


def test_articles_list_and_detail(client):
    s = story()
    data = get_json(client, "/api/articles/")
    assert [item["id"] for item in data["results"]] == [s.article.pk]
    assert set(data["results"][0]) == ARTICLE_FIELDS
    detail = get_json(client, f"/api/articles/{s.article.pk}/")
    assert [item["id"] for item in detail["statements"]] == [s.direct.pk, s.indirect.pk]


def test_articles_filter_by_outlet_and_date(client):
    herald = OutletFactory(slug="herald")
    mine = story(outlet=herald)
    story()
    assert [a["id"] for a in get_json(client, "/api/articles/", {"outlet": "herald"})["results"]] == [mine.article.pk]
    assert get_json(client, "/api/articles/", {"date_from": "2027-01-01"})["results"] == []


def test_api_never_shows_hidden_statements(client):
    s = story()
    for path in ["/api/statements/", "/api/statements/?q=secret", f"/api/articles/{s.article.pk}/", "/api/speakers/"]:
        assert HIDDEN_WORD not in client.get(path).content.decode(), path


def test_api_allows_cross_origin_reads(client):
    story()
    assert client.get("/api/statements/")["Access-Control-Allow-Origin"] == "*"


# --- W3C Web Annotation ---


def test_web_annotations_anchor_each_visible_statement_on_the_source(client):
    s = story(url="https://news.example/bridge")
    response = client.get(f"/articles/{s.article.pk}/annotations.jsonld")
    assert response["Content-Type"] == 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    data = json.loads(response.content)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == 2
    items = data["first"]["items"]
    assert [item["type"] for item in items] == ["Annotation", "Annotation"]
    body = s.article.body
    for item, statement in zip(items, [s.direct, s.indirect], strict=True):
        target = item["target"]
        assert target["source"] == "https://news.example/bridge"
        quote = next(sel for sel in target["selector"] if sel["type"] == "TextQuoteSelector")
        position = next(sel for sel in target["selector"] if sel["type"] == "TextPositionSelector")
        assert body[position["start"] : position["end"]] == quote["exact"] == statement.text
        assert body[: position["start"]].endswith(quote["prefix"])
        assert body[position["end"] :].startswith(quote["suffix"])
        assert quote["prefix"] and quote["suffix"]
    assert "Paraphrase" in items[1]["body"][0]["value"]
    assert str(s.hidden[0].pk) not in {item["id"].rsplit("/", 2)[-2] for item in items}


def test_web_annotations_of_an_article_without_visible_statements_is_404(client):
    s = story()
    Statement.objects.filter(pk__in=[s.direct.pk, s.indirect.pk]).update(status=Statement.Status.SUGGESTED)
    assert client.get(f"/articles/{s.article.pk}/annotations.jsonld").status_code == 404


def test_api_query_counts_do_not_grow_with_rows(client, django_assert_num_queries):
    speaker = SpeakerFactory()
    story(speaker=speaker, hidden=False)
    for path, n in [("/api/statements/", 3), ("/api/speakers/", 4), ("/api/articles/", 2)]:
        client.get(path)
        with django_assert_num_queries(n):
            client.get(path)
    for _ in range(4):
        story(speaker=SpeakerFactory(), hidden=False)
    for path, n in [("/api/statements/", 3), ("/api/speakers/", 4), ("/api/articles/", 2)]:
        with django_assert_num_queries(n):
            client.get(path)


def test_a_statement_of_two_segments_gives_each_segment_and_the_joined_text(client):
    s = story()
    body = s.article.body
    first = (body.index("We will open"), body.index("We will open") + len("We will open"))
    second = (body.index("the bridge in May"), body.index("the bridge in May") + len("the bridge in May"))
    s.direct.set_spans([first, second], body)
    s.direct.save()
    data = client.get(f"/api/statements/{s.direct.pk}/").json()
    assert data["text"] == "We will open … the bridge in May"
    assert data["segments"] == [
        {"start": first[0], "end": first[1], "text": "We will open"},
        {"start": second[0], "end": second[1], "text": "the bridge in May"},
    ]
    annotation = client.get(f"/articles/{s.article.pk}/annotations.jsonld").json()
    [item] = [i for i in annotation["first"]["items"] if i["id"].endswith(f"/statements/{s.direct.pk}/#annotation")]
    assert [t["selector"][0]["exact"] for t in item["target"]] == ["We will open", "the bridge in May"]
    page = soup(client.get(s.direct.get_absolute_url()))
    assert "We will open … the bridge in May" in page.text
    assert [m.text for m in page.select(".passage .statement-mark")] == ["We will open", "the bridge in May"]
