"""Atom feeds: well-formed, only visible statements, per speaker."""

import xml.etree.ElementTree as ET

import pytest

from annotations.models import Speaker

from ..factories import SpeakerFactory
from .data import HIDDEN_WORD, story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response) -> ET.Element:
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_latest_feed_is_valid_atom_with_visible_statements_only(client):
    s = story()
    feed = parse(client.get("/statements/feed/"))
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Claimbook: latest confirmed statements"
    entries = feed.findall(f"{ATOM}entry")
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert links == {
        "http://testserver" + s.direct.get_absolute_url(),
        "http://testserver" + s.indirect.get_absolute_url(),
    }
    for entry in entries:
        assert entry.find(f"{ATOM}id").text
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}author/{ATOM}name").text == "Ada Brook"
    assert HIDDEN_WORD not in client.get("/statements/feed/").content.decode()


def test_feed_entry_says_paraphrase_for_indirect_speech(client):
    s = story()
    feed = parse(client.get("/statements/feed/"))
    entry = next(
        e
        for e in feed.findall(f"{ATOM}entry")
        if e.find(f"{ATOM}link").get("href").endswith(s.indirect.get_absolute_url())
    )
    assert "(paraphrase)" in entry.find(f"{ATOM}title").text
    assert entry.find(f"{ATOM}summary").text.startswith("Paraphrase (not a verbatim quote)")


def test_speaker_feed_has_only_that_speakers_statements(client):
    mine = story()
    story(speaker=SpeakerFactory(name="Someone Else"))
    feed = parse(client.get(f"/speakers/{mine.speaker.slug}/feed/"))
    assert feed.find(f"{ATOM}title").text == "Claimbook: statements by Ada Brook"
    assert len(feed.findall(f"{ATOM}entry")) == 2


def test_speaker_feed_of_a_speaker_without_visible_statements_is_404(client):
    s = story()
    assert client.get(f"/speakers/{s.hidden[0].speaker.slug}/feed/").status_code == 404


def test_speaker_feed_of_a_not_a_speaker_is_404(client):
    s = story()
    Speaker.objects.filter(pk=s.speaker.pk).update(status=Speaker.Status.NOT_A_SPEAKER)
    assert client.get(f"/speakers/{s.speaker.slug}/feed/").status_code == 404


def test_feed_escapes_markup(client):
    story(speaker=SpeakerFactory(name="<b>Bold</b> & co"), title="<script>x</script>")
    feed = parse(client.get("/statements/feed/"))  # parses: the markup was escaped
    assert feed.find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text == "<b>Bold</b> & co"
