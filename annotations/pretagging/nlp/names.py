"""String helpers for people's and organisations' names: titles, acronyms, pronouns."""

from __future__ import annotations

import re

PERSON, ORGANISATION = "person", "organisation"

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


# Titles and honorifics that may precede a name in running text ("Mayor Bill de Blasio", "Sen. Warren"): a
# word here is never taken as part of a speaker's name. Deliberately not annotations.common.names.TITLES, the
# registry's list of words dropped from given names when stored names are compared: this one is longer
# (ranks, "spokeswoman", "nominee": a missed title here glues a word to a name) and leaves out "prime" and
# "state", which in text start names ("State Department", "Prime Holdings") more often than offices.
TITLE_WORDS = PERSON_HONORIFICS | frozenset(
    [
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "fr",
        "lt",
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

PERSON_PRONOUNS = frozenset(["he", "she", "him", "her", "his"])
GROUP_PRONOUNS = frozenset(["it", "they", "them", "its", "their"])
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
        "university",
        "corporation",
        "nonprofit",
        "charity",
        "outlet",
        "publication",
        "website",
        "site",
        "panel",
        "regulator",
        "watchdog",
    ]
)

# Organisation nouns that stand for the organisation in focus when no name contains them
# ("ICE said ... the agency said" -> ICE). Not "campaign", "administration", "house",
# "police", "team": those usually belong to a person or are names of their own.
ORGANISATION_TYPE_NOUNS = frozenset(
    [
        "agency",
        "department",
        "company",
        "group",
        "organization",
        "organisation",
        "bureau",
        "commission",
        "committee",
        "union",
        "council",
        "firm",
        "bank",
        "fund",
        "network",
        "newspaper",
        "paper",
        "ministry",
        "board",
        "institute",
        "foundation",
        "association",
        "coalition",
        "court",
        "university",
        "corporation",
        "nonprofit",
        "charity",
        "outlet",
        "publication",
        "website",
        "site",
        "panel",
        "regulator",
        "watchdog",
    ]
)

# Kinds of organisation, by the nouns that name them. "the union" is not the "Department of
# Environmental Protection": a name holding a noun of another kind is not a candidate.
_ORGANISATION_TYPES = {
    "government": "agency department bureau office commission ministry administration regulator service authority",
    "business": "company firm corporation bank business inc corp co llc group",
    "civil": "union association federation group organization organisation coalition nonprofit charity "
    "foundation institute center centre council alliance league fund society",
    "media": "network newspaper paper outlet publication website site magazine times post journal news gazette "
    "herald tribune chronicle daily press radio television tv broadcasting observer examiner",
    "body": "committee panel board council commission caucus court",
}
ORGANISATION_TYPES: dict[str, frozenset[str]] = {}
for _type, _words in _ORGANISATION_TYPES.items():
    for _word in _words.split():
        ORGANISATION_TYPES[_word] = ORGANISATION_TYPES.get(_word, frozenset()) | {_type}


def organisation_types(words: list[str]) -> frozenset[str]:
    """Kinds of organisation named by ``words`` ('Department of Labor' -> government)."""
    found: frozenset[str] = frozenset()
    for word in words:
        found |= ORGANISATION_TYPES.get(word.lower(), frozenset())
    return found


_ACRONYM_STOPWORDS = frozenset(["and", "of", "the", "for", "on", "in", "to", "at", "&"])
_DOTS = re.compile(r"\.")


def is_title(word: str) -> bool:
    """True if ``word`` ("Sen.", "Mayor") is a title or honorific."""
    return word.lower().rstrip(".") in TITLE_WORDS


# Courtesy titles say nothing about the office a person holds.
_COURTESY_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady"])
# Abbreviated offices, written out in a speaker's label ("Sen." -> "Senator").
_OFFICE_ABBREVIATIONS = {
    "sen": "Senator",
    "rep": "Representative",
    "gov": "Governor",
    "lt": "Lieutenant",
    "gen": "General",
    "pres": "President",
    "sec": "Secretary",
    "amb": "Ambassador",
    "atty": "Attorney",
    "supt": "Superintendent",
    "insp": "Inspector",
    "det": "Detective",
    "sgt": "Sergeant",
    "capt": "Captain",
    "col": "Colonel",
    "adm": "Admiral",
    "del": "Delegate",
    "rev": "Reverend",
    "prof": "Professor",
}


_QUALIFIERS_ALONE = frozenset({"former", "acting", "interim", "then"})


def office_title(titles: list[str]) -> str | None:
    """The office in the titles before a name, written out: ["Sen."] -> "Senator", ["Mr."] -> None."""
    words = [word for word in titles if word.lower().rstrip(".") not in _COURTESY_TITLES]
    if all(word.lower() in _QUALIFIERS_ALONE for word in words):
        return None  # "former Dr. Lee": a qualifier with no office to qualify
    if not words:
        return None
    return " ".join(_OFFICE_ABBREVIATIONS.get(word.lower().rstrip("."), word) for word in words)


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


# -- gender evidence (for he/she agreement) --------------------------------------------
MALE, FEMALE = "male", "female"

PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE, "hers": FEMALE}

# Honorifics and role nouns that say whether a person is a man or a woman.
_GENDERED_WORDS = {
    MALE: """
        mr sir lord king prince congressman councilman assemblyman alderman chairman spokesman
        businessman sportsman statesman father brother son husband uncle grandfather boyfriend
        actor widower nephew
        """,
    FEMALE: """
        mrs ms miss madam dame lady queen princess congresswoman councilwoman assemblywoman
        alderwoman chairwoman spokeswoman businesswoman stateswoman mother sister daughter wife
        aunt grandmother girlfriend actress widow niece
        """,
}
GENDERED_WORDS = {word: gender for gender, words in _GENDERED_WORDS.items() for word in words.split()}

# Common English given names (a general list, not names from any particular article).
# A name used for both (Jordan, Taylor) is in neither list.
_FIRST_NAMES = {
    MALE: """
        aaron adam adrian alan albert alex alexander alfred allen andrew andy angelo anthony
        antonio arnold arthur austin barry ben benjamin bernard bernie bill billy bob bobby
        brad bradley brandon brett brian bruce bryan calvin carl carlos chad charles charlie chris
        christopher chuck clarence cory craig curtis dan daniel danny darrell dave david dean
        dennis derek dick don donald doug douglas duncan dwight earl ed eddie edward elijah eric
        ernest eugene evan frank franklin fred frederick gary gavin gene geoffrey george gerald
        glenn gordon greg gregory harold harry harvey henry herbert howard hugh ian isaac jack
        jacob jake james jason jay jeff jeffrey jeremy jerry jesse jim jimmy joe joel john johnny
        jon jonathan jorge jose joseph josh joshua juan justin keith ken kenneth kevin kyle larry
        lawrence leo leon leonard lewis louis luis luke marco marcus mark martin
        matt matthew max michael mick mike mitch nathan neil nicholas nick
        noah norman oliver oscar patrick paul peter phil philip ralph randy ray raymond
        richard rick rob robert roberto rodney roger ron ronald roy russell ryan sam samuel scott
        sean seth shawn stephen steve steven stuart ted thomas tim timothy todd tom tommy
        tony travis troy vernon victor vincent wade walter warren wayne wesley william willie
        """,
    FEMALE: """
        abigail alexandra alice alicia alison allison alma amanda amber amy ana angela
        anita ann anna anne annie april ashley audrey ava barbara betsy betty beverly bonnie
        brenda brittany carla carmen carol caroline carolyn catherine cathy charlotte cheryl
        christina christine cindy claire clara claudia connie cynthia danielle deborah debbie
        debra denise diana diane donna doris dorothy elaine eleanor elizabeth ellen emily emma
        erica erin esther eva evelyn florence frances gabrielle gail gina gloria grace gwen hannah
        heather heidi helen hillary holly ingrid irene jacqueline jane janet janice jasmine
        jeanne jennifer jessica jill joan joanne jodi josephine joyce judith judy julia julie
        karen katherine kathleen kathryn kathy katie kay kimberly kirsten kristen laura
        lauren linda lisa loretta lori louise lucy madeleine margaret maria marie marilyn
        marsha martha mary maureen megan melanie melissa michelle monica nancy natalie
        nicole nina nora olivia pam pamela patricia paula peggy penny rachel rebecca regina rita
        roberta rosa rose ruth sally samantha sandra sara sarah sharon sheila shirley sonia
        sophia stephanie susan suzanne sylvia tammy teresa theresa tiffany tina tracy valerie
        vanessa victoria virginia wanda wendy yvonne zoe
        """,
}
FIRST_NAMES = {name: gender for gender, names in _FIRST_NAMES.items() for name in names.split()}


def word_gender(word: str) -> str | None:
    """'Mrs.' / 'congresswoman' -> female, 'Mr.' / 'spokesman' -> male, else None."""
    return GENDERED_WORDS.get(word.lower().rstrip("."))


def first_name_gender(word: str) -> str | None:
    """The usual gender of a given name ('Hillary' -> female), None when unknown or shared."""
    return FIRST_NAMES.get(word.lower())
