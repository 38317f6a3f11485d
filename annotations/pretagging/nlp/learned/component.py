"""``claimbook_learned``: a trained model's statements merged with the rules'.

The trained pipeline (``tok2vec`` + ``ner`` over CONTENT and SOURCE, see ``pretagger.cfg``) runs on the
tokens the main pipeline already made. Its spans and the rules' are then merged, span by span:

- a rules statement stays as the rules made it (span, speaker, cue, kind): on PolNeAR dev the model's
  edges (``model_boundaries``) scored lower than the rules' even for indirect statements, and dropping
  rules statements the model does not find (``keep_rules_confidence``) cost recall;
- a statement only the model finds, overlapping none of the rules', is added when it is mixed or indirect
  (``add_kinds``: the rules find quotes in marks better, and what they leave are mostly scare quotes and
  titles), with its kind read from the quotation marks and its speaker the model's SOURCE in the same
  sentence, else the paragraph (``source_scope``), resolved by the rules' resolver. With no SOURCE the
  resolver can name it is dropped: a statement without a speaker is wrong end to end, and taking the
  speaker of the statement before it (``inherit_speaker``) was right too rarely.

``doc._.claimbook_learned_disagreement`` (0..1) is the share of statements the two did not agree on, the
article's uncertainty for the review queue.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import DOC_SPEAKERS, SPANS_KEY, register_extensions
from ..names import PRONOUNS
from ..speakers import SpeakerResolver
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


@dataclass(frozen=True)
class MergeOptions:
    """How the model's statements join the rules' (the defaults were chosen on PolNeAR dev, see the docs)."""

    # a rules statement the model does not find stays when direct or at least this confident (0: always)
    keep_rules_confidence: float = 0.0
    # a rules indirect statement the model also finds takes the model's edges
    model_boundaries: bool = False
    # kinds of statement the model may add on its own (the rules find direct quotes better)
    add_kinds: tuple[str, ...] = ("mixed", "indirect")
    # where the model's SOURCE may be: "sentence" or "paragraph"
    source_scope: str = "paragraph"
    # with no SOURCE the resolver can name, take the speaker of the statement before (else: drop it)
    inherit_speaker: bool = False


@Language.factory(
    COMPONENT,
    default_config={
        "model_path": "",
        "keep_rules_confidence": 0.0,
        "model_boundaries": False,
        "add_kinds": ["mixed", "indirect"],
        "source_scope": "paragraph",
        "inherit_speaker": False,
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
    add_kinds: list[str],
    source_scope: str,
    inherit_speaker: bool,
) -> LearnedMerger:
    options = MergeOptions(keep_rules_confidence, model_boundaries, tuple(add_kinds), source_scope, inherit_speaker)
    return LearnedMerger(spacy.load(model_path), name=name, options=options)


class LearnedMerger:
    """Runs the trained pipeline and merges its spans into ``doc.spans["claimbook_quotes"]``."""

    def __init__(self, learned: Language, name: str = COMPONENT, options: MergeOptions | None = None) -> None:
        register_extensions()
        self.learned = learned
        self.name = name
        self.options = options or MergeOptions()

    def _merge(self, doc: Doc, learned_doc: Doc) -> Doc:
        return merge(doc, learned_doc, self.options)

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


def merge(doc: Doc, learned_doc: Doc, options: MergeOptions | None = None) -> Doc:
    """Merge the learned doc's CONTENT/SOURCE entities (same tokens as ``doc``) with the rules' spans."""
    options = options or MergeOptions()
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
            if options.model_boundaries and span._.quote_kind == "indirect" and len(partners) == 1:
                kept.append(_reshaped(span, contents[partners[0]]))
            else:
                kept.append(span)
        elif span._.quote_kind == "direct" or span._.quote_confidence >= options.keep_rules_confidence:
            kept.append(span)
    added = [c for i, c in enumerate(contents) if i not in matched and not any(_overlaps(c, k) for k in kept)]
    if added:
        kept.extend(_attribute(doc, added, sources, kept, options))
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


def _attribute(doc: Doc, added: list[Span], sources: list[Span], kept: list[Span], options: MergeOptions) -> list[Span]:
    """Speakers for the statements only the model found, resolved by the rules' resolver."""
    resolver = SpeakerResolver(doc)
    text = doc.text
    out = []
    for content in added:
        kind = kind_of(text, content.start_char, content.end_char)
        if kind not in options.add_kinds:
            continue
        source = _source_for(content, sources, options.source_scope)
        span = doc[content.start : content.end]
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
            # no SOURCE, or one the resolver cannot name ("he" with no antecedent it knows): with
            # inherit_speaker, the speaker of the statement before it (this paragraph or the one before)
            previous = _previous_statement(content, kept) if options.inherit_speaker else None
            if previous is None:
                continue  # a statement without a speaker is wrong end to end
            span._.quote_speaker_mention = previous._.quote_speaker_mention
            span._.quote_speaker = previous._.quote_speaker
            span._.quote_speaker_kind = previous._.quote_speaker_kind
            span._.quote_speaker_path = "inherited"
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


def _source_for(content: Span, sources: list[Span], scope: str) -> Span | None:
    """The model's SOURCE in the content's sentence(s), else the nearest one in its paragraph."""
    doc = content.doc
    sent_start = doc[content.start].sent.start
    sent_end = doc[content.end - 1].sent.end
    in_sentence = [s for s in sources if sent_start <= s.start and s.end <= sent_end]
    if in_sentence:
        return min(in_sentence, key=lambda s: _distance(s, content))
    if scope == "sentence":
        return None
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
