"""Speakers on unseen news: one short invented paragraph per pattern (none taken from any corpus)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from annotations.pretagging.nlp import QuoteCandidate, doc_speakers, extract

Quotes = Callable[[str], list[QuoteCandidate]]


def only(found: list[QuoteCandidate], part: str) -> QuoteCandidate:
    matches = [c for c in found if part in c.text]
    assert len(matches) == 1, [(c.text, c.speaker) for c in found]
    return matches[0]


# -- a name after its office is the speaker; the office is its description ---------------------
@pytest.mark.parametrize(
    ("text", "name", "office"),
    [
        ("Council Speaker Maria Lopez said the vote would be held next week.", "Maria Lopez", "Council Speaker"),
        ("State Sen. Jonathan Reyes said he would oppose the measure.", "Jonathan Reyes", "State Senator"),
        ("Fire Chief Marcus Delgado said the blaze was under control by midnight.", "Marcus Delgado", "Fire Chief"),
        ("Prime Minister Ingrid Moss said the talks would resume on Friday.", "Ingrid Moss", "Prime Minister"),
        ("“We will not raise fares this year,” board chair Helen Park said.", "Helen Park", "board chair"),
    ],
)
def test_the_office_before_a_name_is_not_part_of_the_name(nlp: Language, text: str, name: str, office: str) -> None:
    doc = nlp(text)
    (c,) = extract(doc)
    assert (c.speaker, c.speaker_kind) == (name, "person")
    speakers = doc_speakers(doc)
    assert speakers[name]["title"] == office
    assert any(alias.endswith(f" {name}") for alias in speakers[name]["aliases"])  # the office form stays an alias


def test_names_of_organisations_keep_their_title_like_words(quotes: Quotes) -> None:
    (c,) = quotes("The Justice Department said the inquiry into the port contracts was closed.")
    assert (c.speaker, c.speaker_kind) == ("Justice Department", "organisation")
    (c,) = quotes("General Motors said it would close the plant in Flint by March.")
    assert (c.speaker, c.speaker_kind) == ("General Motors", "organisation")


def test_a_name_with_a_given_name_before_a_title_word_is_a_name(quotes: Quotes) -> None:
    (c,) = quotes("Dr. Martin Luther King Jr. said the march would continue on Monday.")
    assert c.speaker == "Martin Luther King Jr."


def test_an_organisation_after_an_inverted_cue_is_an_organisation(quotes: Quotes) -> None:
    (c,) = quotes("“The buses are late every single day,” said Riders Alliance.")
    assert (c.speaker, c.speaker_kind) == ("Riders Alliance", "organisation")


# -- organisations as subjects ------------------------------------------------------------------
def test_the_district_is_the_district_named_before(quotes: Quotes) -> None:
    c = only(
        quotes("The Harlow County School District closed two schools in May. “We had no choice,” the district said."),
        "no choice",
    )
    assert (c.mention_text, c.speaker, c.speaker_kind) == (
        "the district",
        "Harlow County School District",
        "organisation",
    )


def test_the_alliance_is_the_alliance_named_before(quotes: Quotes) -> None:
    text = (
        "The Riders Alliance held a rally outside City Hall on Monday.\n\n"
        "“The buses are late every single day,” the alliance said in a statement."
    )
    c = only(quotes(text), "buses are late")
    assert (c.speaker, c.speaker_kind) == ("Riders Alliance", "organisation")


def test_an_organisation_noun_stays_a_description_when_names_give_no_clear_antecedent(quotes: Quotes) -> None:
    text = (
        "Lawyers at Brandt & Okafor filed the motion for Kestrel Mining Co. on Tuesday.\n\n"
        "The union said the company had hidden its debts before the sale."
    )
    c = only(quotes(text), "hidden its debts")
    assert (c.mention_text, c.speaker) == ("The union", "The union")
