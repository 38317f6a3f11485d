"""Statements made of several quoted segments, with the reporter's words between them.

`“We will win,” union president Keisha Grant told reporters. “And soon.”` is one statement by one speaker
in two segments; the narration between them is not part of it (PolNeAR and PARC annotate discontinuous
content the same way). A statement keeps its extent in `start`/`end` (from the first segment's start to the
last one's end) and, when it has several segments, their offsets in `segments`; its text is the segments
joined with " … ". Pure functions on offsets (code points, end-exclusive); no database, no web.
"""

from collections.abc import Iterable, Sequence

from .spans import SpanError, split_span

type Span = tuple[int, int]

JOINER = " … "


def spans_of(start: int, end: int, stored: Iterable[Sequence[int]] | None) -> list[Span]:
    """A statement's segments: the stored ones, or its one span."""
    segments = [(int(s), int(e)) for s, e in stored or ()]
    return segments or [(start, end)]


def to_stored(spans: Sequence[Span]) -> list[list[int]]:
    """What `Statement.segments` holds: nothing for one span, else every segment as [start, end]."""
    return [[start, end] for start, end in spans] if len(spans) > 1 else []


def hull(spans: Sequence[Span]) -> Span:
    return spans[0][0], spans[-1][1]


def text_of(body: str, spans: Iterable[Span]) -> str:
    """The statement's text: its segments, joined with " … "."""
    return JOINER.join(body[start:end] for start, end in spans)


def texts(text: str, spans: Sequence[Span]) -> list[str]:
    """Each segment's text, cut out of the statement's joined text by the segments' lengths (no body needed)."""
    out, position = [], 0
    for start, end in spans:
        out.append(text[position : position + end - start])
        position += end - start + len(JOINER)
    return out


def gaps(spans: Sequence[Span]) -> list[Span]:
    """The reporter's words between consecutive segments."""
    return [(left[1], right[0]) for left, right in zip(spans, spans[1:], strict=False)]


def overlapping(first: Iterable[Span], second: Iterable[Span]) -> bool:
    """Whether any segment of one shares a character with any segment of the other."""
    others = list(second)
    return any(start < other_end and other_start < end for start, end in first for other_start, other_end in others)


def combined(first: Iterable[Span], second: Iterable[Span], *, body: str) -> list[Span]:
    """The segments of both, in text order. Segments that touch or overlap, or that only white space
    separates, become one; between the others lie the reporter's words (or quotation marks)."""
    out: list[Span] = []
    for start, end in sorted([*first, *second]):
        if out and (start <= out[-1][1] or not body[out[-1][1] : start].strip()):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def problems(body: str, spans: Sequence[Span]) -> str:
    """Why these segments cannot make a statement ("" when they can)."""
    for start, end in spans:
        if not 0 <= start < end <= len(body):
            return "outside"
        if not body[start:end].strip():
            return "blank"
    for left, right in zip(spans, spans[1:], strict=False):
        if right[0] <= left[1]:
            return "order"
    return ""


def split(body: str, spans: Sequence[Span], at: int) -> tuple[list[Span], list[Span]]:
    """The segments before and after `at`: a gap (or a segment's edge) divides the segments between the two
    parts; a point inside a segment cuts that segment in two (each part trimmed, as a one-span split)."""
    start, end = hull(spans)
    if not start < at < end:
        raise SpanError("The split point must lie inside the statement.", "outside_span")
    before = [span for span in spans if span[1] <= at]
    after = [span for span in spans if span[0] >= at]
    inside = [span for span in spans if span[0] < at < span[1]]
    if inside:
        first, second = split_span(body, inside[0][0], inside[0][1], at)
        before, after = [*before, first], [second, *after]
    if not before or not after:
        raise SpanError("Splitting there would leave one part without text.", "empty_part")
    return before, after
