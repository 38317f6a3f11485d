"""Finding statements: cue verbs, their content, and quotation marks attached to them.

Three sources of statements, combined in this order:

1. dependency patterns on cue words outside quotation marks (``cues.py``): the content
   is the ccomp ("said that ..."), the to-infinitive ("plans to ...") or the object
   ("criticised the plan") of the cue, or the clause around "according to X". Content made
   only of quoted material makes the quote *direct*; quoted material plus other words
   makes a *mixed* quote; no quoted material, an *indirect* one;
2. quotation segments with no such dependency get the cue next to them ("“...,” she
   said." / "She said: “...”");
3. remaining quote segments inherit from a quote in the same paragraph ("“...,” she said.
   “...”"), then from the statement of the previous paragraph.

Speakers are *mentions* here (the subject of the cue); speakers.py resolves them.

This module holds the Finding record and the passes over the document; what they ask of
tokens lives beside it: which tokens are cues (``cue_tokens.py``), what a cue reports
(``content.py``), who its subject is (``subjects.py``), what surrounds a quote segment
(``quote_context.py``), and the per-document index (``doc_index.py``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from . import cues
from .content import MIN_INDIRECT_WORDS, contents
from .cue_tokens import cue_for, cue_phrase, possible_cues, stance_cue
from .doc_index import DocIndex
from .names import ORGANISATION_NOUNS, is_title
from .quote_context import (
    cue_after,
    cue_before,
    governing_verb,
    index_before,
    paragraph_first_token,
    previous_word_token,
)
from .segments import FRAGMENT, MENTION, SENTENCE, AlignedSegment
from .subjects import after_dateline, author_of, subject_of
from .syntax import NAME_ENTS

DIRECT, MIXED, INDIRECT = "direct", "mixed", "indirect"

# How a quote got its cue/speaker (strongest first).
BY_DEPENDENCY, BY_ADJACENT_CUE, BY_PARAGRAPH, BY_PREVIOUS_PARAGRAPH, UNATTRIBUTED = (
    "dependency",
    "adjacent",
    "paragraph",
    "previous_paragraph",
    "unattributed",
)


@dataclass(slots=True)
class Finding:
    """A statement found in the text, before speaker resolution (character offsets, end exclusive)."""

    start: int  # char offsets into doc.text
    end: int
    kind: str
    cue: Token | None
    cue_span: tuple[int, int] | None  # char offsets of the cue phrase
    cue_class: str | None
    pattern: str  # ccomp, xcomp, object, preposition, according, adjacent, ...
    subject: Token | None
    attribution: str
    closed: bool = True
    inherit_from: Finding | None = None
    mention: tuple[int, int] | None = None  # token range naming the speaker, when not the subject's phrase


def find_statements(doc: Doc) -> list[Finding]:
    """All candidate statements of ``doc``, in text order (speakers not yet resolved)."""
    index = DocIndex(doc)
    statements: list[Finding] = []
    claimed: set[int] = set()  # segments already part of a statement
    statements.extend(_labelled_paragraphs(index, claimed))
    statements.extend(_dash_asides(index, claimed))
    for token in possible_cues(doc):
        if index.in_quote(token):
            continue
        cue = cue_for(token)
        if cue is None:
            cue = stance_cue(token)
            if cue is None:
                continue
        for content, pattern in contents(index, token, cue):
            statement = _statement_from_content(index, token, cue, content, pattern, claimed)
            if statement is not None:
                statements.append(statement)
    _attach_adjacent_cues(index, statements, claimed)
    _embedded_quotes(index, statements, claimed)
    statements.sort(key=lambda s: (s.start, s.end))
    _inherit_speakers(index, statements, claimed)
    statements.sort(key=lambda s: (s.start, s.end))
    return _drop_nested(_drop_overlaps(statements))


# -- transcripts: "WALLACE: ..." ----------------------------------------------------
_MAX_LABEL_TOKENS = 5  # words of a label before its colon ("Sen. Elizabeth Warren:")
_MIN_LABELLED_WORDS = 4


def _labelled_paragraphs(index: DocIndex, claimed: set[int]) -> list[Finding]:
    """Paragraphs opening with a speaker label and a colon (transcripts, 'Pence: ...' headlines)."""
    doc = index.doc
    found = []
    starts = {0} | {k + 1 for k, space in enumerate(doc.to_array("IS_SPACE").tolist()) if space}
    for i in sorted(starts):  # the first token and those after a space token (line breaks)
        if i >= len(doc):
            continue
        first = i
        while first < len(doc) and (doc[first].is_space or doc[first].is_quote):
            first += 1
        statement = _label_statement(index, first, claimed)
        if statement is not None:
            found.append(statement)
    return found


def _label_parenthesis_end(doc: Doc, opening: int) -> int | None:
    """The colon closing a label's parenthesis ("Gale (R-Ohio):"; the tokenizer may glue "):")."""
    for j in range(opening + 1, min(opening + _MAX_LABEL_TOKENS + 2, len(doc))):
        if doc[j].text == "):":
            return j
        if doc[j].text == ")":
            return j + 1 if j + 1 < len(doc) and doc[j + 1].text == ":" else None
    return None


def _label_statement(index: DocIndex, first: int, claimed: set[int]) -> Finding | None:
    doc = index.doc
    colon = first
    aside = 0  # tokens of a parenthesis after the name ("Rep. Tom Gale (R-Ohio):")
    name_end = None
    while colon < len(doc) and colon - first - aside < _MAX_LABEL_TOKENS and doc[colon].text not in (":", "):"):
        token = doc[colon]
        if token.text == "(" and colon > first:
            after = _label_parenthesis_end(doc, colon)
            if after is None:
                return None
            aside += after - colon
            name_end = colon
            colon = after
            continue
        if not (token.text[:1].isupper() or token.text == ".") or token.pos_ in ("VERB", "AUX", "DET"):
            return None
        if cues.lookup(token.lower_) is not None:
            return None  # "Said Ellis: ...": an inverted attribution, not a speaker label
        colon += 1
    if colon >= len(doc) or colon == first or doc[colon].text not in (":", "):"):
        return None
    paragraph = index.paragraph_of(doc[colon].idx)
    end = colon + 1
    while end < len(doc) and index.paragraph_of(doc[end].idx) == paragraph:
        end += 1
    start, end = _trim_tokens(doc, colon + 1, end)
    words = [t for t in doc[start:end] if t.is_alpha]
    if len(words) < _MIN_LABELLED_WORDS:
        return None
    segments = {index.segment_of[t.i] for t in doc[start:end]} | {index.segment_of[first]}
    segments.discard(-1)
    quoted_all = segments and all(index.segment_of[t.i] >= 0 for t in doc[start:end] if t.is_alpha)
    kind = DIRECT if quoted_all else (MIXED if segments else INDIRECT)
    claimed.update(segments)
    char_end = doc[end - 1].idx + len(doc[end - 1])
    colon_token = doc[colon]
    colon_char = colon_token.idx + len(colon_token) - 1
    return Finding(
        doc[start].idx,
        char_end,
        kind,
        cue=colon_token,
        cue_span=(colon_char, colon_char + 1),
        cue_class=cues.SPEECH,
        pattern="label",
        subject=doc[(name_end or colon) - 1],
        attribution=BY_ADJACENT_CUE,
        closed=True,
        mention=(first, name_end or colon),
    )


# -- statements from cue contents --------------------------------------------------------
def _statement_from_content(
    index: DocIndex,
    verb: Token,
    cue: cues.Cue,
    content: tuple[int, int],
    pattern: str,
    claimed: set[int],
) -> Finding | None:
    doc = index.doc
    start, end = _clip_to_paragraph(index, verb, *content)
    start, end = _trim_tokens(doc, start, end)
    start = after_dateline(doc, start, end)
    start, end = _trim_tokens(doc, start, end)
    if end <= start:
        return None
    if _unsaid(doc, verb, start):
        return None
    if not any(index.segment_of[t.i] >= 0 for t in doc[start:end]):
        end = _without_writer_asides(doc, start, end)
    quoted = set()
    outside_words = 0
    for token in doc[start:end]:
        seg = index.segment_of[token.i]
        if seg >= 0 and index.segments[seg].role != MENTION:
            quoted.add(seg)
        elif token.is_alpha or token.like_num:
            outside_words += 1
    subject = subject_of(verb, cue, index.quoted_tokens)
    common: dict[str, Any] = {
        "cue": verb,
        "cue_span": cue_phrase(verb, cue),
        "cue_class": cue.cue_class,
        "pattern": pattern,
        "subject": subject,
        "attribution": BY_DEPENDENCY,
    }
    if subject is not None and start <= subject.i < end:
        return None  # the "content" holds the speaker: a parse we cannot trust
    if quoted and outside_words == 0:
        # Everything reported is inside quotation marks: a direct quote. One segment only;
        # other segments of the same quotation join through adjacency/paragraph rules.
        seg_index = min(quoted)
        segment = index.segments[seg_index]
        if seg_index in claimed:
            return None
        claimed.add(seg_index)
        return Finding(segment.segment.start, segment.segment.end, DIRECT, closed=segment.segment.closed, **common)
    if quoted:
        new = quoted - claimed
        if not new:
            return None
        if doc[end - 1].i <= index.segments[max(quoted)].last + 1:
            quoted |= _coordinated_quotes(index, max(quoted), claimed)
        claimed.update(quoted)
        first_seg = index.segments[min(quoted)].segment
        last_seg = index.segments[max(quoted)].segment
        char_start = min(doc[start].idx, first_seg.start)
        char_end = max(doc[end - 1].idx + len(doc[end - 1]), last_seg.end)
        if char_end == last_seg.end or _circumstantial_tail(index, max(quoted), end):
            char_end = last_seg.mark_end  # keep the closing mark with the quoted words
        closed = all(index.segments[s].segment.closed for s in quoted)
        return Finding(char_start, char_end, MIXED, closed=closed, **common)
    if pattern == "interrupted" and outside_words >= 1:
        pass  # "Too often, Mr. Clarke said, ...": the fronted piece of an interrupted clause
    elif outside_words < MIN_INDIRECT_WORDS and pattern != "ccomp":
        return None
    if pattern in ("ccomp", "inverted", "according") and not any(t.pos_ in ("VERB", "AUX") for t in doc[start:end]):
        return None  # a clause without a verb is a parse error (datelines, headlines)
    if outside_words < 2 and pattern != "interrupted":
        return None
    char_start = doc[start].idx
    char_end = doc[end - 1].idx + len(doc[end - 1])
    return Finding(char_start, char_end, INDIRECT, **common)


_EMBEDDED_QUESTION = frozenset({"whether", "if", "when", "how", "what", "why", "who", "where", "which"})
_WITHHOLDING = frozenset({"decline", "declined", "declines", "refuse", "refused", "refuses", "would", "will", "could"})


def _unsaid(doc: Doc, verb: Token, start: int) -> bool:
    """'has not said whether he will run', 'declined to say when': an embedded question under a
    negated or withheld cue reports nothing said. ('asked whether ...' stays: a reported question is
    reported speech, and the corpus annotates it; dropping it cost 4 matched quotes on dev.)"""
    if doc[start].lower_ == "to" and start + 2 < len(doc) and verb.lower_ in _WITHHOLDING:
        return doc[start + 2].lower_ in _EMBEDDED_QUESTION and cues.lookup(doc[start + 1].lower_) is not None
    if doc[start].lower_ not in _EMBEDDED_QUESTION or doc[start].head.i == verb.i and doc[start].dep_ == "nsubj":
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lower_ in _WITHHOLDING or any(c.dep_ == "neg" for c in head.children))


_COORDINATION_WORDS = frozenset({",", "and", "or", "a", "an", "the", "as", "even", "also", "but", "then", "nor"})


def _coordinated_quotes(index: DocIndex, last: int, claimed: set[int]) -> set[int]:
    """'called Trump a “liar,” a “bully” and a “narcissist”': quoted fragments coordinated
    with the statement's last quote belong to it (the parser attaches them elsewhere)."""
    doc = index.doc
    found: set[int] = set()
    current = last
    while current + 1 < len(index.segments):
        following = index.segments[current + 1]
        if current + 1 in claimed or following.paragraph != index.segments[current].paragraph:
            break
        if following.role == SENTENCE:
            break
        between = doc[index.segments[current].last + 1 : following.first]
        words = [t for t in between if index.segment_of[t.i] < 0 and not t.is_quote and not t.is_space]
        if not words or len(words) > 4 or any(t.lower_ not in _COORDINATION_WORDS for t in words):
            break
        if not any(t.lower_ in (",", "and", "or", "nor") for t in words):
            break
        current += 1
        found.add(current)
    return found


_CIRCUMSTANCE_PREPOSITIONS = frozenset({"during", "at", "in", "on", "after", "before", "amid", "since", "while"})


def _circumstantial_tail(index: DocIndex, last_segment: int, end: int) -> bool:
    """'... as a “crazy system” during a campaign stop in Flint': words after the last quote
    that only say when or where (a preposition, a date, a dash or comma aside; no verb)."""
    doc = index.doc
    first = index.segments[last_segment].last + 1
    while first < end and index.segment_of[first] == last_segment:
        first += 1
    tail = doc[first:end]
    if not len(tail) or any(t.pos_ in ("VERB", "AUX") for t in tail):
        return False
    opener = tail[0]
    return (
        opener.lower_ in _CIRCUMSTANCE_PREPOSITIONS
        or opener.ent_type_ in ("DATE", "TIME")
        or opener.text in (",", "\u2014", "--", "\u2013", "(")
    )


def _without_writer_asides(doc: Doc, start: int, end: int) -> int:
    """Drop a concessive or temporal aside closing the content (", although he again refused
    to ...", ", when there are radio clips ..."): the writer's comment, or a statement of its
    own, not part of what the source said; the reported clause ends at the comma.

    (Non-restrictive relative clauses and appositions were tried too: they helped on the
    development half and hurt on the held-out half, so they stay.)"""
    for i in range(start + 1, end - 1):
        if doc[i].text != "," or doc[i + 1].lower_ not in _ASIDE_OPENERS_CLAUSE:
            continue
        aside = doc[i + 1]
        while aside.head.i != aside.i and i < aside.head.i < end:
            aside = aside.head  # climb to the top of the aside, inside the content
        if aside.dep_ != "advcl" or aside.left_edge.i != i + 1 or aside.head.i >= i:
            continue
        if aside.right_edge.i + 1 >= end - 1 and i - start >= 3:
            return i
    return end


_ASIDE_OPENERS_CLAUSE = frozenset({"although", "though", "while", "when", "whereas"})


def _clip_to_paragraph(index: DocIndex, verb: Token, start: int, end: int) -> tuple[int, int]:
    """Keep only the part of a content range in the cue's paragraph (parses can run on)."""
    paragraph = index.paragraph_of(verb.idx)
    doc = index.doc
    while start < end and index.paragraph_of(doc[start].idx) != paragraph:
        start += 1
    while end > start and index.paragraph_of(doc[end - 1].idx) != paragraph:
        end -= 1
    return start, end


def _trim_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


# -- quotes inside a sentence: 'called the holiday “a celebration ...”' ------------------
def _embedded_quotes(index: DocIndex, statements: list[Finding], claimed: set[int]) -> None:
    """Quotes that continue a sentence of the narrative become mixed quotes.

    The quoted words hang off a verb outside the marks. When that verb is a cue, it is the
    cue; otherwise the clause is reported speech of whoever the paragraph quotes (the
    speaker is filled in by inheritance).
    """
    doc = index.doc
    for seg_index, item in enumerate(index.segments):
        if seg_index in claimed or item.role == MENTION:
            continue
        previous = previous_word_token(index, item)
        if previous is None or not previous.is_alpha:
            continue
        verb = governing_verb(index, item)
        if verb is None:
            continue
        cue = cue_for(verb)
        if cue is None and item.role != SENTENCE:
            continue  # a scare quote in the narrative
        agent = _named_agent(verb) if cue is None else None
        if agent is not None:  # "Reid has gone after Trump as a “human leech”": Reid's words
            cue = cues.Cue(verb.lower_, None)
        reporter = _reporting_verb(verb) if cue is None and agent is None else None
        clause_start = verb.i + 1 if cue is not None else verb.left_edge.i
        clause_start = max(clause_start, paragraph_first_token(index, item.first))
        start, _ = _trim_tokens(doc, clause_start, item.first)
        after_particle = start
        while after_particle < item.first and doc[after_particle].head == verb and doc[after_particle].dep_ == "prt":
            after_particle += 1  # "went after the mayor as ...": the particle belongs to the cue
        if after_particle < item.first and doc[after_particle].dep_ == "prep" and doc[after_particle].head == verb:
            after_particle += 1
        if after_particle < item.first and not doc[after_particle].is_quote:
            start = after_particle
        if start >= item.first:
            continue
        claimed.add(seg_index)
        last = max([seg_index, *_coordinated_quotes(index, seg_index, claimed)])
        claimed.update(range(seg_index, last + 1))
        subject = agent or (subject_of(verb, cue, index.quoted_tokens) if cue is not None else None)
        if reporter is not None:  # "Carson said that he did not, but was referring to “...”": his words
            verb, cue = reporter
            subject = subject_of(verb, cue, index.quoted_tokens)
        statements.append(
            Finding(
                doc[start].idx,
                index.segments[last].segment.mark_end,
                MIXED,
                cue=verb if cue is not None else None,
                cue_span=cue_phrase(verb, cue) if cue is not None else None,
                cue_class=cue.cue_class if cue is not None else None,
                pattern="embedded",
                subject=subject,
                attribution=BY_DEPENDENCY if cue is not None else UNATTRIBUTED,
                closed=item.segment.closed,
            )
        )


_REPORTED_DEPS = frozenset({"conj", "ccomp", "xcomp", "advcl"})


def _reporting_verb(verb: Token) -> tuple[Token, cues.Cue] | None:
    """The speech or thought verb whose reported clause holds ``verb`` (climbing through coordinated,
    complement and adverbial clauses): a quotation inside what someone said is theirs."""
    token = verb
    for _ in range(4):
        if token.dep_ not in _REPORTED_DEPS or token.head.i == token.i:
            return None
        token = token.head
        cue = cue_for(token)
        if cue is not None and cue.cue_class in (cues.SPEECH, cues.THOUGHT):
            return token, cue
    return None


def _named_agent(verb: Token) -> Token | None:
    """The subject of a non-cue verb governing a quotation, when it names a person or an
    organisation ("Reid has gone after Trump as a “human leech”"): the quoted words are
    that subject's characterisation."""
    for child in verb.lefts:
        if child.dep_ == "nsubj" and (child.ent_type_ in NAME_ENTS or child.lower_ in ("he", "she", "they")):
            return child
    return None


# -- quotes attributed by a neighbouring cue -------------------------------------------
def _attach_adjacent_cues(index: DocIndex, statements: list[Finding], claimed: set[int]) -> None:
    for seg_index, item in enumerate(index.segments):
        if seg_index in claimed or item.role == MENTION:
            continue
        signed = _dash_signature(index, seg_index)
        if signed is not None:
            claimed.add(seg_index)
            statements.append(signed)
            continue
        found = cue_after(index, item) or cue_before(index, item)
        if found is None:
            introduced = _colon_introduction(index, item)
            if introduced is not None:
                claimed.add(seg_index)
                statements.append(introduced)
            continue
        verb, cue = found
        if item.role == FRAGMENT and not _fragment_is_speech(index, item):
            continue
        claimed.add(seg_index)
        statements.append(
            Finding(
                item.segment.start,
                item.segment.end,
                DIRECT,
                cue=verb,
                cue_span=cue_phrase(verb, cue),
                cue_class=cue.cue_class,
                pattern="adjacent",
                subject=subject_of(verb, cue, index.quoted_tokens),
                attribution=BY_ADJACENT_CUE,
                closed=item.segment.closed,
            )
        )


_DASH_CHARS = "\u2015\u2014\u2013-"
_MAX_SIGNATURE_NAME = 5  # words of the signing name
_MAX_SIGNATURE_TOKENS = 14  # the whole signature: "Jane Doe, columnist, The Daily Bugle"


def _dash_signature(index: DocIndex, seg_index: int) -> Finding | None:
    """A quote signed by its author: '“...” ― Pamela Padilla' closing the paragraph (also after
    quotes nested in it), or a line of its own after the quote ('— Jane Doe, The Daily Bugle',
    'Jane Doe, author'), as in opinion round-ups and social posts.

    Works on characters: the tokenizer glues a dash to the closing mark ('”―').
    """
    item = index.segments[seg_index]
    first_of_paragraph = seg_index == 0 or index.segments[seg_index - 1].paragraph != item.paragraph
    if item.role == FRAGMENT and not first_of_paragraph:
        return None  # a word quoted inside the signed quotation
    doc, text = index.doc, index.text
    line_end = text.find("\n", item.segment.mark_end)
    line_end = len(text) if line_end < 0 else line_end
    signed = _signature_at(index, _last_dash(text, item.segment.mark_end, line_end), line_end, dash_required=True)
    if signed is None and not text[item.segment.mark_end : line_end].strip(" \t\u00a0.,"):
        line_start = line_end
        while line_start < len(text) and text[line_start].isspace():
            line_start += 1
        next_end = text.find("\n", line_start)
        next_end = len(text) if next_end < 0 else next_end
        if line_start < len(text) and text.count("\n", line_end, line_start) <= 2:
            signed = _signature_at(index, line_start, next_end, dash_required=False)
    if signed is None:
        return None
    dash_start, dash_end, first, end = signed
    return Finding(
        item.segment.start,
        item.segment.end,
        DIRECT,
        cue=doc[first],
        cue_span=(dash_start, dash_end) if dash_end > dash_start else None,
        cue_class=cues.SPEECH,
        pattern="adjacent",
        subject=doc[end - 1],
        attribution=BY_ADJACENT_CUE,
        closed=item.segment.closed,
        mention=(first, end),
    )


def _last_dash(text: str, start: int, line_end: int) -> int:
    """Where the signature dash of a line starts: a dash after a closing mark or a full stop
    ('...” ― Name'), the last one of the line; -1 if there is none."""
    i = line_end - 1
    while i >= start:
        if text[i] == ")":  # "― Sen. Ron Diaz (R-Ohio)": a dash inside a parenthesis signs nothing
            opening = text.rfind("(", start, i)
            if opening >= 0:
                i = opening - 1
                continue
        if text[i] in _DASH_CHARS and not (text[i - 1 : i].isalnum() and text[i + 1 : i + 2].isalnum()):
            j = i
            while j > start and text[j - 1] in _DASH_CHARS:
                j -= 1
            k = j - 1
            while k >= start and text[k] in " \t\u00a0":
                k -= 1
            if k < start or text[k] in "\u201d\"'.!?\u2019":
                return j
            return -1
        i -= 1
    return -1


def _signature_at(
    index: DocIndex, start: int, line_end: int, *, dash_required: bool
) -> tuple[int, int, int, int] | None:
    """(dash start, dash end, first and end token of the name) of a signature running from ``start``
    to the end of its line: an optional dash, a capitalised name, then at most a short description
    after a comma; no verb (a sentence is not a signature)."""
    if start < 0:
        return None
    doc, text = index.doc, index.text
    i = start
    while i < line_end and text[i] in _DASH_CHARS:
        i += 1
    dash_end = i
    if dash_required and dash_end == start:
        return None
    j = bisect.bisect_left(index.token_starts, dash_end)
    while j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
        j += 1
    first = j
    while j < len(doc) and j - first < _MAX_SIGNATURE_NAME and doc[j].idx < line_end:
        hyphen = doc[j].text == "-" and j > first and not doc[j - 1].whitespace_ and not doc[j].whitespace_
        if not (doc[j].text[:1].isupper() or doc[j].text == "." and j > first or hyphen):  # "Smith-Jones"
            break
        j += 1
    end = j
    while end > first and doc[end - 1].text == ".":
        end -= 1
    if end == first or index.in_quote(doc[first]):
        return None
    rest = []
    for k in range(j, len(doc)):
        if doc[k].idx >= line_end:
            break
        if not doc[k].is_space:
            rest.append(doc[k])
    if rest and rest[0].text not in (",", ".", "(") or len(rest) + end - first > _MAX_SIGNATURE_TOKENS:
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.text[:1].islower() for t in [*doc[first:end], *rest]):
        return None
    if dash_end == start and not any(t.ent_type_ == "PERSON" for t in doc[first:end]):
        return None  # without a dash, only a person's name signs ('Jane Doe, author')
    return start, dash_end, first, end


_ASIDE_DASHES = frozenset({"--", "\u2014", "\u2013"})


def _dash_asides(index: DocIndex, claimed: set[int]) -> list[Finding]:
    """Quotes set between dashes after a name, claimed before any cue's content can swallow them."""
    found = []
    for seg_index, item in enumerate(index.segments):
        if seg_index in claimed or item.role == MENTION:
            continue
        aside = _dash_aside(index, item)
        if aside is not None:
            claimed.add(seg_index)
            found.append(aside)
    return found


def _dash_aside(index: DocIndex, item: AlignedSegment) -> Finding | None:
    """'including Mitt Romney -- ''It is disqualifying ...'' -- and Fred Goldberg': a quote set
    between dashes right after a name is that person's."""
    doc = index.doc
    before = item.first - 1
    while before >= 0 and (index.segment_of[before] == index.segment_of[item.first] or doc[before].is_quote):
        before -= 1
    after = item.last + 1
    while after < len(doc) and (index.segment_of[after] == index.segment_of[item.last] or doc[after].is_quote):
        after += 1
    if before < 1 or after >= len(doc) or doc[before].text not in _ASIDE_DASHES or doc[after].text not in _ASIDE_DASHES:
        return None
    name = doc[before - 1]
    if name.ent_type_ not in NAME_ENTS or index.in_quote(name) or index.paragraph_of(name.idx) != item.paragraph:
        return None
    dash = doc[before]
    return Finding(
        item.segment.start,
        item.segment.end,
        DIRECT,
        cue=dash,
        cue_span=(dash.idx, dash.idx + len(dash.text)),
        cue_class=cues.SPEECH,
        pattern="adjacent",
        subject=name,
        attribution=BY_ADJACENT_CUE,
        closed=item.segment.closed,
    )


def _colon_introduction(index: DocIndex, item: AlignedSegment) -> Finding | None:
    """'The New York Times reports:' / 'Obama has a new message: “...”': the clause before a colon."""
    doc = index.doc
    i = item.first - 1
    while i >= 0 and (index.segment_of[i] == index.segment_of[item.first] or doc[i].is_space or doc[i].is_quote):
        i -= 1
    if i < 0 or doc[i].text != ":" or index.segment_of[i] >= 0:
        return None
    if index.paragraph_of(doc[i].idx) != item.paragraph and item.role != SENTENCE:
        return None
    sentence = doc[i].sent
    verb = None
    for token in reversed(doc[sentence.start : i]):
        if index.segment_of[token.i] < 0 and cue_for(token) is not None:
            verb = token
            break
    cue = cue_for(verb) if verb is not None else None
    if verb is None:
        verb = sentence.root
        if index.segment_of[verb.i] >= 0:
            verb = _introducing_verb(index, sentence.start, i)  # the parser hung the clause on the quote
            if verb is None:
                return None
        if verb.pos_ not in ("VERB", "AUX"):
            return _verbless_introduction(index, item, verb, doc[i])
    subject = subject_of(verb, cue or cues.Cue("", cues.SPEECH), index.quoted_tokens)
    if subject is None:
        return None
    subject = author_of(subject)  # "Berg's response was short: “...”"
    return Finding(
        item.segment.start,
        item.segment.end,
        DIRECT,
        cue=verb,
        cue_span=cue_phrase(verb, cue) if cue else (doc[i].idx, doc[i].idx + 1),
        cue_class=cue.cue_class if cue else None,
        pattern="colon",
        subject=subject,
        attribution=BY_ADJACENT_CUE,
        closed=item.segment.closed,
    )


def _introducing_verb(index: DocIndex, start: int, colon: int) -> Token | None:
    """'Ortiz delivered a retort: “...”' parsed as one sentence whose root is in the quote: the verb
    heading the words before the colon (its head is itself or lies at or after the colon)."""
    doc = index.doc
    for token in doc[start:colon]:
        if token.pos_ == "VERB" and index.segment_of[token.i] < 0 and (token.head.i == token.i or token.head.i > colon):
            return token
    return None


def _verbless_introduction(index: DocIndex, item: AlignedSegment, root: Token, colon: Token) -> Finding | None:
    """'Her answer: “...”', 'Berg, in a statement on Monday: “...”': a verbless introduction naming
    the speaker, or the speaker's words with their author."""
    if root.i >= colon.i or index.paragraph_of(root.idx) != item.paragraph:
        return None
    subject = author_of(root)
    if subject is root and root.ent_type_ not in NAME_ENTS:
        return None
    return Finding(
        item.segment.start,
        item.segment.end,
        DIRECT,
        cue=root,
        cue_span=(colon.idx, colon.idx + 1),
        cue_class=None,
        pattern="colon",
        subject=subject,
        attribution=BY_ADJACENT_CUE,
        closed=item.segment.closed,
    )


def _fragment_is_speech(index: DocIndex, item: AlignedSegment) -> bool:
    """A short quote counts when it ends with its own punctuation ('“No,” he said')."""
    last = index.doc[item.last]
    return last.text in (",", ".", "?", "!") and item.word_count >= 1


# -- inheritance --------------------------------------------------------------------
def _inherit_speakers(index: DocIndex, statements: list[Finding], claimed: set[int]) -> None:
    """Unattributed quote segments take the speaker of a neighbouring statement."""
    by_paragraph: dict[int, list[Finding]] = {}
    for statement in statements:
        by_paragraph.setdefault(index.paragraph_of(statement.start), []).append(statement)
    for seg_index, item in enumerate(index.segments):
        if seg_index in claimed or item.role == MENTION:
            continue
        same = [s for s in by_paragraph.get(item.paragraph, []) if _can_lend_speaker(s)]
        if item.role == FRAGMENT and not _quoted_sentence_after_a_quote(index, item, same):
            continue
        earlier = _outer_statements([s for s in same if s.start < item.segment.start])
        later = [
            s
            for s in same
            if s.start > item.segment.start and (s.kind != INDIRECT or _attributes_after(index, item, s))
        ]
        source = None
        attribution = UNATTRIBUTED
        lead = None if earlier else _lead_sentence_subject(index, item)
        if not earlier and not later and lead is None:
            lead = _named_by_next_sentence(index, item)
        if earlier or later:
            source = earlier[-1] if earlier else later[0]
            attribution = BY_PARAGRAPH
        elif lead is not None:
            attribution = BY_PARAGRAPH
        else:
            previous = _previous_paragraph_statements(index, by_paragraph, item.paragraph)
            if previous:
                source = previous[-1]
                attribution = BY_PREVIOUS_PARAGRAPH
            else:
                lead = _lead_sentence_subject(index, item, across_paragraphs=True)
                if lead is not None:
                    attribution = BY_PREVIOUS_PARAGRAPH
        claimed.add(seg_index)
        statement = Finding(
            item.segment.start,
            item.segment.end,
            DIRECT,
            cue=source.cue if source else None,
            cue_span=source.cue_span if source else None,
            cue_class=source.cue_class if source else None,
            pattern="inherited" if source or lead is not None else "none",
            subject=source.subject if source else lead,
            attribution=attribution,
            closed=item.segment.closed,
            inherit_from=source,
        )
        statements.append(statement)
        by_paragraph.setdefault(item.paragraph, []).append(statement)


def _attributes_after(index: DocIndex, item: AlignedSegment, statement: Finding) -> bool:
    """'“It will save lives.” Its sponsor, Sen. Maria Okafor, called it a turning point.': a quote
    that ends its sentence with no speaker is attributed by the sentence right after it, when that
    sentence's cue has a subject of its own (cataphora)."""
    doc = index.doc
    subject = statement.subject
    if subject is None or statement.cue is None or subject.lower_ in _PRONOUN_SUBJECTS:
        return False
    i = item.last + 1
    while i < len(doc) and (index.segment_of[i] == index.segment_of[item.last] or doc[i].is_quote or doc[i].is_space):
        i += 1
    if i >= len(doc) or index.in_quote(doc[i]):
        return False
    ended = doc[item.last].text in (".", "!", "?") or bool(doc[i].is_sent_start)
    sentence = doc[i].sent
    return ended and sentence.start <= subject.i < sentence.end and sentence.start <= statement.cue.i < sentence.end


# Nouns for quoted words, which a following sentence may name the author of ("That remark from ...").
_QUOTE_NOUNS = frozenset(
    {"quote", "remark", "remarks", "comment", "comments", "words", "line", "statement", "promise", "warning"}
)
_REFERRING_DETERMINERS = frozenset({"that", "this", "the", "those", "these"})


def _named_by_next_sentence(index: DocIndex, item: AlignedSegment) -> Token | None:
    """'“We should never have signed it.” That remark from Councilman Joe Park ...' / '... That was the
    promise of Rep. Gary Holt.' / '... Those were Holt's words.': a quote ending its sentence, and the
    next sentence opening on a noun for quoted words whose author it names."""
    doc = index.doc
    if doc[item.last].text not in (".", "!", "?"):
        return None
    i = item.last + 1
    while i < len(doc) and (index.segment_of[i] == index.segment_of[item.last] or doc[i].is_quote or doc[i].is_space):
        i += 1
    if i >= len(doc) or index.in_quote(doc[i]) or index.paragraph_of(doc[i].idx) != item.paragraph:
        return None
    for token in doc[i : min(i + 7, len(doc))]:
        if token.lower_ not in _QUOTE_NOUNS or token.dep_ not in ("nsubj", "nsubjpass", "attr"):
            continue
        if token.dep_ == "attr" and not any(
            c.dep_ == "nsubj" and c.lower_ in ("that", "this", "those") for c in token.head.children
        ):
            return None
        if not any(c.dep_ in ("det", "poss") for c in token.children):
            return None
        for child in token.children:
            if child.dep_ == "poss" and child.ent_type_ in NAME_ENTS:
                return child
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                named = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ in NAME_ENTS]
                if named:
                    return named[0]
        return None
    return None


_PRONOUN_SUBJECTS = frozenset({"it", "this", "that", "they", "he", "she", "who", "which"})


def _lead_sentence_subject(index: DocIndex, item: AlignedSegment, across_paragraphs: bool = False) -> Token | None:
    """'Sen. Bernie Sanders, ..., identified X as a reason. “The younger people are ...”': a quote
    opening a sentence right after one in the same paragraph whose subject is a name continues
    that person's point. ``across_paragraphs``: the same for a quote opening its paragraph after a
    paragraph that quotes nobody ('Ms. Berg moved to the city in 2010.' / '“It was the best ...”')."""
    doc = index.doc
    i = index_before(index, item)
    if i < 0 or doc[i].text not in (".", "!", "?") or index.in_quote(doc[i]):
        return None
    sentence = doc[i].sent
    root = sentence.root
    paragraph = index.paragraph_of(sentence.start_char)
    if across_paragraphs:
        if paragraph == item.paragraph or index.paragraph_of(doc[i].idx) != paragraph:
            return None
    elif paragraph != item.paragraph:
        return None
    if index.in_quote(root):
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj" and _can_speak(c) and not index.in_quote(c)]
    return subjects[0] if subjects else None


def _can_speak(subject: Token) -> bool:
    """A subject that may be the one a following quote continues: a name, "he"/"she"/"they", or a
    definite office or organisation ("The mayor was blunt. “...”"), not "the choice" or "it"."""
    if subject.ent_type_ in NAME_ENTS:
        return True
    if subject.pos_ == "PRON":
        return subject.lower_ in ("he", "she", "they")
    if subject.pos_ != "NOUN" or not (is_title(subject.text) or subject.lower_ in ORGANISATION_NOUNS):
        return False
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "his", "her", "its", "their")
        for c in subject.children
    )


_INDEFINITE_SOURCES = frozenset(
    [
        "others",
        "other",
        "some",
        "many",
        "most",
        "few",
        "several",
        "all",
        "both",
        "one",
        "someone",
        "anyone",
        "everyone",
        "nobody",
        "you",
    ]
)


def _outer_statements(statements: list[Finding]) -> list[Finding]:
    """Leave out statements made inside another one's attribution, when there is another:
    '“...,” said Ana Ruiz, a pollster who called him a realist. “...”' continues Ana Ruiz, not the
    relative clause; '... Corker said, pointing out that senators voted to insist ...' continues Corker."""
    cues_of = {s.cue.i: s for s in statements if s.cue is not None}
    outer = []
    for statement in statements:
        cue = statement.cue
        if cue is not None and statement.inherit_from is None and _embedded_cue(cue, cues_of):
            continue
        outer.append(statement)
    return outer or statements


def _embedded_cue(cue: Token, cues_of: dict[int, Finding]) -> bool:
    """A cue inside a relative clause, or under another statement's cue in the parse."""
    token = cue
    for _ in range(8):
        if token.dep_ == "relcl" or token.head.i in cues_of and token.head.i != cue.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _can_lend_speaker(statement: Finding) -> bool:
    """Whether a quote next to ``statement`` may take its speaker: a statement with a definite
    speaker that says something (not "Others have opposed ...": a stance is not a voice)."""
    source = statement.inherit_from or statement
    if source.subject is None:
        return False
    if source.subject.lower_ in _INDEFINITE_SOURCES:
        return False
    return statement.kind != INDIRECT or source.cue_class == cues.SPEECH


def _quoted_sentence_after_a_quote(index: DocIndex, item: AlignedSegment, same: list[Finding]) -> bool:
    """'“Here comes Big Daddy,” she said. “The Donald. Big Daddy.”': a short quotation standing
    as its own sentence right after a quotation of the same paragraph continues it."""
    doc = index.doc
    if not any(s.kind == DIRECT and s.end <= item.segment.start for s in same):
        return False
    if doc[item.last].text not in (".", "!", "?"):
        return False
    i = index_before(index, item)
    return (
        i < 0
        or doc[i].text in (".", "!", "?")
        or "\n" in doc[i].text
        or index.paragraph_of(doc[i].idx) != item.paragraph
    )


def _previous_paragraph_statements(
    index: DocIndex, by_paragraph: dict[int, list[Finding]], paragraph: int
) -> list[Finding]:
    """Statements of the nearest non-blank paragraph before ``paragraph``."""
    text = index.text
    p = paragraph - 1
    while p >= 0:
        start = index.paragraphs[p]
        end = index.paragraphs[p + 1] if p + 1 < len(index.paragraphs) else len(text)
        if text[start:end].strip():
            found = [s for s in by_paragraph.get(p, []) if _can_lend_speaker(s)]
            return [s for s in found if not any(_inside(s, other) for other in found)]
        p -= 1
    return []


def _inside(inner: Finding, outer: Finding) -> bool:
    return (
        inner is not outer
        and outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.end - outer.start > inner.end - inner.start)
    )


def _drop_overlaps(statements: list[Finding]) -> list[Finding]:
    """Remove an indirect statement that mostly repeats a stronger one (input sorted by start)."""
    strong = [s for s in statements if s.kind != INDIRECT]
    starts = [s.start for s in strong]
    longest = max((s.end - s.start for s in strong), default=0)
    kept: list[Finding] = []
    for statement in statements:
        if statement.kind == INDIRECT:
            length = statement.end - statement.start
            lo = bisect.bisect_left(starts, statement.start - longest)
            hi = bisect.bisect_left(starts, statement.end)
            if any(
                min(statement.end, other.end) - max(statement.start, other.start) > 0.5 * length
                for other in strong[lo:hi]
            ):
                continue
        kept.append(statement)
    return kept


def _drop_nested(statements: list[Finding]) -> list[Finding]:
    """One statement per stretch of text: the outermost report wins.

    "X said he plans to run" holds two cues; the reported statement is X's ("he plans to
    run"), and its inner cue ("plans") is part of what X said. A statement lying inside
    another one's span is dropped, unless it is a direct quote (quoted words are always
    their own statement). Gold annotations and the product's editor both keep statements
    disjoint.
    """
    ordered = sorted(statements, key=lambda s: (s.start, -s.end))
    kept: list[Finding] = []
    reach = -1  # the furthest end of the statements kept so far
    for statement in ordered:
        if statement.end <= reach and statement.kind != DIRECT:
            continue
        kept.append(statement)
        reach = max(reach, statement.end)
    kept.sort(key=lambda s: (s.start, s.end))
    return kept
