"""What surrounds a quote segment: the token before it, the verb outside the marks that its
words hang on, the first token of its paragraph, and a speech cue among the few words right
after or before it."""

from __future__ import annotations

from spacy.tokens import Token

from . import cues
from .cue_tokens import cue_for
from .doc_index import DocIndex
from .segments import SENTENCE, AlignedSegment
from .syntax import NAME_ENTS, skip_parenthesis

_CLAUSE_END = frozenset({".", "?", "!", ";"})
_MAX_FRAME_TOKENS = 20


def index_before(index: DocIndex, item: AlignedSegment) -> int:
    """The token right before a quote segment and the spaces before it (-1 at the start of the text)."""
    i = item.first - 1
    while i >= 0 and (index.segment_of[i] == index.segment_of[item.first] or index.doc[i].is_space):
        i -= 1
    return i


def previous_word_token(index: DocIndex, item: AlignedSegment) -> Token | None:
    doc = index.doc
    i = index_before(index, item)
    if i < 0 or index.paragraph_of(doc[i].idx) != item.paragraph:
        return None
    return doc[i]


def governing_verb(index: DocIndex, item: AlignedSegment) -> Token | None:
    """The nearest verb outside the quote that the quoted words depend on."""
    doc = index.doc
    inside = range(item.first, item.last + 1)
    head = None
    for token in doc[item.first : item.last + 1]:
        if token.head.i not in inside and token.head.i != token.i:
            head = token.head
            break
    for _ in range(4):
        if head is None or index.segment_of[head.i] >= 0 and head.i not in inside:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def paragraph_first_token(index: DocIndex, token_index: int) -> int:
    doc = index.doc
    paragraph = index.paragraph_of(doc[token_index].idx)
    i = token_index
    while i > 0 and index.paragraph_of(doc[i - 1].idx) == paragraph:
        i -= 1
    return i


def _frame_tokens(index: DocIndex, start: int, step: int, paragraph: int) -> list[Token]:
    doc = index.doc
    out: list[Token] = []
    i = start
    while 0 <= i < len(doc) and len(out) < _MAX_FRAME_TOKENS:
        token = doc[i]
        if index.segment_of[i] >= 0 and out and _is_nickname(index, index.segment_of[i]):
            i += step  # 'Marcia “Cia” Price shouted': a quoted nickname inside the name
            continue
        if token.text in ("(", ")") and out:
            i = skip_parenthesis(doc, i, step)  # "Price (D-Newport News), shouted"
            continue
        if index.segment_of[i] >= 0 or index.paragraph_of(token.idx) != paragraph or "\n" in token.text:
            break
        if token.text in _CLAUSE_END:  # a frame never crosses a sentence end, in either direction
            break
        out.append(token)
        i += step
    return out


def _is_nickname(index: DocIndex, segment: int) -> bool:
    item = index.segments[segment]
    return item.role != SENTENCE and item.word_count <= 2 and index.doc[item.first].text[:1].isupper()


def cue_after(index: DocIndex, item: AlignedSegment) -> tuple[Token, cues.Cue] | None:
    """'“...,” de Blasio said.' / '“...,” said Pham, the acting director.'"""
    doc = index.doc
    if doc[item.last].text == ".":
        return None  # '... and “full of s---.” Not that anyone is arguing': the quote ended its sentence
    i = item.last + 1
    while i < len(doc) and index.segment_of[i] == index.segment_of[item.last]:
        i += 1
    frame = _frame_tokens(index, i, 1, item.paragraph)
    for token in frame:
        cue = cue_for(token)
        if cue is None:
            continue
        if cue.cue_class != cues.SPEECH and cue.lemma != "according to":
            continue
        if any(c.dep_ in ("ccomp", "xcomp") and c.i > token.i for c in token.children):
            continue  # the verb reports something else of its own
        return token, cue
    if doc[item.last].text in _OPEN_QUOTE_ENDS:
        verb = _unlisted_speech_verb(frame)
        if verb is not None:
            return verb, cues.Cue(verb.lower_, cues.SPEECH)
    return None


# A quotation that ends on one of these inside its marks leaves its sentence open for the attribution.
_OPEN_QUOTE_ENDS = frozenset({",", "?", "!"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_NOT_SPEECH = frozenset({"be", "have", "do", "get", "go", "come", "take", "make", "give", "seem", "appear"})


_OWN_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "dative"})


def _speaker_like(subject: Token) -> bool:
    """A name, a personal pronoun or a determined noun ("the host", "his aide")."""
    return (
        subject.ent_type_ in NAME_ENTS
        or subject.pos_ == "PROPN"
        or subject.lower_ in _SUBJECT_PRONOUNS
        or subject.pos_ == "NOUN"
        and any(c.dep_ in ("det", "poss") for c in subject.children)
    )


_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you"})
# Plural nouns for the people a remark is made to ("she reminded reporters").
_AUDIENCE_NOUNS = frozenset({"reporters", "journalists", "supporters", "listeners", "viewers", "voters", "donors"})


def _addressee(token: Token) -> bool:
    """An object that is the person spoken to, not what is said: "assured Keller", "reminded reporters"."""
    if token.dep_ not in ("dobj", "dative") or any(c.dep_ in ("ccomp", "xcomp", "prep") for c in token.children):
        return False
    return (
        token.ent_type_ == "PERSON"
        or token.lower_ in _OBJECT_PRONOUNS
        or token.lower_ in _AUDIENCE_NOUNS
        and not any(c.dep_ in ("det", "amod", "nummod") for c in token.children)
    )


def _unlisted_speech_verb(frame: list[Token]) -> Token | None:
    """'“...,” Toomey fumed.' / '“...?” pressed the host.': right after a quotation left open by a comma or
    a question mark, the first verb whose subject is a name or a personal pronoun next to it is the
    one who said it, whatever the verb ("fumed", "cracked", "retaliated"), unless it takes an object or
    a clause of its own; the person spoken to is no such object ("assured Keller")."""
    for k, token in enumerate(frame[:8]):
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if token.tag_ not in ("VBD", "VBZ") or token.pos_ == "AUX" or token.lemma_ in _NOT_SPEECH:
            return None
        if any(c.dep_ in _OWN_COMPLEMENTS and c.i > token.i and not _addressee(c) for c in token.children):
            return None
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if len(subjects) > 1:  # "mused radio co-host Stu Barker" split into two subjects: the name
            subjects = [c for c in subjects if c.ent_type_ in NAME_ENTS]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        inside = frame[0].i <= subject.i <= frame[-1].i
        if not inside or not _speaker_like(subject):
            return None
        if subject.i < token.i and any(t.pos_ in ("VERB", "AUX") for t in frame[:k] if t.i > subject.i):
            return None
        return token
    return None


def cue_before(index: DocIndex, item: AlignedSegment) -> tuple[Token, cues.Cue] | None:
    """'She said: “...”' / 'He continued by saying, “...”'."""
    doc = index.doc
    i = item.first - 1
    while i >= 0 and index.segment_of[i] == index.segment_of[item.first]:
        i -= 1
    if i < 0:
        return None
    if doc[i].text not in (",", ":"):
        if item.role == SENTENCE and doc[i].pos_ == "VERB" and index.segment_of[i] < 0:
            return _verb_opening(index, item, doc[i])  # 'Kasich cautioned “let's not ...”'
        return None
    frame = _frame_tokens(index, i, -1, item.paragraph)
    for token in frame:  # nearest first
        cue = cue_for(token)
        if cue is not None and (cue.cue_class == cues.SPEECH):
            return token, cue
    if item.role == SENTENCE and len(frame) > 1 and frame[1].pos_ == "VERB":
        return _verb_opening(index, item, frame[1])  # 'Ortiz cracked, “I am a reformer ...”'
    return None


def _verb_opening(index: DocIndex, item: AlignedSegment, verb: Token) -> tuple[Token, cues.Cue] | None:
    """A whole quoted sentence right after a verb (and its comma) whose subject is a name, a personal
    pronoun or a determined noun: a speech cue, listed or not ("cracked", "retaliated"), unless the verb
    has an object or a clause of its own outside the quotation."""
    if index.paragraph_of(verb.idx) != item.paragraph:
        return None
    cue = cue_for(verb)
    if cue is not None and cue.cue_class == cues.SPEECH:
        return verb, cue
    if cue is not None or verb.tag_ not in ("VBD", "VBZ") or verb.lemma_ in _NOT_SPEECH:
        return None
    quoted = index.quoted_tokens
    if any(c.dep_ in _OWN_COMPLEMENTS and c.i not in quoted for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) != 1 or not _speaker_like(subjects[0]):
        return None
    return verb, cues.Cue(verb.lower_, cues.SPEECH)
