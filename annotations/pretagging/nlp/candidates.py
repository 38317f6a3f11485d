"""Plain-data results: what the Django side stores, with no spaCy objects in it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import DOC_SPEAKERS, SPANS_KEY
from .known_speakers import KnownSpeakers


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    """One suggested statement. Offsets are ``str`` indices into the exact input text.

    ``start``/``end`` delimit the statement (for direct quotes: the words inside the
    marks); ``cue_*`` the cue phrase; ``mention_*`` the speaker as written ("he",
    "the mayor"); ``speaker`` the resolved canonical name ("Bill de Blasio").
    """

    start: int
    end: int
    text: str
    kind: str  # "direct" | "mixed" | "indirect"
    cue_text: str | None
    cue_start: int | None
    cue_end: int | None
    mention_text: str | None
    mention_start: int | None
    mention_end: int | None
    speaker: str | None
    speaker_kind: str | None  # "person" | "organisation" | None
    confidence: float
    attribution: str  # dependency | adjacent | paragraph | previous_paragraph | unattributed
    speaker_path: str  # explicit | surname | acronym | role | pronoun | description | inherited | none

    def as_json(self, speakers: Mapping[str, Mapping[str, object]] | None = None) -> dict[str, object]:
        """The extract_quotes output record for this candidate.

        With the article's speaker table, a person's name carries the office the article gives
        them ("Mayor Bill de Blasio"), which is also what says who "the mayor" was.
        """
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": speaker_label(self.speaker, speakers or {}),
            "speaker_start": self.mention_start,
            "speaker_end": self.mention_end,
            "cue": self.cue_text,
            "confidence": self.confidence,
        }


def speaker_label(name: str | None, speakers: Mapping[str, Mapping[str, object]]) -> str | None:
    """``name`` with the office the article gives that person, if any ("Senator Ted Cruz")."""
    title = (speakers.get(name) or {}).get("title") if name else None
    return f"{title} {name}" if title else name


def extract(doc: Doc, known_speakers: Iterable[Mapping[str, object]] | None = None) -> list[QuoteCandidate]:
    """Read the candidates the claimbook_quotes component stored on ``doc``.

    ``known_speakers`` (optional): ``[{"name", "aliases", "kind"}]`` from the database;
    a resolved speaker whose name or alias matches one of them takes its canonical name.
    """
    registry = KnownSpeakers(known_speakers or ())
    renames = registry.renames(doc._.get(DOC_SPEAKERS) or {})
    out = []
    text = doc.text  # built once: Doc.text joins every token on each access
    for span in doc.spans.get(SPANS_KEY, []):
        start, end = span._.quote_chars
        cue = span._.quote_cue
        mention = span._.quote_speaker_mention
        speaker, speaker_kind = span._.quote_speaker, span._.quote_speaker_kind
        if speaker in renames:
            speaker, speaker_kind = renames[speaker]
        out.append(
            QuoteCandidate(
                start=start,
                end=end,
                text=text[start:end],
                kind=span._.quote_kind,
                cue_text=cue.text if cue is not None else None,
                cue_start=cue.start_char if cue is not None else None,
                cue_end=cue.end_char if cue is not None else None,
                mention_text=mention.text if mention is not None else None,
                mention_start=mention.start_char if mention is not None else None,
                mention_end=mention.end_char if mention is not None else None,
                speaker=speaker,
                speaker_kind=speaker_kind,
                confidence=span._.quote_confidence,
                attribution=span._.quote_attribution,
                speaker_path=span._.quote_speaker_path,
            )
        )
    return out


def doc_speakers(
    doc: Doc, known_speakers: Iterable[Mapping[str, object]] | None = None
) -> dict[str, dict[str, object]]:
    """The article's speakers: ``{name: {"kind": ..., "aliases": [surface forms]}}``.

    Aliases are names and acronyms as written ("de Blasio", "Mayor Bill de Blasio", "ICE");
    pronouns and descriptions ("he", "the mayor") are mentions, not aliases.
    """
    speakers = doc._.get(DOC_SPEAKERS) or {}
    registry = KnownSpeakers(known_speakers or ())
    return registry.merge(speakers)


def extract_texts(
    nlp: Language,
    items: Iterable[tuple[str, object]],
    *,
    batch_size: int = 32,
    known_speakers: Sequence[Mapping[str, object]] | None = None,
) -> Iterator[tuple[object, list[QuoteCandidate], dict[str, dict[str, object]]]]:
    """Run the pipeline over ``(text, key)`` pairs; yield ``(key, candidates, speakers)``."""
    for doc, key in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        yield key, extract(doc, known_speakers), doc_speakers(doc, known_speakers)
