"""The ``claimbook_quotes`` spaCy component: statements and speakers for one Doc."""

from __future__ import annotations

from typing import cast

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import confidence
from .extensions import DOC_SPEAKERS, SPANS_KEY, register_extensions
from .mentions import mention_span
from .names import PRONOUNS
from .speakers import INHERITED, NO_SPEAKER, Resolution, SpeakerResolver
from .statements import BY_PARAGRAPH, BY_PREVIOUS_PARAGRAPH, Finding, find_statements

# Bump when the rules change, so stored suggestions can be told apart.
RULES_VERSION = "6"


@Language.component("claimbook_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    News text puts one paragraph per line, and a paragraph never continues a sentence, but
    the parser does not know that: left alone it glues a headline to the dateline and a
    quote to the next paragraph, and speakers and contents then cross paragraphs. The
    parser respects sentence starts set before it, so this costs nothing.
    """
    follows_break = False
    for token in doc:
        if token.is_space:
            follows_break = follows_break or "\n" in token.text
            continue
        if follows_break and token.i > 0:
            token.is_sent_start = True
        follows_break = False
    return doc


@Language.factory(
    "claimbook_quotes",
    default_config={"spans_key": SPANS_KEY},
    requires=["token.dep", "token.tag", "doc.ents", "doc.sents"],  # token.pos comes from attribute_ruler
    assigns=["doc.spans", "span._.quote_kind", f"doc._.{DOC_SPEAKERS}"],
)
def make_quote_finder(nlp: Language, name: str, spans_key: str) -> QuoteFinder:
    """Factory for :class:`QuoteFinder` (``nlp.add_pipe("claimbook_quotes")``)."""
    return QuoteFinder(name=name, spans_key=spans_key)


class QuoteFinder:
    """Writes statement candidates to ``doc.spans[spans_key]`` with their speakers."""

    def __init__(self, name: str = "claimbook_quotes", spans_key: str = SPANS_KEY) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        statements = find_statements(doc)
        resolver = SpeakerResolver(doc)
        resolutions = _resolve_all(resolver, statements)
        spans = []
        for statement in statements:
            span = doc.char_span(statement.start, statement.end, label=statement.kind, alignment_mode="expand")
            if span is None or span.start_char != statement.start and span.end_char != statement.end and not len(span):
                continue
            resolution = resolutions.get(id(statement), Resolution(None, NO_SPEAKER, None, None))
            mention = _mention_of(statement)
            _annotate(span, statement, resolution, mention)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.set(DOC_SPEAKERS, _speaker_table(resolver))
        return doc


def _mention_of(statement: Finding) -> Span | None:
    source = statement.inherit_from or statement
    if source.subject is None:
        return None
    if source.mention is not None:
        return source.subject.doc[source.mention[0] : source.mention[1]]
    return mention_span(source.subject, source.cue)


def _resolve_all(resolver: SpeakerResolver, statements: list[Finding]) -> dict[int, Resolution]:
    """Resolve every subject once, in text order (pronouns look back at earlier speakers)."""
    by_subject: dict[int, Resolution] = {}
    ordered = sorted(
        ((s.subject.i, s) for s in statements if s.subject is not None and s.inherit_from is None),
        key=lambda pair: pair[0],
    )
    for key, statement in ordered:
        if key not in by_subject:
            by_subject[key] = resolver.resolve(_mention_of(statement))
    out: dict[int, Resolution] = {}
    for statement in statements:
        if statement.subject is None:
            continue
        key = statement.subject.i
        if key not in by_subject:
            by_subject[key] = resolver.resolve(_mention_of(statement))
        out[id(statement)] = by_subject[key]
    return out


def _annotate(span: Span, statement: Finding, resolution: Resolution, mention: Span | None) -> None:
    doc = span.doc
    cue = None
    if statement.cue_span is not None:
        cue = doc.char_span(*statement.cue_span, alignment_mode="expand")
    inherited = statement.attribution in (BY_PARAGRAPH, BY_PREVIOUS_PARAGRAPH)
    speaker_path = resolution.path
    if mention is not None and resolution.speaker is None and mention.text.lower() in PRONOUNS:
        speaker_path = "pronoun"
    features = {
        "kind": statement.kind,
        "cue_class": statement.cue_class or "none",
        "pattern": statement.pattern,
        "attribution": statement.attribution,
        "speaker_path": resolution.path if resolution.speaker else NO_SPEAKER,
        "closed": "yes" if statement.closed else "no",
        "ambiguous": "yes" if resolution.ambiguous else "no",
    }
    span._.quote_kind = statement.kind
    span._.quote_chars = (statement.start, statement.end)
    span._.quote_cue = cue
    span._.quote_speaker_mention = mention
    span._.quote_speaker = resolution.speaker
    span._.quote_speaker_kind = resolution.kind
    span._.quote_confidence = confidence.score(features)
    span._.quote_attribution = statement.attribution
    span._.quote_speaker_path = INHERITED if inherited else speaker_path


def _speaker_table(resolver: SpeakerResolver) -> dict[str, dict[str, object]]:
    table: dict[str, dict[str, object]] = {}
    for entity in resolver.speaker_entities():
        aliases: list[str] = []
        entry = table.setdefault(entity.name, {"kind": entity.kind, "aliases": aliases, "title": entity.title})
        aliases = cast(list[str], entry["aliases"])
        for alias in entity.aliases:
            if alias not in aliases and alias.lower() not in PRONOUNS:
                aliases.append(alias)
    return table
