"""Comparing quoted words across reports, without a database: words, fingerprints and similarity.

Two reports quote the same statement when their words are the same once case, punctuation, quotation marks,
apostrophes and ellipses are ignored, or when one is a trimmed part of the other ("light trimming": a report
quoting part of a longer quote, or leaving words out with an ellipsis).

* `words(text)`: the comparable words of a quote, in order.
* `fingerprints(words)`: a few hashes of word shingles chosen by winnowing (Schleimer, Wilkerson and Aiken,
  SIGMOD 2003): each window of `WINDOW` consecutive `SHINGLE`-word shingles keeps its smallest hash. Two
  quotes sharing a run of at least `GUARANTEED_RUN` words share a fingerprint, whatever surrounds the run, so
  a trimmed report always finds the longer one through the index (the candidate search), and about 40 % of
  the shingles are stored.
* `compare(a, b)`: how much of the shorter quote the longer one contains, in order (difflib's matching
  blocks over words), and whether the difference is only trimming.
"""

import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

SHINGLE = 3  # words per shingle
WINDOW = 4  # shingles per winnowing window
GUARANTEED_RUN = SHINGLE + WINDOW - 1  # a shared run of this many words always shares a fingerprint
MIN_WORDS = GUARANTEED_RUN  # shorter quotes ("No comment.") are never grouped: too many people say them

_APOSTROPHES = re.compile(r"['’ʼ`´]")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a quote, case-folded, without punctuation, quotation marks, apostrophes or ellipses."""
    return _WORD.findall(_APOSTROPHES.sub("", text.casefold()))


def _hash(shingle: tuple[str, ...]) -> int:
    """A stable signed 64-bit hash (fits a BigIntegerField) of a shingle."""
    digest = hashlib.blake2b(" ".join(shingle).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def fingerprints(quote_words: list[str]) -> set[int]:
    """The winnowed fingerprints of a quote's words (empty for quotes under MIN_WORDS words)."""
    if len(quote_words) < MIN_WORDS:
        return set()
    hashes = [_hash(tuple(quote_words[i : i + SHINGLE])) for i in range(len(quote_words) - SHINGLE + 1)]
    chosen: set[int] = set()
    for i in range(len(hashes) - WINDOW + 1):
        chosen.add(min(hashes[i : i + WINDOW]))
    return chosen


@dataclass(frozen=True)
class Similarity:
    matched: int  # words of the shorter quote found, in order, in the longer one
    shorter: int  # its length in words
    longer: int

    @property
    def score(self) -> float:
        """The share of the shorter quote that the longer one contains (containment), 0 to 1."""
        return self.matched / self.shorter if self.shorter else 0.0

    @property
    def trimmed_only(self) -> bool:
        """Every word of the shorter quote is in the longer one, in order: the difference is only trimming."""
        return self.shorter > 0 and self.matched == self.shorter


def compare(a: list[str], b: list[str]) -> Similarity:
    """How similar two quotes' words are (order matters; repeated words count once per match)."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter:
        return Similarity(0, 0, len(longer))
    blocks = SequenceMatcher(None, shorter, longer, autojunk=False).get_matching_blocks()
    return Similarity(sum(block.size for block in blocks), len(shorter), len(longer))


@dataclass(frozen=True)
class Piece:
    """One run of a word diff: `op` is "same", "gone" (only in the first text) or "new" (only in the second)."""

    op: str
    text: str


def word_diff(first: str, second: str) -> list[Piece]:
    """A word diff of two wordings, as they were written (punctuation kept), compared by their `words()`.

    Tokens are split on white space; each token is compared by its comparable words, so that a changed comma or
    quotation mark is no difference. The caller escapes the text (the template does).
    """
    a_tokens, b_tokens = first.split(), second.split()
    a_keys = [" ".join(words(token)) for token in a_tokens]
    b_keys = [" ".join(words(token)) for token in b_tokens]
    pieces: list[Piece] = []
    matcher = SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", " ".join(b_tokens[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(Piece("gone", " ".join(a_tokens[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("new", " ".join(b_tokens[j1:j2])))
    return pieces
