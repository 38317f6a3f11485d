"""Small facts about parsed tokens that the statement finders share: entity labels that name a
speaker, subject relations, quantifiers, and a few predicates over tokens."""

from __future__ import annotations

from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass")
NAME_ENTS = frozenset({"PERSON", "ORG"})
QUANTIFIERS = frozenset({"many", "some", "most", "several", "few", "both", "all", "each", "one", "none"})


def plain_noun_phrase(token: Token) -> bool:
    """A short noun phrase with no clause in it ("civic leaders", not "His promises to stick it ...")."""
    subtree = list(token.subtree)
    return len(subtree) <= 5 and not any(t.pos_ in ("VERB", "AUX", "ADP") for t in subtree)


def skip_parenthesis(doc: Doc, i: int, step: int) -> int:
    """Index just past a parenthesis (at most 8 tokens long) starting at ``i``."""
    closing = ")" if step > 0 else "("
    j = i + step
    while 0 <= j < len(doc) and abs(j - i) <= 8 and doc[j].text != closing:
        j += step
    if 0 <= j < len(doc) and doc[j].text == closing:
        return j + step
    return i + step


def is_name(token: Token) -> bool:
    return token.ent_type_ in NAME_ENTS and token.ent_iob_ in ("B", "I") or token.pos_ == "PROPN"
