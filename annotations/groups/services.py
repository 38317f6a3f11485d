"""Grouping reports of the same statement, and editors' decisions on groups in conflict: every write of
`StatementGroup`, `Statement.group`, `QuoteFingerprint`, `GroupCandidate` and `GroupDecision` is here.

When to call what:

=================================================  ==========================================================
change                                             call
=================================================  ==========================================================
statements confirmed, edited, re-attributed,       ``statement_groups_refresh(statement_ids=[...])`` (the
rejected, undone (any review or registry change)   review history's ``record()`` does it for every change)
existing data, a bulk load                         ``manage.py group_statements`` (``statements_group_all()``)
=================================================  ==========================================================

How a confirmed statement finds its group: its words' fingerprints (`text.fingerprints`) are looked up in the
index; the statements sharing most of them (at most `MAX_CANDIDATES`, from other articles) are compared with
it (`text.compare`). The best one at or above `GROUP_THRESHOLD` (the share of the shorter quote found in the
longer, in order) takes it into its group (or forms one with it). Pairs between `CANDIDATE_THRESHOLD` and
`GROUP_THRESHOLD` are never merged: they become `GroupCandidate`s for an editor. Quotes under
`text.MIN_WORDS` words are never grouped. A statement an editor split off a group never rejoins that group.
"""

import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..common.bulk import insert_rows
from ..models import GroupCandidate, GroupDecision, QuoteFingerprint, Statement, StatementEvent, StatementGroup
from ..reader.cache import reader_pages_changed
from . import text

GROUP_THRESHOLD = 0.8
CANDIDATE_THRESHOLD = 0.5
MAX_CANDIDATES = 20

Confirmed = Statement.Status.CONFIRMED


@dataclass
class _Row:
    pk: int
    article_id: int
    text: str
    group_id: int | None
    words: list[str]


def _rows(qs: QuerySet[Statement]) -> list[_Row]:
    return [
        _Row(pk, article_id, body, group_id, text.words(body))
        for pk, article_id, body, group_id in qs.values_list("pk", "article_id", "text", "group_id")
    ]


@transaction.atomic(savepoint=False)
def statement_groups_refresh(*, statement_ids: Iterable[int]) -> list[int]:
    """Bring these statements' fingerprints and groups up to date with their status and words.

    A statement no longer confirmed leaves its group and the index; one whose words changed leaves its group
    and looks for one again; a confirmed one without a group looks for one. Returns the groups touched.
    A review action pays about four queries for it (rows, stored fingerprints, new ones, candidates); a
    statement that is not confirmed, two.
    """
    ids = sorted(set(statement_ids))
    if not ids:
        return []
    found = Statement.objects.filter(pk__in=ids).values_list("pk", "article_id", "text", "group_id", "status")
    rows: dict[int, _Row] = {}
    confirmed: set[int] = set()
    for pk, article_id, body, group_id, status in found:
        rows[pk] = _Row(pk, article_id, body, group_id, text.words(body) if status == Confirmed else [])
        if status == Confirmed:
            confirmed.add(pk)
    stored: dict[int, set[int]] = defaultdict(set)
    if confirmed:
        fingerprint_rows = QuoteFingerprint.objects.filter(statement_id__in=sorted(confirmed))
        for statement_id, value in fingerprint_rows.values_list("statement_id", "hash"):
            stored[statement_id].add(value)
    touched: set[int] = set()
    leaving: list[int] = []
    reindex: dict[int, set[int]] = {}
    to_place: list[tuple[_Row, set[int]]] = []
    for pk in sorted(rows):
        row = rows[pk]
        if pk not in confirmed:  # not a report (any more): out of its group and of the index
            if row.group_id is not None:
                leaving.append(pk)
                touched.add(row.group_id)
            continue
        fps = text.fingerprints(row.words)
        if fps != stored.get(pk, set()):
            reindex[pk] = fps
            if row.group_id is not None:  # its words changed: it looks for its group again
                leaving.append(pk)
                touched.add(row.group_id)
                row.group_id = None
        if row.group_id is not None:
            touched.add(row.group_id)  # speaker or date may have changed: the group's summary too
        else:
            to_place.append((row, fps))
    if leaving:
        Statement.objects.filter(pk__in=leaving).update(group=None)
    unindex = sorted(set(rows) - confirmed) + sorted(pk for pk in reindex if stored.get(pk))
    if unindex:
        QuoteFingerprint.objects.filter(statement_id__in=unindex).delete()
    if reindex:
        insert_rows([QuoteFingerprint(statement_id=pk, hash=h) for pk, fps in reindex.items() for h in sorted(fps)])
    joined = _place_all(to_place)
    touched |= joined
    groups_summary_refresh(group_ids=touched, reopened=joined)
    if touched:
        reader_pages_changed()
    return sorted(touched)


def _top_candidates(rows: list[tuple[_Row, set[int]]]) -> dict[int, list[int]]:
    """For each row, the statements that share most fingerprints with it, best first (one query for all: the
    index's postings of every fingerprint of the rows)."""
    all_fps = sorted({h for _row, fps in rows for h in fps})
    postings: dict[int, list[int]] = defaultdict(list)
    if all_fps:
        for value, statement_id in QuoteFingerprint.objects.filter(hash__in=all_fps).values_list(
            "hash", "statement_id"
        ):
            postings[value].append(statement_id)
    tops: dict[int, list[int]] = {}
    for row, fps in rows:
        counts = Counter(sid for h in fps for sid in postings.get(h, ()) if sid != row.pk)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        tops[row.pk] = [sid for sid, _n in ranked[:MAX_CANDIDATES]]
    return tops


@dataclass(frozen=True)
class Match:
    statement_id: int
    score: float


def best_matches(quotes: list[tuple[list[str], int | None]]) -> list[Match | None]:
    """For each quote (its words, and an article whose statements do not count), the confirmed statement whose
    words are most like them, by the index; two queries however many quotes there are."""
    rows = [
        (_Row(-(i + 1), article_id or 0, "", None, words), text.fingerprints(words))
        for i, (words, article_id) in enumerate(quotes)
    ]
    rows = [(row, fps) for row, fps in rows if fps]
    tops = _top_candidates(rows)
    wanted = sorted({sid for ids in tops.values() for sid in ids})
    others = {r.pk: r for r in _rows(Statement.objects.filter(pk__in=wanted, status=Confirmed))} if wanted else {}
    found: dict[int, Match] = {}
    for row, _fps in rows:
        for pk in tops[row.pk]:
            other = others.get(pk)
            if other is None or other.article_id == row.article_id:
                continue
            similarity = text.compare(row.words, other.words)
            if similarity.matched < text.MIN_WORDS:
                continue
            best = found.get(row.pk)
            if best is None or similarity.score > best.score:
                found[row.pk] = Match(other.pk, similarity.score)
    return [found.get(-(i + 1)) for i in range(len(quotes))]


def best_match(quote_words: list[str], *, exclude_article_id: int | None = None) -> Match | None:
    """The confirmed statement whose words are most like these (by the index)."""
    return best_matches([(quote_words, exclude_article_id)])[0]


def _split_from(statement_ids: Iterable[int]) -> dict[int, set[int]]:
    """Groups an editor said each statement does not belong to (split decisions not undone)."""
    excluded: dict[int, set[int]] = defaultdict(set)
    decisions = GroupDecision.objects.filter(
        statement_id__in=sorted(set(statement_ids)), kind=GroupDecision.Kind.SPLIT, undone_at__isnull=True
    )
    for statement_id, group_id in decisions.values_list("statement_id", "group_id"):
        excluded[statement_id].add(group_id)
    return excluded


def _place_all(to_place: list[tuple[_Row, set[int]]]) -> set[int]:
    """Put confirmed statements without a group into the group of their best match, in a constant number of
    queries however many there are (the index's postings of all their fingerprints, then the candidates'
    rows), plus one write per report placed. Returns the groups joined or created."""
    to_place = [(row, fps) for row, fps in to_place if fps]
    if not to_place:
        return set()
    tops = _top_candidates(to_place)
    wanted = sorted({sid for ids in tops.values() for sid in ids})
    if not wanted:
        return set()
    known = {row.pk: row for row, _fps in to_place}
    missing = [pk for pk in wanted if pk not in known]
    others = {r.pk: r for r in _rows(Statement.objects.filter(pk__in=missing, status=Confirmed))} if missing else {}
    others.update(known)  # this batch's rows, whose groups change as they are placed
    excluded = _split_from([*known, *wanted]) if _any_match(to_place, tops, others) else {}
    plan = _Plan()
    for row, _fps in to_place:
        if row.group_id is not None:
            continue  # placed with an earlier row of this batch
        candidates = [others[pk] for pk in tops[row.pk] if pk in others and others[pk].article_id != row.article_id]
        _place(row, candidates, excluded, plan)
    return plan.write()


def _any_match(to_place: list[tuple[_Row, set[int]]], tops: dict[int, list[int]], others: dict[int, _Row]) -> bool:
    """Whether any statement has a candidate alike enough to group with (else no decision need be read)."""
    for row, _fps in to_place:
        for pk in tops[row.pk]:
            other = others.get(pk)
            elsewhere = other is not None and other.article_id != row.article_id
            if elsewhere and other is not None and text.compare(row.words, other.words).score >= GROUP_THRESHOLD:
                return True
    return False


@dataclass
class _Plan:
    """What placing a batch writes, written at the end in a few queries: new groups (by a temporary negative
    id), each statement's group, and the pairs left to an editor."""

    assign: dict[int, int] = field(default_factory=dict)  # statement id -> group id (negative: new)
    new_groups: int = 0
    notes: list[GroupCandidate] = field(default_factory=list)

    def new_group(self) -> int:
        self.new_groups += 1
        return -self.new_groups

    def write(self) -> set[int]:
        created = StatementGroup.objects.bulk_create([StatementGroup() for _ in range(self.new_groups)])
        real = {-(i + 1): group.pk for i, group in enumerate(created)}
        final = {pk: real.get(group_id, group_id) for pk, group_id in self.assign.items()}
        if final:
            Statement.objects.bulk_update(
                [Statement(pk=pk, group_id=group_id) for pk, group_id in final.items()], ["group"], batch_size=1000
            )
        if self.notes:
            GroupCandidate.objects.bulk_create(self.notes, ignore_conflicts=True)
        return {group_id for group_id in final.values() if group_id is not None}


def _place(row: _Row, candidates: list[_Row], excluded: dict[int, set[int]], plan: _Plan) -> None:
    """Decide the group of one statement: that of its best match among `candidates` (or a new one with it)."""
    scored = []
    for other in candidates:
        similarity = text.compare(row.words, other.words)
        if similarity.matched >= text.MIN_WORDS and similarity.score >= CANDIDATE_THRESHOLD:
            scored.append((similarity.score, -other.pk, other))
    # Above the threshold, a match already in a group comes first: the report joins the existing group (where
    # a different wording is flagged for an editor) rather than starting a second group of the same words.
    scored.sort(
        reverse=True, key=lambda item: (item[0] >= GROUP_THRESHOLD and item[2].group_id is not None, item[0], item[1])
    )
    mine = excluded.get(row.pk, set())
    for score, _pk, other in scored:
        if score < GROUP_THRESHOLD:
            a, b = sorted((row.pk, other.pk))
            plan.notes.append(GroupCandidate(statement_id=a, other_id=b, score=round(score, 4)))
            continue
        if other.group_id is not None and other.group_id in mine:
            continue
        if other.group_id is None:
            if excluded.get(other.pk, set()) & mine:
                continue  # both were split off the same group: an editor said they differ
            other.group_id = plan.new_group()
            plan.assign[other.pk] = other.group_id
        row.group_id = other.group_id
        plan.assign[row.pk] = other.group_id
        return


def group_summary_refresh(*, group_id: int, reopen: bool = False) -> None:
    """Recompute what a group shows from its members (see `groups_summary_refresh`)."""
    groups_summary_refresh(group_ids=[group_id], reopened={group_id} if reopen else set())


def groups_summary_refresh(*, group_ids: Iterable[int], reopened: set[int] | None = None) -> None:
    """Recompute what groups show from their members: size, earliest report, whether the reports disagree.
    Two queries however many groups.

    `reopened`: groups a report just joined, so an earlier decision no longer covers every report (if they
    disagree, the group is back in the conflict list).
    """
    ids = sorted(set(group_ids))
    if not ids:
        return
    reopened = reopened or set()
    members: dict[int, list[tuple[int, str, int | None, Any]]] = defaultdict(list)
    rows = Statement.objects.filter(group_id__in=ids, status=Confirmed).values_list(
        "group_id", "pk", "text", "speaker_id", "published_at"
    )
    for group_id, *member in rows:
        members[group_id].append(tuple(member))  # type: ignore[arg-type]
    now = timezone.now()
    updated = []
    reopen = []
    for group_id in ids:
        group = StatementGroup(pk=group_id, updated_at=now)
        found = members.get(group_id, [])
        group.size = len(found)
        group.first_statement_id, group.speakers_differ, group.wording_differs = None, False, False
        if found:
            # The earliest report readers may see (attributed first; undated last).
            first = min(found, key=lambda m: (m[2] is None, m[3] is None, m[3] or now, m[0]))
            word_lists = [text.words(m[1]) for m in found]
            longest = max(word_lists, key=len)
            group.first_statement_id = first[0]
            group.speakers_differ = len({m[2] for m in found if m[2] is not None}) > 1
            group.wording_differs = any(not text.compare(w, longest).trimmed_only for w in word_lists)
        if group_id in reopened and (group.speakers_differ or group.wording_differs):
            reopen.append(group_id)
        updated.append(group)
    StatementGroup.objects.bulk_update(
        updated, ["size", "first_statement", "speakers_differ", "wording_differs", "updated_at"]
    )
    if reopen:
        StatementGroup.objects.filter(pk__in=reopen).exclude(resolution="").update(resolution="")


def statements_group_all(
    *, batch_size: int = 2000, only_missing: bool = True, progress: Callable[[int, int], None] | None = None
) -> int:
    """Group every confirmed statement (the bulk command), in id order, one transaction per batch.

    Statements are indexed and grouped batch by batch, so each finds the earlier ones (one comparison per
    statement against its few candidates, never all pairs). `only_missing` leaves statements that already have
    fingerprints alone (a re-run after a partial one). Returns the number of statements processed.
    """
    last = Statement.objects.aggregate(last=Max("pk"))["last"] or 0
    done = 0
    low = 0
    while low <= last:
        qs = Statement.objects.filter(pk__gte=low, pk__lt=low + batch_size, status=Confirmed)
        ids = list(qs.values_list("pk", flat=True))
        if only_missing and ids:
            indexed = set(QuoteFingerprint.objects.filter(statement_id__in=ids).values_list("statement_id", flat=True))
            ids = [pk for pk in ids if pk not in indexed]
        if ids:
            with transaction.atomic():
                statement_groups_refresh(statement_ids=ids)
        done += len(ids)
        low += batch_size
        if progress:
            progress(done, min(low, last))
    return done


# --- editors' decisions on groups in conflict ---


def _history(statement_ids: list[int], *, editor: User, summary: str) -> None:
    """One event in the history of each statement concerned, sharing one action id. The statement history has
    one writer, review's history module (imported here, not at the top: it calls this module on every change)."""
    from ..review.services.history import record

    action_id = uuid.uuid4()
    rows = Statement.objects.filter(pk__in=statement_ids).values_list("pk", "article_id", "version")
    record(
        [
            StatementEvent(
                article_id=article_id,
                statement_id=pk,
                editor=editor,
                action=StatementEvent.Action.GROUP,
                action_id=action_id,
                version=version,
                summary=summary[:500],
            )
            for pk, article_id, version in rows
        ],
        indexed=True,
    )


class DecisionRefused(Exception):
    """The decision no longer applies (the report left the group, or it was undone already)."""


def _member_ids(group: StatementGroup) -> list[int]:
    return list(Statement.objects.filter(group=group, status=Confirmed).values_list("pk", flat=True))


@transaction.atomic
def group_decide_same(*, group: StatementGroup, editor: User) -> GroupDecision:
    """One statement reported differently: the group stays as it is and leaves the conflict list."""
    group = StatementGroup.objects.select_for_update().get(pk=group.pk)
    decision = GroupDecision.objects.create(
        group=group, kind=GroupDecision.Kind.SAME, editor=editor, data={"resolution": group.resolution}
    )
    StatementGroup.objects.filter(pk=group.pk).update(resolution=StatementGroup.Resolution.SAME)
    summary = _("reports of group %(id)s: one statement reported differently") % {"id": group.pk}
    _history(_member_ids(group), editor=editor, summary=summary)
    reader_pages_changed()
    return decision


@transaction.atomic
def group_decide_split(*, group: StatementGroup, statement: Statement, editor: User) -> GroupDecision:
    """Two different statements: `statement`, and the reports with the same words as it, leave the group
    (together, as a new group when there are several) and never rejoin it."""
    group = StatementGroup.objects.select_for_update().get(pk=group.pk)
    members = list(Statement.objects.filter(group=group, status=Confirmed).values_list("pk", "text"))
    if statement.pk not in {pk for pk, _text in members}:
        raise DecisionRefused(_("This report is no longer in the group."))
    chosen = text.words(statement.text)
    moving = sorted(pk for pk, body in members if text.words(body) == chosen)
    if len(moving) == len(members):
        raise DecisionRefused(_("Every report of the group has these words: there is nothing to split."))
    new_group = StatementGroup.objects.create() if len(moving) > 1 else None
    Statement.objects.filter(pk__in=moving).update(group=new_group)
    decisions = [
        GroupDecision(
            group=group,
            statement_id=pk,
            kind=GroupDecision.Kind.SPLIT,
            editor=editor,
            data={"moved": moving, "new_group": new_group.pk if new_group else None, "resolution": group.resolution},
        )
        for pk in moving
    ]
    GroupDecision.objects.bulk_create(decisions)
    group_summary_refresh(group_id=group.pk)
    if new_group is not None:
        group_summary_refresh(group_id=new_group.pk)
    summary = _("reports of group %(id)s: %(n)s report(s) split off as a different statement") % {
        "id": group.pk,
        "n": len(moving),
    }
    _history([pk for pk, _text in members], editor=editor, summary=summary)
    reader_pages_changed()
    return GroupDecision.objects.filter(group=group, statement=statement).order_by("-id").first() or decisions[0]


@transaction.atomic
def group_decide_misattribution(
    *, group: StatementGroup, statement: Statement, note: str, editor: User
) -> GroupDecision:
    """A misattribution: `statement` (a report of the group) named the wrong speaker. Readers see `note` on it."""
    group = StatementGroup.objects.select_for_update().get(pk=group.pk)
    if not Statement.objects.filter(pk=statement.pk, group=group, status=Confirmed).exists():
        raise DecisionRefused(_("This report is no longer in the group."))
    note = note.strip() or _("Other reports attribute these words to someone else.")
    decision = GroupDecision.objects.create(
        group=group,
        statement=statement,
        kind=GroupDecision.Kind.MISATTRIBUTION,
        note=note[:2000],
        editor=editor,
        data={"resolution": group.resolution},
    )
    StatementGroup.objects.filter(pk=group.pk).update(resolution=StatementGroup.Resolution.MISATTRIBUTED)
    summary = _("reports of group %(id)s: misattribution noted on this report") % {"id": group.pk}
    _history([statement.pk], editor=editor, summary=summary)
    reader_pages_changed()
    return decision


@transaction.atomic
def group_decision_undo(*, decision: GroupDecision, editor: User) -> None:
    """Take a decision back: the group's decision as it was, split reports back in the group, the note gone."""
    decision = GroupDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.undone_at is not None:
        raise DecisionRefused(_("This decision was undone already."))
    now = timezone.now()
    group = StatementGroup.objects.select_for_update().get(pk=decision.group_id)
    concerned = _member_ids(group)
    if decision.kind == GroupDecision.Kind.SPLIT:
        moved = decision.data.get("moved", [decision.statement_id])
        siblings = GroupDecision.objects.filter(
            group=group, kind=GroupDecision.Kind.SPLIT, statement_id__in=moved, undone_at__isnull=True
        )
        siblings.update(undone_at=now)
        Statement.objects.filter(pk__in=moved, status=Confirmed).update(group=group)
        if decision.data.get("new_group"):
            group_summary_refresh(group_id=decision.data["new_group"])
        concerned = sorted({*concerned, *moved})
    else:
        GroupDecision.objects.filter(pk=decision.pk).update(undone_at=now)
        if decision.kind == GroupDecision.Kind.MISATTRIBUTION and decision.statement_id:
            concerned = [decision.statement_id]
    StatementGroup.objects.filter(pk=group.pk).update(resolution=decision.data.get("resolution", ""))
    group_summary_refresh(group_id=group.pk)
    summary = _("reports of group %(id)s: undid “%(what)s”") % {"id": group.pk, "what": decision.get_kind_display()}
    _history(concerned, editor=editor, summary=summary)
    reader_pages_changed()


@transaction.atomic
def group_candidate_decide(*, candidate: GroupCandidate, same: bool, editor: User) -> StatementGroup | None:
    """An editor's answer on two reports below the threshold: the same statement (grouped: the one without a
    group joins the other's, or a new group holds both) or different ones (never asked again)."""
    candidate = GroupCandidate.objects.select_for_update().get(pk=candidate.pk)
    a, b = (
        Statement.objects.select_for_update().only("pk", "group_id", "status").get(pk=pk)
        for pk in (candidate.statement_id, candidate.other_id)
    )
    GroupCandidate.objects.filter(pk=candidate.pk).update(
        decision=GroupCandidate.Decision.SAME if same else GroupCandidate.Decision.DIFFERENT, decided_by=editor
    )
    if not same or a.status != Confirmed or b.status != Confirmed:
        _history_pair(candidate, editor=editor, summary=_("marked a different statement from a similar report"))
        return None
    if a.group_id is None or b.group_id is None:
        existing = a.group_id or b.group_id
        group = StatementGroup.objects.create() if existing is None else StatementGroup.objects.get(pk=existing)
        Statement.objects.filter(pk__in=[a.pk, b.pk]).update(group=group)
    else:
        group = StatementGroup.objects.get(pk=a.group_id)
        if b.group_id != a.group_id:
            Statement.objects.filter(group_id=b.group_id).update(group=group)
            group_summary_refresh(group_id=b.group_id)
    group_summary_refresh(group_id=group.pk, reopen=True)
    _history_pair(candidate, editor=editor, summary=_("grouped with a similar report as one statement"))
    reader_pages_changed()
    return group


def _history_pair(candidate: GroupCandidate, *, editor: User, summary: str) -> None:
    _history([candidate.statement_id, candidate.other_id], editor=editor, summary=summary)


# --- pre-tagging's hint: who confirmed groups say spoke these words ---


@dataclass(frozen=True)
class SpeakerHint:
    """A confirmed group that already attributes these words: who, in how many reports, and the earliest one."""

    speaker_id: int
    speaker_name: str
    group_id: int
    reports: int
    statement_id: int
    score: float


def speaker_hints(quotes: list[tuple[str, int | None]]) -> list[SpeakerHint | None]:
    """For each quote (its text, and the article it is in), the speaker confirmed reports of these words in other
    articles agree on, if they agree (one speaker, no conflict open). Candidate search by the fingerprint index,
    for all the quotes at once; only a quote with a match pays for reading its speaker and group."""
    matches = best_matches([(text.words(quote), article_id) for quote, article_id in quotes])
    return [_speaker_hint(match) for match in matches]


def speaker_hint(quote: str, *, exclude_article_id: int | None = None) -> SpeakerHint | None:
    """The speaker confirmed reports of these words agree on (see speaker_hints)."""
    return speaker_hints([(quote, exclude_article_id)])[0]


def _speaker_hint(match: Match | None) -> SpeakerHint | None:
    if match is None or match.score < GROUP_THRESHOLD:
        return None
    statement = (
        Statement.objects.filter(pk=match.statement_id, status=Statement.Status.CONFIRMED, speaker__isnull=False)
        .select_related("speaker", "group")
        .first()
    )
    if statement is None or statement.speaker is None:
        return None
    group = statement.group
    if group is not None:
        if group.speakers_differ and group.resolution != StatementGroup.Resolution.MISATTRIBUTED:
            return None  # the reports disagree on who said it (or an editor kept both): nothing to suggest
        # The evidence is the earliest report that no editor marked misattributed.
        wrong = GroupDecision.objects.filter(
            group=group, kind=GroupDecision.Kind.MISATTRIBUTION, undone_at__isnull=True
        ).values("statement_id")
        earliest = (
            Statement.objects.filter(group=group, status=Confirmed, speaker__isnull=False)
            .exclude(pk__in=wrong)
            .select_related("speaker")
            .order_by(F("published_at").asc(nulls_last=True), "pk")
            .first()
        )
        if earliest is None:
            return None
        statement = earliest
    speaker = statement.speaker
    assert speaker is not None
    return SpeakerHint(
        speaker_id=speaker.pk,
        speaker_name=speaker.name,
        group_id=group.pk if group else 0,
        reports=(
            Statement.objects.filter(group=group, status=Confirmed, speaker_id=speaker.pk).count() if group else 1
        ),
        statement_id=statement.pk,
        score=round(match.score, 3),
    )
