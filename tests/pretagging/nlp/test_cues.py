"""The cue lexicon matches surface forms, not lemmas."""

import pytest

from annotations.pretagging.nlp import cues


def test_inflections_of_speech_verbs_are_cues() -> None:
    for form in ("say", "says", "said", "saying", "told", "warned", "insisted", "admitted"):
        cue = cues.lookup(form)
        assert cue is not None and cue.cue_class == cues.SPEECH, form


def test_weaker_classes() -> None:
    assert cues.lookup("believes").cue_class == cues.THOUGHT
    assert cues.lookup("plans").cue_class == cues.INTENT
    assert cues.lookup("shows").cue_class == cues.REPORT


def test_nouns_that_lemmatise_oddly_are_not_cues() -> None:
    assert cues.lookup("taxes") is None
    assert cues.lookup("taxis") is None


def test_stance_and_evaluation_verbs() -> None:
    assert cues.lookup("denounced").cue_class == cues.SPEECH
    assert cues.lookup("endorsed").cue_class == cues.THOUGHT
    assert "endorse" in cues.OBJECT_CONTENT_VERBS


@pytest.mark.parametrize(
    ("form", "lemma"), [("quipped", "quip"), ("slammed", "slam"), ("rebutted", "rebut"), ("preferred", "prefer")]
)
def test_verbs_that_double_their_last_consonant(form: str, lemma: str) -> None:
    cue = cues.lookup(form)
    assert cue is not None and cue.lemma == lemma
