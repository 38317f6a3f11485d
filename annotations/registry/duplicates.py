"""Which speakers are probably the same person or organisation. Reads only; every lookup uses an index.

Signals, strongest first: an alias in common; an acronym and its expansion ("ICE" / "U.S. Immigration
and Customs Enforcement"); the same surname with compatible first names ("Pham" / "Tony Pham",
"T. Pham" / "Tony Pham"); one name inside the other; on PostgreSQL, trigram similarity of names
("Bill DeBlasio" / "Bill de Blasio"). Pairs an editor marked "not the same" are never suggested.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q, Value

from ..common.names import first_names_compatible, given_names, normalize_name
from ..models import NotSameSpeakers, Speaker, SpeakerAlias

TRIGRAM_THRESHOLD = 0.45


@dataclass
class DuplicateCandidate:
    speaker: Speaker
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Evidence:
    """What the aliases found so far say about one speaker being `speaker`: how likely, and why."""

    score: float
    reasons: list[str] = field(default_factory=list)

    def add(self, score: float, reason: str) -> None:
        self.score = max(self.score, score) + (0.05 if reason not in self.reasons and self.reasons else 0)
        if reason not in self.reasons:
            self.reasons.append(reason)


def _excluded_ids(speaker: Speaker) -> set[int]:
    pairs = NotSameSpeakers.objects.filter(Q(first=speaker) | Q(second=speaker)).values_list("first", "second")
    return {pk for pair in pairs for pk in pair} | {speaker.pk}


def speaker_duplicate_candidates(*, speaker: Speaker, limit: int = 10) -> list[DuplicateCandidate]:
    """The speakers most likely to be `speaker` under another name, best first."""
    own = list(speaker.aliases.values_list("normalized", "surname", "initials"))
    if not own:
        return []
    names = {normalized for normalized, _s, _i in own}
    surnames = {surname for _n, surname, _i in own if surname} | {n for n in names if " " not in n}
    initials = {value for _n, _s, value in own if value}
    own_given = [given_names(n) for n in names if " " in n]

    lookups = Q(normalized__in=names | surnames | initials) | Q(surname__in=surnames) | Q(initials__in=names)
    for name in names:
        if name.count(" ") >= 2:  # long enough that containment means something
            lookups |= Q(normalized__contains=name)
    aliases = SpeakerAlias.objects.all()
    if connection.vendor == "postgresql":
        canonical = normalize_name(speaker.name)
        with connection.cursor() as cursor:  # the % operator's cut-off; the trigram index serves it
            cursor.execute("SET pg_trgm.similarity_threshold = %s", [TRIGRAM_THRESHOLD])
        lookups |= Q(normalized__trigram_similar=canonical)
        aliases = aliases.annotate(similarity=TrigramSimilarity("normalized", canonical))
    else:
        aliases = aliases.annotate(similarity=Value(0.0))
    rows = (
        aliases.filter(lookups)
        .filter(speaker__merged_into__isnull=True)
        .exclude(speaker__status=Speaker.Status.NOT_A_SPEAKER)
        .exclude(speaker_id__in=_excluded_ids(speaker))
        .order_by()
        .values_list("speaker_id", "name", "normalized", "surname", "initials", "speaker__kind", "similarity")[:1000]
    )
    found: dict[int, _Evidence] = {}
    for speaker_id, *alias in rows:
        evidence = found.setdefault(speaker_id, _Evidence(0.0))
        _score(evidence, AliasRow(*alias), names, surnames, initials, own_given, speaker.kind)
    best = sorted(((e.score, pk) for pk, e in found.items() if e.score > 0), reverse=True)[:limit]
    speakers = Speaker.objects.in_bulk([pk for _rank, pk in best])
    candidates = [DuplicateCandidate(speakers[pk], found[pk].score, found[pk].reasons) for _rank, pk in best]
    return sorted(candidates, key=lambda c: (-c.score, c.speaker.name))


@dataclass
class AliasRow:
    name: str
    normalized: str
    surname: str
    initials: str
    kind: str
    similarity: float


def _score(
    candidate: _Evidence,
    alias: AliasRow,
    names: set[str],
    surnames: set[str],
    initials: set[str],
    own_given: list[list[str]],
    kind: str,
) -> None:
    other = alias.normalized
    if other in names:
        candidate.add(1.0, f"both are called “{alias.name}”")
    if other in initials or alias.initials in names:
        candidate.add(0.85, f"“{alias.name}” and an acronym")
    people = kind == Speaker.Kind.PERSON and alias.kind == Speaker.Kind.PERSON
    same_surname = people and ((alias.surname and alias.surname in surnames) or other in surnames)
    if same_surname:
        theirs = given_names(other) if alias.surname else []
        if not all(first_names_compatible(mine, theirs) for mine in own_given or [[]]):
            return  # "Linh Pham" is not "Tony Pham", however alike the letters
        candidate.add(0.8 if theirs and own_given else 0.7, f"same surname as “{alias.name}”")
    if any(len(name) > 3 and (f" {name} " in f" {other} " or f" {other} " in f" {name} ") for name in names):
        candidate.add(0.7, f"one name contains the other (“{alias.name}”)")
    similarity = alias.similarity or 0.0
    if similarity >= TRIGRAM_THRESHOLD:
        candidate.add(round(0.4 + similarity / 2, 2), f"similar spelling to “{alias.name}”")
