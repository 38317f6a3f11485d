"""Quote segments aligned to a parsed Doc, and which of them look like statements.

A quoted stretch is not always a quotation: scare quotes ("the so-called “reform”"),
titles (WNYC’s “Brian Lehrer Show”) and words mentioned as words (the word “police”)
are not statements. Each segment gets a role:

* ``MENTION``: a title or a word mentioned as a word: never quote material;
* ``FRAGMENT``: a short verbless phrase: a statement only when a cue introduces it or
  when it sits inside reported speech (which then becomes a mixed quote);
* ``SENTENCE``: looks like something someone said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .quotes import QuoteSegment, find_segments

MENTION, FRAGMENT, SENTENCE = "mention", "fragment", "sentence"

# "the word “police”", "a book titled “...”": the quoted text is named, not said.
_NAMING_WORDS = frozenset(
    [
        "word",
        "words",
        "term",
        "terms",
        "phrase",
        "phrases",
        "slogan",
        "label",
        "labels",
        "name",
        "names",
        "title",
        "hashtag",
        "nickname",
        "headline",
        "motto",
        "dubbed",
        "nicknamed",
        "named",
        "titled",
        "entitled",
        "branded",
        "hashtags",
        "book",
        "film",
        "movie",
        "show",
        "song",
        "album",
        "series",
        "program",
        "programme",
        "column",
        "article",
        "essay",
        "op-ed",
        "documentary",
        "podcast",
        "play",
        "poem",
        "report",
        "video",
        "ad",
    ]
)
_MIN_SENTENCE_WORDS = 4


@dataclass(slots=True)
class AlignedSegment:
    """A quote segment with the token range it covers (marks included) and its role."""

    segment: QuoteSegment
    first: int  # first token index inside the marks
    last: int  # last token index inside the marks (inclusive)
    role: str
    paragraph: int
    word_count: int


def align_segments(
    doc: Doc, text: str, paragraph_of: Callable[[int], int], starts: list[int] | None = None
) -> tuple[list[AlignedSegment], list[int]]:
    """Find the quote segments of ``text`` (= doc.text) and map each token to a segment (-1: none).

    ``paragraph_of(char_offset)`` gives the paragraph number of a character; ``starts`` the tokens'
    character offsets, if the caller has them.
    """
    segments = find_segments(text)
    owner = [-1] * len(doc)
    if not segments:
        return [], owner
    if starts is None:
        starts = [t.idx for t in doc]
    ends = [t.idx + len(t) for t in doc]
    aligned: list[AlignedSegment] = []
    k = 0
    token_count = len(doc)
    for index, segment in enumerate(segments):
        while k < token_count and ends[k] <= segment.mark_start:
            k += 1
        first = None
        last = None
        j = k
        while j < token_count and starts[j] < segment.mark_end:
            owner[j] = index
            if segment.start <= starts[j] < segment.end:
                if first is None:
                    first = j
                last = j
            j += 1
        if first is None or last is None:
            first = last = min(k, token_count - 1)
        aligned.append(AlignedSegment(segment, first, last, SENTENCE, paragraph_of(segment.start), 0))
    for item in aligned:
        _classify(doc, item)
    return aligned, owner


def _classify(doc: Doc, item: AlignedSegment) -> None:
    tokens = doc[item.first : item.last + 1]
    words = [t for t in tokens if t.is_alpha or t.like_num]
    item.word_count = len(words)
    before = _previous_word(doc, item.first)
    if before is not None and before.lower_ in _NAMING_WORDS:
        item.role = MENTION
        return
    title_case = bool(words) and all(w.text[:1].isupper() or w.is_stop for w in words)
    if title_case and before is not None and before.dep_ == "case":  # WNYC’s “Brian Lehrer Show”
        item.role = MENTION
        return
    if title_case and before is not None and before.lower_ in ("on", "in") and len(words) <= 6:
        item.role = MENTION  # 'On “Face the Nation,” she said': a programme or a title
        return
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
    if (
        len(words) < _MIN_SENTENCE_WORDS
        and not (has_verb and len(words) >= 3)
        or not has_verb
        and (len(words) < 8 or title_case)
    ):
        item.role = FRAGMENT


def _previous_word(doc: Doc, index: int) -> Token | None:
    """The word before a quote in the same sentence (None after a full stop or a line break)."""
    i = index - 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_space):
        if doc[i].text in (".", "!", "?") or "\n" in doc[i].text:
            return None  # '... the Cook Political Report. "It could ..."': a new sentence
        i -= 1
    return doc[i] if i >= 0 else None
