"""The cue lexicon: which words introduce a statement, and what they may govern.

Cues are matched on the lower-cased surface form (every inflection is listed), never on
the lemma alone: the small English model lemmatises some forms wrongly ("taxes" ->
"taxis"), and a surface list is also cheaper than a lemma lookup.

Each cue verb belongs to a class that says how strong a signal it is and which
complements carry its content:

* ``speech``: verbs of saying ("said", "told", "warned") - strongest;
* ``report``: documents and evidence ("shows", "found", "reported");
* ``thought``: beliefs and attitudes ("believes", "thinks", "fears");
* ``intent``: plans and wishes, content is a to-infinitive ("plans to", "wants to").
"""

from __future__ import annotations

from dataclasses import dataclass

SPEECH, REPORT, THOUGHT, INTENT = "speech", "report", "thought", "intent"

# Base forms per class. "+" marks verbs that double their final consonant (admit -> admitted).
_CLASS_VERBS: dict[str, str] = {
    SPEECH: """
        say tell add argue warn claim insist state explain note write declare announce
        assert contend maintain acknowledge admit+ confirm deny report reply respond answer
        ask suggest predict promise vow pledge tweet post testify recall remark observe
        continue conclude concede complain emphasize emphasise stress urge counter retort
        quip+ joke boast charge allege accuse reiterate repeat caution describe call
        mention reveal disclose tout lament predict proclaim announce threaten demand
        criticize criticise praise blast slam+ attack dismiss reject question defend
        blame condemn accuse challenge cite recommend propose pledge hint scoff
        agree disagree object protest urge contend signal concur label brand dub liken
        rail brag rant sing
        shout yell exclaim exhort implore chant denounce decry deride ridicule mock lambaste
        castigate rebuke chastise grill laud hail applaud commend outline detail
        highlight invoke dispute refute rebut+ pitch tout read express paint point
    """,
    REPORT: """
        show find indicate reveal estimate project conclude suggest report document
        predict find
    """,
    THOUGHT: """
        believe think feel know fear worry doubt hope expect assume realize realise
        understand recognize recognise consider suspect see view regard wonder guess
        acknowledge learn prefer+ support oppose favor favour endorse back embrace champion
        admire advocate promote
    """,
    INTENT: """
        want plan+ intend seek refuse decline vow pledge promise threaten hope aim
        try+ wish need decide agree prepare
    """,
}

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "feel": ("feels", "felt", "feeling"),
    "know": ("knows", "knew", "known", "knowing"),
    "find": ("finds", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "seek": ("seeks", "sought", "seeking"),
    "understand": ("understands", "understood", "understanding"),
    "see": ("sees", "saw", "seen", "seeing"),
    "learn": ("learns", "learned", "learnt", "learning"),
    "forecast": ("forecasts", "forecast", "forecasting"),
    "read": ("reads", "read", "reading"),
    "sing": ("sings", "sang", "sung", "singing"),
}

# Verbs whose direct object is the content ("criticized the plan", "cited a poll").
OBJECT_CONTENT_VERBS = frozenset(
    [
        "announce",
        "cite",
        "criticize",
        "criticise",
        "praise",
        "deny",
        "acknowledge",
        "propose",
        "oppose",
        "reject",
        "question",
        "demand",
        "blame",
        "defend",
        "attack",
        "condemn",
        "dismiss",
        "predict",
        "recommend",
        "want",
        "support",
        "endorse",
        "tout",
        "lament",
        "slam",
        "blast",
        "mock",
        "disclose",
        "reveal",
        "promise",
        "pledge",
        "estimate",
        "denounce",
        "decry",
        "deride",
        "ridicule",
        "lambaste",
        "castigate",
        "rebuke",
        "chastise",
        "grill",
        "laud",
        "hail",
        "applaud",
        "commend",
        "outline",
        "detail",
        "highlight",
        "invoke",
        "dispute",
        "refute",
        "rebut",
        "pitch",
        "back",
        "embrace",
        "champion",
        "admire",
        "advocate",
        "claim",
        "mention",
        "express",
        "promote",
    ]
)

# Verbs that name something as something ("called the plan a disaster", "labeled him a liar"):
# their content is the object with its complement.
NAMING_VERBS = frozenset(["call", "label", "brand", "dub", "describe", "term", "deem", "declare", "liken", "paint"])

# Verbs whose to-infinitive complement is the content ("plans to", "urged them to").
INFINITIVE_CONTENT_VERBS = frozenset(
    [
        "want",
        "plan",
        "intend",
        "seek",
        "refuse",
        "decline",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "hope",
        "aim",
        "wish",
        "decide",
        "agree",
        "expect",
        "urge",
        "ask",
        "call",
        "prepare",
    ]
)

# Verbs that take "of" + content ("accused ICE of trying"), "for" ("called for").
PREPOSITION_CONTENT = {
    "accuse": ("of",),
    "warn": ("of", "about", "against"),
    "call": ("for",),
    "criticize": ("for",),
    "criticise": ("for",),
    "blame": ("for",),
    "praise": ("for",),
    "complain": ("about",),
    "talk": ("about",),
    "ask": ("about",),
    "testify": ("about",),
    "speak": ("about", "against", "out"),
    "rail": ("against",),
    "brag": ("about",),
    "boast": ("about",),
    "joke": ("about",),
    "rant": ("about", "against"),
    "press": ("on",),
}

CLASS_STRENGTH = {SPEECH: 1.0, REPORT: 0.7, THOUGHT: 0.6, INTENT: 0.5}


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word form: its base verb and class."""

    lemma: str
    cue_class: str | None  # None: a verb that is no cue, taken as one for a named agent


def _inflect(base: str, doubles: bool) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    stem = base + base[-1] if doubles else base
    if base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    return base, third, past, ing


def _build_lexicon() -> dict[str, Cue]:
    lexicon: dict[str, Cue] = {}
    # Later classes must not overwrite the stronger reading of a verb.
    for cue_class in (SPEECH, REPORT, THOUGHT, INTENT):
        for entry in _CLASS_VERBS[cue_class].split():
            base, doubles = entry.rstrip("+"), entry.endswith("+")
            for form in _inflect(base, doubles):
                lexicon.setdefault(form, Cue(base, cue_class))
    return lexicon


CUE_VERBS: dict[str, Cue] = _build_lexicon()

# Verbs that only count as a cue before a clause or a quotation ("called it", "see" alone
# are too frequent as plain verbs otherwise).
CLAUSE_ONLY = frozenset(
    [
        "call",
        "see",
        "know",
        "find",
        "feel",
        "continue",
        "add",
        "understand",
        "learn",
        "consider",
        "view",
        "regard",
        "need",
        "try",
        "prepare",
        "decide",
        "aim",
        "hope",
        "agree",
        "support",
        "oppose",
        "favor",
        "favour",
        "prefer",
        "wonder",
        "guess",
        "answer",
        "post",
        "repeat",
        "signal",
        "charge",
        "project",
        "document",
        "object",
        "challenge",
        "read",
        "point",  # "pointed out that ...", not "pointed to the data"
    ]
)

# Adjectives and nouns of stance or speech that report through a preposition: "X is critical
# of Y", "X, a staunch opponent of Y", "X made comments about Y", "X's attacks on Y".
STANCE_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ["critical", "supportive", "skeptical", "sceptical", "wary", "dismissive", "contemptuous"], ("of",)
    ),
    **dict.fromkeys(
        ["concerned", "worried", "optimistic", "pessimistic", "confident", "vocal", "outspoken", "coy", "adamant"],
        ("about", "over", "on"),
    ),
    **dict.fromkeys(["critic", "critics", "opponent", "opponents", "supporter", "supporters"], ("of",)),
    **dict.fromkeys(["defender", "defenders", "proponent", "proponents", "advocate", "advocates"], ("of", "for")),
    **dict.fromkeys(["criticism", "condemnation", "praise", "denunciation"], ("of",)),
    **dict.fromkeys(["attack", "attacks", "assault"], ("on", "against")),
    **dict.fromkeys(
        ["comment", "comments", "remark", "remarks", "questions", "complaints", "concerns"], ("about", "on")
    ),
    **dict.fromkeys(["call", "calls", "demand", "demands", "push"], ("for",)),
}

# Nouns whose "that" clause or to-infinitive is what someone said, thought or intends
# ("Trump's claim that ...", "her promise to rebuild the pier").
CONTENT_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        [
            "claim",
            "claims",
            "assertion",
            "argument",
            "insistence",
            "contention",
            "statement",
            "suggestion",
            "warning",
            "warnings",
            "promise",
            "promises",
            "pledge",
            "vow",
            "threat",
            "charge",
            "charges",
            "allegation",
            "allegations",
            "accusation",
            "accusations",
            "announcement",
            "admission",
            "acknowledgment",
            "acknowledgement",
            "denial",
            "prediction",
            "estimate",
            "conclusion",
            "finding",
            "message",
            "call",
            "demand",
        ],
        SPEECH,
    ),
    **dict.fromkeys(["belief", "view", "fear", "fears", "hope", "hopes", "concern", "worry", "assessment"], THOUGHT),
    **dict.fromkeys(
        ["plan", "plans", "decision", "intention", "goal", "bid", "effort", "attempt", "determination", "desire"],
        INTENT,
    ),
}

# Verbs by which someone utters a content noun as their own ("made the claim that",
# "repeated her promise to"); "rejected the suggestion that" does not.
UTTERING_VERBS = frozenset(
    [
        "make",
        "makes",
        "made",
        "making",
        "repeat",
        "repeats",
        "repeated",
        "repeating",
        "reiterate",
        "reiterated",
        "issue",
        "issued",
        "voice",
        "voiced",
        "express",
        "expressed",
        "renew",
        "renewed",
        "restate",
        "restated",
        "offer",
        "offered",
        "deliver",
        "delivered",
        "have",
        "has",
        "had",
    ]
)

# Speech verbs whose "about"/"against"/"on" phrase is what they report ("complained about
# the microphone", "railed against super PACs").
SPEECH_PREPOSITIONS = ("about", "against", "on", "over")

# Nouns that head attributions: "in a statement", "the report says" (speaker nouns).
STATEMENT_NOUNS = frozenset(
    ["statement", "interview", "letter", "post", "tweet", "speech", "remarks", "press", "release", "email", "memo"]
)


# Speech verbs that open an inverted attribution ("Said Ellis: ...", "Added Ruiz, ...");
# the tagger often takes the capitalised verb for part of the name.
INVERSION_VERBS = frozenset(
    ["said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "tweeted", "explained", "noted", "recalled"]
)


def lookup(word_lower: str) -> Cue | None:
    """Return the cue for a lower-cased verb form, or None."""
    return CUE_VERBS.get(word_lower)
