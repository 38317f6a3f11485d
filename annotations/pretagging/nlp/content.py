"""What a cue reports: the token ranges of its content (a "that" clause, a to-infinitive, an
object and its complement, a preposition's object, the clause around "according to X" or
around an inverted "X said"), each with the name of the pattern that found it."""

from __future__ import annotations

from spacy.tokens import Token

from . import cues
from .cue_tokens import STANCE, as_clause, cue_for, noun_clause
from .doc_index import DocIndex
from .syntax import SUBJECT_DEPS

MIN_INDIRECT_WORDS = 3


def contents(index: DocIndex, verb: Token, cue: cues.Cue) -> list[tuple[tuple[int, int], str]]:
    """Token ranges [start, end) holding what the cue reports, with the pattern name."""
    if cue.lemma == "according to":
        return _according_content(verb)
    if cue.lemma.startswith(STANCE):
        return _stance_content(verb, cue)
    if as_clause(verb, cue):
        return _as_clause_content(verb)
    found: list[tuple[tuple[int, int], str]] = []
    paragraph = index.paragraph_of(verb.idx)
    for child in verb.children:
        if child.dep_ == "ccomp" and index.paragraph_of(child.idx) == paragraph:
            found.append((_subtree_range(child), "ccomp"))
    if found:
        return found
    medium_clause = _clause_after_medium(verb)
    if medium_clause is not None and index.paragraph_of(medium_clause.idx) == paragraph:
        return [(_subtree_range(medium_clause), "ccomp")]
    for child in verb.rights:
        if child.dep_ != "xcomp" or child.pos_ not in ("VERB", "AUX"):
            continue
        start, end = _with_shared_subject_conjuncts(verb, _subtree_range(child))
        objects = [c for c in verb.rights if c.dep_ == "dobj" and c.i < child.i]
        if objects and cue.cue_class == cues.SPEECH:
            # "told his advisers to find a way", "warned officials to ...": who is told, too
            found.append(((objects[0].left_edge.i, end), "xcomp"))
        elif cue.lemma in cues.INFINITIVE_CONTENT_VERBS:
            found.append(((start, end), "xcomp"))
        elif child.tag_ == "VBG" and cue.cue_class in (cues.SPEECH, cues.THOUGHT) and cue.lemma != "continue":
            found.append(((start, end), "xcomp"))  # "proposed dropping ...", "admitted using ..."
    if not found and cue.lemma in cues.NAMING_VERBS:
        found.extend((content, "object") for content in _object_content(verb, cue))
    generic = cue.cue_class == cues.SPEECH and not any(c.dep_ == "dobj" for c in verb.children)
    if not found and (cue.lemma in cues.PREPOSITION_CONTENT or generic):
        prepositions = cues.PREPOSITION_CONTENT.get(cue.lemma, cues.SPEECH_PREPOSITIONS)
        for child in verb.rights:
            if child.dep_ == "prep" and child.lower_ in prepositions:
                for obj in child.children:
                    if obj.dep_ in ("pobj", "pcomp"):
                        found.append((_subtree_range(obj), "preposition"))
    if not found and cue.lemma in cues.OBJECT_CONTENT_VERBS:
        found.extend((content, "object") for content in _object_content(verb, cue))
    if not found and cue.lemma not in cues.CLAUSE_ONLY:
        found.extend(_inverted_content(verb))
    return found


def _clause_after_medium(verb: Token) -> Token | None:
    """'said in a statement that ...', 'wrote in a letter that ...': the parser hangs the "that" clause on
    the medium noun; it is what the speech verb reports."""
    for prep in verb.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "during"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.lower_ not in cues.STATEMENT_NOUNS:
                continue
            for clause in obj.rights:
                if clause.dep_ in ("acl", "ccomp", "relcl") and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                ):
                    return clause
    return None


def _as_clause_content(verb: Token) -> list[tuple[tuple[int, int], str]]:
    head = verb.head
    start, end = _subtree_range(head)
    left, right = verb.left_edge.i, verb.right_edge.i + 1
    if left == start:  # the 'as' clause opens the sentence: what follows it
        start = right
        while start < end and verb.doc[start].is_punct and not verb.doc[start].is_quote:
            start += 1
    elif right >= end - 1:  # it closes the sentence: what comes before it
        end = left
        while end > start and verb.doc[end - 1].text in (",", "\u2014", "--"):
            end -= 1
    else:
        return []
    return [((start, end), "as_clause")] if end - start >= MIN_INDIRECT_WORDS else []


_OBJECT_COMPLEMENTS = frozenset({"oprd", "xcomp", "ccomp", "dobj", "attr"})


def _object_content(verb: Token, cue: cues.Cue) -> list[tuple[int, int]]:
    """'criticized the plan', 'blasted the media for being “dishonest”', 'called the charges
    unsubstantiated', 'dismissed Estonia as being in the “suburbs”': the object and what is
    said of it (an object complement, or an "as"/"for" phrase right after it).

    Naming verbs ("call", "label") count only with a complement: "called the police" is not
    a statement, "called the plan a disaster" is.
    """
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    if not objects:  # "called Trump a liar" parsed as two object predicates
        predicates = [c for c in verb.rights if c.dep_ == "oprd"]
        objects = predicates[:1] if len(predicates) > 1 else []
    if not objects:
        return []
    obj = objects[0]
    start, end = _subtree_range(obj)
    for child in obj.rights:
        if child.dep_ == "appos" and child.left_edge.i > obj.i:
            end = child.left_edge.i  # "Trump's campaign, the latest chapter in ...": no apposition
            while end > start and obj.doc[end - 1].is_punct:
                end -= 1
            break
    complemented = False
    pending = end  # prepositions are taken only when an "as"/"for" phrase follows them
    for sibling in verb.rights:
        if sibling.i <= obj.i:
            continue
        if sibling.left_edge.i > pending:
            break  # not contiguous
        if sibling.dep_ in _OBJECT_COMPLEMENTS or sibling.dep_ == "prep" and sibling.lower_ in ("as", "for"):
            end = pending = sibling.right_edge.i + 1
            complemented = True
        elif sibling.dep_ in ("prep", "npadvmod"):
            pending = sibling.right_edge.i + 1  # "attacked the candidates on stage for ..."
        else:
            break
    if not complemented and any(c.dep_ in ("dobj", "oprd") for c in obj.children):
        complemented = True  # "called climate change a hoax": the parser hangs "hoax" off "change"
    if cue.lemma in cues.NAMING_VERBS and cue.lemma not in cues.OBJECT_CONTENT_VERBS and not complemented:
        return []
    return [(start, end)]


def _with_shared_subject_conjuncts(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """'wants to triple AmeriCorps, grow the Peace Corps and create a reserve': verbs the
    parser coordinates with the cue, with no subject or cue of their own, continue the
    content."""
    doc = verb.doc
    start, end = content
    for child in verb.rights:
        if child.dep_ != "conj" or child.i < end or child.pos_ != "VERB":
            continue
        between = doc[end : child.left_edge.i]
        if any(not (t.is_punct or t.dep_ == "cc") or t.lower_ in ("but", "yet") for t in between):
            break  # "did not want to stay, but was treated ...": a contrast is the writer's
        if any(c.dep_ in (*SUBJECT_DEPS, "auxpass") for c in child.children) or cue_for(child) is not None:
            break
        end = child.right_edge.i + 1
    return start, end


def _stance_content(word: Token, cue: cues.Cue) -> list[tuple[tuple[int, int], str]]:
    if word.lower_ in cues.CONTENT_NOUNS and word.pos_ == "NOUN":
        clause = noun_clause(word)
        if clause is not None:
            return [(_subtree_range(clause), "noun")]
    prepositions = cues.STANCE_WORDS.get(cue.lemma[len(STANCE) :], ())
    for child in word.rights:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    return [(_subtree_range(obj), "preposition")]
    return []


def _subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _according_content(according: Token) -> list[tuple[tuple[int, int], str]]:
    """'According to X, CONTENT' / 'CONTENT, according to X': the clause around the phrase."""
    head = according.head
    if head.i == according.i:
        return []
    clause_start, clause_end = _subtree_range(head)
    phrase_start, phrase_end = _subtree_range(according)
    before = (clause_start, phrase_start)
    after = (phrase_end, clause_end)
    if before[1] - before[0] >= 2 and after[1] - after[0] >= 2 and _is_aside(according, phrase_start, phrase_end):
        # "The blast, according to the police, was caused by gas": both pieces of the clause
        return [(before, "interrupted"), (after, "according")]
    best = max(before, after, key=lambda r: r[1] - r[0])
    return [(best, "according")] if best[1] > best[0] else []


def _is_aside(according: Token, start: int, end: int) -> bool:
    """'..., according to X, ...': the phrase is set off by commas inside its clause."""
    doc = according.doc
    return start > 0 and doc[start - 1].text == "," and end < len(doc) and doc[end].text == ","


def _inverted_content(verb: Token) -> list[tuple[tuple[int, int], str]]:
    """'CONTENT, Graham said, ...': the verb hangs off the clause it reports.

    The attribution may also interrupt the reported clause ('Lenox was a juggernaut, Mr.
    Clarke said, until it went bankrupt'; 'Too often, Mr. Clarke said, the debate is ...'):
    the clause is then reported in two pieces around it, as the two halves of an
    interrupted direct quote are.
    """
    doc = verb.doc
    head = verb.head
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or head.i == verb.i:
        return []
    if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    left = verb.left_edge.i
    if doc[left].text in _INVERSION_PUNCT:
        pass  # the comma hangs off the verb
    elif left == 0 or doc[left - 1].text not in _INVERSION_PUNCT:
        return []  # only the 'CONTENT, X said' shape
    start, end = head.left_edge.i, head.right_edge.i + 1
    if left <= start:
        return []
    right = verb.right_edge.i
    continues = right + 1 < end - 1 and doc[right].text in _INVERSION_PUNCT
    if head.i < verb.i:
        pieces = [((start, left), "inverted")]
        if continues:
            pieces.append(((right + 1, end), "inverted"))
        return pieces
    if not continues:
        return []
    # the head comes after the attribution: a fronted piece ("Too often") and the rest
    return [((start, left), "interrupted"), ((right + 1, end), "inverted")]


_INVERSION_PUNCT = frozenset({",", "\u2014", "--"})
