"""claimbook_learned: the model's statements merged with the rules' (no database)."""

import pytest
from spacy.tokens import Doc

from annotations.pretagging.nlp import extract, get_pipeline, load_pipeline, pipeline_version
from annotations.pretagging.nlp.learned.component import DISAGREEMENT, kind_of, merge

TEXT = (
    "“We will open the bridge in May,” said Mayor Ada Brook.\n"
    "Tomas Reyes, the council treasurer, focused on the budget gap this year."
)


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline()


def learned_doc(doc: Doc, spans: list[tuple[str, str]]) -> Doc:
    """A stand-in for the trained model's output: entities over the given (text, label) pieces."""
    copy = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    ents = []
    for piece, label in spans:
        start = TEXT.index(piece)
        ents.append(copy.char_span(start, start + len(piece), label=label))
    copy.ents = ents
    return copy


def test_without_a_model_the_pipeline_is_the_rules_alone(nlp):
    assert "claimbook_learned" not in nlp.pipe_names
    assert "learned" not in pipeline_version(nlp)


def test_a_statement_only_the_model_finds_is_added_with_its_source_resolved(nlp):
    doc = nlp(TEXT)
    rules = [(c.start, c.end, c.speaker) for c in extract(doc)]
    content = "the budget gap this year"
    merge(doc, learned_doc(doc, [(content, "CONTENT"), ("Tomas Reyes", "SOURCE")]))
    found = {(c.start, c.end): c for c in extract(doc)}
    for start, end, speaker in rules:  # the rules' statements are kept as they were
        assert found[(start, end)].speaker == speaker
    start = TEXT.index(content)
    added = found[(start, start + len(content))]
    assert added.kind == "indirect" and added.speaker == "Tomas Reyes" and added.attribution == "learned"
    assert 0 < doc._.get(DISAGREEMENT) <= 1


def test_a_statement_both_find_keeps_the_rules_speaker_and_agreement_is_certain(nlp):
    doc = nlp(TEXT)
    before = extract(doc)
    merge(doc, learned_doc(doc, [("We will open the bridge in May,", "CONTENT")]))
    assert extract(doc) == before
    assert doc._.get(DISAGREEMENT) == 0


def test_an_unattributed_model_statement_is_dropped(nlp):
    doc = nlp("The budget will fall short this year, the figures suggest.")
    count = len(extract(doc))
    copy = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    copy.ents = [copy.char_span(4, 36, label="CONTENT")]
    merge(doc, copy)
    assert len(extract(doc)) == count


def test_kind_from_the_quotation_marks():
    text = "He said “we will win” and that “taxes” rise."
    assert kind_of(text, text.index("we"), text.index("win") + 3) == "direct"
    assert kind_of(text, text.index("“taxes"), len(text) - 1) == "mixed"
    assert kind_of(text, 0, 7) == "indirect"


def test_loading_a_model_directory_adds_the_component(tiny_model_dir):
    nlp = load_pipeline(str(tiny_model_dir))
    assert nlp.pipe_names[-1] == "claimbook_learned"
    assert pipeline_version(nlp).endswith("+learned-7")
    doc = nlp(TEXT)
    assert any(c.kind == "direct" for c in extract(doc))
