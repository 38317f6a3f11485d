"""Marking statements, cues and search words in article text, escaping everything else (no database, no web).

Every function returns HTML built from escaped pieces (``format_html``/``escape``); user text never passes
through ``mark_safe`` unescaped.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    """A span of the body to wrap: `[start, end)` as `<tag class=css>` (an `<a>` when `href` is set)."""

    start: int
    end: int
    css: str
    href: str = ""
    label: str = ""
    anchor: str = ""  # an id for the first piece, so "#anchor" scrolls to it


def _wrap(text: str, mark: Mark, anchor: str) -> SafeString:
    if mark.href:
        return format_html(
            '<mark class="{}"{}><a href="{}" title="{}">{}</a></mark>',
            mark.css,
            format_html(' id="{}"', anchor) if anchor else "",
            mark.href,
            mark.label,
            text,
        )
    if mark.css.startswith("statement"):
        return format_html('<mark class="{}">{}</mark>', mark.css, text)
    return format_html('<span class="{}">{}</span>', mark.css, text)


def _render(body: str, start: int, end: int, marks: list[Mark], anchored: set[str]) -> SafeString:
    """`body[start:end]` with the (non-overlapping, sorted) marks clipped to it."""
    out: list[str] = []
    position = start
    for mark in marks:
        a, b = max(mark.start, start), min(mark.end, end)
        if a >= b or a < position:
            continue
        out.append(escape(body[position:a]))
        anchor = mark.anchor if mark.anchor and mark.anchor not in anchored else ""
        anchored.add(mark.anchor)
        out.append(_wrap(body[a:b], mark, anchor))
        position = b
    out.append(escape(body[position:end]))
    return mark_safe("".join(out))  # every piece above is escaped or built by format_html


def _non_overlapping(marks: Iterable[Mark]) -> list[Mark]:
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start < mark.end and (not kept or mark.start >= kept[-1].end):
            kept.append(mark)
    return kept


def paragraphs(body: str, marks: Iterable[Mark] = ()) -> list[SafeString]:
    """The body's paragraphs (its non-empty lines) as HTML, with the marks applied (split at line breaks)."""
    kept = _non_overlapping(marks)
    anchored: set[str] = set()  # anchors already given (each only once)
    return [
        _render(body, m.start(), m.end(), kept, anchored) for m in re.finditer(r"[^\n]+", body) if m.group().strip()
    ]


def passage(body: str, start: int, end: int, marks: Iterable[Mark] = ()) -> list[SafeString]:
    """The paragraph(s) around `[start, end)`, as HTML paragraphs with the marks applied."""
    first = body.rfind("\n", 0, start) + 1
    last = body.find("\n", end)
    last = len(body) if last == -1 else last
    kept = _non_overlapping(marks)
    anchored: set[str] = set()  # anchors already given (each only once)
    return [
        _render(body, first + m.start(), first + m.end(), kept, anchored)
        for m in re.finditer(r"[^\n]+", body[first:last])
        if m.group().strip()
    ]


def mark_terms(text: str, terms: Iterable[str]) -> SafeString:
    """`text` escaped, with words starting with one of `terms` in `<mark>` (case-insensitive)."""
    terms = [t for t in terms if t]
    if not terms:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    out: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(format_html("<mark>{}</mark>", match.group()))
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # every piece above is escaped or built by format_html
