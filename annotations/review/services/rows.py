"""Changing one statement row safely: take it at the version the editor saw (`editable`), check it
(`validate`, `check_span_free`), and write it with UPDATE … WHERE version = expected (`write`), so that
of two changes based on one version exactly one wins and the other raises `StaleVersion`."""

import copy
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ...common.segments import Span, hull, overlapping
from ...models import Statement
from .errors import StaleVersion
from .history import short

# Model fields full_clean() must skip: foreign keys (their targets are already loaded or locked; checking
# them would cost a query each). validate_constraints is off as well: clean() checks everything the
# check constraints check, and the span's uniqueness is our own query (check_span_free), which also
# catches overlaps.
_CLEAN_EXCLUDE = ["article", "speaker", "reviewed_by"]


def editable(statement: Statement, expected_version: int) -> Statement:
    """A copy of the statement at the version the editor saw, to change; StaleVersion if that is not current.

    No row lock is needed: claiming the article (an UPDATE of its row) already serialises every writer of
    the article until commit, and write's UPDATE … WHERE version = expected refuses the change if the
    statement moved between this read and that write. The caller's instance is left as it was.
    """
    if statement.version != expected_version:
        pk = statement.pk
        current = Statement.objects.select_related("article", "speaker").filter(pk=pk).first()
        if current is None or current.version != expected_version:
            raise StaleVersion(statement_id=pk, expected_version=expected_version, current=current)
        statement = current
    return copy.copy(statement)


def write(statement: Statement, *, expected_version: int, fields: tuple[str, ...], now: datetime) -> None:
    """UPDATE … WHERE version = expected: how a change to one statement reaches the database.

    Changes to many rows at once lock them first (SELECT … FOR UPDATE) and write in bulk instead ("confirm
    above", undo); merge, undo and add also delete or insert rows.
    """
    values = {name: getattr(statement, name) for name in fields}
    update = Statement.objects.filter(pk=statement.pk, version=expected_version)
    if "start" in values or "end" in values:
        try:
            with transaction.atomic():  # a savepoint: a concurrent change may have taken the same span
                updated = update.update(**values, version=expected_version + 1, updated_at=now)
        except IntegrityError as error:
            raise ValidationError(
                _("This span is already a statement of the article."), code="duplicate_span"
            ) from error
    else:
        updated = update.update(**values, version=expected_version + 1, updated_at=now)
    if updated != 1:
        current = Statement.objects.filter(pk=statement.pk).first()
        raise StaleVersion(statement_id=statement.pk, expected_version=expected_version, current=current)
    statement.version = expected_version + 1
    statement.updated_at = now


def validate(statement: Statement) -> None:
    statement.full_clean(exclude=_CLEAN_EXCLUDE, validate_unique=False, validate_constraints=False)


def check_span_free(*, article_id: int, spans: list[Span], ignore: tuple[int, ...] = ()) -> None:
    """Refuse segments that repeat a statement's, or overlap a segment of one that is not rejected (one query).

    The statements whose extent meets the new one are read (an index on the article), and their segments
    compared here: a statement may lie in the reporter's words between another's segments.
    """
    first, last = hull(spans)
    near = (
        Statement.objects.filter(article_id=article_id, start__lt=last, end__gt=first)
        .exclude(pk__in=ignore)
        .order_by("start")
        .only("pk", "start", "end", "segments", "text", "status")
    )
    for other in near:
        same = other.spans == spans
        if same or (other.status != Statement.Status.REJECTED and overlapping(other.spans, spans)):
            _refuse_clash(other, same=same)


def _refuse_clash(other: Statement, *, same: bool) -> None:
    params = {"text": short(other.text), "status": other.get_status_display()}
    if same:
        raise ValidationError(
            _("This text is already a statement (%(status)s): “%(text)s”. Open that one instead.") % params,
            code="duplicate_span",
        )
    raise ValidationError(
        _("This would overlap another statement (%(status)s): “%(text)s”. Adjust or reject that one first.") % params,
        code="overlap",
    )
