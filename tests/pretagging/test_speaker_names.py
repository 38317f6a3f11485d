"""New speakers made by pre-tagging are named without their office, which becomes their description
(invented article)."""

import pytest

from annotations.models import Speaker
from annotations.pretagging import services as pretagging

from ..factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODY = (
    "PORT HALEY — The city council voted on Monday to close the old ferry terminal.\n\n"
    "Council Speaker Maria Lopez said the vote would stand. “We waited long enough,” she said.\n\n"
    "State Sen. Jonathan Reyes said he would ask the state to pay for a new terminal.\n\n"
    "Fire Chief Marcus Delgado said the old building had failed two inspections.\n\n"
    "“The ferries were late every single day,” said Riders Alliance."
)


def test_new_speakers_are_named_without_their_office():
    article = ArticleFactory(body=BODY)
    outcome = pretagging.article_pretag(article=article)
    assert outcome.error == ""
    made = {s.name: s for s in Speaker.objects.filter(origin=Speaker.Origin.MODEL)}
    expected = {
        "Maria Lopez": ("person", "Council Speaker", "Council Speaker Maria Lopez"),
        "Jonathan Reyes": ("person", "State Senator", "State Sen. Jonathan Reyes"),
        "Marcus Delgado": ("person", "Fire Chief", "Fire Chief Marcus Delgado"),
    }
    for name, (kind, office, office_form) in expected.items():
        speaker = made[name]
        assert (speaker.kind, speaker.description) == (kind, office)
        assert office_form in {alias.name for alias in speaker.aliases.all()}  # resolution still finds the office form
    assert made["Riders Alliance"].kind == "organisation"
    assert not any("Speaker" in name or "Chief" in name or "Sen." in name for name in made)
