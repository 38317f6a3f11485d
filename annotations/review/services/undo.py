"""Undo: `article_undo` takes back the editor's latest action in an article that is not undone yet, all of
its events at once (statements updated, removed or re-created, the article's status put back), and
records the undo as an action of its own. It is refused, changing nothing, when a statement the action
touched has changed since."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Case, F, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import Article, Statement, StatementEvent
from .errors import ReviewError
from .history import (
    RESTORED_FIELDS,
    SNAPSHOT_FIELDS,
    Action,
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


def _update_many(rows: list[tuple[int, dict]], *, now: datetime) -> None:
    """Write restored values, given as (statement id, changed fields), with one UPDATE per set of changed
    fields (undoing “confirm all” is one query).

    A field with the same new value everywhere is set directly; one whose values differ per statement
    becomes a CASE over the statements' ids (bulk_update would build that for every field).
    """
    by_fields: dict[frozenset, list[tuple[int, dict]]] = defaultdict(list)
    for pk, changes in rows:
        by_fields[frozenset(changes)].append((pk, changes))
    for fields, items in by_fields.items():
        values: dict[str, Any] = {}
        for name in fields:
            distinct = {changes[name] for _pk, changes in items}
            if len(distinct) == 1:
                values[name] = distinct.pop()
                continue
            field = Statement._meta.get_field(name)
            output = field.target_field if field.is_relation else field
            values[name] = Case(
                *[When(pk=pk, then=Value(changes[name], output_field=output)) for pk, changes in items],
                output_field=output,
            )
        Statement.objects.filter(pk__in=[pk for pk, _changes in items]).update(
            **values, version=F("version") + 1, updated_at=now
        )


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
    before: dict | None
    after: dict | None
    summary: str

    @property
    def action_label(self) -> str:
        return str(Action(self.action).label)


def _latest_action(*, article: Article, editor) -> list[_PastEvent]:
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


def _as_now(data: dict, *, version: int, reviewed_by_id: int | None, reviewed_at: datetime | None) -> dict:
    """A snapshot whose content is `data` (an event's) and whose version and review are as given (as now)."""
    snap = {name: data[name] for name in (*SNAPSHOT_FIELDS, "reviewed_at", "speaker_name") if name in data}
    snap["version"] = version
    snap["reviewed_by_id"] = reviewed_by_id
    snap["reviewed_at"] = reviewed_at.isoformat() if reviewed_at else None
    return snap


def _same_content(row: dict, data: dict) -> bool:
    """Is the statement as the snapshot left it? (Versions differ after earlier undos, so content decides.)"""
    return all(row[name] == data[name] for name in CONTENT_FIELDS)


def _check_undoable(events: list[_PastEvent], current: dict[int, dict]) -> None:
    """Refuse the undo if a statement the action touched has changed since (or came or went)."""
    for event in events:
        if event.statement_id is None:
            continue
        row = current.get(event.statement_id)
        if (event.after is None) != (row is None) or (row is not None and not _same_content(row, event.after)):
            text = row["text"] if row is not None else (event.before or event.after or {}).get("text", "")
            raise ReviewError(
                _("Cannot undo “%(action)s”: “%(text)s” has changed since. Revert it from its history instead.")
                % {"action": events[0].action_label, "text": short(text)},
                code="undo_conflict",
            )


def _recreated(event: _PastEvent, article: Article) -> Statement:
    """The statement the action removed (a merge), back under its id, one version after its snapshot."""
    row = Statement(pk=event.statement_id, article=article)
    for name in SNAPSHOT_FIELDS:
        setattr(row, name, event.before[name])
    restore(row, event.before, cache_speaker=False)
    row.version = event.before["version"] + 1
    return row


def _validate_moved(*, article: Article, moved: dict[int, dict], created: list[Statement], group: tuple) -> None:
    """A restored state was valid once; only a span that moves (or a statement that comes back) can clash
    with what was added since, so only those are validated and checked (status restores cost no query)."""
    rows = list(Statement.objects.filter(pk__in=moved)) if moved else []  # locked already; full rows to validate
    for row in rows:
        row.article = article  # clean() checks the span against the body: no query for it
        for name, value in moved[row.pk].items():
            setattr(row, name, value)
    for row in [*rows, *created]:
        validate(row)
        check_span_free(article_id=article.pk, start=row.start, end=row.end, ignore=group)


@transaction.atomic
def article_undo(*, article: Article, editor: AbstractBaseUser) -> UndoResult:
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

    to_delete: list[int] = []
    to_update: list[tuple[int, dict]] = []  # (statement id, the fields the undo changes)
    to_create: list[Statement] = []
    undo_events: list[StatementEvent] = []
    action_id = uuid.uuid4()
    undid = _("undid %(action)s") % {"action": latest.action_label}
    summaries: dict[tuple, str] = {}  # an undo of “confirm all” describes 100 identical changes once
    for event in events:
        if event.statement_id is None:  # the article itself (marked reviewed)
            status = (event.before or {}).get("article_status")
            if status:
                Article.objects.filter(pk=article.pk).update(status=status)
                article.status = status
            undo_events.append(
                StatementEvent(
                    article_id=article.pk,
                    editor_id=editor.pk,
                    action=Action.UNDO,
                    action_id=action_id,
                    before=event.after,
                    after=event.before,
                    summary=_("undid: %(action)s") % {"action": event.action_label},
                )
            )
            continue
        row = current.get(event.statement_id)
        # The statement says what the action left (checked above): its snapshot is the event's, as of now.
        before_snapshot = (
            _as_now(
                event.after,
                version=row["version"],
                reviewed_by_id=row["reviewed_by_id"],
                reviewed_at=row["reviewed_at"],
            )
            if row is not None
            else None
        )
        after_snapshot = None
        if event.before is None:
            to_delete.append(row["pk"])
        elif row is None:
            created = _recreated(event, article)
            to_create.append(created)
            after_snapshot = _as_now(
                event.before,
                version=created.version,
                reviewed_by_id=created.reviewed_by_id,
                reviewed_at=created.reviewed_at,
            )
        else:
            restored = restored_values(event.before)
            to_update.append((row["pk"], {name: value for name, value in restored.items() if row[name] != value}))
            after_snapshot = _as_now(
                event.before,
                version=row["version"] + 1,
                reviewed_by_id=restored["reviewed_by_id"],
                reviewed_at=restored["reviewed_at"],
            )
        change = ""
        if before_snapshot and after_snapshot:
            key = change_key(before_snapshot, after_snapshot)
            if key not in summaries:
                summaries[key] = describe_change(before_snapshot, after_snapshot)
            change = summaries[key]
        undo_events.append(
            StatementEvent(
                article_id=article.pk,
                statement_id=event.statement_id,
                editor_id=editor.pk,
                action=Action.UNDO,
                action_id=action_id,
                before=before_snapshot,
                after=after_snapshot,
                version=after_snapshot["version"] if after_snapshot is not None else None,
                summary=(undid + (": " + change if change else ""))[:500],
            )
        )

    group = tuple(ids)
    moved = {pk: changes for pk, changes in to_update if "start" in changes or "end" in changes}
    _validate_moved(article=article, moved=moved, created=to_create, group=group)
    if to_delete:
        Statement.objects.filter(pk__in=to_delete).delete()
    _update_many(to_update, now=now)
    if to_create:
        Statement.objects.bulk_create(to_create)
    StatementEvent.objects.filter(action_id=latest.action_id).update(undone_at=now)
    record(undo_events)

    survivors = [event.statement_id for event in reversed(events) if event.statement_id not in to_delete]
    focus = next((pk for pk in survivors if pk is not None), None)
    # What the status line says, as the undo button said it: "confirmed 100 statements", else the change.
    if len(ids) > 2:
        done = _("%(action)s %(count)d statements") % {"action": latest.action_label, "count": len(ids)}
    elif latest.summary:
        done = f"{latest.action_label} ({latest.summary})"
    else:
        done = latest.action_label
    return UndoResult(
        summary=_("Undone: %(change)s.") % {"change": done},
        focus_id=focus,
        statement_ids=ids,
    )
