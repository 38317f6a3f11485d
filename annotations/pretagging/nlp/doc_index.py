"""The per-document index the statement finders share: paragraphs, quote segments aligned
to tokens, and which tokens are quoted."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from .quotes import paragraph_starts
from .segments import align_segments


class DocIndex:
    """Per-document lookups shared by the finders (paragraphs, quote segments, quoted tokens)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins all tokens on every access: keep one copy
        self.paragraphs = paragraph_starts(self.text)
        self.token_starts = doc.to_array("IDX").tolist()
        self.segments, self.segment_of = align_segments(doc, self.text, self.paragraph_of, self.token_starts)
        self.quoted_tokens = {i for i, seg in enumerate(self.segment_of) if seg >= 0}

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraphs, char) - 1

    def in_quote(self, token: Token) -> bool:
        return self.segment_of[token.i] >= 0
