"""Character spans in an article body: word steps, trimming, split points, finding a cue near a statement.

Pure functions on `str` (offsets are code points, end-exclusive, like every offset in Claimbook); no
database, no web. The review services use them to turn an editor's intent ("move the start back a
word", "split before this sentence") into offsets that the model then validates.
"""

import re
from typing import Literal

# A word, with inner apostrophes or hyphens ("they’re", "non-cooperation") and any punctuation that
# hangs on its end ("this,", "safe."), so that moving the end of a quote by a word keeps its comma.
WORD = re.compile(r"\w+(?:[’'\-]\w+)*[.,;:!?…]*")

OPENING_QUOTES = '“"‘«'
CLOSING_QUOTES = '”"»'

# Where a new sentence starts inside a quote: after . ! ? or … (and a closing quote), white space,
# then (optionally) an opening quote.
SENTENCE_START = re.compile(r"[.!?…][”\"’]?\s+[“\"‘]?(?=\w)")

Edge = Literal["start", "end"]

# How far around a boundary to look for the next word; longer runs of non-words are not worth stepping over.
WINDOW = 400


class SpanError(ValueError):
    """An intent that cannot become a span (nothing to step to, an empty result)."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def step_boundary(body: str, start: int, end: int, *, edge: Edge, direction: int) -> tuple[int, int]:
    """Move one edge of [start, end) by one word: the start to a word's start, the end to a word's end.

    direction -1 moves the edge towards the beginning of the article, +1 towards its end.
    """
    if direction not in (-1, 1):
        raise ValueError("direction is -1 or 1")
    if edge == "start" and direction < 0:
        starts = [s for s, _e in _words(body, start - WINDOW, start) if s < start]
        if not starts:
            raise SpanError("There is no earlier word to move the start to.", "no_word")
        return starts[-1], end
    if edge == "start":
        starts = [s for s, _e in _words(body, start, start + WINDOW) if s > start]
        if not starts or starts[0] >= end:
            raise SpanError("Moving the start further would leave the statement empty.", "empty_span")
        return starts[0], end
    if direction > 0:
        ends = [e for _s, e in _words(body, end, end + WINDOW) if e > end]
        if not ends:
            raise SpanError("There is no later word to move the end to.", "no_word")
        return start, ends[0]
    ends = [e for _s, e in _words(body, end - WINDOW, end) if e < end]
    if not ends or ends[-1] <= start:
        raise SpanError("Moving the end further would leave the statement empty.", "empty_span")
    return start, ends[-1]


def _words(body: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The words in roughly body[lo:hi], widened to white space so that none is cut in the middle."""
    lo, hi = max(0, lo), min(len(body), hi)
    while lo > 0 and not body[lo - 1].isspace():
        lo -= 1
    while hi < len(body) and not body[hi].isspace():
        hi += 1
    return [(match.start(), match.end()) for match in WORD.finditer(body, lo, hi)]


def trim_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space and quotation marks from both ends of a span.

    Statements hold what was said, not the marks around it: selecting “We will,” gives We will, and
    splitting before a second quote leaves no stray “ at the end of the first part. (’ is not dropped:
    it is also the apostrophe.)
    """
    marks = OPENING_QUOTES + CLOSING_QUOTES
    while start < end and (body[start].isspace() or body[start] in marks):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in marks):
        end -= 1
    return start, end


def split_points(body: str, start: int, end: int) -> list[int]:
    """Offsets inside [start, end) where a new sentence begins: the natural places to split a statement."""
    points = []
    for match in SENTENCE_START.finditer(body, start, end):
        point = match.end()
        if start < point < end:
            points.append(point)
    return points


def split_span(body: str, start: int, end: int, at: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The two spans [start, at) and [at, end), each trimmed; raises SpanError if either would be empty."""
    if not start < at < end:
        raise SpanError("The split point must lie inside the statement.", "outside_span")
    first = trim_span(body, start, at)
    second = trim_span(body, at, end)
    if first[0] >= first[1] or second[0] >= second[1]:
        raise SpanError("Splitting there would leave one part without text.", "empty_part")
    return first, second


def find_near(body: str, needle: str, start: int, end: int, *, window: int = 160) -> tuple[int, int] | None:
    """The occurrence of `needle` (as whole words) closest to the span [start, end), within `window` characters."""
    needle = needle.strip()
    if not needle:
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)
    lo, hi = max(0, start - window), min(len(body), end + window)
    best = None
    for match in pattern.finditer(body, lo, hi):
        if match.start() < end and match.end() > start:
            continue  # inside the statement itself: a cue is outside what was said
        distance = start - match.end() if match.end() <= start else match.start() - end
        if best is None or distance < best[0]:
            best = (distance, match.start(), match.end())
    return (best[1], best[2]) if best else None
