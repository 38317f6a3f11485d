"""The article body as HTML with every statement, cue and speaker mention marked.

The output's text content is exactly the body: nothing but the body's own characters (escaped) is
written between the tags, so a character offset counted in the browser's DOM text (converted from
UTF-16 to code points) is the same offset in Python. The review page shows it with
`white-space: pre-wrap`; each paragraph (blank lines included) is an inline <span id="para-N">, so an
action that changes one statement re-sends only the paragraphs it touches.

Spans may overlap (a cue inside another statement, or two overlapping suggestions): the body is cut
at every span boundary and each piece is wrapped once, naming the statement it belongs to (the
innermost one when several cover it) plus the statements whose cue or mention it is.
"""

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from html import escape
from typing import NamedTuple, Protocol

from django.utils.safestring import SafeString, mark_safe

from ..common.segments import gaps

PARAGRAPH_BREAK = re.compile(r"\n\n+")  # bodies are normalised on import: blank lines are empty


class _Span(NamedTuple):  # a tuple: built and hashed thousands of times per page, at C speed
    start: int
    end: int
    role: str  # "statement" (one per segment), "gap" (the reporter's words between segments), "cue", "mention"
    statement_id: int
    status: str
    first: bool = True  # the statement's first segment
    last: bool = True  # the statement's last segment


class Marked(Protocol):
    """What the markup reads of a statement (a Statement, or anything with these attributes)."""

    @property
    def pk(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def cue_start(self) -> int | None: ...
    @property
    def cue_end(self) -> int | None: ...
    @property
    def mention_start(self) -> int | None: ...
    @property
    def mention_end(self) -> int | None: ...
    @property
    def status(self) -> str: ...
    @property
    def spans(self) -> list[tuple[int, int]]: ...


def _spans(statements: Iterable[Marked], length: int) -> list[_Span]:
    spans: list[_Span] = []
    for statement in statements:
        parts = statement.spans
        pieces: list[tuple[str, int | None, int | None, bool, bool]] = [
            ("statement", start, end, k == 0, k == len(parts) - 1) for k, (start, end) in enumerate(parts)
        ]
        pieces += [("gap", start, end, False, False) for start, end in gaps(parts)]
        pieces += [
            ("cue", statement.cue_start, statement.cue_end, True, True),
            ("mention", statement.mention_start, statement.mention_end, True, True),
        ]
        for role, start, end, first, last in pieces:
            if start is None or end is None:
                continue
            start, end = max(0, start), min(length, end)
            if start < end:
                spans.append(_Span(start, end, role, statement.pk, statement.status, first, last))
    return spans


def paragraph_starts(body: str) -> list[int]:
    """Where each paragraph starts; a paragraph runs to the next start, its trailing blank lines included."""
    return [0, *(match.end() for match in PARAGRAPH_BREAK.finditer(body))]


def paragraphs_touching(body: str, ranges: Iterable[tuple[int | None, int | None]]) -> set[int]:
    """The paragraphs (by index) that the given [start, end) ranges reach into."""
    starts = paragraph_starts(body)
    touched: set[int] = set()
    for start, end in ranges:
        if start is None or end is None:
            continue
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, max(start, end - 1)) - 1
        touched.update(range(max(first, 0), last + 1))
    return touched


def render_body(body: str, statements: Iterable[Marked]) -> SafeString:
    """The whole body: one <span class="para" id="para-N"> per paragraph, with the statements marked inside."""
    return mark_safe("".join(render_paragraphs(body, statements)))  # every piece escaped in _render_range


def render_paragraphs(
    body: str, statements: Iterable[Marked], *, only: set[int] | None = None, oob: bool = False
) -> list[SafeString]:
    """Paragraphs of the body as HTML (all, or those in `only`); with `oob`, ready to swap in out of band.

    Built with plain string formatting (this runs on every review action, for 100+ statements): every
    piece of body text goes through escape(); the attributes are integers and status names.
    """
    starts = paragraph_starts(body)
    bounds = [*starts, len(body)]
    wanted = range(len(starts)) if only is None else sorted(k for k in only if 0 <= k < len(starts))
    # Each span goes to the paragraphs it reaches into, so that each paragraph looks only at its own.
    buckets: dict[int, list[_Span]] = defaultdict(list)
    for span in _spans(statements, len(body)):
        first = bisect_right(starts, span.start) - 1
        last = bisect_right(starts, span.end - 1) - 1
        for k in range(first, last + 1):
            buckets[k].append(span)
    swap = ' hx-swap-oob="true"' if oob else ""
    return [
        mark_safe(
            f'<span class="para" id="para-{k}"{swap}>{_render_range(body, buckets[k], bounds[k], bounds[k + 1])}</span>'
        )
        for k in wanted
    ]


def _render_range(body: str, spans: list[_Span], lo: int, hi: int) -> str:
    starting, ending = defaultdict(list), defaultdict(list)
    for span in spans:
        starting[max(span.start, lo)].append(span)
        ending[min(span.end, hi)].append(span)
    cuts = sorted({lo, hi, *starting, *ending})
    parts: list[str] = []
    active: set[_Span] = set()
    for left, right in zip(cuts, cuts[1:], strict=False):
        active.difference_update(ending.get(left, ()))
        active.update(starting.get(left, ()))
        text = escape(body[left:right], quote=False)
        parts.append(_wrap(text, left, right, active) if active else text)
    return "".join(parts)


def _wrap(text: str, left: int, right: int, active: set[_Span]) -> str:
    statements = [span for span in active if span.role == "statement"]
    gap_of = sorted(span.statement_id for span in active if span.role == "gap")
    cue_of = sorted(span.statement_id for span in active if span.role == "cue")
    mention_of = sorted(span.statement_id for span in active if span.role == "mention")
    extra = ""
    if cue_of:
        extra += ' data-cue-of="{}"'.format(" ".join(map(str, cue_of)))
    if mention_of:
        extra += ' data-mention-of="{}"'.format(" ".join(map(str, mention_of)))
    roles = " cue" * bool(cue_of) + " mention" * bool(mention_of)
    if not statements:
        # Between a statement's segments: the reporter's words, shown as a dotted link between the parts.
        if gap_of:
            extra += ' data-gap-of="{}"'.format(" ".join(map(str, gap_of)))
            gap = next(span for span in active if span.role == "gap")
            roles = f" st-gap gap-{escape(gap.status)}{roles}"
        owner_id = (gap_of or cue_of or mention_of)[0]
        return f'<span class="{roles.strip()}" data-statement="{owner_id}"{extra}>{text}</span>'
    # The innermost statement owns the piece (shortest; on a tie, the one that starts later).
    owner = min(statements, key=lambda span: (span.end - span.start, -span.start, span.statement_id))
    classes = f"st st-{escape(owner.status)}"
    anchor = ""
    if left == owner.start:
        classes += " st-first" if owner.first else " st-resume"
        anchor = f' id="mark-{owner.statement_id}"' if owner.first else ""
    if right == owner.end:
        classes += " st-last" if owner.last else " st-pause"
    if len(statements) > 1:
        classes += " st-overlap"
    return f'<mark{anchor} class="{classes}{roles}" data-statement="{owner.statement_id}"{extra}>{text}</mark>'
