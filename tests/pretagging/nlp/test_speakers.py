"""Speaker resolution: pronoun gender, roles for organisations, group speakers (invented texts)."""

from __future__ import annotations

from collections.abc import Callable

from annotations.pretagging.nlp import QuoteCandidate

Quotes = Callable[[str], list[QuoteCandidate]]


def by_text(found: list[QuoteCandidate], part: str) -> QuoteCandidate:
    (c,) = [c for c in found if part in c.text]
    return c


def test_she_skips_the_last_speaker_when_he_is_a_man(quotes: Quotes) -> None:
    text = (
        "Clara Fontaine and Tom Becker toured the flooded district on Monday. "
        "Becker said the pumps had failed overnight. She said the city would pay for the repairs."
    )
    c = by_text(quotes(text), "pay for the repairs")
    assert (c.kind, c.cue_text, c.mention_text) == ("indirect", "said", "She")
    assert (c.speaker, c.speaker_path) == ("Clara Fontaine", "pronoun")


def test_honorifics_give_the_gender(quotes: Quotes) -> None:
    text = "Ms. Varga met Mr. Holm at the port.\n\nMr. Holm said the ships would wait. She said the delay would cost money."
    c = by_text(quotes(text), "delay would cost")
    assert (c.kind, c.mention_text, c.speaker) == ("indirect", "She", "Varga")


def test_he_skips_a_woman_known_from_her_own_reported_clause(quotes: Quotes) -> None:
    text = (
        "Lars Okafor opened the hearing.\n\n"
        "Councillor Renner said she would vote against the bridge. "
        "He said the committee would meet again in June."
    )
    c = by_text(quotes(text), "meet again in June")
    assert (c.kind, c.mention_text, c.speaker) == ("indirect", "He", "Lars Okafor")


def test_the_agency_resolves_to_the_organisation_in_focus(quotes: Quotes) -> None:
    found = quotes("ICE said the raids would continue. “We will not stop,” the agency said.")
    c = by_text(found, "We will not stop")
    assert (c.kind, c.cue_text, c.mention_text) == ("direct", "said", "the agency")
    assert (c.speaker, c.speaker_kind, c.speaker_path) == ("ICE", "organisation", "role")


def test_the_union_does_not_resolve_to_a_government_department(quotes: Quotes) -> None:
    text = (
        "The Nordic Dockworkers Union met on Friday. The Department of Harbours approved the new cranes.\n\n"
        "The union said the cranes would cost jobs."
    )
    c = by_text(quotes(text), "cost jobs")
    assert c.speaker == "Nordic Dockworkers Union" and c.speaker_path == "role"


def test_two_names_speaking_together_are_one_group_speaker(quotes: Quotes) -> None:
    text = (
        "Senator Ruth Amsel and Senator Piotr Kalla wrote the bill.\n\n"
        "Ms. Amsel and Mr. Kalla say the bill needs more work."
    )
    c = by_text(quotes(text), "needs more work")
    assert (c.kind, c.cue_text, c.mention_text) == ("indirect", "say", "Ms. Amsel and Mr. Kalla")
    assert c.speaker == "Ruth Amsel and Piotr Kalla"


def test_role_modifiers_must_agree(quotes: Quotes) -> None:
    text = (
        "Republican candidate Tom Becker and Democratic candidate Clara Fontaine debated on Monday.\n\n"
        "The Democratic candidate said the tax plan would hurt renters."
    )
    c = by_text(quotes(text), "hurt renters")
    assert (c.mention_text, c.speaker, c.speaker_path) == ("The Democratic candidate", "Clara Fontaine", "role")


def test_the_newspaper_needs_a_news_organisation(quotes: Quotes) -> None:
    text = (
        "The Riverside Gazette reported on Sunday that the harbour contracts were signed in secret. "
        "The Harbour Trust declined to comment.\n\n"
        "The newspaper said that the contracts were never put out to tender."
    )
    c = by_text(quotes(text), "never put out to tender")
    assert (c.mention_text, c.speaker) == ("The newspaper", "Riverside Gazette")


def test_description_speakers_keep_restrictive_modifiers_but_not_the_statement(quotes: Quotes) -> None:
    (c,) = quotes("Insurers that had covered the mine agreed to release the bond money.")
    assert (c.cue_text, c.speaker) == ("agreed", "Insurers that had covered the mine")
    (c,) = quotes("His ex-wife contended that the records should stay sealed.")
    assert (c.cue_text, c.mention_text) == ("contended", "His ex-wife")
    found = quotes("The city adopted new rules that promise to cut emissions by half.")
    assert all("promise to cut" not in (c.speaker or "") for c in found)
