"""Quotation-mark segmentation on raw text.

Works on the exact input string (no normalisation), so every offset is a Python ``str``
index into the text the caller passed in. Follows the news conventions:

* curly marks pair as open/close, straight marks (``"``) and the NYT ``''`` toggle;
* an opening mark while a quote is open closes the open one just before it (unbalanced
  marks, or a quote re-opened for a new paragraph without being closed);
* a line break followed by a quotation mark ends the open quote: a quotation running over
  several paragraphs re-opens (but does not close) at each paragraph.

Single quotes are ignored: they are too ambiguous with apostrophes.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING_MARKS = "\u201c\u201e\u201f\u00ab"  # “ „ ‟ «
CLOSING_MARKS = "\u201d\u00bb"  # ” »
TOGGLING_MARKS = '"\u2033\uff02'  # " ″ ＂
DOUBLE_MARK_CHARS = frozenset(OPENING_MARKS + CLOSING_MARKS + TOGGLING_MARKS)


@dataclass(frozen=True, slots=True)
class QuoteSegment:
    """One double-quoted stretch of text.

    ``start``/``end`` delimit the material inside the marks (whitespace-trimmed);
    ``mark_start``/``mark_end`` include the marks. ``closed`` is False when the segment
    ended without a closing mark (paragraph continuation, unbalanced mark, end of text).
    """

    mark_start: int
    start: int
    end: int
    mark_end: int
    closed: bool


def mark_at(text: str, i: int) -> tuple[int, str | None]:
    """Return (width, role) of a double quotation mark starting at ``i``.

    role is "open", "close" or "toggle"; (0, None) when there is no mark.
    """
    ch = text[i]
    if ch in OPENING_MARKS:
        return 1, "open"
    if ch in CLOSING_MARKS:
        return 1, "close"
    if ch in TOGGLING_MARKS:
        return 1, "toggle"
    if ch == "'" and text.startswith("''", i):
        return 2, "toggle"
    if ch == "`" and text.startswith("``", i):
        return 2, "open"
    return 0, None


def _has_mark_candidates(text: str) -> bool:
    return any(c in text for c in DOUBLE_MARK_CHARS) or "''" in text or "``" in text


def find_segments(text: str) -> list[QuoteSegment]:
    """Split ``text`` into double-quoted segments (see module docstring for the rules)."""
    if not text or not _has_mark_candidates(text):
        return []
    raw: list[tuple[int, int, int, int, bool]] = []  # mark_start, inner_start, inner_end, mark_end, closed
    open_at: int | None = None
    open_width = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_at is not None:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and mark_at(text, j)[0]:
                    raw.append((open_at, open_at + open_width, i, i, False))
                    open_at = None
            i += 1
            continue
        if ch not in DOUBLE_MARK_CHARS and ch not in "'`":
            i += 1
            continue
        width, role = mark_at(text, i)
        if not width:
            i += 1
            continue
        if role == "open" or (role == "toggle" and open_at is None):
            if open_at is not None:
                raw.append((open_at, open_at + open_width, i, i, False))
            open_at, open_width = i, width
        elif open_at is not None:  # a closing or toggling mark closes the open segment
            raw.append((open_at, open_at + open_width, i, i + width, True))
            open_at = None
        i += width
    if open_at is not None:
        raw.append((open_at, open_at + open_width, n, n, False))
    segments = []
    for mark_start, inner_start, inner_end, mark_end, closed in raw:
        start, end = _strip_space(text, inner_start, inner_end)
        if end > start:
            segments.append(QuoteSegment(mark_start, start, end, max(mark_end, end), closed))
    return segments


def _strip_space(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where paragraphs start (a paragraph is a run of non-empty lines...
    in practice news text puts one paragraph per line, so every line break starts one)."""
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts
