"""Every write of the editor review workspace.

Three rules hold for each function here:

- **Versions.** A change to a statement names the version the editor saw (`expected_version`) and is
  written with UPDATE … WHERE id = … AND version = expected, so of two requests based on the same version
  exactly one wins; the other raises `StaleVersion` and changes nothing. Actions over several statements
  (merge, undo, confirm-above) lock their rows with SELECT … FOR UPDATE first.
- **History.** Each editor action records one `StatementEvent` per statement it touched (before/after
  snapshots), all sharing one `action_id`; `article_undo` reverts the latest such action as a whole.
- **Review lock.** Each write first claims the article for the editor (it is free, theirs, or idle for
  longer than `CLAIMBOOK_REVIEW_LOCK_MINUTES`); otherwise it raises `ArticleLocked`. Claiming also moves a
  pre-tagged article into review. Being an UPDATE of the article's row, the claim also serialises every
  writer of the article until commit, so checks across statements (overlaps, neighbours) cannot race.

Bad input raises `django.core.exceptions.ValidationError` with a message meant for the editor. Nothing is
written unless everything succeeds (each function is one transaction).

Where each part lives:

- `errors.py`: the refusals (`ReviewError`, `StaleVersion`, `ArticleLocked`);
- `locks.py`: the review lock (claiming the article, reading the lock, touch, take over, release);
- `history.py`: snapshots and `StatementEvent`s (recording an action, describing a change, a version
  from the history, putting a snapshot back, the event for a change made in the admin);
- `rows.py`: changing one statement row: read at the version the editor saw, validate, check its span
  is free, write with UPDATE … WHERE version = expected;
- `statements.py`: actions on statements (confirm, reject, correct, boundaries, add, split, merge,
  revert, create a speaker for a statement);
- `speakers.py`: creating a speaker and adding an alias from the review page;
- `undo.py`: undoing the editor's latest action in an article;
- `articles.py`: actions on a whole article (confirm above a confidence, mark reviewed).

This module only re-exports the services callers use: `from annotations.services import review as
services; services.statement_confirm(...)`.
"""

from .articles import ConfirmAboveResult, article_confirm_above, article_mark_reviewed
from .errors import ArticleLocked, ReviewError, StaleVersion
from .history import (
    RESTORED_FIELDS,
    SNAPSHOT_FIELDS,
    SPAN_FIELDS,
    describe_change,
    snapshot,
    statement_record_admin_change,
    statement_version,
)
from .locks import (
    ReviewLock,
    article_review_lock,
    article_review_open,
    article_review_release,
    article_review_take_over,
    article_review_touch,
    lock_timeout,
)
from .rows import check_span_free
from .speakers import speaker_create_from_review
from .statements import (
    statement_confirm,
    statement_create,
    statement_move_boundary,
    statement_reject,
    statement_revert,
    statement_set_span,
    statement_speaker_create,
    statement_split,
    statement_update,
    statements_merge,
)
from .undo import CONTENT_FIELDS, UndoResult, article_undo

__all__ = [
    "ReviewError",
    "StaleVersion",
    "ArticleLocked",
    "ReviewLock",
    "UndoResult",
    "ConfirmAboveResult",
    "SPAN_FIELDS",
    "SNAPSHOT_FIELDS",
    "RESTORED_FIELDS",
    "CONTENT_FIELDS",
    "lock_timeout",
    "article_review_open",
    "article_review_lock",
    "article_review_touch",
    "article_review_take_over",
    "article_review_release",
    "snapshot",
    "describe_change",
    "statement_version",
    "statement_record_admin_change",
    "check_span_free",
    "statement_confirm",
    "statement_reject",
    "statement_update",
    "statement_move_boundary",
    "statement_set_span",
    "statement_create",
    "statement_split",
    "statements_merge",
    "statement_revert",
    "statement_speaker_create",
    "speaker_create_from_review",
    "article_undo",
    "article_confirm_above",
    "article_mark_reviewed",
]
