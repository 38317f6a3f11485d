"""Who makes a statement: the token naming the subject of a cue (or X in "according to X"),
with the repairs misparsed sentences need (datelines, asides, participles, object control)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from . import cues
from .cue_tokens import STANCE, as_clause, cue_for, inverted_opening, stance_source
from .names import is_title
from .syntax import NAME_ENTS, QUANTIFIERS, SUBJECT_DEPS, is_name, plain_noun_phrase, skip_parenthesis

_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


def subject_of(verb: Token, cue: cues.Cue, quoted: set[int] | None = None) -> Token | None:
    """The token naming who makes the statement (subject of the cue, or X in 'according to X').

    A subject found in another paragraph (parses run across datelines), inside quotation
    marks (token indices in ``quoted``), or that is not a noun phrase is replaced by a name
    or pronoun right before the verb, if there is one.
    """
    subject = _dependency_subject(verb, cue)
    doc = verb.doc
    if subject is not None and _is_dateline(subject):
        # "WASHINGTON -- President Obama, ..., said": the parser makes the dateline the subject
        names = [c for c in subject.children if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN")]
        subject = names[0] if names else None
    if subject is not None:
        between = doc[min(subject.i, verb.i) : max(subject.i, verb.i)].text_with_ws
        usable = (
            "\n" not in between
            and (
                subject.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X")
                or subject.ent_type_ in NAME_ENTS  # "Trump" mistagged as a verb
                or subject.lower_ in QUANTIFIERS  # "many of whom say"
            )
            and not (quoted and subject.i in quoted)
        )
        if usable:
            subject = _exemplar(subject)
            fronted = _fronted_name(subject)
            if fronted is not None:
                return fronted  # "Ban Ki-moon, the secretary general, vowed": the parser's head is the title
            aside = _name_before_aside(verb, verb.i - 1) if _comma_before(verb) else None
            borrowed = subject.head.i != verb.i  # found by climbing to another clause
            if aside is not None and subject.i < aside.i and (borrowed or not is_name(subject)):
                return aside  # "With 50 days to go, Minyon Moore, a senior adviser, called ..."
            return subject
    inverted = _inverted_object(verb, cue)
    if inverted is not None:
        return inverted
    if _is_passive(verb):
        return _misread_participle_subject(verb)
    found = _name_before(verb)
    if found is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        found = _name_before(verb.head)  # "Obama and Clinton call them ... and describe ..."
    if found is None and verb.tag_ in ("VBG", "VB"):
        found = _earlier_speaker(verb, cue, quoted)  # '..., Sanders said, going on to say that'
        if found is None and verb.dep_ == "xcomp" and verb.head.tag_ == "VBG":
            found = _earlier_speaker(verb.head, cue, quoted)  # '..., Obama said, not even needing to mention'
    if found is None and verb.tag_ == "VBG" and _comma_before(verb):
        found = _sentence_subject(verb, quoted)  # 'Mr. Trump hardly clarified ..., asserting, “...”'
    return found


def _inverted_object(verb: Token, cue: cues.Cue) -> Token | None:
    """'“...,” replied the mayor and her deputy.': after a quotation, a speech verb's first word on the
    right is its subject, even when the parser calls it an object."""
    doc = verb.doc
    if cue.cue_class != cues.SPEECH or verb.i == 0 or not doc[verb.i - 1].is_quote:
        return None
    following = next(iter(verb.rights), None)
    if (
        following is not None
        and following.dep_ in ("dobj", "attr", "npadvmod", "oprd")
        and following.left_edge.i == verb.i + 1
        and following.pos_ in ("NOUN", "PROPN")
    ):
        return following
    return _inverted_name(verb)


def _inverted_name(verb: Token) -> Token | None:
    """'“...,” said Roger Vance, who ... yet endorsed Ann Fry': a person's name right after a speech verb
    that follows a quotation is the one who speaks, whatever clause the parser hung it on (its last word)."""
    doc = verb.doc
    i = verb.i + 1
    if i >= len(doc) or doc[i].ent_type_ != "PERSON" or doc[i].ent_iob_ != "B":
        return None
    while i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I":
        i += 1
    return doc[i] if doc[i].pos_ == "PROPN" else None


def _misread_participle_subject(verb: Token) -> Token | None:
    """'Roy Cooper (D), McCrory's opponent in the election, called Friday for releasing ...': after a
    long aside the tagger reads an active past tense as a participle; it is active when what follows
    is what active use takes ("called for", "said that") and a name opens the clause before the aside."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or not _comma_before(verb):
        return None
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].ent_type_ in ("DATE", "TIME"):
        i += 1
    active = (i < len(doc) and doc[i].lower_ in ("for", "on", "that")) or any(c.dep_ == "ccomp" for c in verb.children)
    if not active:
        return None
    comma = verb.i - 1
    while doc[comma].text != ",":
        comma -= 1
    return _name_before_aside(verb, comma)


def _sentence_subject(verb: Token, quoted: set[int] | None) -> Token | None:
    """The first named subject of the sentence before ``verb``, outside quotation marks: who a
    participle clause hanging off a misparsed sentence is about."""
    for token in verb.doc[verb.sent.start : verb.i]:
        if token.dep_ == "nsubj" and token.ent_type_ in NAME_ENTS and not (quoted and token.i in quoted):
            return token
    return None


_PARTICIPLE_CHAIN = frozenset({"going", "went", "go", "on", "to", "then", "later", "also", "before", "further", "and"})


def _earlier_speaker(verb: Token, cue: cues.Cue, quoted: set[int] | None) -> Token | None:
    """'“...,” Sanders said, going on to say that ...': a participial cue continuing the
    sentence's earlier cue has that cue's speaker (the parser often hangs it elsewhere)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].lower_ in _PARTICIPLE_CHAIN or doc[i].dep_ in ("aux", "prt", "advmod", "neg")):
        i -= 1
    if i < 0 or doc[i].text != ",":
        return None
    j = i - 1
    sentence_start = verb.sent.start
    while j >= sentence_start and i - j <= 4:
        token = doc[j]
        if quoted and j in quoted:
            return None
        earlier = cue_for(token)
        if earlier is not None and earlier.cue_class == cues.SPEECH:
            subjects = [c for c in token.children if c.dep_ == "nsubj" and not (quoted and c.i in quoted)]
            return subjects[0] if subjects else None
        j -= 1
    return None


_DATELINE_DASHES = frozenset({"--", "\u2014", "\u2013", "-", "\u2015"})


def _is_dateline(token: Token) -> bool:
    """'WASHINGTON --', 'NEW YORK (AP) —': a capitalised place opening a paragraph before a dash."""
    doc = token.doc
    if not token.text.isupper() or len(token.text) < 2:
        return False
    i = token.i
    while i > 0 and (doc[i - 1].text.isupper() or doc[i - 1].text == ",") and "\n" not in doc[i - 1].text:
        i -= 1
    if i > 0 and "\n" not in doc[i - 1].text and not doc[i - 1].is_space:
        return False
    j = token.i + 1
    while j < len(doc) and j - token.i < 6 and (doc[j].text.isupper() or doc[j].text in (",", "(", ")")):
        j += 1
    return j < len(doc) and doc[j].text in _DATELINE_DASHES


def after_dateline(doc: Doc, start: int, end: int) -> int:
    """The first token after a dateline opening ``doc[start:end]`` ('PORT HALEY —', 'NEW YORK (AP) --'),
    or ``start`` when there is none."""
    if start >= end or not _is_dateline(doc[start]):
        return start
    j = start
    while j < end and doc[j].text not in _DATELINE_DASHES:
        j += 1
    return j + 1 if j < end else start


def _name_before(verb: Token) -> Token | None:
    """'... the Washington Post Trump said': the name or pronoun just left of the cue."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0:
        token = doc[i]
        if token.text == ")":  # "Rep. Elijah E. Cummings (D-Md.) said"
            while i >= 0 and doc[i].text != "(" and verb.i - i < 12:
                i -= 1
            i -= 1
        elif (
            token.dep_ in ("aux", "auxpass", "neg", "advmod") and token.pos_ != "PROPN" or token.lower_ in _LEFT_ADVERBS
        ):
            i -= 1
        else:
            break
    if i < 0:
        return None
    token = doc[i]
    if token.text == ",":
        return _name_before_aside(verb, i)
    if token.pos_ == "PROPN" or token.lower_ in ("he", "she", "they", "it"):
        return token
    if token.pos_ == "NOUN" and (token.i == verb.i - 1 or token.text[:1].isupper()) and not token.is_sent_start:
        return token  # "experts say", "Trump urges" (NER missed the name)
    return None


_ASIDE_OPENERS = frozenset({",", "--", "\u2014", "\u2013", "(", ":"})
# Words that open a clause whose subject may be followed by an aside ("since Clinton, at the debate, cited")
_CLAUSE_OPENERS = frozenset({"since", "because", "after", "when", "while", "although", "though", "before", "until"})
_MAX_ASIDE_TOKENS = 30


def _name_before_aside(verb: Token, comma: int) -> Token | None:
    """'Marc Morial, the chief executive of the League, told ...': the name before the aside.

    The parser often loses the subject when an apposition or a participle clause sits
    between it and the verb. Walks left from the comma to the nearest PERSON/ORG name that
    is itself followed by a comma and opens its clause (paragraph start, a comma, or a
    dateline dash before it).
    """
    doc = verb.doc
    i = comma - 1
    limit = max(0, comma - _MAX_ASIDE_TOKENS)
    while i >= limit:
        token = doc[i]
        if "\n" in token.text or token.text in (".", ";", "?", "!"):
            return None
        after = i + 1
        if doc[after].text == "(":  # "Roy Cooper (D), McCrory's opponent, called"
            after = skip_parenthesis(doc, after, 1)
        if (
            token.ent_type_ in NAME_ENTS
            and token.ent_iob_ in ("B", "I")
            and after < len(doc)
            and doc[after].text == ","
        ):
            start = i
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            while start > 0 and is_title(doc[start - 1].text):
                start -= 1  # "President Obama"
            before = doc[start - 1] if start > 0 else None
            if (
                before is None
                or "\n" in before.text
                or before.text in _ASIDE_OPENERS
                or before.lower_ in _CLAUSE_OPENERS
                or before.is_sent_end
                or before.is_quote  # '“...,” Flynn, a top surrogate, said'
            ):
                return token
        i -= 1
    return None


# Verbs whose object is the one who speaks or thinks next ("led the journalist to fear",
# "left many nations feeling"); with other verbs only a person object is ("used language to").
_OBJECT_CONTROL = frozenset(
    [
        "lead",
        "leads",
        "led",
        "leading",
        "leave",
        "leaves",
        "left",
        "leaving",
        "force",
        "forces",
        "forced",
        "forcing",
        "urge",
        "urges",
        "urged",
        "urging",
        "ask",
        "asks",
        "asked",
        "asking",
        "tell",
        "tells",
        "told",
        "telling",
        "persuade",
        "persuaded",
        "prompt",
        "prompts",
        "prompted",
        "push",
        "pushed",
        "encourage",
        "encouraged",
        "allow",
        "allowed",
        "invite",
        "invited",
        "pressure",
        "pressured",
        "convince",
        "convinced",
    ]
)
_LEFT_ADVERBS = frozenset({"both", "also", "each", "all", "now", "then", "later"})
# Relations through which a subjectless cue inherits the subject of its head
# ("stopped short of calling ...", "is determined to warn ...").
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "acl", "acomp", "advmod", "pobj"})


def _exemplar(subject: Token) -> Token:
    """'would someone like Mr. Clarke want ...': the person named as the example."""
    if subject.lower_ not in ("someone", "somebody", "anyone", "anybody"):
        return subject
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ == "like":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in NAME_ENTS:
                    return obj
    return subject


def _fronted_name(subject: Token) -> Token | None:
    """The name opening a subject phrase 'NAME, the TITLE' that the parser headed by the title."""
    doc = subject.doc
    first = subject.left_edge
    if subject.pos_ != "NOUN" or first.ent_type_ not in NAME_ENTS or first.ent_iob_ != "B":
        return None
    end = first.i
    while end + 1 < subject.i and doc[end + 1].ent_iob_ == "I":
        end += 1
    if end + 1 < subject.i and doc[end + 1].text == ",":
        return doc[end]
    return None


def _comma_before(verb: Token) -> bool:
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("advmod", "neg", "aux") and verb.doc[i].head.i == verb.i:
        i -= 1
    return i >= 0 and verb.doc[i].text == ","


def _is_person_like(token: Token) -> bool:
    """A name or a personal pronoun (object control: "urged Stumpf to resign")."""
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTS or token.lower_ in ("him", "her", "them", "us", "me")


def _is_passive(verb: Token) -> bool:
    """'was criticized', 'is expected', or a bare participle ('Asked about X, she said')."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return (
        verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)  # "Axelrod called on" is active
        and verb.dep_ in ("advcl", "acl", "ROOT")
    )


def _dependency_subject(verb: Token, cue: cues.Cue) -> Token | None:
    if cue.lemma.startswith(STANCE):
        return stance_source(verb, uttered=verb.lower_ in cues.CONTENT_NOUNS and verb.pos_ == "NOUN")
    if cue.lemma == "according to":
        for child in verb.children:
            if child.lower_ == "to":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return author_of(obj)  # "according to a speech by Mrs. Clinton"
        return None
    if verb.dep_ == "compound" and verb.head.i > verb.i and verb.head.pos_ == "PROPN":
        return verb.head  # "Said Ellis: ..." (sentence-initial inversion)
    if inverted_opening(verb) and verb.head.i > verb.i:
        return verb.head
    if _is_passive(verb) and as_clause(verb, cue):  # "As stated in Davis' commentary, ..."
        for child in verb.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("in", "by"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return author_of(obj)
    shown = _shown_speaker(verb)
    if shown is not None:
        return shown
    current = verb
    for _ in range(6):
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and current is not verb and _is_where_clause(current):
            current = current.head  # "protesters looped the streets - where the Panthers played - while chanting"
            continue
        for child in current.children if current is verb else ():  # a climbed-to passive's agent did not say it
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if _is_passive(current):
            if current is not verb:  # "she was whisked off after saying ...": she said it
                return next((c for c in current.children if c.dep_ == "nsubjpass" and _is_word(c)), None)
            return None  # "he was criticized for ...": the subject is not the source
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS and (_is_word(c) or _share_of_people(c))]
        if subjects:
            named = [c for c in subjects if c.ent_type_ in NAME_ENTS] if len(subjects) > 1 else []
            # nearest: parses add strays; a name first ("Ban Ki-moon, the secretary general, vowed");
            # the first of a listed group ("The family, protesters and civic leaders have demanded")
            child = _listed_subjects(subjects) or min(named or subjects, key=lambda c: abs(c.i - current.i))
            if child.lower_ in _RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return author_of(current.head)  # "a comment that described ..."
            return child
        head = current.head
        if current.dep_ == "xcomp" and current is not verb or (current.dep_ == "xcomp" and current.i > head.i):
            objects = [
                c
                for c in head.children
                if c.dep_ == "dobj" and c.i < current.i and (_is_person_like(c) or head.lower_ in _OBJECT_CONTROL)
            ]
            if objects:  # object control: "forced Stumpf to admit" -> Stumpf ("used language to" is not)
                return objects[0]
        if current.dep_ == "advcl" and current.tag_ not in ("VBG", "VBN", "VB") and _has_mark(current):
            break  # "..., as the United States and France support ...": a finite clause has its own subject
        if current.dep_ in _CLIMB_DEPS and head.i != current.i:
            if current.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
                return author_of(head)  # "a tweet attacking ...": the tweet (or its author)
            current = head
            continue
        break
    return None


def _share_of_people(token: Token) -> bool:
    """A number standing for people, as in polls: "six in 10 said", "two of three said"."""
    return token.like_num and any(c.dep_ == "quantmod" and c.lower_ in ("in", "of", "out") for c in token.children)


def _listed_subjects(subjects: list[Token]) -> Token | None:
    """The first of subjects the parser split off a comma list ("The family, protesters and ...")."""
    if len(subjects) < 2 or any(s.ent_type_ in NAME_ENTS or not plain_noun_phrase(s) for s in subjects):
        return None
    ordered = sorted(subjects, key=lambda s: s.i)
    doc = ordered[0].doc
    for left, right in zip(ordered, ordered[1:], strict=False):
        if [t.text for t in doc[left.right_edge.i + 1 : right.left_edge.i]] != [","]:
            return None
    return ordered[0]


def _is_where_clause(verb: Token) -> bool:
    """A clause set in by 'where' or 'when' (a description of a place or time, not the main action)."""
    return verb.dep_ in ("ccomp", "relcl", "advcl") and any(
        c.dep_ == "advmod" and c.tag_ == "WRB" and c.lower_ in ("where", "when") and c.i < verb.i for c in verb.children
    )


def _has_mark(verb: Token) -> bool:
    return any(c.dep_ == "mark" for c in verb.children)


def _shown_speaker(verb: Token) -> Token | None:
    """'footage of Hillary Clinton asking, “...”': a participle right after 'of NAME' is what the
    named one does on the recording, not what the sentence's subject does."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    name = verb.doc[verb.i - 1]
    if (
        name.dep_ == "pobj"
        and name.head.lower_ == "of"
        and (name.ent_type_ == "PERSON" or name.lower_ in ("him", "her", "them"))
    ):
        return name
    return None


# Things people produce that carry their words: "a speech by X", "X's statement".
_SPEECH_PRODUCTS = frozenset(
    [
        "comment",
        "comments",
        "remark",
        "remarks",
        "statement",
        "statements",
        "speech",
        "speeches",
        "tweet",
        "tweets",
        "post",
        "posts",
        "letter",
        "letters",
        "interview",
        "interviews",
        "op-ed",
        "essay",
        "message",
        "messages",
        "email",
        "emails",
        "memo",
        "ad",
        "ads",
        "video",
        "videos",
        "column",
        "commentary",
        "article",
        "book",
        "blog",
        "announcement",
        "testimony",
        "response",
        "responses",
        "answer",
        "answers",
        "reply",
        "replies",
        "words",
        "verdict",
        "warning",
        "advice",
        "explanation",
        "take",
    ]
)


def author_of(noun: Token) -> Token:
    """The author of a speech product reached through a relative or participle clause ("made a
    comment that described ...", "a speech by Mrs. Clinton"), or named as its possessor ("Berg's
    response", "her answer"); the noun itself otherwise."""
    if noun.lower_ not in _SPEECH_PRODUCTS:
        return noun
    for child in noun.children:
        if child.dep_ == "poss" and (child.pos_ in ("PROPN", "PRON") or child.ent_type_ in NAME_ENTS):
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or obj.ent_type_ in NAME_ENTS):
                    return obj
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB":
        for child in head.children:
            if child.dep_ == "nsubj" and (child.pos_ in ("PROPN", "PRON") or child.ent_type_ in NAME_ENTS):
                return child  # "Clinton made a controversial comment that ..."
        if head.dep_ == "xcomp":
            for child in head.head.children:
                if child.dep_ == "dobj" and (child.pos_ == "PROPN" or child.ent_type_ == "PERSON"):
                    return child  # "prompted Hillary Clinton to make a comment that ..."
                if child.dep_ == "dobj":  # "prompted his wife and nominee Hillary Clinton to make ..."
                    named = [t for t in child.children if t.dep_ in ("conj", "appos") and t.ent_type_ == "PERSON"]
                    if named:
                        return named[0]
    return noun


def _is_word(token: Token) -> bool:
    """A word, including names with apostrophes or hyphens ("O'Neill", "Ocasio-Cortez")."""
    return token.is_alpha or (any(ch.isalpha() for ch in token.text) and not token.is_punct)
