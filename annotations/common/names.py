"""Keys that make names comparable: normalised form, surname and initials. Pure functions, no database.

They are stored on every SpeakerAlias so that resolution and duplicate detection are index lookups.
"""

import re
import unicodedata

# Words that do not carry a name's identity: left out of surnames and initials.
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}
# Lower-case words inside a name ("Bill de Blasio"), not before it.
_PARTICLES = {"de", "del", "la", "le", "du", "von", "van"}
_ARTICLES = {"the", "a", "an"}
_STOPWORDS = {"of", "and", "for", "on", "in", "to", "at"} | _PARTICLES | _ARTICLES
# Words left out of a stored name's given names when two registry names are compared ("Prime Minister Ana
# Ruiz" and "Ana Ruiz" share the given name "ana"), and the offices a mention's name is split from. Not the
# NLP core's TITLE_WORDS (annotations/pretagging/nlp/names.py), which says which words may stand before a
# name in running text: that list is longer (military ranks, "nominee") because a missed title
# there glues a word to the speaker's name, and it leaves out "prime" and "state", which in text begin names
# ("State Department") more often than offices. This module must not import the NLP package (it needs no
# spaCy), so the lists stay two.
TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "rev",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "representative",
    "mayor",
    "president",
    "secretary",
    "gen",
    "general",
    "judge",
    "justice",
    "chief",
    "lord",
    "lady",
    "former",
    "acting",
    "deputy",
    "vice",
    "minister",
    "prime",
    "state",
    "attorney",
    "director",
    "chair",
    "chairman",
    "chairwoman",
    "commissioner",
    "councilman",
    "councilwoman",
    "councilmember",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "sheriff",
    "superintendent",
    "professor",
    "reverend",
    "interim",
}


def normalize_name(name: str) -> str:
    """The form names are compared in: case-folded, accents and punctuation dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.sub(r"[^\w\s]", " ", without_marks.casefold().replace("’", "").replace("'", ""))
    return " ".join(words.split())


def _tokens(normalized: str) -> list[str]:
    return [token for token in normalized.split() if token not in _SUFFIXES]


def surname_key(normalized: str) -> str:
    """The last name-bearing word ("bill de blasio" → "blasio"); empty for one-word names."""
    tokens = _tokens(normalized)
    return tokens[-1] if len(tokens) > 1 else ""


def given_names(normalized: str) -> list[str]:
    """The words before the surname, titles left out ("mayor bill de blasio" → ["bill"])."""
    tokens = [t for t in _tokens(normalized)[:-1] if t not in TITLES and t not in _STOPWORDS]
    return tokens


def name_fullness(normalized: str) -> int:
    """How much of a name is given: its words besides titles ("fire chief marcus delgado" and "marcus delgado"
    → 2, "delgado" → 1). Of two records of one person, the fuller name is the better one to keep."""
    return len(given_names(normalized)) + (1 if _tokens(normalized) else 0)


def initials_key(normalized: str) -> str:
    """Initials of the significant words of a multi-word name: "u s immigration and customs enforcement" → "ice".

    Single letters (the "U.S." of an agency's name) and small words are left out, as acronyms usually do.
    """
    words = [t for t in _tokens(normalized) if len(t) > 1 and t not in _STOPWORDS]
    return "".join(word[0] for word in words) if len(words) >= 2 else ""


def first_names_compatible(left: list[str], right: list[str]) -> bool:
    """ "Tony" fits "Tony", "T" and nothing given; "Tony" and "Ann" do not fit."""
    if not left or not right:
        return True
    a, b = left[0], right[0]
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _is_title(word: str) -> bool:
    return word.casefold().rstrip(".") in TITLES


def split_mention(mention: str) -> tuple[str, str]:
    """A mention as written, split into (name, office): "board chair Helen Park" → ("Helen Park", "board chair").

    A leading "the", "a" or "an" goes; then the words before the name are the office: words in TITLES
    ("Sen.", "Mayor", "Acting") and lower-case words ("board chair"), except a particle that starts a name
    ("de Blasio"). A mention without a name ("he", "the mayor") gives ("", "").
    """
    words = mention.split()
    if words and words[0].casefold() in _ARTICLES:
        words = words[1:]
    at = 0
    while at < len(words):
        word = words[at]
        starts_name = word[:1].isupper() or word.casefold() in _PARTICLES
        if starts_name and not _is_title(word):
            break
        at += 1
    if at == len(words):
        return "", ""
    return " ".join(words[at:]), " ".join(words[:at])


def guess_kind(mention: str) -> str:
    """The kind of speaker a mention names, as Speaker.Kind's values: "organisation" for a name after "the"
    ("the Riders Alliance") or an acronym ("ICE", "F.B.I."), with no office before it; "person" otherwise."""
    name, office = split_mention(mention)
    if not name or office:
        return "person"
    letters = name.replace(".", "")
    acronym = " " not in name and len(letters) >= 2 and letters.isalpha() and letters.isupper()
    after_the = mention.split()[0].casefold() == "the"
    return "organisation" if acronym or after_the else "person"
