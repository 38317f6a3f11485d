"""Odd inputs: nothing crashes, offsets stay valid, nothing is invented."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from annotations.pretagging.nlp import QuoteCandidate, extract, pipeline_version

Quotes = Callable[[str], list[QuoteCandidate]]


def assert_offsets_valid(text: str, found: list[QuoteCandidate]) -> None:
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        if c.mention_start is not None:
            assert text[c.mention_start : c.mention_end] == c.mention_text


def test_empty_text(quotes: Quotes) -> None:
    assert quotes("") == []


@pytest.mark.parametrize("text", ["“”", '""', "“ ” “", "''''", "\u201c\u201c\u201c", '"\n"\n"'])
def test_only_quotation_marks(quotes: Quotes, text: str) -> None:
    assert quotes(text) == []


def test_text_without_quotes_or_cues(quotes: Quotes) -> None:
    assert quotes("The river rose two feet overnight. Roads near the bridge were closed.") == []


def test_non_english_text_yields_valid_offsets(quotes: Quotes) -> None:
    text = "«Nous allons gagner», a déclaré la maire. „Wir schaffen das“, sagte sie."
    assert_offsets_valid(text, quotes(text))


def test_emoji_and_right_to_left_text(quotes: Quotes) -> None:
    text = "🎉🎉 “We did it 🎉,” said Noor Haddad. قالت إنها “سعيدة جدا” اليوم. שלום “עולם”."
    found = quotes(text)
    assert_offsets_valid(text, found)
    (c,) = [c for c in found if c.speaker == "Noor Haddad"]
    assert c.text == "We did it 🎉,"


def test_a_one_megabyte_article(nlp: Language) -> None:
    paragraph = (
        "“The harbour will reopen next week,” said Ingrid Solberg, the port director. "
        "She added that the cranes were repaired and the crews were ready to return.\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    found = extract(nlp(text))
    assert len(text) >= 1_000_000
    direct = [c for c in found if c.kind == "direct"]
    assert len(direct) == text.count("“The harbour")
    assert {c.speaker for c in direct} == {"Ingrid Solberg"}
    assert_offsets_valid(text, found[:50] + found[-50:])


def test_analyze_pipes_reports_no_problems(nlp: Language) -> None:
    analysis = nlp.analyze_pipes()
    assert analysis["problems"]["claimbook_quotes"] == []
    assert nlp.pipe_names[-1] == "claimbook_quotes"


def test_pipeline_version_names_model_and_rules(nlp: Language) -> None:
    version = pipeline_version(nlp)
    assert version.startswith(f"{nlp.meta['name']}-{nlp.meta['version']}+claimbook_quotes-")


def test_spans_and_extensions_are_set(nlp: Language) -> None:
    doc = nlp("“Tolls will rise in June,” said Bruno Keller.")
    (span,) = doc.spans["claimbook_quotes"]
    assert span.label_ == "direct" and span._.quote_kind == "direct"
    assert span._.quote_cue.text == "said"
    assert span._.quote_speaker_mention.text == "Bruno Keller"
    assert span._.quote_speaker == "Bruno Keller" and span._.quote_speaker_kind == "person"
    assert 0.0 < span._.quote_confidence <= 1.0
    assert doc._.claimbook_speakers["Bruno Keller"]["kind"] == "person"
