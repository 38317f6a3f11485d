"""Character spans in an article body: word steps, trimming, split points, finding a cue near a statement.

Pure functions on `str` (offsets are code points, end-exclusive, like every offset in Claimbook); no
database, no web. The review services use them to turn an editor's intent ("move the start back a
word", "split before this sentence") into offsets that the model then validates.

Boundaries and quotation marks. A statement's start rests on the start of a word; its end on the end of a
word or on the end of the punctuation that follows it ("safe" or "safe."), as a word step on a Mac does.
Quotation marks pair up in each paragraph (“ ”, « », ‘ ’, straight " and ', and the doubled apostrophe ''
of some archives); a mark next to a boundary belongs to the statement only when its partner is inside it
(`the proposal "a starting point"`), so the marks around a quote stay out (`We will,`). A word step
never leaves a mark inside a statement whose partner is outside it, and each step is the exact inverse of
its partner step: see `step_boundary`.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

# A word: letters and digits, with inner apostrophes, hyphens or full stops ("they’re", "non-cooperation",
# "U.S"), then the punctuation that hangs on its end ("this,", "safe.", "U.S.").
WORD = re.compile(r"(\w+(?:[’'\-.]\w+)*)[.,;:!?…]*")

OPENING_QUOTES = '“"‘«'
CLOSING_QUOTES = '”"»'

# Where a new sentence starts inside a quote: after . ! ? or … (and a closing quote), white space,
# then (optionally) an opening quote.
SENTENCE_START = re.compile(r"[.!?…][”\"’]?\s+[“\"‘]?(?=\w)")

Edge = Literal["start", "end"]

# How far around a boundary to look for the next word at first; the look widens when the words there are
# all refused (a step may have to pass a whole quotation).
WINDOW = 400
FARTHEST = 6400

# Quotation marks: the doubled apostrophe first, so that '' is one mark and not two.
_MARK = re.compile(r"''|[“”\"«»‘’']")
_FAMILY = {"“": "double", "”": "double", '"': "double", "''": "double", "«": "angle", "»": "angle"}
_FAMILY |= {"‘": "single", "’": "single", "'": "single"}
_INLINE_SPACE = " \u00a0\u202f\t"  # spaces within a line: French puts (thin) no-break spaces inside « »
_OPENERS = {"“", "«", "‘"}
_CLOSERS = {"”", "»"}


class SpanError(ValueError):
    """An intent that cannot become a span (nothing to step to, an empty result)."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Mark:
    """A quotation mark in a body: where it is, and where its partner is (None: it has none)."""

    start: int
    end: int
    partner: tuple[int, int] | None


class Quotes:
    """The quotation marks of a body, paired paragraph by paragraph.

    Curly marks and guillemets say which way they face; a straight mark (" ' '') opens when it touches a
    word only on its right, closes when it touches one only on its left, and otherwise closes an open
    quote of its kind if there is one, else opens one. ’ and ' between two letters are apostrophes
    ("they’re"), and a lone ’ after a word closes a ‘ quote if one is open (else it is a possessive's
    apostrophe, "editors’"). A mark left without a partner at the end of its paragraph pairs with nothing.
    """

    def __init__(self, body: str, lo: int = 0, hi: int | None = None):
        """The marks of the paragraphs that overlap body[lo:hi] (by default, the whole body)."""
        self.body = body
        lo = body.rfind("\n", 0, max(0, lo)) + 1
        hi = len(body) if hi is None or body.find("\n", hi) == -1 else body.find("\n", hi)
        self.marks: list[Mark] = []
        stack: list[tuple[str, int, int]] = []  # open marks: (family, start, end)
        pairs: dict[int, tuple[int, int]] = {}
        found: list[tuple[int, int]] = []
        paragraph_end = -1
        for match in _MARK.finditer(body, lo, hi):
            at, after, mark = match.start(), match.end(), match.group()
            if at > paragraph_end:  # quotes do not run across paragraphs
                stack.clear()
                newline = body.find("\n", at)
                paragraph_end = len(body) if newline == -1 else newline
            role = self._role(mark, at, after, stack)
            if role is None:
                continue
            family = _FAMILY[mark]
            found.append((at, after))
            if role == "open":
                stack.append((family, at, after))
                continue
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == family:
                    _family, open_at, open_after = stack[index]
                    del stack[index:]
                    pairs[open_at], pairs[at] = (at, after), (open_at, open_after)
                    break
        self.marks = [Mark(start, end, pairs.get(start)) for start, end in found]
        self.by_start = {mark.start: mark for mark in self.marks}
        self.by_end = {mark.end: mark for mark in self.marks}
        self.paired = [mark for mark in self.marks if mark.partner is not None and mark.start < mark.partner[0]]
        self._opening = [mark.start for mark in self.paired]

    def _role(self, mark: str, at: int, after: int, stack: list[tuple[str, int, int]]) -> str | None:
        body = self.body
        before = body[at - 1] if at > 0 else " "
        following = body[after] if after < len(body) else " "
        if mark in _OPENERS:
            return "open"
        if mark in _CLOSERS:
            return "close"
        touches_left, touches_right = not before.isspace(), not following.isspace()
        if mark in "’'" and before.isalnum() and following.isalnum():
            return None  # an apostrophe
        family_open = any(entry[0] == _FAMILY[mark] for entry in stack)
        if mark == "’":
            return "close" if touches_left and not following.isalnum() and family_open else None
        if touches_right and not touches_left:
            return "open"
        if touches_left and not touches_right:
            return "close" if family_open or mark != "'" else None
        if touches_left and touches_right:
            if mark == "'" and (before.isalnum() or following.isalnum()) and not family_open:
                return "open" if not before.isalnum() else None
            return "close" if family_open else "open"
        return None  # a mark between two spaces quotes nothing

    def cuts(self, start: int, end: int) -> frozenset[int]:
        """The pairs (by their opening mark) with one mark inside [start, end) and the other outside."""
        found = set()
        # Only a pair whose opening mark lies before `end` can have a mark inside; pairs opening long before
        # the span usually close before it too, but nothing bounds a quotation's length, so look at all.
        for mark in self.paired[: bisect_left(self._opening, end)]:
            partner = mark.partner
            assert partner is not None
            opening_in = start <= mark.start and mark.end <= end
            closing_in = start <= partner[0] and partner[1] <= end
            if opening_in != closing_in:
                found.add(mark.start)
        return frozenset(found)

    def core(self, start: int, end: int) -> tuple[int, int]:
        """The span without the white space and quotation marks at its edges."""
        body = self.body
        while start < end:
            if body[start].isspace():
                start += 1
            elif start in self.by_start and self.by_start[start].end <= end:
                start = self.by_start[start].end
            else:
                break
        while end > start:
            if body[end - 1].isspace():
                end -= 1
            elif end in self.by_end and self.by_end[end].start >= start:
                end = self.by_end[end].start
            else:
                break
        return start, end

    def dress(self, start: int, end: int) -> tuple[int, int]:
        """Give a span (a core: no mark or space at its edges) the marks next to it whose partners are inside.

        "Next to" allows spaces within the line between the word and its mark (« sans doute »).
        """
        body = self.body

        def inside(mark: Mark) -> bool:
            return mark.partner is not None and start <= mark.partner[0] and mark.partner[1] <= end

        new_start = start
        while True:
            at = new_start
            while at > 0 and body[at - 1] in _INLINE_SPACE:
                at -= 1
            if at not in self.by_end or not inside(self.by_end[at]):
                break
            new_start = self.by_end[at].start
        new_end = end
        while True:
            at = new_end
            while at < len(body) and body[at] in _INLINE_SPACE:
                at += 1
            if at not in self.by_start or not inside(self.by_start[at]):
                break
            new_end = self.by_start[at].end
        return new_start, new_end

    def rest(self, start: int, end: int) -> tuple[int, int]:
        """Where a span rests: its core, dressed (`trim_span`)."""
        return self.dress(*self.core(start, end))


def start_stops(body: str, lo: int, hi: int) -> list[int]:
    """Where a statement may start in roughly body[lo:hi]: the start of each word."""
    return [match.start() for match in WORD.finditer(body, *_widen(body, lo, hi))]


def end_stops(body: str, lo: int, hi: int) -> list[int]:
    """Where a statement may end in roughly body[lo:hi]: after each word, and after the punctuation on its end."""
    stops: list[int] = []
    for match in WORD.finditer(body, *_widen(body, lo, hi)):
        stops.append(match.end(1))
        if match.end() != match.end(1):
            stops.append(match.end())
    return stops


def _widen(body: str, lo: int, hi: int) -> tuple[int, int]:
    """[lo, hi) widened to white space (and kept inside the body), so that no word is cut in the middle."""
    lo, hi = max(0, lo), min(len(body), hi)
    while lo > 0 and not body[lo - 1].isspace():
        lo -= 1
    while hi < len(body) and not body[hi].isspace():
        hi += 1
    return lo, hi


def _candidates(body: str, position: int, *, edge: Edge, direction: int) -> Iterator[int]:
    """The stops of `edge` beyond `position` in `direction`, nearest first, read a widening window at a time
    (up to FARTHEST characters away: a step may pass a whole quotation, not a whole article)."""
    stops = start_stops if edge == "start" else end_stops
    size, last = WINDOW, position
    while True:
        if direction > 0:
            window = stops(body, position, position + size)
            for stop in window[bisect_right(window, last) :]:
                last = stop
                yield stop
            if position + size >= len(body) or size >= FARTHEST:
                return
        else:
            window = stops(body, position - size, position)
            for stop in reversed(window[: bisect_left(window, last)]):
                last = stop
                yield stop
            if position - size <= 0 or size >= FARTHEST:
                return
        size *= 4


def step_boundary(body: str, start: int, end: int, *, edge: Edge, direction: int) -> tuple[int, int]:
    """Move one edge of [start, end) by one word: the start to the previous or next word start, the end to the
    previous or next word end or end of its punctuation (`start_stops`, `end_stops`).

    direction -1 moves the edge towards the beginning of the article, +1 towards its end. The statement is
    first taken without the marks and space at its edges (its core); the edge moves to the nearest stop
    that leaves no quotation mark cut off from its partner, apart from those the statement already had
    (a quote interrupted by "she said", stored in one piece); then the marks next to either edge whose
    partners are inside join the statement, and the others stay out.

    So, from any statement whose edges rest on stops with its marks as this leaves them and none cut off
    from its partner, a step and then its partner step (`[` then `]`, `}` then `{`, and the reverse) come
    back to the same statement, whenever the first step is possible (tests/common/test_spans.py checks
    every span of small bodies, and Hypothesis random ones).
    """
    if direction not in (-1, 1):
        raise ValueError("direction is -1 or 1")
    quotes = Quotes(body, start - FARTHEST, end + FARTHEST)  # as far as a step may go
    allowed = quotes.cuts(start, end)
    core_start, core_end = quotes.core(start, end)
    if core_start >= core_end:  # only marks and space: step from the span as it is
        core_start, core_end = start, end
    position = core_start if edge == "start" else core_end
    refused = False
    for stop in _candidates(body, position, edge=edge, direction=direction):
        if edge == "start" and stop >= core_end or edge == "end" and stop <= core_start:
            break
        span = quotes.dress(stop, core_end) if edge == "start" else quotes.dress(core_start, stop)
        if quotes.cuts(*span) <= allowed:
            return span
        refused = True
    if refused:
        raise SpanError(_UNBALANCED[edge, direction], "unbalanced_quote")
    if (edge == "start") == (direction > 0):
        raise SpanError(f"Moving the {edge} further would leave the statement empty.", "empty_span")
    raise SpanError(
        "There is no earlier word to move the start to."
        if edge == "start"
        else "There is no later word to move the end to.",
        "no_word",
    )


# Why a step was refused when every stop in reach would cut a quotation mark off from its partner.
_UNBALANCED = {
    ("start", -1): "The start cannot pass that quotation mark: the quotation ends after the statement."
    " Move the end first.",
    ("start", 1): "Moving the start further would leave a quotation mark in the statement without its partner.",
    ("end", 1): "The end cannot pass that quotation mark: the quotation begins before the statement."
    " Move the start first.",
    ("end", -1): "Moving the end further back would leave a quotation mark in the statement without its partner.",
}


def trim_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space and the quotation marks around a span; keep a mark whose partner is inside it.

    Statements hold what was said, not the marks around it: selecting “We will,” gives We will, and
    splitting before a second quote leaves no stray “ at the end of the first part; but selecting
    `the proposal "a starting point` gives `the proposal "a starting point"`, with its closing mark.
    The result may be empty (start == end) when the span held only space and marks.
    """
    return Quotes(body).rest(start, end)


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
