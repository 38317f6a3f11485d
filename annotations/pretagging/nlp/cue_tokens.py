"""Cues in a parsed Doc: which tokens are cue words (the lexicon of ``cues.py`` applied to
tokens, stance words and content nouns included), and the text of the cue phrase."""

from __future__ import annotations

from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from . import cues
from .syntax import NAME_ENTS


def cue_for(token: Token) -> cues.Cue | None:
    word = token.lower_
    if word not in cues.CUE_VERBS and word not in _SPECIAL_CUE_WORDS:
        return None  # the common case, decided without the tagger's attributes
    if word == "according":
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            return cues.Cue("according to", cues.SPEECH)
        return None
    if not token.tag_.startswith("VB"):
        if inverted_opening(token):
            return cues.lookup(word)
        return None
    if word in ("put", "puts") and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "it":
        return _PUT_IT  # "As Rosenthal put it, “...”"
    return cues.lookup(word)


_PUT_IT = cues.Cue("put it", cues.SPEECH)
_SPECIAL_CUE_WORDS = frozenset({"according", "put", "puts"})


def _word_ids(words: set[str]) -> frozenset[int]:
    strings = StringStore()
    return frozenset(int(strings[word]) for word in words)


# Every lower-case form :func:`cue_for` or :func:`stance_cue` can accept, as string ids.
_CUE_WORD_IDS = _word_ids({*cues.CUE_VERBS, *_SPECIAL_CUE_WORDS, *cues.CONTENT_NOUNS, *cues.STANCE_WORDS})


def possible_cues(doc: Doc) -> list[Token]:
    """The tokens whose word may be a cue, in text order, read off the doc's array (no Token is made
    for the other words, which are most of them)."""
    return [doc[i] for i, lower in enumerate(doc.to_array("LOWER").tolist()) if lower in _CUE_WORD_IDS]


def inverted_opening(token: Token) -> bool:
    """'Said Ellis: ...' at the start of a paragraph or sentence, tagged as part of the name."""
    doc = token.doc
    if token.lower_ not in cues.INVERSION_VERBS or not token.text[:1].isupper():
        return False
    if token.i + 1 >= len(doc) or doc[token.i + 1].pos_ != "PROPN":
        return False
    return token.i == 0 or "\n" in doc[token.i - 1].text or doc[token.i - 1].is_space or bool(token.is_sent_start)


def as_clause(verb: Token, cue: cues.Cue) -> bool:
    """'As Ms. Simonyan put it, RT is “...”', 'The plan works, as Obama said.': a speech verb in an
    'as' clause with nothing of its own to report reports the clause it hangs on."""
    return (
        cue.cue_class == cues.SPEECH
        and verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        and (cue is _PUT_IT or not any(c.dep_ == "dobj" for c in verb.children))
    )


STANCE = "stance:"


def stance_cue(token: Token) -> cues.Cue | None:
    """'critical of', 'a staunch opponent of', 'comments about', "Trump's claim that": stance
    and content words; a cue only when they have someone to speak for them (stance_source)."""
    if token.pos_ not in ("ADJ", "NOUN"):
        return None
    word = token.lower_
    if word in cues.CONTENT_NOUNS and token.pos_ == "NOUN" and noun_clause(token) is not None:
        if stance_source(token, uttered=True) is None:
            return None
        return cues.Cue(STANCE + word, cues.CONTENT_NOUNS[word])
    if word not in cues.STANCE_WORDS or stance_source(token) is None:
        return None
    return cues.Cue(STANCE + word, cues.THOUGHT)


def noun_clause(noun: Token) -> Token | None:
    """The "that" clause or to-infinitive completing a content noun ("claim that ...")."""
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                return child
            if any(c.dep_ == "aux" and c.lower_ == "to" and c.i < child.i for c in child.children):
                return child
    return None


def stance_source(word: Token, uttered: bool = False) -> Token | None:
    """Who holds the stance: the subject of "is critical of" / "is an opponent of" / "made
    comments about", or the possessor ("Trump's attacks on"). ``uttered``: a content noun's
    verb must be one of uttering ("made the claim that", not "rejected the claim that")."""
    for child in word.children:
        if child.dep_ == "poss" and child.pos_ == "PRON":
            return _named_clause_subject(word) or child  # "Woods shared her belief that ..."
        if child.dep_ == "poss" and (child.pos_ == "PROPN" or child.ent_type_ in NAME_ENTS):
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or obj.ent_type_ in NAME_ENTS):
                    return obj  # "a claim by the mayor that ..."
    head = word.head
    if uttered and (word.dep_ != "dobj" or head.lower_ not in cues.UTTERING_VERBS):
        return None
    if word.dep_ in ("acomp", "attr", "dobj", "oprd") and head.pos_ in ("VERB", "AUX"):
        for child in head.children:
            if child.dep_ == "nsubj" and (child.pos_ in ("PROPN", "PRON", "NOUN") or child.ent_type_ in NAME_ENTS):
                return child
    if word.dep_ == "appos" and (head.pos_ == "PROPN" or head.ent_type_ in NAME_ENTS):
        return head  # "Ruth Amsel, a staunch opponent of the toll"
    return None


def _named_clause_subject(word: Token) -> Token | None:
    """The named subject of the clause whose object holds ``word`` ("Woods shared her belief", "Hale
    hesitated to repeat his criticism"): a possessive pronoun there is that subject."""
    if word.dep_ not in ("dobj", "pobj"):
        return None
    head = word.head
    if word.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    for _ in range(3):
        if head.pos_ not in ("VERB", "AUX"):
            return None
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            named = subjects[0]
            return named if named.pos_ == "PROPN" or named.ent_type_ in NAME_ENTS else None
        if head.dep_ not in ("xcomp", "conj") or head.head.i == head.i:
            return None
        head = head.head
    return None


def cue_phrase(verb: Token, cue: cues.Cue) -> tuple[int, int]:
    """Char offsets of the cue phrase: 'according to', 'has said', 'continued by saying'."""
    doc = verb.doc
    if cue.lemma == "according to":
        return verb.idx, doc[verb.i + 1].idx + len(doc[verb.i + 1])
    first = verb
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ in ("by", "as") and head.head.i < head.i:
        first = head.head  # "continued by saying", "was quoted as saying"
    for child in first.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i >= first.i - 3:
            first = child
            break
    return first.idx, verb.idx + len(verb)
