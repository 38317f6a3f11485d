"""Reads for the speaker registry pages: a fixed number of queries per page, whatever the registry's size."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from ..common.names import name_fullness, normalize_name
from ..models import Speaker, SpeakerAlias, SpeakerEvent, Statement
from .duplicates import DuplicateCandidate, speaker_duplicate_candidates

SAMPLES_PER_SPEAKER = 3  # statements shown in context for each speaker in triage


def triage_speakers(*, q: str = "", status: str = "unchecked", kind: str = "", origin: str = "") -> QuerySet[Speaker]:
    """Speakers to check, newest first, each with `statement_count` and `samples` (its latest statements)."""
    speakers = Speaker.objects.filter(merged_into__isnull=True)
    if status != "all":
        speakers = speakers.filter(status=status)
    else:
        speakers = speakers.exclude(status=Speaker.Status.NOT_A_SPEAKER)
    if kind:
        speakers = speakers.filter(kind=kind)
    if origin:
        speakers = speakers.filter(origin=origin)
    normalized = normalize_name(q)
    if normalized:
        alias_hit = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), normalized__contains=normalized)
        speakers = speakers.filter(Q(name__icontains=q) | Exists(alias_hit))
    samples = Statement.objects.select_related("article").defer("article__body").order_by("-pk")[:SAMPLES_PER_SPEAKER]
    return (
        speakers.annotate(statement_count=Count("statements"))  # type: ignore[no-redef]  # plugin: statement_count is declared on Speaker, not a field
        .prefetch_related(Prefetch("statements", queryset=samples, to_attr="samples"))
        .order_by("-created_at", "-pk")
    )


def speaker_statements(speaker: Speaker, *, limit: int = 200) -> list[Statement]:
    """The speaker's statements with their articles, newest article first (the record page's list)."""
    return list(speaker.statements.select_related("article__outlet").order_by("-article__published_at", "-pk")[:limit])


def speaker_events(speaker: Speaker, *, limit: int = 30) -> list[SpeakerEvent]:
    """What editors did to this record (and merges into it), newest first."""
    return list(
        SpeakerEvent.objects.filter(Q(speaker=speaker) | Q(other=speaker))
        .select_related("editor", "speaker", "other")
        .order_by("-created_at", "-pk")[:limit]
    )


def with_statement_counts(speakers: list[Speaker]) -> list[Speaker]:
    """Give each speaker `statement_count` (one query)."""
    counts = dict(
        Statement.objects.filter(speaker__in={speaker.pk for speaker in speakers})
        .values("speaker")
        .annotate(n=Count("pk"))
        .values_list("speaker", "n")
    )
    for speaker in speakers:
        speaker.statement_count = counts.get(speaker.pk, 0)
    return speakers


@dataclass
class DuplicatePair:
    """Two speakers that are probably one; `source` is merged into `keep` unless the editor swaps them."""

    source: Speaker
    keep: Speaker
    candidate: DuplicateCandidate
    new_aliases: list[str] = field(default_factory=list)  # the source's names the kept one would gain


def _keep_first(a: Speaker, b: Speaker) -> tuple[Speaker, Speaker]:
    """Which of two records to keep: one an editor accepted, then the fuller name ("Marcus Delgado" over
    "Delgado", however many statements each has), then the one with more statements, then the older."""

    def weight(speaker: Speaker) -> tuple[bool, int, int, int]:
        fullness = name_fullness(normalize_name(speaker.name))
        return (speaker.status == Speaker.Status.ACCEPTED, fullness, speaker.statement_count, -speaker.pk)

    return (a, b) if weight(a) >= weight(b) else (b, a)


def duplicate_pairs(speakers: list[Speaker], *, per_speaker: int = 3) -> list[DuplicatePair]:
    """Likely duplicates of each of `speakers` (a page of them), best first, each pair once.

    Two to three queries per speaker (speaker_duplicate_candidates), so callers page the speakers.
    """
    pairs: dict[frozenset[int], DuplicatePair] = {}
    for speaker in speakers:
        for candidate in speaker_duplicate_candidates(speaker=speaker, limit=per_speaker):
            key = frozenset((speaker.pk, candidate.speaker.pk))
            if key not in pairs or pairs[key].candidate.score < candidate.score:
                pairs[key] = DuplicatePair(speaker, candidate.speaker, candidate)
    found = list(pairs.values())
    with_statement_counts([speaker for pair in found for speaker in (pair.source, pair.keep)])
    for pair in found:
        pair.keep, pair.source = _keep_first(pair.source, pair.keep)
    _with_new_aliases(found)
    return sorted(found, key=lambda pair: (-pair.candidate.score, pair.source.name))


def _with_new_aliases(pairs: list[DuplicatePair]) -> None:
    """What a merge would add to the kept speaker's names, shown in the pair before the one-key merge (one query)."""
    names: dict[int, list[tuple[str, str]]] = {}
    speaker_ids = {speaker.pk for pair in pairs for speaker in (pair.source, pair.keep)}
    aliases = SpeakerAlias.objects.filter(speaker__in=speaker_ids).order_by("name")
    for speaker_id, name, normalized in aliases.values_list("speaker", "name", "normalized"):
        names.setdefault(speaker_id, []).append((name, normalized))
    for pair in pairs:
        kept = {normalized for _name, normalized in names.get(pair.keep.pk, [])}
        pair.new_aliases = [name for name, normalized in names.get(pair.source.pk, []) if normalized not in kept]


def duplicate_candidates(speaker: Speaker, *, limit: int = 8) -> list[DuplicateCandidate]:
    """The record page's suggestions: likely duplicates with their reasons and statement counts."""
    candidates = speaker_duplicate_candidates(speaker=speaker, limit=limit)
    with_statement_counts([candidate.speaker for candidate in candidates])
    return candidates


@dataclass
class MergePreview:
    """What merging `source` into `target` will do, shown to the editor before it is done."""

    source: Speaker
    target: Speaker
    statement_count: int  # statements that move to the target
    target_statement_count: int
    new_aliases: list[str]  # the source's names that become aliases of the target
    known_aliases: list[str]  # the source's names the target answers to already


def merge_preview(source: Speaker, target: Speaker) -> MergePreview:
    """Three queries: both statement counts, then the source's names against the target's."""
    counts = dict(
        Statement.objects.filter(speaker__in=(source.pk, target.pk))
        .values("speaker")
        .annotate(n=Count("pk"))
        .values_list("speaker", "n")
    )
    target_keys = set(target.aliases.values_list("normalized", flat=True))
    new: list[str] = []
    known: list[str] = []
    for name, normalized in source.aliases.order_by("name").values_list("name", "normalized"):
        (known if normalized in target_keys else new).append(name)
    return MergePreview(
        source=source,
        target=target,
        statement_count=counts.get(source.pk, 0),
        target_statement_count=counts.get(target.pk, 0),
        new_aliases=new,
        known_aliases=known,
    )
