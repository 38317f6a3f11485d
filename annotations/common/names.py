"""Keys that make names comparable: normalised form, surname and initials. Pure functions, no database.

They are stored on every SpeakerAlias so that resolution and duplicate detection are index lookups.
"""

import re
import unicodedata

# Words that do not carry a name's identity: left out of surnames and initials.
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}
_STOPWORDS = {"of", "and", "the", "for", "on", "in", "to", "at", "de", "del", "la", "le", "du", "von", "van", "a", "an"}
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
