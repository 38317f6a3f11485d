"""CSV and JSON Lines exports: filtered like the pages, visible statements only, and a last line that says
the file is whole (its record count and the checksum of what comes before it)."""

import json

import pytest

from ..factories import SpeakerFactory
from ..helpers import complete_records
from .data import HIDDEN_WORD, story

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_has_a_header_and_one_row_per_visible_statement(client):
    s = story(url="https://news.example/bridge")
    response = client.get("/statements/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="claimbook-statements.csv"' in response["Content-Disposition"]
    rows = complete_records(body(response), "csv")
    assert {row["id"] for row in rows} == {str(s.direct.pk), str(s.indirect.pk)}
    direct = next(row for row in rows if row["id"] == str(s.direct.pk))
    assert direct["text"] == "We will open the bridge in May"
    assert direct["speaker_name"] == "Ada Brook"
    assert direct["article_source_url"] == "https://news.example/bridge"
    assert direct["is_paraphrase"] == "false"
    assert direct["url"] == "http://testserver" + s.direct.get_absolute_url()


def test_jsonl_export_gives_the_api_shape_one_object_per_line(client):
    s = story()
    response = client.get("/statements/export.jsonl")
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    lines = complete_records(body(response), "jsonl")
    assert {line["id"] for line in lines} == {s.direct.pk, s.indirect.pk}
    indirect = next(line for line in lines if line["id"] == s.indirect.pk)
    assert indirect["is_paraphrase"] is True
    assert indirect["speaker"]["slug"] == s.speaker.slug


@pytest.mark.parametrize("path", ["/statements/export.csv", "/statements/export.jsonl"])
def test_exports_never_contain_hidden_statements(client, path):
    story()
    assert HIDDEN_WORD not in body(client.get(path))


@pytest.mark.parametrize("path", ["/statements/export.csv", "/statements/export.jsonl"])
def test_exports_follow_the_filters(client, path):
    mine = story()
    story(speaker=SpeakerFactory(name="Someone Else"))
    text = body(client.get(path, {"speaker": mine.speaker.slug, "kind": "indirect"}))
    assert "the council would vote" in text
    assert "We will open the bridge" not in text
    assert "Someone Else" not in text


@pytest.mark.parametrize("path", ["/statements/export.csv", "/statements/export.jsonl"])
def test_exports_reject_invalid_filters_with_400(client, path):
    response = client.get(path, {"date_from": "yesterday"})
    assert response.status_code == 400
    assert "date_from" in response.content.decode()


def test_csv_export_defuses_spreadsheet_formulas(client):
    story(speaker=SpeakerFactory(name="=HYPERLINK(1)"))
    rows = complete_records(body(client.get("/statements/export.csv")), "csv")
    assert {row["speaker_name"] for row in rows} == {"'=HYPERLINK(1)"}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_cut_off_anywhere_never_looks_complete(client, fmt):
    story()
    story(speaker=SpeakerFactory(name="Someone Else"))
    text = body(client.get(f"/statements/export.{fmt}"))
    complete_records(text, fmt)
    whole = len(text.rstrip("\r\n"))  # only the last line ending may go: the data are then all there
    for cut in [*range(1, whole, 7), whole - 1]:
        with pytest.raises((AssertionError, ValueError, KeyError, StopIteration)):
            complete_records(text[:cut], fmt)


def test_an_empty_export_still_ends_with_its_count(client):
    text = body(client.get("/statements/export.jsonl", {"q": "nothing matches this"}))
    assert json.loads(text)["end_of_export"]["records"] == 0


def test_the_streamed_response_says_how_many_records_it_holds(client):
    story()
    assert client.get("/statements/export.csv")["X-Claimbook-Records"] == "2"
