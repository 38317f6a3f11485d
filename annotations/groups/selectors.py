"""Reads for editors' pages on groups of reports: the conflict list, a group's reports side by side, the
possible reports below the grouping threshold."""

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from ..models import GroupCandidate, GroupDecision, Statement, StatementGroup
from . import text


def conflict_groups() -> QuerySet[StatementGroup]:
    """Groups whose reports name different speakers or differ beyond trimming, not decided yet, newest first."""
    return (
        StatementGroup.objects.filter(Q(speakers_differ=True) | Q(wording_differs=True), resolution="", size__gte=2)
        .select_related("first_statement__speaker", "first_statement__article__outlet")
        .order_by("-id")
    )


def open_candidates() -> QuerySet[GroupCandidate]:
    """Pairs of confirmed reports alike but below the grouping threshold, not decided yet, most alike first."""
    return (
        GroupCandidate.objects.filter(
            decision="", statement__status=Statement.Status.CONFIRMED, other__status=Statement.Status.CONFIRMED
        )
        .select_related("statement__speaker", "statement__article__outlet", "other__speaker", "other__article__outlet")
        .order_by("-score", "-id")
    )


@dataclass(frozen=True)
class CandidatePair:
    candidate: GroupCandidate
    sides: list[Statement]


def candidate_pairs(limit: int) -> list[CandidatePair]:
    """The first `limit` open candidates, each with its two reports (for the side-by-side list)."""
    return [CandidatePair(c, [c.statement, c.other]) for c in open_candidates()[:limit]]


@dataclass
class Pair:
    """The first report and another one that disagrees with it, with how (for the side-by-side view)."""

    first: Statement
    other: Statement
    diff: list[text.Piece]
    speakers_differ: bool
    wording_differs: bool

    @property
    def sides(self) -> list[Statement]:
        return [self.first, self.other]


def group_reports(group: StatementGroup) -> list[Statement]:
    """Every confirmed report of the group (whatever readers see), the earliest first."""
    return list(
        Statement.objects.filter(group=group, status=Statement.Status.CONFIRMED)
        .select_related("speaker", "article__outlet")
        .order_by(F("published_at").asc(nulls_last=True), "pk")
    )


def conflict_pairs(reports: list[Statement]) -> list[Pair]:
    """The first report beside each report that names another speaker or differs from it beyond trimming."""
    if not reports:
        return []
    first, first_words = reports[0], text.words(reports[0].text)
    pairs = []
    for other in reports[1:]:
        speakers_differ = other.speaker_id != first.speaker_id
        wording_differs = not text.compare(first_words, text.words(other.text)).trimmed_only
        if speakers_differ or wording_differs:
            diff = text.word_diff(first.text, other.text)
            pairs.append(Pair(first, other, diff, speakers_differ, wording_differs))
    return pairs


def decisions(group: StatementGroup) -> QuerySet[GroupDecision]:
    """The decisions on a group, newest first, undone ones included (the page offers undo for the others)."""
    return group.decisions.select_related("editor", "statement").order_by("-id")
