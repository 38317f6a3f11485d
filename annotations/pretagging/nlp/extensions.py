"""Custom attributes written by the claimbook_quotes component (registered once, globally)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPANS_KEY = "claimbook_quotes"

# Span attributes, set on every span in doc.spans[SPANS_KEY].
SPAN_ATTRIBUTES: dict[str, object] = {
    "quote_kind": None,  # "direct" | "mixed" | "indirect" (also the span label)
    "quote_chars": None,  # (start, end): exact str offsets of the statement in doc.text
    "quote_cue": None,  # Span of the cue phrase ("said", "according to") or None
    "quote_speaker_mention": None,  # Span naming the speaker as written, or None
    "quote_speaker": None,  # resolved canonical speaker name, or None
    "quote_speaker_kind": None,  # "person" | "organisation" | None
    "quote_confidence": 0.0,  # 0..1, higher is more often right
    "quote_attribution": None,  # how the quote got its speaker (see statements.py)
    "quote_speaker_path": None,  # how the speaker was resolved (see speakers.py)
}

# Doc attribute: {canonical name: {"kind": ..., "aliases": [...]}} for the article's speakers.
DOC_SPEAKERS = "claimbook_speakers"


def register_extensions() -> None:
    """Register the extensions unless already there (safe to call repeatedly)."""
    for name, default in SPAN_ATTRIBUTES.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Doc.has_extension(DOC_SPEAKERS):
        Doc.set_extension(DOC_SPEAKERS, default=None)
