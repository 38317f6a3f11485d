"""The words naming a speaker: the noun phrase around a subject token, or the named group
("Mr. Grassley and Mr. Leahy") it belongs to."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cue_tokens import inverted_opening
from .syntax import QUANTIFIERS, is_name, plain_noun_phrase

# Prepositional phrases that restrict a described speaker ("officials at the agency", "advisers to the
# governor", "Republicans in the House").
_NOUN_PREPOSITIONS = frozenset({"of", "for", "at", "from", "with", "on", "to", "in"})


def mention_span(subject: Token, cue: Token | None = None) -> Span:
    """The noun phrase naming the speaker: determiners, titles and names, not appositions.

    Restrictive modifiers stay ("Surety companies that had insured the mine"), unless they
    hold the ``cue`` itself ("new rules that promise to ...": the clause is the statement).
    """
    doc = subject.doc
    if subject.ent_iob_ in ("B", "I") and subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return _name_group(subject)
    left = subject.left_edge.i
    while left > 0 and doc[left - 1].dep_ == subject.dep_ and doc[left - 1].head.i == subject.head.i:
        left = doc[left - 1].left_edge.i  # "His ex-wife" split into three subjects by the parser
    # skip leading punctuation and stray conjunctions
    while left < subject.i and (doc[left].is_punct or doc[left].dep_ in ("cc", "punct")):
        left += 1
    # a possessive or a relative clause on the left is kept; a comma-separated aside is not
    for i in range(subject.i - 1, left - 1, -1):
        if doc[i].text == ",":
            left = i + 1
            break
    right = subject.i
    if subject.lower_ in QUANTIFIERS:
        for child in subject.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                right = child.right_edge.i  # "many of whom", "one of the docs"
                break
    elif subject.pos_ == "NOUN":
        rights = list(subject.rights)
        for k, child in enumerate(rights):
            if child.text == "," and child.i == right + 1 and k + 1 < len(rights) and rights[k + 1].dep_ == "conj":
                right = child.i  # "The family, neighbours and local pastors"
            elif (
                child.dep_ == "prep"
                and child.lower_ in _NOUN_PREPOSITIONS
                or child.dep_ == "amod"  # "a source familiar with the talks", "people close to her"
                and child.left_edge.i == right + 1
                and any(c.dep_ == "prep" for c in child.children)
                or child.dep_ in ("cc", "conj")
                and child.left_edge.i == right + 1  # "protesters and civic leaders"
                or child.dep_ in ("relcl", "acl")
                and child.left_edge.i == right + 1  # "Surety companies that had insured ..."
                and (cue is None or not child.left_edge.i <= cue.i <= child.right_edge.i)
            ):
                right = child.right_edge.i
            else:
                break
    elif subject.lower_ in _PAIRED_PRONOUNS:
        right = _pronoun_pair_end(subject)  # "She and her aides say"
    elif subject.pos_ == "PROPN":
        for child in subject.rights:
            if child.dep_ in ("cc",) and child.i == right + 1:
                right = child.i
            elif child.dep_ == "conj" and child.i == right + 1 + (doc[right + 1].dep_ == "cc"):
                right = child.right_edge.i
            else:
                break
    right = _through_listed_siblings(subject, right)
    while right > left and (doc[right].is_punct or doc[right].dep_ == "cc"):
        right -= 1
    return doc[left : right + 1]


# A personal pronoun that speaks together with someone: "She and her aides have vowed ...".
_PAIRED_PRONOUNS = frozenset({"he", "she"})


def _pronoun_pair_end(subject: Token) -> int:
    """The end of "she and her aides" / "he and Mr. Allen": the pronoun with the one noun phrase
    coordinated right after it; the pronoun alone otherwise."""
    rights = list(subject.rights)
    if len(rights) < 2 or rights[0].dep_ != "cc" or rights[0].lower_ != "and" or rights[0].i != subject.i + 1:
        return subject.i
    partner = rights[1]
    if partner.dep_ != "conj" or partner.pos_ not in ("NOUN", "PROPN") or partner.left_edge.i != subject.i + 2:
        return subject.i
    if any(t.dep_ in ("relcl", "acl", "appos") or t.text in (",", "(") for t in partner.subtree if t.i > partner.i):
        return partner.i
    return partner.right_edge.i


def _through_listed_siblings(subject: Token, right: int) -> int:
    """Extend a subject over the subjects the parser split off after it ("The family, protesters and
    civic leaders"): each sibling with the same relation, one comma apart."""
    doc = subject.doc
    for sibling in sorted(subject.head.children, key=lambda t: t.i):
        if sibling.i <= subject.i or sibling.dep_ != subject.dep_:
            continue
        if [t.text for t in doc[right + 1 : sibling.left_edge.i]] != [","] or not plain_noun_phrase(sibling):
            break
        right = sibling.right_edge.i
    return right


def _name_group(subject: Token) -> Span:
    """The named speaker, or a pair of names speaking together ("Mr. Grassley and Mr. Leahy say")."""
    doc = subject.doc
    span = _entity_span(subject)
    if subject.dep_ == "conj" and is_name(subject.head) and subject.head.i < span.start:
        first = _entity_span(subject.head)
        between = doc[first.end : span.start]
        if len(between) and all(t.lower_ in ("and", ",") for t in between) and between[-1].lower_ == "and":
            return doc[first.start : span.end]  # "Obama and Clinton call them ..."
    for child in subject.rights:
        if child.dep_ == "conj" and is_name(child) and child.i > span.end:
            second = _entity_span(child)
            between = doc[span.end : second.start]
            if len(between) and all(t.lower_ in ("and", ",") for t in between) and between[-1].lower_ == "and":
                return doc[span.start : second.end]
            break
        if (
            child.dep_ == "conj"
            and child.pos_ == "NOUN"
            and [t.lower_ for t in doc[span.end : child.left_edge.i]] == ["and"]
        ):
            named = [c for c in child.rights if c.dep_ == "appos" and is_name(c)]
            if named:  # "Mayor Anna Berg and her deputy, Tom Olsen"
                return doc[span.start : _entity_span(named[0]).end]
            break
    return span


def _entity_span(token: Token) -> Span:
    """The named entity holding ``token``, with titles right before it ("Mayor Bill de Blasio")."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    while end - 1 > token.i and (doc[end - 1].dep_ == "case" or doc[end - 1].is_punct):
        end -= 1  # "Amsel's claim": the possessive ending is not part of the name
    if start < token.i and inverted_opening(doc[start]):
        return doc[start + 1 : end]  # "Said Ellis": the verb is not part of the name
    while (
        start > 0
        and doc[start - 1].pos_ in ("PROPN", "DET")
        and doc[start - 1].ent_iob_ == "O"
        and doc[start - 1].text[:1].isupper()
    ):
        start -= 1  # titles and "The" before the name
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1
    return doc[start:end]
