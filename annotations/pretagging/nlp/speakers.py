"""In-article speaker resolution: which person or organisation a mention refers to.

No coreference model is available offline, so this uses the parser and NER plus rules:

* names cluster by surname ("de Blasio" -> "Bill de Blasio"), keeping the longest form;
* organisations cluster by containment and acronym ("ICE" -> "Immigration and Customs
  Enforcement"), keeping the longest full form seen;
* titles before a name ("Mayor Bill de Blasio") and appositions ("Tony Pham, the acting
  head of the agency") record roles, so "the mayor" resolves;
* pronouns resolve to the most recent compatible subject or speaker.

Resolution paths, from strongest to weakest, feed the confidence score.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .cues import INVERSION_VERBS
from .names import (
    GROUP_PRONOUNS,
    ORGANISATION,
    ORGANISATION_NOUNS,
    ORGANISATION_TYPE_NOUNS,
    PERSON,
    PERSON_PRONOUNS,
    PRONOUN_GENDER,
    PRONOUNS,
    acronym_key,
    expands_acronym,
    first_name_gender,
    is_person_honorific,
    is_title,
    office_title,
    organisation_types,
    word_gender,
)
from .syntax import SUBJECT_DEPS

# Resolution paths (strongest first); see confidence.py.
EXPLICIT, SURNAME, ACRONYM, ROLE, PRONOUN, DESCRIPTION, INHERITED, NO_SPEAKER = (
    "explicit",
    "surname",
    "acronym",
    "role",
    "pronoun",
    "description",
    "inherited",
    "none",
)

_NAME_LABELS = {"PERSON": PERSON, "ORG": ORGANISATION}
# How far back (characters) a pronoun may look for its antecedent.
_PRONOUN_WINDOW = 2500
# How far back "they" may look for a plural description ("experts say ..., a provision they say ...").
_GROUP_WINDOW = 400
# Words before a title that belong to the office ("former President", "acting Mayor").
_OFFICE_QUALIFIERS = frozenset({"former", "acting", "interim", "then"})
# Pronouns that address or generalise ("you can see why ...", "one might think"): nobody speaks.
_GENERIC_PRONOUNS = frozenset({"you", "one"})


@dataclass
class Entity:
    """A person or organisation mentioned in the article."""

    name: str
    kind: str | None
    words: list[str]
    aliases: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    # every word seen around those roles ("former", "republican"): "the Democratic candidate"
    # is not the Republican one
    role_words: set[str] = field(default_factory=set)
    # evidence for he/she agreement: votes per gender (titles, given names, "X said she ...")
    gender_votes: dict[str, int] = field(default_factory=dict)
    # the office the article gives a person before their name, at its first mention ("Mayor")
    title: str | None = None
    title_at: int = 10**9

    def offer_title(self, titles: list[Token], position: int) -> None:
        """Keep the office from the earliest titled mention (a later "former" mention does not win)."""
        self.offer_office(office_title([t.text for t in titles]), position)

    def offer_office(self, office: str | None, position: int) -> None:
        if office is not None and position < self.title_at:
            self.title, self.title_at = office, position

    @property
    def gender(self) -> str | None:
        """'male' / 'female' when the evidence agrees, else None."""
        if not self.gender_votes:
            return None
        best = max(self.gender_votes, key=self.gender_votes.__getitem__)
        if len(self.gender_votes) > 1 and min(self.gender_votes.values()) * 2 >= self.gender_votes[best]:
            return None  # conflicting evidence
        return best

    def vote_gender(self, gender: str | None, weight: int = 1) -> None:
        if gender is not None:
            self.gender_votes[gender] = self.gender_votes.get(gender, 0) + weight

    def add_alias(self, alias: str) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)

    def offer_name(self, words: list[str], text: str) -> None:
        """Keep the longest full form as the canonical name."""
        self.add_alias(text)
        if len(words) > len(self.words):
            self.words, self.name = words, text


@dataclass(frozen=True, slots=True)
class Resolution:
    """Result of resolving one mention."""

    entity: Entity | None
    path: str
    speaker: str | None
    kind: str | None
    # two antecedents were about as likely: the statement is flagged (low confidence), not guessed more surely
    ambiguous: bool = False


# Words that open a description naming no office: possessive pronouns and quantifiers ("his wife, Ana",
# "one of his advisers, Tad Ruiz", "another user, Lee").
_NOT_OFFICE_OPENERS = frozenset(
    {"his", "her", "their", "its", "our", "my", "your", "one", "another", "some", "many", "several", "both", "all"}
)
_MAX_DESCRIPTION_TOKENS = 8


def _description_before(ent: Span) -> list[Token] | None:
    """'the agency's spokesman, Lee Park, said': the description a person's name stands in apposition to,
    right before it, as the article's office for them ("agency's spokesman"), leading article left out.
    Only a short noun phrase ending on its noun or on an 'of' phrase ("the director of the bureau, ..."), not
    one opened by a possessive pronoun or a quantifier, which names no office."""
    root = ent.root
    head = root.head
    doc = ent.doc
    if root.dep_ != "appos" or head.pos_ != "NOUN" or head.i >= ent.start or ent.start < 2:
        return None
    comma = ent.start - 1
    if doc[comma].text != ",":
        return None
    start = head.left_edge.i
    tokens = list(doc[start:comma])
    if tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    if not tokens or len(tokens) > _MAX_DESCRIPTION_TOKENS or tokens[0].lower_ in _NOT_OFFICE_OPENERS:
        return None
    possessor = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}  # "Mr. Holt's aide"
    if any(
        t.is_punct and t.text not in (".", "-") or t.like_num or t.ent_type_ == "PERSON" and t.i not in possessor
        for t in tokens
    ):
        return None
    after_head = doc[head.i + 1 : comma]
    if len(after_head) and (after_head[0].lower_ != "of" or after_head[0].head.i != head.i):
        return None
    return tokens


def _title_gender(titles: list[Token]) -> str | None:
    """'female' after "Mrs."/"Ms.", 'male' after "Mr.", from the first gendered title."""
    for title in titles:
        gender = word_gender(title.text)
        if gender is not None:
            return gender
    return None


def _office_text(tokens: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text[:1].upper() + text[1:]


def name_words(span: Span) -> tuple[list[Token], list[Token]]:
    """Split a name span into (office tokens, name tokens), dropping determiners and "'s".

    The office is every word up to the last title before the name: "Council Speaker Maria
    Lopez", "State Sen. Jonathan Reyes", "board chair Helen Park" give the name "Maria Lopez",
    "Jonathan Reyes", "Helen Park". An organisation keeps its words ("Justice Department",
    "General Motors"), unless a title only people carry opens it ("Councillor Anika Brandt").
    """
    tokens = [t for t in span if not t.is_punct and t.dep_ != "case" and t.lower_ not in ("the", "'s", "’s")]
    titles = []
    first = tokens[0] if len(tokens) > 1 else None
    if (
        first is not None
        and first.lower_ in INVERSION_VERBS
        and (first.i == 0 or "\n" in first.nbor(-1).text or first.is_sent_start)
    ):
        tokens.pop(0)  # "Said Ellis: ..." tagged as one PERSON
    organisation = _organisation_like(tokens)
    while len(tokens) > 1 and is_title(tokens[0].text) and (not organisation or is_person_honorific(tokens[0].text)):
        titles.append(tokens.pop(0))
    if not organisation:
        end = _office_end(tokens)
        titles.extend(tokens[:end])
        del tokens[:end]
    return titles, tokens


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _office_end(tokens: list[Token]) -> int:
    """How many tokens of a name span are its office: up to the last title that is followed only by
    capitalised name words ("Fire Chief Marcus Delgado" -> 2); 0 when a given name comes before
    that title ("Martin Luther King Jr." is a name, not an office)."""
    for k in range(len(tokens) - 2, -1, -1):
        if not is_title(tokens[k].text):
            continue
        rest = tokens[k + 1 :]
        if not all(t.text[:1].isupper() and not is_title(t.text) for t in rest):
            return 0
        if all(t.lower_.rstrip(".") in _NAME_SUFFIXES for t in rest):
            return 0
        if any(first_name_gender(t.text) is not None and t.text[:1].isupper() for t in tokens[:k]):
            return 0
        return k + 1
    return 0


def _organisation_like(tokens: list[Token]) -> bool:
    """A name that reads as an organisation: it ends on an organisation noun ("Justice Department",
    "Riders Alliance"), or NER calls it ORG and no given name or personal title says otherwise."""
    if not tokens:
        return False
    if _organisation_head(tokens) and not _has_given_name(tokens):
        return True
    return (
        tokens[-1].ent_type_ == "ORG"
        and not is_person_honorific(tokens[0].text)
        and not any(first_name_gender(t.text) is not None and t.text[:1].isupper() for t in tokens)
    )


def _organisation_head(words: list[Token]) -> bool:
    """The last word of a name is a kind of organisation ("Alliance", "School District", "Sierra Club")."""
    return len(words) >= 2 and words[-1].lower_.rstrip(".") in _ORGANISATION_HEADS


# Nouns that end organisations' names and seldom end a person's ("Riders Alliance", "School District";
# not "White", "House", "Post" or "Press": Barry White, Emily Post).
_ORGANISATION_HEADS = ORGANISATION_TYPE_NOUNS | frozenset(
    {
        "district",
        "club",
        "alliance",
        "league",
        "federation",
        "society",
        "authority",
        "party",
        "caucus",
        "center",
        "centre",
        "administration",
        "inc",
        "corp",
        "llc",
        "ltd",
    }
)


def guess_kind(label_kind: str | None, titles: list[Token], words: list[Token]) -> str | None:
    """Person or organisation, from the NER label and the words: a personal title or a common given
    name make a person ("Councillor Anika Brandt", "Fire Chief Marcus Delgado" tagged ORG or nothing);
    a name ending on an organisation noun is an organisation ("Riders Alliance" tagged PERSON)."""
    if any(is_person_honorific(t.text) for t in titles) or _has_given_name(words):
        return PERSON
    if _organisation_head(words):
        return ORGANISATION
    if label_kind is None and any(is_title(t.text) for t in titles) and all(t.text[:1].isupper() for t in words):
        return PERSON  # "board chair Helen Park" (tagged as a place)
    return label_kind


# Words that make another office of the one they modify ("the vice president" is not the president).
_OFFICE_PREFIXES = frozenset({"vice", "deputy", "assistant", "associate", "lieutenant"})


def _role_modifiers(mention: Span) -> set[str]:
    """Capitalised modifiers of a role ("Democratic" in "the Democratic candidate"), and the words that
    make it another office ("vice" in "the vice president")."""
    head = mention.root
    return {
        t.lower_
        for t in mention
        if t.i != head.i
        and (t.dep_ in ("amod", "compound") and t.text[:1].isupper() and t.is_alpha or t.lower_ in _OFFICE_PREFIXES)
    }


def _subject_tokens(doc: Doc) -> list[Token]:
    """The subjects of a doc in text order, found on the dependency array (no Token per word)."""
    wanted = {doc.vocab.strings[dep] for dep in SUBJECT_DEPS}
    return [doc[i] for i, dep in enumerate(doc.to_array("DEP").tolist()) if dep in wanted]


def _untagged_acronym_subject(token: Token) -> bool:
    """'ICE said ...' with ICE tagged as a common noun and no entity: an organisation."""
    return (
        token.dep_ in SUBJECT_DEPS
        and token.ent_iob_ == "O"
        and token.pos_ in ("NOUN", "PROPN")
        and acronym_key(token.text) is not None
        and len(token.text) >= 2
    )


def _is_subject(token: Token) -> bool:
    """A subject, or one of subjects named together ("Anna Berg and Clara Holm met")."""
    return token.dep_ in SUBJECT_DEPS or token.dep_ == "conj" and token.head.dep_ in SUBJECT_DEPS


def _bare_surname(words: list[Token]) -> bool:
    """One capitalised word that is neither an acronym nor an organisation noun ("Becker")."""
    return (
        len(words) == 1
        and words[0].text[:1].isupper()
        and acronym_key(words[0].text) is None
        and words[0].lower_ not in _ORGANISATION_HEADS
        and words[0].lower_ not in ORGANISATION_NOUNS
    )


def _has_given_name(words: list[Token]) -> bool:
    """'Ava DuVernay': two or three words, the first a common given name, no organisation noun."""
    return (
        2 <= len(words) <= 3
        and first_name_gender(words[0].text) is not None
        and words[0].text[:1].isupper()
        and not any(w.lower_ in ORGANISATION_NOUNS for w in words)
    )


def _short_definite(mention: Span) -> bool:
    """'the mayor', 'the acting head': a definite article, at most one modifier, the noun."""
    return mention[0].lower_ in ("the", "this") and len(mention) <= 3 and mention.root.i == mention.end - 1


def _name_key(words: list[Token]) -> tuple[str, ...]:
    """Lower-cased words of a name, curly apostrophes straightened ("O’Neill" = "O'Neill")."""
    return tuple(w.lower_.replace("\u2019", "'") for w in words)


def _office_word(token: Token) -> bool:
    """A capitalised word that belongs to the office before a title ("Council" in "Council Speaker",
    "State" in "State Sen.", "White House Press" in "White House Press Secretary")."""
    return (
        token.text[:1].isupper()
        and (token.pos_ in ("PROPN", "NOUN", "ADJ") and (token.dep_ == "compound" or not token.is_sent_start))
        and token.ent_type_ not in ("PERSON", "DATE", "TIME")
        and "\n" not in token.text
    )


def _with_qualifier(titles: list[Token]) -> list[Token]:
    """Titles with the word before them that belongs to the office ("former President")."""
    first = titles[0]
    if first.i > 0 and first.nbor(-1).lower_ in _OFFICE_QUALIFIERS:
        return [first.nbor(-1), *titles]
    return titles


def _entity_of(token: Token) -> Span:
    """The named entity holding ``token``."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _text_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text  # Doc.text would rebuild the whole string


class SpeakerResolver:
    """Resolves speaker mentions of one document to article-level entities."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entities: list[Entity] = []
        self._by_words: dict[tuple[str, ...], Entity] = {}
        # (char offset, entity, is_subject) of every name mention, in text order.
        self._history: list[tuple[int, Entity, bool]] = []
        self._history_keys: list[int] = []  # positions of _history, for bisect
        self._positions: dict[int, list[int]] = {}  # id(entity) -> sorted mention positions
        self._used: set[int] = set()  # ids of entities that ended up as speakers
        # (char offset, text) of plural descriptions resolved as speakers ("labor-policy experts")
        self._groups: list[tuple[int, str]] = []
        self._token_starts = doc.to_array("IDX").tolist()
        self._subjects = _subject_tokens(doc)  # the passes below only look at subjects
        self._index_names()

    # -- building the entity table -------------------------------------------------
    def _index_names(self) -> None:
        ents = [e for e in self.doc.ents if e.label_ in _NAME_LABELS]
        # each name's words and the gender its titles say, for the pass that records mentions
        named: dict[int, tuple[list[Token], str | None]] = {}
        # Multi-word names first, so that single words can attach to them as surnames.
        for ent in sorted(ents, key=lambda e: (-len(e), e.start)):
            titles, words = name_words(ent)
            all_titles = [*self._titles_before(ent), *titles]
            named[ent.start] = (words, _title_gender(all_titles))
            if not words:
                continue
            # "Councillor Anika Brandt", "Ava DuVernay" tagged ORG; "Riders Alliance" tagged PERSON
            kind = guess_kind(_NAME_LABELS[ent.label_], all_titles, words)
            entity = self._entity_for_name(words, kind, ent.start_char, create=True, gender=named[ent.start][1])
            if entity is None:
                continue
            if kind == PERSON and entity.kind == ORGANISATION and _has_given_name(words):
                entity.kind = PERSON
            entity.add_alias(_text_of(words))
            self._record_title_and_appositive(entity, ent, titles)
            for title in all_titles:
                entity.vote_gender(word_gender(title.text), 2)
            if _has_given_name(words):
                entity.vote_gender(first_name_gender(words[0].text))
        for ent in ents:
            words, gender = named[ent.start]
            entity = self._entity_for_name(words, _NAME_LABELS[ent.label_], ent.start_char, create=False, gender=gender)
            if entity is not None:
                self._history.append((ent.start_char, entity, _is_subject(ent.root)))
        for token in self._subjects:
            if _untagged_acronym_subject(token):
                entity = self._entity_for_name([token], ORGANISATION, token.idx, create=True)
                if entity is not None:
                    self._history.append((token.idx, entity, True))
        self._history.sort(key=lambda item: item[0])
        self._history_keys = [pos for pos, _, _ in self._history]
        self._index_name_pairs()
        self._index_office_subjects()
        self._pronoun_evidence()
        for pos, entity, _ in self._history:
            self._positions.setdefault(id(entity), []).append(pos)

    def _index_office_subjects(self) -> None:
        """'the mayor was asked about the library. “...,” she replied.': offices with no name as
        subjects, for a pronoun that has no named antecedent."""
        self._offices: list[tuple[int, str, str | None]] = []
        for token in self._subjects:
            if (
                token.dep_ in SUBJECT_DEPS
                and token.pos_ == "NOUN"
                and token.tag_ == "NN"
                and is_title(token.text)
                and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            ):
                mention = self.doc[token.left_edge.i : token.i + 1]
                self._offices.append((mention.start_char, mention.text, word_gender(token.text)))

    def _nearby_office(self, position: int, gender: str | None) -> str | None:
        """The nearest office subject before ``position`` within the pronoun window, of a compatible gender."""
        for pos, text, office_gender in reversed(self._offices):
            if pos >= position:
                continue
            if position - pos > _PRONOUN_WINDOW:
                return None
            if gender is None or office_gender in (None, gender):
                return text
        return None

    def _index_name_pairs(self) -> None:
        """'Anna Berg and Tom Olsen met the press. “...,” they said.': people named together as a
        subject are a group "they" may stand for."""
        for token in self._subjects:
            if token.dep_ not in SUBJECT_DEPS or token.ent_type_ != "PERSON":
                continue
            members = [token, *(c for c in token.children if c.dep_ == "conj" and c.ent_type_ == "PERSON")]
            if len(members) < 2:
                continue
            names = []
            for member in members:
                entity = self._by_words.get(_name_key(name_words(_entity_of(member))[1]))
                names.append(entity.name if entity is not None else _entity_of(member).text)
            self._groups.append((token.idx, " and ".join(names)))

    def _pronoun_evidence(self) -> None:
        """'DuVernay said she felt ...': a he/she subject of a clause reported by a name votes
        for that name's gender (the reporter almost always speaks of themself)."""
        for token in self._subjects:
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None or token.dep_ not in SUBJECT_DEPS or token.head.dep_ != "ccomp":
                continue
            for subject in token.head.head.children:
                if subject.dep_ == "nsubj" and subject.ent_type_ in _NAME_LABELS and subject.ent_iob_ != "O":
                    start = subject.i
                    while start > 0 and self.doc[start].ent_iob_ == "I":
                        start -= 1
                    _, words = name_words(self.doc[start : subject.i + 1])
                    entity = self._by_words.get(_name_key(words)) if words else None
                    if entity is not None and entity.kind == ORGANISATION and _bare_surname(words):
                        entity.kind = PERSON  # "Becker said he ...": NER's ORG for a lone surname
                    if entity is not None and entity.kind != ORGANISATION:
                        entity.vote_gender(gender)

    def _titles_before(self, ent: Span) -> list[Token]:
        """The office right before a name: capitalised titles ("Mayor" in "Mayor Bill de Blasio") and
        the capitalised words that make them one office ("Council Speaker", "State Sen.", "Fire Chief")."""
        doc = self.doc
        before = ent.start - 1
        while before >= 0 and is_title(doc[before].text) and doc[before].text[:1].isupper():
            before -= 1
        if before < ent.start - 1:
            while before >= 0 and ent.start - before <= 6 and _office_word(doc[before]):
                before -= 1
        return list(doc[before + 1 : ent.start])

    def _record_title_and_appositive(self, entity: Entity, ent: Span, titles: list[Token]) -> None:
        titles[:0] = self._titles_before(ent)
        for title in titles:
            if is_title(title.text):  # "the speaker", not "the council", for "Council Speaker Maria Lopez"
                entity.roles.add(title.lower_.rstrip("."))
        doc = self.doc
        first = titles[0].i if titles else ent.start
        while first > 0 and doc[first - 1].pos_ in ("ADJ", "PROPN", "NOUN") and doc[first - 1].ent_iob_ != "I":
            first -= 1  # "Republican presidential nominee Donald Trump"
        entity.role_words.update(t.lower_.rstrip(".") for t in doc[first : ent.start])
        if first < ent.start and doc[ent.start - 1].pos_ == "NOUN":
            entity.roles.add(doc[ent.start - 1].lower_)
        entity.role_words.update(entity.roles)
        if titles and entity.kind == PERSON:
            entity.add_alias(_text_of([*titles, *[t for t in ent if not t.is_punct]]))
            entity.offer_title(_with_qualifier(titles), titles[0].idx)
        elif entity.kind == PERSON:
            description = _description_before(ent)
            if description is not None:
                entity.offer_office(_office_text(description), description[0].idx)
        for child in ent.root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                entity.roles.add(child.lower_)
                entity.role_words.update(t.lower_ for t in child.subtree if t.is_alpha)

    def _entity_for_name(
        self, words: list[Token], kind: str | None, position: int, *, create: bool, gender: str | None = None
    ) -> Entity | None:
        """The entity a name refers to; ``gender`` (from "Mr."/"Mrs." before it) picks among people sharing
        a surname ("Mrs. Clinton" is not Bill Clinton)."""
        key = _name_key(words)
        if not key:
            return None
        cached = self._by_words.get(key)
        if cached is not None:
            if gender is None or cached.gender in (None, gender) or len(key) > 1:
                return cached
            other = self._by_containment(key, kind, position, gender)
            return other if other is not None else cached
        if len(key) == 1:
            acronym = acronym_key(words[0].text)
            if acronym:
                found = self._by_acronym(acronym)
                if found:
                    return found
        found = self._by_containment(key, kind, position, gender)
        if found is not None:
            found.offer_name(list(key), _text_of(words))
            self._by_words[key] = found
            return found
        if not create:
            return None
        if kind is None and acronym_key(words[0].text) and len(words) == 1:
            kind = ORGANISATION
        entity = Entity(name=_text_of(words), kind=kind, words=list(key))
        entity.add_alias(entity.name)
        self.entities.append(entity)
        self._by_words[key] = entity
        return entity

    def _by_acronym(self, acronym: str) -> Entity | None:
        for entity in self.entities:
            if entity.kind != PERSON and expands_acronym(acronym, entity.name.split()):
                entity.add_alias(acronym)
                return entity
        return None

    def _by_containment(
        self, key: tuple[str, ...], kind: str | None, position: int, gender: str | None = None
    ) -> Entity | None:
        """An existing entity whose name holds ``key`` as a run ending on the same word
        (surname, or "Immigration and Customs Enforcement" inside the U.S. form), or the reverse."""
        best: Entity | None = None
        best_distance = None
        for entity in self.entities:
            words = tuple(entity.words)
            shorter, longer = (key, words) if len(key) <= len(words) else (words, key)
            if longer[-len(shorter) :] != shorter:
                continue
            # NER often labels a bare surname ORG ("De Blasio"); a person's surname wins
            surname_of_person = entity.kind == PERSON and shorter == key and len(key) < len(words)
            if kind is not None and entity.kind is not None and entity.kind != kind and not surname_of_person:
                continue
            if gender is not None and entity.gender not in (None, gender):
                continue
            if len(shorter) > 1 or entity.kind != ORGANISATION or len(longer) == 1:
                distance = self._distance(entity, position)
                if best_distance is None or distance < best_distance:
                    best, best_distance = entity, distance
        return best

    def _distance(self, entity: Entity, position: int) -> int:
        """Characters between ``position`` and the nearest earlier mention (later ones count double)."""
        positions = self._positions.get(id(entity))
        if not positions:
            return 10**9
        k = bisect.bisect_right(positions, position)
        best = position - positions[k - 1] if k else 10**9
        if k < len(positions):
            best = min(best, 2 * (positions[k] - position))
        return best

    # -- resolving mentions --------------------------------------------------------
    def resolve(self, mention: Span | None) -> Resolution:
        """Resolve a speaker mention (the subject of a cue) to an entity."""
        if mention is None or not len(mention):
            return Resolution(None, NO_SPEAKER, None, None)
        head = mention.root
        position = mention.start_char
        if len(mention) == 1 and head.lower_ in _GENERIC_PRONOUNS:
            return Resolution(None, NO_SPEAKER, None, None)
        if len(mention) == 1 and head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._resolve_pronoun(head, position)
        if head.lower_ in PRONOUNS and head.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return Resolution(None, DESCRIPTION, mention.text, None)  # "many of them", "some"
        if any(t.dep_ == "conj" and t.head.i == head.i for t in mention):
            return self._resolve_group(mention, position)  # "Mr. King and Mr. Schultz"
        titles, words = name_words(mention)
        # a name has a capital ("the senator" tagged PROPN is an office, not a name)
        proper = [w for w in words if w.pos_ == "PROPN" and w.text[:1].isupper() or (w.ent_type_ in _NAME_LABELS)]
        if proper and head.pos_ == "PROPN" or (words and head.ent_type_ in _NAME_LABELS):
            return self._resolve_name(mention, words, titles, position)
        if len(words) == 1 and _untagged_acronym_subject(head):
            return self._resolve_name(mention, words, titles, position, ORGANISATION)
        if _short_definite(mention) and (
            head.lower_ in ORGANISATION_NOUNS
            or head.lower_ in self._all_roles()
            or head.lower_ in self._organisation_heads()
        ):
            found = self._resolve_role(head, position, _role_modifiers(mention))
            if found is not None:
                return found
        kind = ORGANISATION if head.lower_ in ORGANISATION_NOUNS else None
        if head.tag_ in ("NNS", "NNPS") and kind is None:
            self._groups.append((position, mention.text))
        return Resolution(None, DESCRIPTION, mention.text, kind)

    def _resolve_group(self, mention: Span, position: int) -> Resolution:
        """Several speaking together, one mention: each name resolved ("Charles Grassley and Patrick
        Leahy"), a role resolved when the article names it ("the mayor" -> "Anna Berg"), other
        descriptions kept as written ("Anna Berg and her deputy"); a description followed by its
        appositive name is that name ("her deputy, Tom Olsen")."""
        doc = mention.doc
        parts: list[tuple[list[Token], str]] = [([], "")]  # (tokens, separator before them)
        for token in mention:
            if token.lower_ in ("and", ","):
                if parts[-1][0]:
                    parts.append(([], token.lower_))
            else:
                parts[-1][0].append(token)
        names: list[str] = []
        resolved = 0
        for tokens, separator in parts:
            if not tokens:
                continue
            span = doc[tokens[0].i : tokens[-1].i + 1]
            if len(tokens) == 1 and tokens[0].lower_ in PERSON_PRONOUNS:
                pronoun = self._resolve_pronoun(tokens[0], span.start_char)  # "she and her aides"
                names.append(pronoun.speaker or span.text)
                resolved += pronoun.speaker is not None
                continue
            titles, words = name_words(span)
            if words and (span.root.pos_ == "PROPN" or span.root.ent_type_ in _NAME_LABELS):
                name = self._resolve_name(span, words, titles, span.start_char).speaker or span.text
                if separator == "," and names and resolved < len(names):
                    names[-1] = name  # the appositive name of the description before it
                else:
                    names.append(name)
                resolved = len(names)
                continue
            found = None
            if _short_definite(span) and span.root.lower_ in self._all_roles():
                found = self._resolve_role(span.root, span.start_char, _role_modifiers(span))
            names.append(found.speaker if found is not None and found.speaker else span.text)
            resolved += found is not None
        if not resolved:
            return Resolution(None, DESCRIPTION, mention.text, None)
        return Resolution(None, DESCRIPTION, " and ".join(names), None)

    def _resolve_name(
        self, mention: Span, words: list[Token], titles: list[Token], position: int, kind: str | None = None
    ) -> Resolution:
        kind = guess_kind(_NAME_LABELS.get(mention.root.ent_type_, kind), titles, words)
        key = _name_key(words)
        known_before = key in self._by_words
        entity = self._entity_for_name(words, kind, position, create=True, gender=_title_gender(titles))
        if entity is None:
            return Resolution(None, DESCRIPTION, mention.text, None)
        if entity.kind is None and kind is not None:
            entity.kind = kind
        entity.add_alias(_text_of(words))
        if entity.kind == PERSON and entity.name.isupper() and len(entity.name) > 1:
            entity.name = entity.name.title()  # "MR. SMITH:" in a transcript is Smith
        if titles and entity.kind != ORGANISATION:
            entity.add_alias(_text_of([*titles, *words]))
            entity.roles.update(t.lower_.rstrip(".") for t in titles if is_title(t.text))
            entity.offer_title(_with_qualifier(titles), position)
        self._remember(entity, position)
        if len(key) == 1 and acronym_key(words[0].text) and len(entity.words) > 1:
            path = ACRONYM
        elif known_before and key == tuple(entity.words) or len(key) >= len(entity.words):
            path = EXPLICIT
        else:
            path = SURNAME
        return Resolution(entity, path, entity.name, entity.kind)

    def _all_roles(self) -> set[str]:
        roles: set[str] = set()
        for entity in self.entities:
            roles |= entity.roles
        return roles

    def _organisation_heads(self) -> set[str]:
        """Last words of the organisations' names ("district" for "Harlow County School District")."""
        return {e.words[-1] for e in self.entities if e.kind == ORGANISATION and len(e.words) > 1}

    def _resolve_role(self, head: Token, position: int, modifiers: set[str] | None = None) -> Resolution | None:
        word = head.lower_
        candidates = [e for e in self.entities if word in e.roles and (modifiers or set()) <= e.role_words]
        if not candidates:
            # "The Harlow County School District closed ... the district said": an organisation named
            # before, whose name ends on the noun
            candidates = [
                e
                for e in self.entities
                if e.kind == ORGANISATION and len(e.words) > 1 and e.words[-1] == word and self._before(e, position)
            ]
        if not candidates and word in ORGANISATION_NOUNS:
            candidates = [
                e for e in self.entities if e.kind == ORGANISATION and word in (w.lower() for w in e.name.split())
            ]
        if not candidates and word in ORGANISATION_TYPE_NOUNS:
            # "ICE said ... “We will not stop,” the agency said.": the organisation in focus
            wanted = organisation_types([word])
            entity = self._antecedent(
                {ORGANISATION},
                position,
                accept=lambda e: (
                    bool(types & wanted) if (types := organisation_types(e.words)) else "media" not in wanted
                ),
            )
            if entity is None:
                return None
            if not organisation_types(entity.words) and self._other_organisation_near(entity, position):
                return None  # a name that says nothing of its kind, among others: the antecedent is not clear
            entity.roles.add(word)
            self._remember(entity, position)
            return Resolution(entity, ROLE, entity.name, entity.kind)
        if not candidates:
            return None
        ranked = sorted(candidates, key=lambda e: self._distance(e, position))
        entity = ranked[0]
        ambiguous = len(ranked) > 1 and self._distance(ranked[1], position) < 2 * self._distance(entity, position)
        self._remember(entity, position)
        return Resolution(entity, ROLE, entity.name, entity.kind, ambiguous)

    def _other_organisation_near(self, entity: Entity, position: int) -> bool:
        """Whether another organisation was named within the pronoun window before ``position``."""
        end = bisect.bisect_left(self._history_keys, position)
        for pos, other, _ in reversed(self._history[max(0, end - 200) : end]):
            if position - pos > _PRONOUN_WINDOW:
                break
            if other is not entity and other.kind == ORGANISATION:
                return True
        return False

    def _before(self, entity: Entity, position: int) -> bool:
        positions = self._positions.get(id(entity))
        return positions is not None and bool(positions) and positions[0] < position

    def _resolve_pronoun(self, pronoun: Token, position: int) -> Resolution:
        word = pronoun.lower_
        if word in PERSON_PRONOUNS:
            wanted = {PERSON, None}
        elif word in GROUP_PRONOUNS:
            wanted = {ORGANISATION}
        else:
            return Resolution(None, PRONOUN, None, None)
        entity, ambiguous = self._antecedents(wanted, position, PRONOUN_GENDER.get(word))
        if word in ("they", "them"):
            group = self._nearby_group(position, entity)
            if group is not None:
                return Resolution(None, DESCRIPTION, group, None)
        if entity is None:
            office = self._nearby_office(position, PRONOUN_GENDER.get(word)) if word in PERSON_PRONOUNS else None
            if office is not None:
                return Resolution(None, DESCRIPTION, office, None)
            return Resolution(None, PRONOUN, None, None)
        if entity.kind is None and word in PERSON_PRONOUNS:
            entity.kind = PERSON
        self._remember(entity, position)
        return Resolution(entity, PRONOUN, entity.name, entity.kind, ambiguous)

    def _nearby_group(self, position: int, entity: Entity | None) -> str | None:
        """A plural description that spoke just before "they", nearer than ``entity``'s last mention."""
        earlier = [(pos, text) for pos, text in self._groups if 0 < position - pos <= _GROUP_WINDOW]
        if not earlier:
            return None
        pos, text = max(earlier)
        if entity is not None and position - pos > self._distance(entity, position):
            return None
        return text

    def _antecedent(
        self,
        kinds: set[str | None],
        position: int,
        gender: str | None = None,
        accept: Callable[[Entity], bool] | None = None,
    ) -> Entity | None:
        """The nearest earlier compatible entity, subjects and speakers first.

        ``gender`` (from he/she) skips entities known to be of the other gender.
        """
        return self._antecedents(kinds, position, gender, accept)[0]

    def _antecedents(
        self,
        kinds: set[str | None],
        position: int,
        gender: str | None = None,
        accept: Callable[[Entity], bool] | None = None,
    ) -> tuple[Entity | None, bool]:
        """:meth:`_antecedent`, and whether another compatible subject or speaker is as likely: one in
        the same sentence as the one chosen ("Anna Berg and Clara Holm met on Monday. She said ...")."""
        fallback = None
        chosen: tuple[int, Entity] | None = None
        end = bisect.bisect_left(self._history_keys, position)
        for pos, entity, salient in reversed(self._history[max(0, end - 200) : end]):
            if position - pos > _PRONOUN_WINDOW:
                break
            if entity.kind not in kinds:
                continue
            if gender is not None and entity.gender not in (None, gender):
                continue
            if accept is not None and not accept(entity):
                continue
            if chosen is not None:
                if salient and entity is not chosen[1] and self._same_sentence(pos, chosen[0]):
                    return chosen[1], True
                if not self._same_sentence(pos, chosen[0]):
                    break
                continue
            if salient:
                chosen = (pos, entity)
                continue
            if fallback is None:
                fallback = entity
        if chosen is not None:
            return chosen[1], False
        return fallback, False

    def _same_sentence(self, a: int, b: int) -> bool:
        starts = self._token_starts
        first = self.doc[max(0, bisect.bisect_right(starts, a) - 1)]
        second = self.doc[max(0, bisect.bisect_right(starts, b) - 1)]
        return first.sent.start == second.sent.start

    def _remember(self, entity: Entity, position: int) -> None:
        """Record a speaker mention: speakers are the most salient antecedents."""
        self._used.add(id(entity))
        index = bisect.bisect_right(self._history_keys, position)
        self._history.insert(index, (position, entity, True))
        self._history_keys.insert(index, position)
        bisect.insort(self._positions.setdefault(id(entity), []), position)

    def speaker_entities(self) -> list[Entity]:
        """Entities that were resolved as the speaker of at least one statement."""
        return [e for e in self.entities if id(e) in self._used]
