"""Acceptance: the product's demo article (WCBS 880, de Blasio and ICE)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from annotations.pretagging.nlp import QuoteCandidate, doc_speakers, extract

DE_BLASIO = "Bill de Blasio"
PHAM = "Tony Pham"
DHS = "Department of Homeland Security"
ICE_NAMES = {"Immigration and Customs Enforcement", "U.S. Immigration and Customs Enforcement"}


@pytest.fixture(scope="module")
def seed(nlp: Language, seed_text: str) -> tuple[str, list[QuoteCandidate], dict]:
    doc = nlp(seed_text)
    return seed_text, extract(doc), doc_speakers(doc)


def find(candidates: list[QuoteCandidate], start: str, end: str) -> QuoteCandidate:
    matches = [c for c in candidates if c.text.startswith(start) and c.text.rstrip("”").endswith(end)]
    assert matches, f"no statement {start!r} ... {end!r}"
    return matches[0]


@pytest.mark.parametrize(
    ("start", "end", "speaker", "kinds", "cue"),
    [
        ("that the NYPD does not want ICE agents", "make immigration arrests", DE_BLASIO, {"indirect"}, "told"),
        ("ICE is not only lying", "local government and immigrants.", DE_BLASIO, {"direct"}, None),
        ("They’re being quite brazen", "about who they are.", DE_BLASIO, {"direct"}, None),
        ("trying to sow chaos", "trying to sow chaos.", DE_BLASIO, {"direct", "mixed"}, "accused"),
        ("And this is what they are", "to stop this,", DE_BLASIO, {"direct"}, "said"),
        ("There’s a massive difference", "documentation status,", DE_BLASIO, {"direct"}, "said"),
        ("ICE agents are sworn law enforcement officers", "keep this country safe.", PHAM, {"mixed"}, "said"),
        ("ICE has repeatedly asked New York officials", "off the streets,", PHAM, {"direct"}, "said"),
        ("The mayor and other officials who refuse", "a local jail.", PHAM, {"direct"}, "continued by saying"),
        (
            "last week in the New York City area ICE officers arrested",
            "abuse of minors",
            DHS,
            {"indirect"},
            "According to",
        ),
    ],
)
def test_seed_statements(seed, start: str, end: str, speaker: str, kinds: set[str], cue: str | None) -> None:
    text, candidates, _ = seed
    c = find(candidates, start, end)
    assert c.speaker == speaker
    assert c.kind in kinds
    if cue is not None:
        assert c.cue_text == cue
    assert text[c.start : c.end] == c.text


def test_ice_statement_about_the_word_police(seed) -> None:
    _, candidates, _ = seed
    c = find(candidates, "the word “police” is a universally recognized symbol", "in dangerous situations")
    assert c.kind == "indirect" and c.speaker in ICE_NAMES and c.mention_text == "ICE"


def test_titles_scare_quotes_and_footer_are_not_statements(seed) -> None:
    text, candidates, _ = seed
    texts = [c.text for c in candidates]
    assert not any(t.strip("“”") in ("police", "Brian Lehrer Show") for t in texts)
    footer = text.index("Stay informed")
    assert all(c.end <= footer for c in candidates)


def test_each_speaker_is_one_entity_with_its_aliases(seed) -> None:
    _, candidates, speakers = seed
    assert {c.speaker for c in candidates if c.speaker} >= {DE_BLASIO, PHAM, DHS}
    assert {"de Blasio", "Mayor Bill de Blasio"} <= set(speakers[DE_BLASIO]["aliases"])
    assert speakers[DE_BLASIO]["kind"] == "person"
    assert "Pham" in speakers[PHAM]["aliases"]
    (ice,) = [name for name in speakers if name in ICE_NAMES]
    assert "ICE" in speakers[ice]["aliases"] and speakers[ice]["kind"] == "organisation"
    for info in speakers.values():
        assert not {"he", "He", "the mayor", "they"} & set(info["aliases"])


def test_known_speakers_rename_the_article_speaker(nlp: Language, seed_text: str) -> None:
    known = [{"name": "U.S. Immigration and Customs Enforcement", "aliases": ["ICE"], "kind": "organisation"}]
    doc = nlp(seed_text)
    candidates = extract(doc, known_speakers=known)
    c = find(candidates, "the word “police”", "in dangerous situations")
    assert c.speaker == "U.S. Immigration and Customs Enforcement"
    speakers = doc_speakers(doc, known_speakers=known)
    assert "ICE" in speakers["U.S. Immigration and Customs Enforcement"]["aliases"]
