"""Speakers: creating them, their aliases, and the registry as editors keep it clean.

Every speaker has its canonical name among its aliases (matching names to speakers is
`annotations.pretagging.resolution`).
"""

import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from ..models import NotSameSpeakers, Speaker, SpeakerAlias, SpeakerEvent, SpeakerSlug, Statement, normalize_name
from ..reader.index import speaker_search_refresh, statement_search_refresh


def speaker_unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A slug for `name` that no other speaker has or had (a renamed speaker's old slugs stay its own)."""
    base = slugify(name)[:280] or "speaker"
    same_start = Speaker.objects.filter(slug__startswith=base)
    former = SpeakerSlug.objects.filter(slug__startswith=base)
    # exclude(pk=None) is "pk IS NULL", which excludes nothing; the plugin refuses None for a non-null field.
    taken = set(same_start.exclude(pk=exclude_pk).values_list("slug", flat=True))  # type: ignore[misc]
    taken |= set(former.exclude(speaker_id=exclude_pk).values_list("slug", flat=True))  # type: ignore[misc]
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def speaker_alias_add(*, speaker: Speaker, name: str, origin: str, checked: bool = False) -> SpeakerAlias | None:
    """Add `name` as an alias of `speaker` unless it already is one (compared in normalised form)."""
    normalized = normalize_name(name)
    if not normalized:
        return None
    alias, _created = SpeakerAlias.objects.get_or_create(
        speaker=speaker,
        normalized=normalized,
        defaults={"name": name.strip()[:300], "origin": origin, "checked": checked},
    )
    return alias


@transaction.atomic
def speaker_create(
    *,
    name: str,
    kind: str = Speaker.Kind.PERSON,
    description: str = "",
    origin: str = Speaker.Origin.EDITOR,
    aliases: Iterable[str] = (),
) -> Speaker:
    """A new speaker with its canonical name and `aliases` recorded as aliases."""
    name = " ".join(name.split())
    from_model = origin == Speaker.Origin.MODEL
    speaker = Speaker(
        name=name,
        slug=speaker_unique_slug(name),
        kind=kind,
        description=description,
        origin=origin,
        status=Speaker.Status.UNCHECKED if from_model else Speaker.Status.ACCEPTED,
    )
    # Field checks here (e.g. the Wikidata id's form); uniqueness and constraints are the database's.
    speaker.full_clean(validate_unique=False, validate_constraints=False)
    speaker.save()
    alias_origin = SpeakerAlias.Origin.MODEL if from_model else SpeakerAlias.Origin.EDITOR
    new_aliases = [SpeakerAlias(speaker=speaker, name=name, origin=alias_origin, checked=True)]
    new_aliases += [
        SpeakerAlias(speaker=speaker, name=alias.strip()[:300], origin=alias_origin, checked=not from_model)
        for alias in aliases
    ]
    for alias in new_aliases:
        alias.set_keys()
    # One insert; a form that normalises like an earlier one (or to nothing) is simply not a new alias.
    unique = {alias.normalized: alias for alias in reversed(new_aliases) if alias.normalized}
    SpeakerAlias.objects.bulk_create(list(reversed(unique.values())))
    return speaker


# --- The registry, as editors keep it clean -------------------------------------------------
#
# Every change takes the speaker's row lock and bumps its version; a change based on another version than the
# one in the database (`expected_version`, from the editor's form) is refused with StaleSpeaker, so two editors
# never silently overwrite each other. Records merged away are refused too: they only redirect now.


class StaleSpeaker(Exception):
    """The editor's form is based on an older version of the speaker (or the speaker is gone)."""

    def __init__(self, current: Speaker | None):
        self.current = current
        if current is None:
            message = "This speaker no longer exists."
        elif current.merged_into_id is not None:
            message = f"“{current.name}” was merged into another speaker meanwhile; nothing was changed."
        else:
            message = f"Someone changed “{current.name}” while you were looking at it. Here it is as it is now."
        super().__init__(message)
        self.message = message


def _locked(speaker: Speaker, expected_version: int | None) -> Speaker:
    """The speaker's current row, locked until the transaction ends; refused if stale or merged away."""
    fresh = Speaker.objects.select_for_update().filter(pk=speaker.pk).first()
    # Merged away meanwhile is a conflict like any other change: the editor acted on what they saw.
    if fresh is None or fresh.merged_into_id is not None:
        raise StaleSpeaker(fresh)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleSpeaker(fresh)
    return fresh


def _bump(*speakers: Speaker) -> None:
    Speaker.objects.filter(pk__in=[s.pk for s in speakers]).update(version=F("version") + 1)
    for speaker in speakers:
        speaker.version += 1


def _event(speaker: Speaker, action: str, editor: User, *, other: Speaker | None = None, **data: Any) -> SpeakerEvent:
    return SpeakerEvent.objects.create(speaker=speaker, other=other, action=action, editor=editor, data=data)


def _statements_move(statement_ids: list[int], speaker: Speaker | None, editor: User, *, why: str) -> None:
    """Reassign statements; their version goes up so an editor's form based on the old one is refused, each
    gets an event in its history (one action), and the reader index learns the new speaker's names."""
    # The statement history has one writer, the review services' history module (imported here, not at the
    # top: review's services import this module).
    from ..review.services.history import Action, _event, record, snapshot

    def rows() -> list[Statement]:
        return list(Statement.objects.select_related("speaker").filter(pk__in=statement_ids).order_by("pk"))

    before = {row.pk: snapshot(row) for row in rows()}
    Statement.objects.filter(pk__in=statement_ids).update(speaker=speaker, version=F("version") + 1)
    action_id = uuid.uuid4()
    events = []
    for row in rows():
        event = _event(
            action=Action.REGISTRY,
            action_id=action_id,
            statement=row,
            article_id=row.article_id,
            editor=editor,
            before=before[row.pk],
            after=snapshot(row),
        )
        event.summary = f"{why}: {event.summary}"[:500]
        events.append(event)
    record(events, indexed=True)
    statement_search_refresh(statement_ids=statement_ids)


@transaction.atomic
def speaker_accept(*, speaker: Speaker, editor: User, expected_version: int | None = None) -> Speaker:
    """Triage: the record is right as it is; its aliases are checked too."""
    speaker = _locked(speaker, expected_version)
    speaker.status = Speaker.Status.ACCEPTED
    speaker.save(update_fields=["status"])
    speaker.aliases.update(checked=True)
    _bump(speaker)
    _event(speaker, SpeakerEvent.Action.ACCEPT, editor)
    return speaker


@transaction.atomic
def speaker_update(
    *, speaker: Speaker, editor: User, data: dict[str, Any], expected_version: int | None = None
) -> tuple[Speaker, bool]:
    """Change name, kind, description or Wikidata id. A new name keeps the old one as an alias."""
    speaker = _locked(speaker, expected_version)
    fields = [name for name in ("name", "kind", "description", "wikidata_id") if name in data]
    before = {name: getattr(speaker, name) for name in fields}
    changed = [name for name in fields if data[name] != before[name]]
    if not changed:
        return speaker, False
    for name in changed:
        setattr(speaker, name, data[name])
    speaker.full_clean(exclude=["slug"])
    reslugged = "name" in changed and _reslug(speaker)
    speaker.save(update_fields=[*changed, "slug"] if reslugged else changed)
    if "name" in changed:
        speaker_alias_add(speaker=speaker, name=before["name"], origin=SpeakerAlias.Origin.EDITOR, checked=True)
        speaker_alias_add(speaker=speaker, name=speaker.name, origin=SpeakerAlias.Origin.EDITOR, checked=True)
        speaker_search_refresh(speaker=speaker)
    _bump(speaker)
    _event(
        speaker,
        SpeakerEvent.Action.EDIT,
        editor,
        before={name: before[name] for name in changed},
        after={name: data[name] for name in changed},
    )
    return speaker, True


def _reslug(speaker: Speaker) -> bool:
    """Give a renamed speaker the slug of its new name, keeping the old one as a former slug (its old address
    redirects). Returns whether the slug changed."""
    slug = speaker_unique_slug(speaker.name, exclude_pk=speaker.pk)
    if slug == speaker.slug:
        return False
    SpeakerSlug.objects.filter(speaker=speaker, slug=slug).delete()  # renamed back: the slug is current again
    SpeakerSlug.objects.create(speaker=speaker, slug=speaker.slug)
    speaker.slug = slug
    return True


@transaction.atomic
def speaker_alias_add_by_editor(
    *, speaker: Speaker, name: str, editor: User, expected_version: int | None = None
) -> SpeakerAlias:
    speaker = _locked(speaker, expected_version)
    alias = speaker_alias_add(speaker=speaker, name=name, origin=SpeakerAlias.Origin.EDITOR, checked=True)
    if alias is None:
        raise ValidationError({"name": ValidationError("An alias needs at least one letter or digit.", code="empty")})
    if not alias.checked:
        alias.checked = True
        alias.save(update_fields=["checked"])
    _bump(speaker)
    _event(speaker, SpeakerEvent.Action.ALIAS_ADD, editor, alias=alias.name)
    speaker_search_refresh(speaker=speaker)
    return alias


@transaction.atomic
def speaker_alias_remove(*, alias: SpeakerAlias, editor: User, expected_version: int | None = None) -> None:
    speaker = _locked(alias.speaker, expected_version)
    if alias.normalized == normalize_name(speaker.name):
        raise ValidationError(
            "A speaker's own name cannot be removed from its aliases; rename the speaker instead.",
            code="own_name",
        )
    _event(speaker, SpeakerEvent.Action.ALIAS_REMOVE, editor, alias=alias.name)
    alias.delete()
    _bump(speaker)
    speaker_search_refresh(speaker=speaker)


@transaction.atomic
def speaker_mark_not_a_speaker(*, speaker: Speaker, editor: User, expected_version: int | None = None) -> int:
    """Not a speaker: its statements lose their speaker, and pre-tagging never attributes the name again."""
    speaker = _locked(speaker, expected_version)
    statement_ids = list(speaker.statements.values_list("pk", flat=True))
    _statements_move(statement_ids, None, editor, why=f"“{speaker.name}” marked not a speaker")
    speaker.status = Speaker.Status.NOT_A_SPEAKER
    speaker.save(update_fields=["status"])
    _bump(speaker)
    _event(speaker, SpeakerEvent.Action.NOT_A_SPEAKER, editor, statement_ids=statement_ids)
    return len(statement_ids)


def speaker_merge_check(*, source: Speaker, target: Speaker) -> None:
    """Refuse a merge that cannot be done (ValidationError): the merge itself and the page that asks the editor
    to confirm it say the same thing."""
    if source.pk == target.pk:
        raise ValidationError("A speaker cannot be merged into itself.", code="same_speaker")
    for speaker in (source, target):
        if speaker.merged_into_id is not None:
            raise ValidationError(
                "“%(name)s” was already merged into another speaker; open that one instead.",
                code="already_merged",
                params={"name": speaker.name},
            )
    if target.status == Speaker.Status.NOT_A_SPEAKER:
        raise ValidationError("“%(name)s” is marked not a speaker.", code="not_a_speaker", params={"name": target})


@transaction.atomic
def speaker_merge(
    *,
    source: Speaker,
    target: Speaker,
    editor: User,
    source_version: int | None = None,
    target_version: int | None = None,
) -> SpeakerEvent:
    """Merge `source` into `target`: its statements and aliases move, its names stay as aliases, and its
    page redirects to the target. Recorded with everything needed to undo it."""
    if source.pk == target.pk:  # what can be refused without locking; the rest is checked on the locked rows
        speaker_merge_check(source=source, target=target)
    # Locked in id order, so two editors merging the same pair in opposite directions cannot deadlock.
    first, second = sorted([(source, source_version), (target, target_version)], key=lambda pair: pair[0].pk)
    locked = {s.pk: s for s in (_locked(*first), _locked(*second))}
    source, target = locked[source.pk], locked[target.pk]
    speaker_merge_check(source=source, target=target)
    statement_ids = list(source.statements.values_list("pk", flat=True))
    _statements_move(statement_ids, target, editor, why=f"merged “{source.name}” into “{target.name}”")
    target_keys = set(target.aliases.values_list("normalized", flat=True))
    moved: list[int] = []
    duplicate_aliases: list[dict[str, Any]] = []
    for alias in source.aliases.all():
        if alias.normalized in target_keys:
            duplicate_aliases.append({"name": alias.name, "origin": alias.origin, "checked": alias.checked})
            alias.delete()
        else:
            moved.append(alias.pk)
    SpeakerAlias.objects.filter(pk__in=moved).update(speaker=target, checked=True)
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    _bump(source, target)
    speaker_search_refresh(speaker=target)  # the kept speaker now answers to the merged one's names
    return _event(
        target,
        SpeakerEvent.Action.MERGE,
        editor,
        other=source,
        statement_ids=statement_ids,
        moved_alias_ids=moved,
        dropped_aliases=duplicate_aliases,
        source_status=source.status,
    )


@transaction.atomic
def speaker_merge_undo(*, event: SpeakerEvent, editor: User) -> Speaker:
    """Put a merged speaker back: its statements (unless an editor reassigned them since) and aliases."""
    locked = SpeakerEvent.objects.select_for_update().filter(pk=event.pk).first()
    if (
        locked is None
        or locked.action != SpeakerEvent.Action.MERGE
        or locked.undone_at is not None
        or locked.other is None
    ):
        raise ValidationError("This merge cannot be undone (it was undone already).", code="not_undoable")
    event, source, target = locked, locked.other, locked.speaker
    still_there = list(
        Statement.objects.filter(pk__in=event.data["statement_ids"], speaker=target).values_list("pk", flat=True)
    )
    _statements_move(still_there, source, editor, why=f"undid the merge of “{source.name}” into “{target.name}”")
    SpeakerAlias.objects.filter(pk__in=event.data["moved_alias_ids"], speaker=target).update(speaker=source)
    for alias in event.data["dropped_aliases"]:
        speaker_alias_add(speaker=source, name=alias["name"], origin=alias["origin"], checked=alias["checked"])
    source.merged_into = None
    source.save(update_fields=["merged_into"])
    _bump(source, target)
    statement_search_refresh(statement_ids=event.data["statement_ids"])
    speaker_search_refresh(speaker=target)
    event.undone_at = timezone.now()
    event.save(update_fields=["undone_at"])
    _event(target, SpeakerEvent.Action.UNMERGE, editor, other=source, merge_event=event.pk)
    return source


@transaction.atomic
def speaker_split(
    *,
    speaker: Speaker,
    statement_ids: list[int],
    editor: User,
    target: Speaker | None = None,
    new_name: str = "",
    new_kind: str = Speaker.Kind.PERSON,
    new_description: str = "",
    expected_version: int | None = None,
) -> Speaker:
    """Move chosen statements of `speaker` to `target`, or to a new speaker (two people with one name)."""
    speaker = _locked(speaker, expected_version)
    owned = set(speaker.statements.filter(pk__in=statement_ids).values_list("pk", flat=True))
    if not owned or owned != set(statement_ids):
        raise ValidationError("Choose statements of this speaker to move.", code="no_statements")
    if target is None:
        target = speaker_create(name=new_name or speaker.name, kind=new_kind, description=new_description)
    elif target.pk == speaker.pk:
        raise ValidationError("Choose another speaker to move the statements to.", code="same_speaker")
    else:
        target = _locked(target, None)
    _statements_move(sorted(owned), target, editor, why=f"moved from “{speaker.name}” to “{target.name}”")
    _bump(speaker, target)
    _event(speaker, SpeakerEvent.Action.SPLIT, editor, other=target, statement_ids=sorted(owned))
    return target


@transaction.atomic
def speakers_mark_not_same(*, first: Speaker, second: Speaker, editor: User) -> NotSameSpeakers:
    """Remember that two similar speakers are different, so the pair is not suggested again."""
    if first.pk == second.pk:
        raise ValidationError("A speaker is always the same as itself.", code="same_speaker")
    low, high = sorted([first, second], key=lambda s: s.pk)
    pair, _created = NotSameSpeakers.objects.get_or_create(first=low, second=high, defaults={"decided_by": editor})
    _event(first, SpeakerEvent.Action.NOT_SAME, editor, other=second)
    return pair
