"""``claimbook_learned``: a trained model's statements merged with the rules'.

The trained pipeline (``tok2vec`` + ``ner`` over CONTENT and SOURCE, see ``pretagger.cfg``) runs on the
tokens the main pipeline already made. Its spans and the rules' are then merged, span by span:

- a rules statement stays as the rules made it (span, speaker, cue, kind): on PolNeAR dev the model's
  edges (``model_boundaries``) scored lower than the rules' even for indirect statements, and dropping
  rules statements the model does not find (``keep_rules_confidence``) cost recall;
- a statement only the model finds, overlapping none of the rules', is added: its kind read from the
  quotation marks, its speaker the model's SOURCE in the same sentence (else the paragraph) resolved by
  the rules' resolver; with no SOURCE, or one the resolver cannot name, the speaker of the statement
  before it (this paragraph or the one before); with none of those it is dropped
  (``drop_unattributed``): a statement without a speaker is wrong end to end.

``doc._.claimbook_learned_disagreement`` (0..1) is the share of statements the two did not agree on, the
article's uncertainty for the review queue.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import DOC_SPEAKERS, SPANS_KEY, register_extensions
from ..names import PRONOUNS
from ..speakers import NO_SPEAKER, SpeakerResolver
from .data import CONTENT, SOURCE

COMPONENT = "claimbook_learned"
META_FILE = "claimbook.json"
DISAGREEMENT = "claimbook_learned_disagreement"
LEARNED = "learned"  # quote_attribution of a statement only the model found

if not Doc.has_extension(DISAGREEMENT):
    Doc.set_extension(DISAGREEMENT, default=None)

_OPENING = frozenset('"“«')
_CLOSING = frozenset('"”»')
_MARKS = _OPENING | _CLOSING


def is_learned_model(path: str | Path | None) -> bool:
    """True for a directory written by ``save_learned_model``."""
    return path is not None and (Path(path) / META_FILE).is_file()


def read_meta(path: str | Path) -> dict[str, Any]:
    return dict(json.loads((Path(path) / META_FILE).read_text(encoding="utf-8")))


def write_meta(path: str | Path, meta: dict[str, Any]) -> None:
    (Path(path) / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")


@Language.factory(
    COMPONENT,
    default_config={
        "model_path": "",
        "keep_rules_confidence": 0.0,
        "model_boundaries": False,
        "drop_unattributed": True,
    },
    requires=["doc.spans"],
    assigns=["doc.spans", f"doc._.{DISAGREEMENT}"],
)
def make_learned(
    nlp: Language,
    name: str,
    model_path: str,
    keep_rules_confidence: float,
    model_boundaries: bool,
    drop_unattributed: bool,
) -> LearnedMerger:
    return LearnedMerger(
        spacy.load(model_path),
        name=name,
        keep_rules_confidence=keep_rules_confidence,
        model_boundaries=model_boundaries,
        drop_unattributed=drop_unattributed,
    )


class LearnedMerger:
    """Runs the trained pipeline and merges its spans into ``doc.spans["claimbook_quotes"]``."""

    def __init__(
        self,
        learned: Language,
        name: str = COMPONENT,
        keep_rules_confidence: float = 0.0,
        model_boundaries: bool = False,
        drop_unattributed: bool = True,
    ) -> None:
        register_extensions()
        self.learned = learned
        self.name = name
        self.keep_rules_confidence = keep_rules_confidence
        self.model_boundaries = model_boundaries
        self.drop_unattributed = drop_unattributed

    def _merge(self, doc: Doc, learned_doc: Doc) -> Doc:
        return merge(doc, learned_doc, self.keep_rules_confidence, self.model_boundaries, self.drop_unattributed)

    def _copy(self, doc: Doc) -> Doc:
        return Doc(self.learned.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])

    def __call__(self, doc: Doc) -> Doc:
        return self._merge(doc, self.learned(self._copy(doc)))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch, batch_size)
                batch = []
        if batch:
            yield from self._run(batch, batch_size)

    def _run(self, batch: list[Doc], batch_size: int) -> Iterator[Doc]:
        predicted = self.learned.pipe((self._copy(d) for d in batch), batch_size=batch_size)
        for doc, learned_doc in zip(batch, predicted, strict=True):
            yield self._merge(doc, learned_doc)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def merge(
    doc: Doc,
    learned_doc: Doc,
    keep_rules_confidence: float = 0.0,
    model_boundaries: bool = False,
    drop_unattributed: bool = True,
) -> Doc:
    """Merge the learned doc's CONTENT/SOURCE entities (same tokens as ``doc``) with the rules' spans."""
    contents = [doc[e.start : e.end] for e in learned_doc.ents if e.label_ == CONTENT]
    sources = [doc[e.start : e.end] for e in learned_doc.ents if e.label_ == SOURCE]
    rules = list(doc.spans.get(SPANS_KEY, []))
    kept: list[Span] = []
    matched: set[int] = set()
    agreed = 0
    for span in rules:
        partners = [i for i, c in enumerate(contents) if _overlaps(span, c)]
        if partners:
            agreed += 1
            matched.update(partners)
            if model_boundaries and span._.quote_kind == "indirect" and len(partners) == 1:
                kept.append(_reshaped(span, contents[partners[0]]))
            else:
                kept.append(span)
        elif span._.quote_kind == "direct" or span._.quote_confidence >= keep_rules_confidence:
            kept.append(span)
    added = [c for i, c in enumerate(contents) if i not in matched and not any(_overlaps(c, k) for k in kept)]
    if added:
        kept.extend(_attribute(doc, added, sources, kept, drop_unattributed))
    kept.sort(key=lambda s: s._.quote_chars)
    doc.spans[SPANS_KEY] = kept
    total = len(rules) + len(added)
    doc._.set(DISAGREEMENT, round(1 - agreed / total, 4) if total else 0.0)
    return doc


def _reshaped(span: Span, content: Span) -> Span:
    """The rules' statement with the model's edges (the rules' speaker, cue and kind)."""
    new = content.doc[content.start : content.end]
    new.label_ = span.label_
    for name in (
        "quote_kind",
        "quote_cue",
        "quote_speaker_mention",
        "quote_speaker",
        "quote_speaker_kind",
        "quote_confidence",
        "quote_attribution",
        "quote_speaker_path",
    ):
        setattr(new._, name, getattr(span._, name))
    new._.quote_chars = (content.start_char, content.end_char)
    return new


def kind_of(text: str, start: int, end: int) -> str:
    """direct (only quoted words), mixed (some), indirect (no quotation marks), read from the text."""
    inner = text[start:end]
    if any(ch in _MARKS for ch in inner) or "''" in inner:
        return "mixed"
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 2].lstrip()
    if before and (before[-1] in _OPENING or before.endswith("``")) and after and after[0] in _CLOSING | {"'"}:
        return "direct"
    return "indirect"


def _attribute(
    doc: Doc, added: list[Span], sources: list[Span], kept: list[Span], drop_unattributed: bool
) -> list[Span]:
    """Speakers for the statements only the model found, resolved by the rules' resolver."""
    resolver = SpeakerResolver(doc)
    text = doc.text
    out = []
    for content in added:
        source = _source_for(content, sources)
        span = doc[content.start : content.end]
        kind = kind_of(text, content.start_char, content.end_char)
        span.label_ = kind
        span._.quote_kind = kind
        span._.quote_chars = (content.start_char, content.end_char)
        span._.quote_cue = None
        span._.quote_attribution = LEARNED
        span._.quote_confidence = 0.5
        resolution = resolver.resolve(source) if source is not None else None
        if resolution is not None and resolution.speaker is not None:
            span._.quote_speaker_mention = source
            span._.quote_speaker = resolution.speaker
            span._.quote_speaker_kind = resolution.kind
            span._.quote_speaker_path = resolution.path
        else:
            # no SOURCE, or one the resolver cannot name ("he" with no antecedent it knows): the speaker of
            # the statement before it, in the paragraph or the one before (reported speech runs on)
            previous = _previous_statement(content, kept)
            if previous is None and drop_unattributed:
                continue
            span._.quote_speaker_mention = source if previous is None else previous._.quote_speaker_mention
            span._.quote_speaker = previous._.quote_speaker if previous is not None else None
            span._.quote_speaker_kind = previous._.quote_speaker_kind if previous is not None else None
            span._.quote_speaker_path = "inherited" if previous is not None else NO_SPEAKER
        out.append(span)
    table = doc._.get(DOC_SPEAKERS) or {}
    for entity in resolver.speaker_entities():
        entry = table.setdefault(entity.name, {"kind": entity.kind, "aliases": [], "title": entity.title})
        for alias in entity.aliases:
            if alias not in entry["aliases"] and alias.lower() not in PRONOUNS:
                entry["aliases"].append(alias)
    doc._.set(DOC_SPEAKERS, table)
    return out


def _paragraph_bounds(doc: Doc, token_i: int) -> tuple[int, int]:
    text = doc.text
    idx = doc[token_i].idx
    start = text.rfind("\n", 0, idx) + 1
    end = text.find("\n", idx)
    return start, len(text) if end < 0 else end


def _source_for(content: Span, sources: list[Span]) -> Span | None:
    """The model's SOURCE in the content's sentence(s), else the nearest one in its paragraph."""
    doc = content.doc
    sent_start = doc[content.start].sent.start
    sent_end = doc[content.end - 1].sent.end
    in_sentence = [s for s in sources if sent_start <= s.start and s.end <= sent_end]
    if in_sentence:
        return min(in_sentence, key=lambda s: _distance(s, content))
    para_start, para_end = _paragraph_bounds(doc, content.start)
    in_paragraph = [s for s in sources if para_start <= s.start_char and s.end_char <= para_end]
    if in_paragraph:
        return min(in_paragraph, key=lambda s: _distance(s, content))
    return None


def _distance(a: Span, b: Span) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


def _previous_statement(content: Span, kept: list[Span]) -> Span | None:
    """The nearest statement with a speaker before ``content``, in its paragraph or the one before."""
    text = content.doc.text
    start = text.rfind("\n", 0, content.start_char) + 1
    before_break = len(text[:start].rstrip())
    if before_break:
        start = text.rfind("\n", 0, before_break) + 1
    before = [k for k in kept if start <= k.start_char and k.end <= content.start and k._.quote_speaker]
    return max(before, key=lambda k: k.end) if before else None


def add_learned(nlp: Language, model_path: str | Path, **config: Any) -> Language:
    """Add ``claimbook_learned`` (after claimbook_quotes) to ``nlp``; returns ``nlp``."""
    nlp.add_pipe(COMPONENT, after="claimbook_quotes", config={"model_path": str(model_path), **config})
    return nlp
