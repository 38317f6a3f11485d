"""Text with controls or bidirectional overrides: dropped where it enters, and never a 500 where it is shown."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from annotations.common.text import clean_text
from annotations.models import Speaker

from ..factories import SpeakerFactory
from .data import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

CONTROLS = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")


def test_clean_text_drops_controls_and_bidirectional_overrides_and_keeps_the_rest():
    assert clean_text(f"A\x00{CONTROLS}B\u202eC\u2066D\u200fE\tF\n") == "A      BCD\u200fE\tF\n"


@pytest.mark.parametrize("where", ["speaker", "title", "outlet"])
def test_feeds_never_fail_on_stored_control_characters(client, where):
    # Rows stored before text was cleaned on entry (or written around it) still make a valid feed.
    speaker = SpeakerFactory(name="Ada\x01 Brook\x1f", description="Mayor\x0b")
    s = story(speaker=speaker, title="Bridge\x02 to open" if where == "title" else "Bridge")
    if where == "outlet":
        s.article.outlet.name = "Gazette\x03"
        s.article.outlet.save()
    for url in ["/statements/feed/", f"/speakers/{speaker.slug}/feed/"]:
        response = client.get(url)
        assert response.status_code == 200
        feed = ET.fromstring(response.content)
        assert "Ada Brook" in ET.tostring(feed, encoding="unicode")


def test_an_editor_typing_controls_in_a_speaker_name_stores_clean_text(editor_client):
    speaker = SpeakerFactory(name="Pham")
    data = {
        "version": 1,
        "name": "Tony\x01 \u202ePham",
        "kind": "person",
        "description": "Mayor\x1f",
        "wikidata_id": "",
    }
    editor_client.post(reverse("annotations:registry_edit", args=[speaker.pk]), data)
    speaker.refresh_from_db()
    assert (speaker.name, speaker.description) == ("Tony Pham", "Mayor")


def test_the_admin_stores_clean_text(admin_client):
    speaker = SpeakerFactory(name="Pham")
    data = {
        "name": "Tony\x07 Pham\u202e",
        "slug": speaker.slug,
        "kind": "person",
        "description": "",
        "wikidata_id": "",
        "status": "unchecked",
        "origin": "editor",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:annotations_speaker_change", args=[speaker.pk]), data)
    assert response.status_code == 302
    assert Speaker.objects.get(pk=speaker.pk).name == "Tony Pham"
