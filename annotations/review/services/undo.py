"""Undo: `article_undo` takes back the editor's latest action in an article that is not undone yet, all of
its events at once (statements updated, removed or re-created, the article's status put back), and
records the undo as an action of its own. It is refused, changing nothing, when a statement the action
touched has changed since."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Case, F, Field, ForeignKey, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from ...groups.services import groups_summary_refresh
from ...models import Article, Statement, StatementEvent
from .errors import ReviewError
from .history import (
    RESTORED_FIELDS,
    SNAPSHOT_FIELDS,
    Action,
    ChangeKey,
    Snapshot,
    change_key,
    describe_change,
    record,
    restore,
    restored_values,
    short,
)
from .locks import claim
from .rows import check_span_free, validate


@dataclass
class UndoResult:
    summary: str
    focus_id: int | None  # the statement to show next (None if the action removed it)
    statement_ids: list[int] = field(default_factory=list)


def _update_many(rows: list[tuple[int, dict[str, Any]]], *, now: datetime) -> None:
    """Write restored values, given as (statement id, changed fields), with one UPDATE per set of changed
    fields (undoing “confirm all” is one query).

    A field with the same new value everywhere is set directly; one whose values differ per statement
    becomes a CASE over the statements' ids (bulk_update would build that for every field).
    """
    by_fields: dict[frozenset[str], list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for pk, changes in rows:
        by_fields[frozenset(changes)].append((pk, changes))
    for fields, items in by_fields.items():
        values: dict[str, Any] = {}
        for name in fields:
            first = items[0][1][name]
            if all(changes[name] == first for _pk, changes in items):
                values[name] = first
                continue
            output = _output_field(name)
            values[name] = Case(
                *[When(pk=pk, then=Value(changes[name], output_field=output)) for pk, changes in items],
                output_field=output,
            )
        Statement.objects.filter(pk__in=[pk for pk, _changes in items]).update(
            **values, version=F("version") + 1, updated_at=now
        )


def _output_field(name: str) -> "Field[Any, Any]":
    """The field a restored value of the statement is written as: a foreign key's target's (its values are ids)."""
    field = Statement._meta.get_field(name)
    if isinstance(field, ForeignKey):
        return field.target_field
    assert isinstance(field, Field), "restored fields are the statement's own columns"
    return field


# What a statement says (not who reviewed it when): undo checks the statement still says what the action left.
CONTENT_FIELDS = tuple(name for name in RESTORED_FIELDS if name not in {"reviewed_by_id", "reviewed_at"})
# What undo reads of each statement it locks: plain values, not model instances (“confirm all” locks 100).
_UNDO_LOCKED_FIELDS = ("pk", *CONTENT_FIELDS, "version", "reviewed_by_id", "reviewed_at")


@dataclass(frozen=True, slots=True)
class _PastEvent:
    """An event of the action being undone, as undo reads it (a small record, not a model instance: there may be 100)."""

    statement_id: int | None
    action: str
    action_id: uuid.UUID
    before: Snapshot | None
    after: Snapshot | None
    summary: str

    @property
    def action_label(self) -> str:
        return str(Action(self.action).label)


def _latest_action(*, article: Article, editor: User) -> list[_PastEvent]:
    """The events of the editor's latest undoable action in the article, newest first (one query)."""
    latest_action = (
        StatementEvent.objects.undoable_by(editor).filter(article=article).order_by("-id").values("action_id")[:1]
    )
    rows = (
        StatementEvent.objects.filter(action_id=Subquery(latest_action))
        .order_by("-id")
        .values_list("statement_id", "action", "action_id", "before", "after", "summary")
    )
    return [_PastEvent(*row) for row in rows]


def _as_now(data: Snapshot, *, version: int, reviewed_by_id: int | None, reviewed_at: datetime | None) -> Snapshot:
    """A snapshot whose content is `data` (an event's) and whose version and review are as given (as now)."""
    snap = {name: data[name] for name in (*SNAPSHOT_FIELDS, "reviewed_at", "speaker_name") if name in data}
    snap["version"] = version
    snap["reviewed_by_id"] = reviewed_by_id
    snap["reviewed_at"] = reviewed_at.isoformat() if reviewed_at else None
    return snap


# A statement's row as undo locks it: the values of _UNDO_LOCKED_FIELDS.
type Row = dict[str, Any]


def _same_content(row: Row, data: Snapshot) -> bool:
    """Is the statement as the snapshot left it? (Versions differ after earlier undos, so content decides.)"""
    return all(row[name] == _snapshot_value(data, name) for name in CONTENT_FIELDS)


def _snapshot_value(data: Snapshot, name: str) -> Any:
    return data.get(name, []) if name == "segments" else data[name]  # older snapshots: one span, no segments


def _check_undoable(events: list[_PastEvent], current: dict[int, Row]) -> None:
    """Refuse the undo if a statement the action touched has changed since (or came or went)."""
    for event in events:
        if event.statement_id is None:
            continue
        row = current.get(event.statement_id)
        after = event.after
        if (after is None) != (row is None) or (
            row is not None and after is not None and not _same_content(row, after)
        ):
            text = row["text"] if row is not None else (event.before or event.after or {}).get("text", "")
            raise ReviewError(
                _("Cannot undo “%(action)s”: “%(text)s” has changed since. Revert it from its history instead.")
                % {"action": events[0].action_label, "text": short(text)},
                code="undo_conflict",
            )


def _recreated(event: _PastEvent, article: Article) -> Statement:
    """The statement the action removed (a merge), back under its id, one version after its snapshot."""
    before = event.before
    assert before is not None, "a statement the action removed has a snapshot from before it"
    row = Statement(pk=event.statement_id, article=article)
    for name in SNAPSHOT_FIELDS:
        setattr(row, name, _snapshot_value(before, name))
    restore(row, before, cache_speaker=False)
    row.version = before["version"] + 1
    return row


def _validate_moved(
    *, article: Article, moved: dict[int, dict[str, Any]], created: list[Statement], group: tuple[int, ...]
) -> None:
    """A restored state was valid once; only a span that moves, a statement that comes back or one that is
    no longer rejected can clash with what was added since, so only those are validated and checked."""
    rows = list(Statement.objects.filter(pk__in=moved)) if moved else []  # locked already; full rows to validate
    for row in rows:
        row.article = article  # clean() checks the span against the body: no query for it
        for name, value in moved[row.pk].items():
            setattr(row, name, value)
    for row in [*rows, *created]:
        validate(row)
        check_span_free(article_id=article.pk, spans=row.spans, ignore=group)


@dataclass
class _UndoPlan:
    """What undoing one action writes: rows to delete, update and re-create, and the undo's own events."""

    article: Article
    editor_id: int
    action_id: uuid.UUID
    undid: str  # "undid confirmed", the start of every event's summary
    to_delete: list[int] = field(default_factory=list)
    to_update: list[tuple[int, dict[str, Any]]] = field(
        default_factory=list
    )  # (statement id, the fields the undo changes)
    to_create: list[Statement] = field(default_factory=list)
    events: list[StatementEvent] = field(default_factory=list)
    unrejected: set[int] = field(default_factory=set)  # statements the undo takes out of "rejected"
    summaries: dict[ChangeKey, str] = field(default_factory=dict)  # an undo of “confirm all” describes 100 changes once

    def undo_article_event(self, event: _PastEvent) -> None:
        """Put back the article's own status (an action such as "marked reviewed" changed it)."""
        status = (event.before or {}).get("article_status")
        if status:
            Article.objects.filter(pk=self.article.pk).update(status=status)
            self.article.status = status
        self._record(
            before=event.after, after=event.before, summary=_("undid: %(action)s") % {"action": event.action_label}
        )

    def undo_statement_event(self, event: _PastEvent, row: Row | None) -> None:
        """Plan putting one statement back as it was before `event`: delete it, re-create it or update it.

        `row` is the statement now: there exactly when the action left it there (`event.after`), and saying
        what the action left (both checked by _check_undoable).
        """
        # The statement says what the action left: its snapshot is the event's, as of now.
        before_snapshot = None
        if row is not None:
            assert event.after is not None, "the statement exists, so the action left it (checked)"
            before_snapshot = _as_now(
                event.after,
                version=row["version"],
                reviewed_by_id=row["reviewed_by_id"],
                reviewed_at=row["reviewed_at"],
            )
        after_snapshot = None
        if event.before is None:
            assert row is not None, "the action added the statement, which is still there (checked)"
            self.to_delete.append(row["pk"])
        elif row is None:
            created = _recreated(event, self.article)
            self.to_create.append(created)
            after_snapshot = _as_now(
                event.before,
                version=created.version,
                reviewed_by_id=created.reviewed_by_id,
                reviewed_at=created.reviewed_at,
            )
        else:
            restored = restored_values(event.before)
            self.to_update.append((row["pk"], {name: value for name, value in restored.items() if row[name] != value}))
            if row["status"] == Statement.Status.REJECTED != restored["status"]:
                self.unrejected.add(row["pk"])
            after_snapshot = _as_now(
                event.before,
                version=row["version"] + 1,
                reviewed_by_id=restored["reviewed_by_id"],
                reviewed_at=restored["reviewed_at"],
            )
        change = self._change(before_snapshot, after_snapshot)
        self._record(
            statement_id=event.statement_id,
            before=before_snapshot,
            after=after_snapshot,
            version=after_snapshot["version"] if after_snapshot is not None else None,
            summary=(self.undid + (": " + change if change else ""))[:500],
        )

    def _record(self, **fields: Any) -> None:
        """The undo's own event for one statement (or for the article), in the undo's action."""
        self.events.append(
            StatementEvent(
                article_id=self.article.pk,
                editor_id=self.editor_id,
                action=Action.UNDO,
                action_id=self.action_id,
                **fields,
            )
        )

    def _change(self, before: Snapshot | None, after: Snapshot | None) -> str:
        if not (before and after):
            return ""
        key = change_key(before, after)
        if key not in self.summaries:
            self.summaries[key] = describe_change(before, after)
        return self.summaries[key]

    def write(self, *, group: tuple[int, ...], now: datetime) -> None:
        """Check the moved spans, then delete, update and re-create the rows."""
        # A span that moves, or a statement that stops being rejected, may now overlap another one.
        moved = {
            pk: changes
            for pk, changes in self.to_update
            if {"start", "end", "segments"} & changes.keys() or pk in self.unrejected
        }
        _validate_moved(article=self.article, moved=moved, created=self.to_create, group=group)
        if self.to_delete:
            removed = Statement.objects.filter(pk__in=self.to_delete)
            left_groups = set(removed.exclude(group=None).values_list("group_id", flat=True))
            removed.delete()
            groups_summary_refresh(group_ids=left_groups)  # they no longer count these reports
        _update_many(self.to_update, now=now)
        if self.to_create:
            Statement.objects.bulk_create(self.to_create)


def _undone_summary(latest: _PastEvent, statement_ids: list[int]) -> str:
    """What the status line says, as the undo button said it: "confirmed 100 statements", else the change."""
    if len(statement_ids) > 2:
        done = _("%(action)s %(count)d statements") % {"action": latest.action_label, "count": len(statement_ids)}
    elif latest.summary:
        done = f"{latest.action_label} ({latest.summary})"
    else:
        done = latest.action_label
    return _("Undone: %(change)s.") % {"change": done}


@transaction.atomic
def article_undo(*, article: Article, editor: User) -> UndoResult:
    """Undo the editor's latest action in this article that is not undone yet (call again to go further back).

    Refused, changing nothing, when a statement it touched has changed since (the editor can still revert
    that statement from its history).
    """
    now = timezone.now()
    claim(article_id=article.pk, editor=editor, now=now, reopen=False)
    events = _latest_action(article=article, editor=editor)  # all its events share one action_id
    if not events:
        raise ReviewError(_("There is nothing of yours to undo in this article."), code="nothing_to_undo")
    latest = events[0]
    ids = [event.statement_id for event in events if event.statement_id is not None]
    locked = Statement.objects.select_for_update().filter(pk__in=ids).order_by("pk").values(*_UNDO_LOCKED_FIELDS)
    current = {row["pk"]: row for row in locked}
    _check_undoable(events, current)

    plan = _UndoPlan(
        article=article,
        editor_id=editor.pk,
        action_id=uuid.uuid4(),
        undid=_("undid %(action)s") % {"action": latest.action_label},
    )
    for event in events:
        if event.statement_id is None:  # the article itself (marked reviewed)
            plan.undo_article_event(event)
        else:
            plan.undo_statement_event(event, current.get(event.statement_id))
    plan.write(group=tuple(ids), now=now)
    StatementEvent.objects.filter(action_id=latest.action_id).update(undone_at=now)
    record(plan.events)

    survivors = [event.statement_id for event in reversed(events) if event.statement_id not in plan.to_delete]
    return UndoResult(
        summary=_undone_summary(latest, ids),
        focus_id=next((pk for pk in survivors if pk is not None), None),
        statement_ids=ids,
    )
