"""A statement's history: snapshots (what a statement said at a version, and putting one back on it) and
`StatementEvent`s, one per statement an editor action touched, sharing the action's id, with a short
summary of the change (`describe_change`); storing events keeps the reader index in step. Also here: a
version's snapshot from the history, and the event for a change made in the Django admin."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ...common.bulk import insert_rows
from ...groups.services import statement_groups_refresh
from ...models import Speaker, Statement, StatementEvent
from ...reader.cache import reader_pages_changed
from ...reader.index import statement_search_refresh

Action = StatementEvent.Action

# What a statement says, as an editor sees it: its span, kind, cue and mention.
# How a statement is attributed, besides its speaker: its kind, the cue and the mention as written.
ATTRIBUTION_FIELDS = ("kind", "cue_text", "cue_start", "cue_end", "mention_text", "mention_start", "mention_end")
# Where a statement is in the article: its extent, its segments (when several) and the text they give.
SPAN_COLUMNS = ("start", "end", "segments", "text")
SPAN_FIELDS = (*SPAN_COLUMNS, *ATTRIBUTION_FIELDS)
# What a snapshot holds: enough to show a version, revert to it, or re-create a removed statement.
SNAPSHOT_FIELDS = (
    *SPAN_FIELDS,
    "speaker_id",
    "status",
    "origin",
    "confidence",
    "model_version",
    "needs_attention",
    "reviewed_by_id",
    "version",
)
# A statement's fields at one version (the keys of SNAPSHOT_FIELDS, "reviewed_at" as ISO 8601 and "speaker_name"),
# as StatementEvent.before/after store them; a change's "after" may also name an alias added or a speaker created.
type Snapshot = dict[str, Any]
# What a change's summary depends on: (field, old value, new value) for each field that differs.
type ChangeKey = tuple[tuple[str, Any, Any], ...]

# What reverting and undoing put back (origin, confidence and the pre-tagger's notes never change).
RESTORED_FIELDS = (*SPAN_FIELDS, "speaker_id", "status", "reviewed_by_id", "reviewed_at")


def snapshot(statement: Statement) -> Snapshot:
    data = {name: getattr(statement, name) for name in SNAPSHOT_FIELDS}
    data["reviewed_at"] = statement.reviewed_at.isoformat() if statement.reviewed_at else None
    data["speaker_name"] = attributed_speaker(statement).name if statement.speaker_id else ""  # as it was
    return data


def attributed_speaker(statement: Statement) -> Speaker:
    """The speaker of a statement whose `speaker_id` the caller has seen set."""
    speaker = statement.speaker
    assert speaker is not None, "speaker_id is set"
    return speaker


def short(text: str, words: int = 8) -> str:
    return Truncator(text).words(words, truncate="…")


def change_key(before: Snapshot, after: Snapshot) -> ChangeKey:
    """What describe_change says depends on only this: the fields that differ (the text only if it moved)."""
    names = ["status", "speaker_name", "kind", "cue_text", "start", "end"]
    if before["text"] != after["text"]:
        names.append("text")
    return tuple((name, before.get(name), after.get(name)) for name in names if before.get(name) != after.get(name))


def describe_change(before: Snapshot | None, after: Snapshot | None) -> str:
    """A short human summary of what changed between two snapshots."""
    if before is None and after is not None:
        return _("added “%(text)s”") % {"text": short(after["text"])}
    if after is None and before is not None:
        return _("removed “%(text)s”") % {"text": short(before["text"])}
    if before is None or after is None:
        return ""
    changes = []
    if before["status"] != after["status"]:
        changes.append(
            _("status %(old)s → %(new)s")
            % {"old": Statement.Status(before["status"]).label, "new": Statement.Status(after["status"]).label}
        )
    if before["speaker_id"] != after["speaker_id"]:
        changes.append(
            _("speaker %(old)s → %(new)s")
            % {"old": before["speaker_name"] or _("none"), "new": after["speaker_name"] or _("none")}
        )
    if before["kind"] != after["kind"]:
        changes.append(
            _("kind %(old)s → %(new)s")
            % {"old": Statement.Kind(before["kind"]).label, "new": Statement.Kind(after["kind"]).label}
        )
    if before["cue_text"] != after["cue_text"]:
        changes.append(
            _("cue “%(old)s” → “%(new)s”") % {"old": before["cue_text"] or "–", "new": after["cue_text"] or "–"}
        )
    if before["text"] != after["text"]:
        changes.append(
            _("text “%(old)s” → “%(new)s”") % {"old": short(before["text"], 6), "new": short(after["text"], 6)}
        )
    if after.get("alias_added"):
        changes.append(_("alias “%(alias)s” added") % {"alias": after["alias_added"]})
    if after.get("speaker_created"):
        changes.append(_("new speaker %(name)s") % {"name": after["speaker_created"]})
    return "; ".join(changes)


def record(events: list[StatementEvent], *, indexed: bool = False) -> None:
    """Store the events. Every change passes here: keep the reader index (search document, date, outlet) in
    step with it, unless the change's own UPDATE did (`indexed`). Only confirmed statements are ever searched
    or listed, so only they need it."""
    insert_rows(events)  # COPY for the hundred events of "confirm above" and its undo
    reader_pages_changed()  # a statement leaving "confirmed" changes reader pages too
    # Reports of the same words in other articles: a statement confirmed, edited, re-attributed or taken back
    # joins, leaves or changes its group (decisions on groups record themselves here: not them).
    regroup = {e.statement_id for e in events if e.statement_id is not None and e.action != Action.GROUP}
    if regroup:
        statement_groups_refresh(statement_ids=regroup)
    if indexed:
        return
    confirmed = {
        event.statement_id
        for event in events
        if event.statement_id is not None and (event.after or {}).get("status") == Statement.Status.CONFIRMED
    }
    if confirmed:
        statement_search_refresh(statement_ids=confirmed)


def _event(
    *,
    action: str,
    action_id: uuid.UUID,
    statement: Statement | None,
    article_id: int,
    editor: User,
    before: Snapshot | None,
    after: Snapshot | None,
    summary: str | None = None,
) -> StatementEvent:
    return StatementEvent(
        article_id=article_id,
        statement_id=statement.pk if statement is not None else None,
        editor=editor,
        action=action,
        action_id=action_id,
        before=before,
        after=after,
        version=after["version"] if after and "version" in after else None,
        summary=(describe_change(before, after) if summary is None else summary)[:500],
    )


def record_action(
    action: str, *, article_id: int, editor: User, changes: list[tuple[Statement, Snapshot | None, Snapshot | None]]
) -> None:
    """Record one editor action: an event per (statement, before, after), sharing an action id so that undo
    takes them back together."""
    action_id = uuid.uuid4()
    record(
        [
            _event(
                action=action,
                action_id=action_id,
                statement=statement,
                article_id=article_id,
                editor=editor,
                before=before,
                after=after,
            )
            for statement, before, after in changes
        ]
    )


# Boundary moves by one editor on one statement, each within this time of the one before, are one change.
NUDGE_WINDOW = timedelta(seconds=90)


def record_nudge(statement: Statement, *, editor: User, before: Snapshot, after: Snapshot, now: datetime) -> None:
    """Record a boundary move (`[ ] { }`). When the statement's latest change is the same editor's boundary
    move, made less than NUDGE_WINDOW ago and not undone, this move joins it: one entry in the history (from
    where the boundaries were to where they are) and one undo step, not one per key press."""
    after = {**after, "nudge": True}
    last = StatementEvent.objects.filter(statement_id=statement.pk).order_by("-id").first()
    joins = (
        last is not None
        and last.editor_id == editor.pk
        and last.undone_at is None
        and (last.after or {}).get("nudge")
        and last.version == before["version"]
        and now - last.created_at <= NUDGE_WINDOW
    )
    if not joins or last is None:
        record_action(
            Action.UPDATE, article_id=statement.article_id, editor=editor, changes=[(statement, before, after)]
        )
        return
    summary = describe_change(last.before, after)[:500]
    StatementEvent.objects.filter(pk=last.pk).update(
        after=after, version=after["version"], summary=summary, created_at=now
    )
    statement_groups_refresh(statement_ids=[statement.pk])
    if after["status"] == Statement.Status.CONFIRMED:
        statement_search_refresh(statement_ids=[statement.pk])


def statement_version(statement: Statement, number: int) -> Snapshot | None:
    """The snapshot of one version of the statement, from its history (None if the history does not know it)."""
    event = (
        StatementEvent.objects.filter(statement_id=statement.pk)
        .filter(Q(after__version=number) | Q(before__version=number))
        .order_by("id")
        .first()
    )
    if event is None:
        return None
    after: Snapshot | None = event.after
    if after and after.get("version") == number:
        return after
    before: Snapshot | None = event.before
    return before


def restored_values(data: Snapshot) -> dict[str, Any]:
    """A snapshot's restorable fields as model values."""
    # Snapshots taken before statements had segments hold none: they were one span.
    values = {name: data.get(name, []) if name == "segments" else data[name] for name in RESTORED_FIELDS}
    values["reviewed_at"] = datetime.fromisoformat(data["reviewed_at"]) if data.get("reviewed_at") else None
    return values


def restore(statement: Statement, data: Snapshot, *, cache_speaker: bool = True) -> None:
    """Put a snapshot's restorable fields back on the instance (not saved)."""
    for name, value in restored_values(data).items():
        setattr(statement, name, value)
    if cache_speaker:
        _cache_speaker(statement, data)


def _cache_speaker(statement: Statement, data: Snapshot) -> None:
    """Give the instance its speaker as the snapshot names it, so that snapshotting it again costs no query."""
    if statement.speaker_id is None:
        statement._state.fields_cache["speaker"] = None
    elif (cached := statement._state.fields_cache.get("speaker")) is None or cached.pk != statement.speaker_id:
        statement._state.fields_cache["speaker"] = Speaker(pk=statement.speaker_id, name=data.get("speaker_name", ""))


def statement_record_admin_change(*, statement: Statement, before: Snapshot | None, editor: User) -> None:
    """History for a statement added or changed in the Django admin, outside the review workspace: one event
    (with the reader index refreshed as for any change), so the statement's history stays complete."""
    after = snapshot(statement)
    if before is not None and {**before, "version": None} == {**after, "version": None}:
        return  # saved unchanged
    action = Action.CREATE if before is None else Action.UPDATE
    record_action(action, article_id=statement.article_id, editor=editor, changes=[(statement, before, after)])
