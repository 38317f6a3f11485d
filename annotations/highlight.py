"""The article body as HTML with every statement, cue and speaker mention marked.

The output's text content is exactly the body: nothing but the body's own characters (escaped) is
written between the tags, so a character offset counted in the browser's DOM text (converted from
UTF-16 to code points) is the same offset in Python. The review page shows it with
`white-space: pre-wrap`, so paragraphs need no extra elements either.

Spans may overlap (a cue inside another statement, or two overlapping suggestions): the body is cut
at every span boundary and each piece is wrapped once, naming the statement it belongs to (the
innermost one when several cover it) plus the statements whose cue or mention it is.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    role: str  # "statement", "cue" or "mention"
    statement_id: int
    status: str


def _spans(statements, length: int) -> list[_Span]:
    spans = []
    for statement in statements:
        pieces = [
            ("statement", statement.start, statement.end),
            ("cue", statement.cue_start, statement.cue_end),
            ("mention", statement.mention_start, statement.mention_end),
        ]
        for role, start, end in pieces:
            if start is None or end is None:
                continue
            start, end = max(0, start), min(length, end)
            if start < end:
                spans.append(_Span(start, end, role, statement.pk, statement.status))
    return spans


def render_body(body: str, statements: Iterable) -> SafeString:
    """The body with <mark> around statements and <span> around cues and mentions (see module docstring)."""
    spans = _spans(statements, len(body))
    starting, ending = defaultdict(list), defaultdict(list)
    for span in spans:
        starting[span.start].append(span)
        ending[span.end].append(span)
    cuts = sorted({0, len(body), *starting, *ending})

    parts: list[str] = []
    active: set[_Span] = set()
    for left, right in zip(cuts, cuts[1:], strict=False):
        active.difference_update(ending.get(left, ()))
        active.update(starting.get(left, ()))
        text = escape(body[left:right])
        if not active:
            parts.append(text)
            continue
        parts.append(_wrap(text, left, right, active))
    return mark_safe("".join(parts))  # every piece of body text went through escape()


def _wrap(text: str, left: int, right: int, active: set[_Span]) -> str:
    statements = [span for span in active if span.role == "statement"]
    cue_of = sorted(span.statement_id for span in active if span.role == "cue")
    mention_of = sorted(span.statement_id for span in active if span.role == "mention")
    extra = []
    if cue_of:
        extra.append(format_html(' data-cue-of="{}"', " ".join(map(str, cue_of))))
    if mention_of:
        extra.append(format_html(' data-mention-of="{}"', " ".join(map(str, mention_of))))
    if statements:
        # The innermost statement owns the piece (shortest; on a tie, the one that starts later).
        owner = min(statements, key=lambda span: (span.end - span.start, -span.start, span.statement_id))
        classes = ["st", f"st-{owner.status}"]
        first = left == owner.start
        if first:
            classes.append("st-first")
        if right == owner.end:
            classes.append("st-last")
        if len(statements) > 1:
            classes.append("st-overlap")
        classes += ["cue"] * bool(cue_of) + ["mention"] * bool(mention_of)
        return format_html(
            '<mark{} class="{}" data-statement="{}"{}>{}</mark>',
            format_html(' id="mark-{}"', owner.statement_id) if first else "",
            " ".join(classes),
            owner.statement_id,
            mark_safe("".join(extra)),
            text,
        )
    classes = ["cue"] * bool(cue_of) + ["mention"] * bool(mention_of)
    return format_html(
        '<span class="{}" data-statement="{}"{}>{}</span>',
        " ".join(classes),
        (cue_of or mention_of)[0],
        mark_safe("".join(extra)),
        text,
    )
