"""The refusals of the review services: `ReviewError`, whose message is for the editor, and its two
kinds that mean someone else got there first: `StaleVersion` (the statement changed since the editor
loaded it) and `ArticleLocked` (another editor is reviewing the article)."""

from datetime import datetime

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from ...models import Statement


class ReviewError(Exception):
    """A refusal the editor should read (the message is for them)."""

    code = "review_error"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class StaleVersion(ReviewError):
    """The statement changed (or disappeared) since the editor loaded it; nothing was written."""

    code = "stale_version"

    def __init__(self, *, statement_id: int, expected_version: int, current: Statement | None):
        self.statement_id = statement_id
        self.expected_version = expected_version
        self.current = current
        if current is None:
            message = _("This statement no longer exists: it was merged into another or its addition was undone.")
        else:
            message = _(
                "Someone changed this statement after you loaded it (you saw version %(seen)s, it is now "
                "version %(now)s). Your change was not applied."
            ) % {"seen": expected_version, "now": current.version}
        super().__init__(message)


class ArticleLocked(ReviewError):
    """Another editor is reviewing the article and has been active recently."""

    code = "article_locked"

    def __init__(self, *, holder: User | None, since: datetime | None):
        self.holder, self.since = holder, since
        name = holder.get_username() if holder else _("another editor")
        super().__init__(
            _("%(name)s is reviewing this article. Your change was not applied; take over to edit.") % {"name": name}
        )
