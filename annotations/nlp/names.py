"""String helpers for people's and organisations' names: titles, acronyms, pronouns."""

from __future__ import annotations

import re

PERSON, ORGANISATION = "person", "organisation"

# Titles and honorifics that may precede a name ("Mayor Bill de Blasio", "Sen. Warren").
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "reverend",
        "fr",
        "sen",
        "senator",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "gov",
        "governor",
        "lt",
        "mayor",
        "councilman",
        "councilwoman",
        "councillor",
        "councilor",
        "councilmember",
        "alderman",
        "alderwoman",
        "assemblyman",
        "assemblywoman",
        "assemblymember",
        "del",
        "delegate",
        "president",
        "vice",
        "vp",
        "premier",
        "minister",
        "secretary",
        "chancellor",
        "ambassador",
        "judge",
        "justice",
        "attorney",
        "general",
        "gen",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "cmdr",
        "commander",
        "adm",
        "admiral",
        "sgt",
        "sergeant",
        "officer",
        "det",
        "detective",
        "chief",
        "commissioner",
        "speaker",
        "leader",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "sheriff",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "former",
        "acting",
        "deputy",
        "interim",
        "candidate",
        "nominee",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    ]
)

PERSON_PRONOUNS = frozenset(["he", "she", "him", "her"])
GROUP_PRONOUNS = frozenset(["it", "they", "them"])
OTHER_PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "who",
        "whom",
        "which",
        "that",
        "this",
        "these",
        "those",
        "one",
        "someone",
        "everyone",
        "some",
        "many",
    ]
)
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | OTHER_PRONOUNS

# Common nouns that stand for an organisation ("the agency said").
ORGANISATION_NOUNS = frozenset(
    [
        "agency",
        "department",
        "company",
        "campaign",
        "committee",
        "administration",
        "group",
        "organization",
        "organisation",
        "bureau",
        "commission",
        "court",
        "union",
        "council",
        "party",
        "firm",
        "bank",
        "fund",
        "network",
        "newspaper",
        "paper",
        "ministry",
        "office",
        "government",
        "board",
        "institute",
        "foundation",
        "center",
        "centre",
        "association",
        "coalition",
        "caucus",
        "team",
        "white",
        "house",
        "police",
        "service",
    ]
)

_ACRONYM_STOPWORDS = frozenset(["and", "of", "the", "for", "on", "in", "to", "at", "&"])
_DOTS = re.compile(r"\.")


def is_title(word: str) -> bool:
    """True if ``word`` ("Sen.", "Mayor") is a title or honorific."""
    return word.lower().rstrip(".") in TITLE_WORDS


# Titles only a person carries: a name after one of them is a person even when NER says ORG
# ("Councillor Anika Brandt"). Not "General" (General Motors) nor "Chief", "Director".
PERSON_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sen",
        "senator",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "gov",
        "governor",
        "mayor",
        "councilman",
        "councilwoman",
        "councillor",
        "councilor",
        "councilmember",
        "alderman",
        "alderwoman",
        "assemblyman",
        "assemblywoman",
        "assemblymember",
        "del",
        "delegate",
        "sheriff",
        "pope",
        "rev",
        "reverend",
    ]
)


def is_person_honorific(word: str) -> bool:
    """True if ``word`` ("Mrs.", "Councillor") is a title only people carry."""
    return word.lower().rstrip(".") in PERSON_HONORIFICS


def acronym_key(word: str) -> str | None:
    """'ICE' / 'F.B.I.' -> 'ICE' / 'FBI'; None when the word is not an acronym."""
    letters = _DOTS.sub("", word)
    if 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper():
        return letters
    return None


def initials(words: list[str]) -> str:
    """Initials of the capitalised words of a name ('Department of Homeland Security' -> 'DHS').

    Dotted abbreviations contribute all their letters ('U.S.' -> 'US').
    """
    out = []
    for word in words:
        if word.lower() in _ACRONYM_STOPWORDS:
            continue
        key = acronym_key(word)
        if key:
            out.append(key)
        elif word[:1].isupper():
            out.append(word[0])
    return "".join(out)


def expands_acronym(acronym: str, words: list[str]) -> bool:
    """True if ``words`` spell ``acronym`` (allowing a leading qualifier such as 'U.S.')."""
    if len(words) < 2:
        return False
    spelled = initials(words)
    return len(spelled) >= 2 and (spelled == acronym or spelled.endswith(acronym))
