"""Actions on statements, each one editor action with its history: confirm, reject, correct (speaker,
kind, cue, boundaries), move a boundary by a word, set new boundaries, add a statement the pre-tagger
missed, split one in two, merge two neighbours, revert one to an earlier version, and create a speaker
for a statement."""

import uuid
from typing import Any, Literal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...common import segments, spans
from ...common.segments import Span, spans_of
from ...groups.services import groups_summary_refresh
from ...models import Article, Speaker, Statement
from .errors import StaleVersion
from .history import (
    ATTRIBUTION_FIELDS,
    RESTORED_FIELDS,
    SPAN_COLUMNS,
    Action,
    _event,
    attributed_speaker,
    record,
    record_action,
    record_nudge,
    restore,
    snapshot,
    statement_version,
)
from .locks import claim
from .rows import check_span_free, editable, validate, write
from .speakers import mention_alias_add, speaker_create_from_review


def _set_status(*, statement: Statement, editor: User, expected_version: int, status: str, action: str) -> Statement:
    now = timezone.now()
    claim(article_id=statement.article_id, editor=editor, now=now)
    locked = editable(statement, expected_version)
    if locked.status == status:
        return locked  # pressing c on a confirmed statement changes nothing
    if status == Statement.Status.CONFIRMED and locked.speaker_id is None:
        raise ValidationError(_("Choose a speaker before confirming (press s)."), code="no_speaker")
    if locked.status == Statement.Status.REJECTED:  # back in play: its span must still be free
        check_span_free(article_id=locked.article_id, spans=locked.spans, ignore=(locked.pk,))
    before = snapshot(locked)
    locked.status, locked.reviewed_by, locked.reviewed_at = status, editor, now
    write(locked, expected_version=expected_version, fields=("status", "reviewed_by", "reviewed_at"), now=now)
    record_action(action, article_id=locked.article_id, editor=editor, changes=[(locked, before, snapshot(locked))])
    return locked


@transaction.atomic
def statement_confirm(*, statement: Statement, editor: User, expected_version: int) -> Statement:
    """Confirm a statement (it needs a speaker): readers will see it."""
    return _set_status(
        statement=statement,
        editor=editor,
        expected_version=expected_version,
        status=Statement.Status.CONFIRMED,
        action=Action.CONFIRM,
    )


@transaction.atomic
def statement_reject(*, statement: Statement, editor: User, expected_version: int) -> Statement:
    """Reject a statement: it is kept (and shown struck out to editors) but never shown to readers."""
    return _set_status(
        statement=statement,
        editor=editor,
        expected_version=expected_version,
        status=Statement.Status.REJECTED,
        action=Action.REJECT,
    )


_UNSET: Any = object()


@transaction.atomic
def statement_update(
    *,
    statement: Statement,
    editor: User,
    expected_version: int,
    speaker: Speaker | None = _UNSET,
    kind: str = _UNSET,
    cue_text: str = _UNSET,
    start: int = _UNSET,
    end: int = _UNSET,
    parts: list[Span] = _UNSET,
    add_mention_alias: bool = False,
    created_speaker: Speaker | None = None,
    nudge: bool = False,
) -> tuple[Statement, bool]:
    """Correct a statement: its speaker, kind, cue or boundaries (any subset). Returns (statement, changed).

    New boundaries (`start` and `end` for one span, or `parts`, the segments in order) take the body's text
    between them. A changed cue is looked up next to the statement
    so that it stays marked in the article. With `add_mention_alias`, the speaker mention as written
    (“de Blasio”) becomes an alias of the chosen speaker, so the pre-tagger resolves it next time.
    """
    now = timezone.now()
    claim(article_id=statement.article_id, editor=editor, now=now)
    locked = editable(statement, expected_version)
    before = snapshot(locked)
    body = locked.article.body
    changed: list[str] = []

    if speaker is not _UNSET and locked.speaker_id != (speaker.pk if speaker else None):
        locked.speaker = speaker
        changed.append("speaker_id")
    if kind is not _UNSET and kind != locked.kind:
        locked.kind = kind
        changed.append("kind")
    if cue_text is not _UNSET and cue_text.strip() != locked.cue_text:
        locked.cue_text = cue_text.strip()
        where = spans.find_near(body, locked.cue_text, locked.start, locked.end)
        locked.cue_start, locked.cue_end = where if where else (None, None)
        changed += ["cue_text", "cue_start", "cue_end"]
    if start is not _UNSET or end is not _UNSET:
        parts = [(locked.start if start is _UNSET else start, locked.end if end is _UNSET else end)]
    if parts is not _UNSET and parts != locked.spans:
        for start, end in parts:
            _check_offsets(body, start, end)
        check_span_free(article_id=locked.article_id, spans=parts, ignore=(locked.pk,))
        locked.set_spans(parts, body)
        changed += list(SPAN_COLUMNS)

    alias = None
    if add_mention_alias and locked.speaker_id and locked.mention_text.strip():
        alias = mention_alias_add(speaker=attributed_speaker(locked), name=locked.mention_text)
    if not changed and alias is None and created_speaker is None:
        return locked, False

    validate(locked)
    write(locked, expected_version=expected_version, fields=tuple(changed), now=now)
    after = snapshot(locked)
    if alias is not None:
        after["alias_added"] = alias.name
    if created_speaker is not None:
        after["speaker_created"] = created_speaker.name
    if nudge:
        record_nudge(locked, editor=editor, before=before, after=after, now=now)
    else:
        record_action(Action.UPDATE, article_id=locked.article_id, editor=editor, changes=[(locked, before, after)])
    return locked, True


def _check_offsets(body: str, start: int, end: int) -> None:
    if start < 0 or end > len(body):
        raise ValidationError(
            _("These offsets (%(start)s–%(end)s) lie outside the article, which has %(length)s characters.")
            % {"start": start, "end": end, "length": len(body)},
            code="outside_body",
        )
    if start >= end:
        raise ValidationError(_("The statement must end after it starts."), code="empty_span")
    if not body[start:end].strip():
        raise ValidationError(_("The statement covers only white space."), code="blank_span")


def statement_move_boundary(
    *,
    statement: Statement,
    editor: User,
    expected_version: int,
    edge: Literal["start", "end"],
    direction: int,
) -> tuple[Statement, bool]:
    """Move the start or the end of a statement by one word (direction -1: earlier, +1: later).

    A few moves in a row by one editor are one change in the history and one undo step (`record_nudge`).

    Of a statement in several segments, the start is its first segment's and the end its last one's.
    """
    statement = editable(statement, expected_version)  # step from the version the editor saw
    body = statement.article.body
    parts = statement.spans
    index = 0 if edge == "start" else -1
    try:
        parts[index] = spans.step_boundary(body, *parts[index], edge=edge, direction=direction)
    except spans.SpanError as error:
        raise ValidationError(str(error), code=error.code) from error
    return statement_update(
        statement=statement, editor=editor, expected_version=expected_version, parts=parts, nudge=True
    )


@transaction.atomic
def statement_set_span(
    *,
    statement: Statement,
    editor: User,
    expected_version: int,
    start: int,
    end: int,
    expected_text: str | None = None,
) -> Statement:
    """Give a statement new boundaries, typed or selected in the article (checked like statement_create)."""
    body = statement.article.body
    _check_offsets(body, start, end)
    if expected_text is not None and body[start:end] != expected_text:
        raise ValidationError(
            _("The selected text does not match the article at these offsets. Reload the page and select it again."),
            code="text_mismatch",
        )
    start, end = spans.trim_span(body, start, end)
    _check_offsets(body, start, end)
    updated, _changed = statement_update(
        statement=statement, editor=editor, expected_version=expected_version, parts=[(start, end)]
    )
    return updated


@transaction.atomic
def statement_create(
    *,
    article: Article,
    editor: User,
    start: int,
    end: int,
    expected_text: str | None = None,
    kind: str | None = None,
) -> Statement:
    """Add a statement the pre-tagger missed, from offsets the editor selected in the article.

    The offsets are checked against the body (and against `expected_text`, what the editor's browser
    saw there, when given); white space and the quotation marks around a quote are trimmed off. The new
    statement waits as a suggestion until the editor has given it a speaker and confirmed it.
    """
    now = timezone.now()
    claim(article_id=article.pk, editor=editor, now=now)
    body = article.body
    _check_offsets(body, start, end)
    if expected_text is not None and body[start:end] != expected_text:
        raise ValidationError(
            _("The selected text does not match the article at these offsets. Reload the page and select it again."),
            code="text_mismatch",
        )
    start, end = spans.trim_span(body, start, end)
    _check_offsets(body, start, end)
    check_span_free(article_id=article.pk, spans=[(start, end)])
    if kind is None:
        opens_quote = start > 0 and body[start - 1] in spans.OPENING_QUOTES
        kind = Statement.Kind.DIRECT if opens_quote else Statement.Kind.INDIRECT
    statement = Statement(
        article=article,
        start=start,
        end=end,
        text=body[start:end],
        kind=kind,
        status=Statement.Status.SUGGESTED,
        origin=Statement.Origin.EDITOR,
    )
    validate(statement)
    try:
        with transaction.atomic():
            statement.save(force_insert=True)
    except IntegrityError as error:  # the same span, added by someone else a moment ago
        raise ValidationError(_("This span is already a statement of the article."), code="duplicate_span") from error
    record_action(Action.CREATE, article_id=article.pk, editor=editor, changes=[(statement, None, snapshot(statement))])
    return statement


@transaction.atomic
def statement_split(
    *, statement: Statement, editor: User, expected_version: int, at: int
) -> tuple[Statement, Statement]:
    """Split a statement in two at offset `at` (e.g. where a second quote begins).

    The first part keeps the statement (and its history); the second is a new statement with the same
    speaker, kind, cue, mention and status.
    """
    now = timezone.now()
    claim(article_id=statement.article_id, editor=editor, now=now)
    locked = editable(statement, expected_version)
    body = locked.article.body
    try:
        first_part, second_part = segments.split(body, locked.spans, at)
    except spans.SpanError as error:
        raise ValidationError(str(error), code=error.code) from error
    before = snapshot(locked)
    second = Statement(
        article=locked.article,
        origin=Statement.Origin.EDITOR,
        **{
            name: getattr(locked, name)
            for name in (
                *ATTRIBUTION_FIELDS,
                "speaker",
                "status",
                "confidence",
                "model_version",
                "reviewed_by",
                "reviewed_at",
            )
        },
    )
    second.set_spans(second_part, body)
    # The second part must not repeat another statement's span (a rejected one, say); the first only shrinks.
    check_span_free(article_id=locked.article_id, spans=second_part, ignore=(locked.pk,))
    locked.set_spans(first_part, body)
    validate(locked)
    validate(second)
    write(locked, expected_version=expected_version, fields=SPAN_COLUMNS, now=now)
    second.save(force_insert=True)
    record_action(
        Action.SPLIT,
        article_id=locked.article_id,
        editor=editor,
        changes=[(locked, before, snapshot(locked)), (second, None, snapshot(second))],
    )
    return locked, second


@transaction.atomic
def statements_merge(
    *,
    first: Statement,
    second: Statement,
    editor: User,
    first_version: int,
    second_version: int,
) -> Statement:
    """Merge two neighbouring statements into one statement of several segments, kept under the first's id.

    They must be in the same article, not overlap, have no other statement between them, and not name
    two different speakers. The second statement is removed (its history stays; undo brings it back).
    """
    now = timezone.now()
    if first.article_id != second.article_id or first.pk == second.pk:
        raise ValidationError(_("Only two different statements of one article can be merged."), code="bad_merge")
    claim(article_id=first.article_id, editor=editor, now=now)
    expected = {first.pk: first_version, second.pk: second_version}
    a, b = _locked_in_order(article_id=first.article_id, expected=expected)
    _check_mergeable(a, b, pair=tuple(expected))

    before_a, before_b = snapshot(a), snapshot(b)
    _absorb(a, b)
    validate(a)
    Statement.objects.filter(pk=b.pk, version=expected[b.pk]).delete()
    if b.group_id is not None:  # its group no longer counts it (the history regroups only what still exists)
        groups_summary_refresh(group_ids=[b.group_id])
    write(a, expected_version=expected[a.pk], fields=_MERGED_FIELDS, now=now)
    record_action(
        Action.MERGE,
        article_id=a.article_id,
        editor=editor,
        changes=[(a, before_a, snapshot(a)), (b, before_b, None)],
    )
    return a


# What a merge may change in the statement that is kept.
_MERGED_FIELDS = (*SPAN_COLUMNS, "speaker_id", *ATTRIBUTION_FIELDS, "status")


def _locked_in_order(*, article_id: int, expected: dict[int, int]) -> tuple[Statement, Statement]:
    """Both statements, locked, at the versions the editor saw, in text order (else StaleVersion)."""
    rows = {
        row.pk: row
        for row in Statement.objects.select_for_update(of=("self",))
        .select_related("article", "speaker")
        .filter(pk__in=expected, article_id=article_id)
        .order_by("pk")
    }
    for pk, version in expected.items():
        if pk not in rows or rows[pk].version != version:
            raise StaleVersion(statement_id=pk, expected_version=version, current=rows.get(pk))
    a, b = sorted(rows.values(), key=lambda row: (row.start, row.end))
    return a, b


def _check_mergeable(a: Statement, b: Statement, *, pair: tuple[int, ...]) -> None:
    """Refuse overlapping, rejected or differently attributed statements, and any but neighbours."""
    if a.end > b.start:
        raise ValidationError(_("These statements overlap; adjust their boundaries instead."), code="overlap")
    if Statement.Status.REJECTED in (a.status, b.status):
        raise ValidationError(_("A rejected statement cannot be merged."), code="rejected")
    if a.speaker_id and b.speaker_id and a.speaker_id != b.speaker_id:
        raise ValidationError(
            _("These statements have different speakers (%(a)s, %(b)s); correct one of them first.")
            % {"a": attributed_speaker(a).name, "b": attributed_speaker(b).name},
            code="speakers_differ",
        )
    between = (
        Statement.objects.filter(article_id=a.article_id, start__lt=b.start, end__gt=a.end)
        .exclude(pk__in=pair)
        .exclude(status=Statement.Status.REJECTED)
        .exists()
    )
    if between:
        raise ValidationError(_("Another statement lies between these two; only neighbours merge."), code="between")


def _absorb(a: Statement, b: Statement) -> None:
    """`a` takes `b`'s segments and whatever `a` lacks (speaker, cue, mention); it stays confirmed only if both
    were. The reporter's words between them stay out of the statement: the segments join only across white
    space."""
    body = a.article.body
    parts = segments.combined(a.spans, b.spans, body=body)
    a.set_spans(parts, body)
    if a.speaker_id is None and b.speaker_id:
        a.speaker = b.speaker
    if a.kind != b.kind:
        a.kind = Statement.Kind.MIXED
    if not a.cue_text and b.cue_text:
        a.cue_text, a.cue_start, a.cue_end = b.cue_text, b.cue_start, b.cue_end
    if not a.mention_text and b.mention_text:
        a.mention_text, a.mention_start, a.mention_end = b.mention_text, b.mention_start, b.mention_end
    both_confirmed = a.status == b.status == Statement.Status.CONFIRMED
    a.status = Statement.Status.CONFIRMED if both_confirmed else Statement.Status.SUGGESTED


@transaction.atomic
def statement_revert(*, statement: Statement, editor: User, expected_version: int, to_version: int) -> Statement:
    """Put a statement back as it was at an earlier version (recorded as a new version)."""
    now = timezone.now()
    claim(article_id=statement.article_id, editor=editor, now=now)
    locked = editable(statement, expected_version)
    target = statement_version(locked, to_version)
    if target is None:
        raise ValidationError(
            _("Version %(version)s of this statement is not in its history.") % {"version": to_version},
            code="no_such_version",
        )
    if to_version == locked.version:
        raise ValidationError(_("This is already the current version."), code="same_version")
    before = snapshot(locked)
    restore(locked, target)
    moved = locked.spans != spans_of(before["start"], before["end"], before.get("segments"))
    unrejected = before["status"] == Statement.Status.REJECTED != locked.status
    if moved or unrejected:
        check_span_free(article_id=locked.article_id, spans=locked.spans, ignore=(locked.pk,))
    validate(locked)
    write(locked, expected_version=expected_version, fields=RESTORED_FIELDS, now=now)
    after = snapshot(locked)
    event = _event(
        action=Action.REVERT,
        action_id=uuid.uuid4(),
        statement=locked,
        article_id=locked.article_id,
        editor=editor,
        before=before,
        after=after,
    )
    event.summary = (_("to version %(version)s") % {"version": to_version} + ": " + event.summary)[:500]
    record([event])
    return locked


@transaction.atomic
def statement_speaker_create(
    *,
    statement: Statement,
    editor: User,
    expected_version: int,
    name: str,
    kind: str,
    description: str = "",
    add_mention_alias: bool = False,
) -> tuple[Statement, Speaker]:
    """Create a speaker and attribute the statement to them, as one action (undo keeps the speaker)."""
    # A stale version is reported before any complaint about the new speaker (the transaction undoes both).
    editable(statement, expected_version)
    speaker = speaker_create_from_review(name=name, kind=kind, description=description, editor=editor)
    updated, _changed = statement_update(
        statement=statement,
        editor=editor,
        expected_version=expected_version,
        speaker=speaker,
        add_mention_alias=add_mention_alias,
        created_speaker=speaker,
    )
    return updated, speaker
