"""Reads for the editor review workspace: the queue, an article's statements, history, speaker search."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Case, Count, Exists, F, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.expressions import OrderBy
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Lower

from ..models import Article, Speaker, SpeakerAlias, Statement, StatementEvent, normalize_name

SUGGESTED = Statement.Status.SUGGESTED

# What the queue shows when no status is chosen: everything an editor may still have to look at.
TO_REVIEW = [
    Article.Status.PRETAGGED,
    Article.Status.IN_REVIEW,
    Article.Status.NEW,
    Article.Status.PRETAG_FAILED,
]

QUEUE_SORTS: dict[str, list[str | OrderBy]] = {
    "newest": [F("published_at").desc(nulls_last=True), "-imported_at", "-pk"],
    "suggestions": ["-suggested_count", F("published_at").desc(nulls_last=True), "-pk"],
    "confidence": [F("lowest_confidence").asc(nulls_last=True), "-suggested_count", "-pk"],
    "uncertainty": [F("model_uncertainty").desc(nulls_last=True), F("lowest_confidence").asc(nulls_last=True), "-pk"],
}


def low_confidence() -> float:
    return settings.CLAIMBOOK_REVIEW_LOW_CONFIDENCE


def review_queue(
    *,
    status: str = "",
    outlet_id: int | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
    low_only: bool = False,
    sort: str = "newest",
) -> QuerySet[Article]:
    """Articles for editors, with counts per statement status and the lowest open confidence; one query."""
    suggested = Q(statements__status=SUGGESTED)
    articles = (
        Article.objects.select_related("outlet", "reviewing_by")
        .defer("body", "pretag_error")
        .annotate(
            suggested_count=Count("statements", filter=suggested),
            confirmed_count=Count("statements", filter=Q(statements__status=Statement.Status.CONFIRMED)),
            rejected_count=Count("statements", filter=Q(statements__status=Statement.Status.REJECTED)),
            low_count=Count("statements", filter=suggested & Q(statements__confidence__lt=low_confidence())),
            lowest_confidence=Min("statements__confidence", filter=suggested),
        )
    )
    if status == "all":
        pass
    elif status:
        articles = articles.filter(status=status)
    else:
        articles = articles.filter(status__in=TO_REVIEW)
    if outlet_id:
        articles = articles.filter(outlet_id=outlet_id)
    if published_from:
        articles = articles.filter(published_on__gte=published_from)
    if published_to:
        articles = articles.filter(published_on__lte=published_to)
    if low_only:
        articles = articles.filter(low_count__gt=0)
    return articles.order_by(*QUEUE_SORTS.get(sort, QUEUE_SORTS["newest"]))


def article_statements(article: Article) -> list[Statement]:
    """All statements of the article in reading order, with their speakers (two queries).

    The speakers come in a query of their own: an article quotes a handful of people, so this builds a
    handful of Speaker objects instead of one per statement (select_related would build 100+).
    """
    statements = list(article.statements.order_by("start", "end", "pk"))
    speakers = Speaker.objects.in_bulk({statement.speaker_id for statement in statements} - {None})
    # Straight into the relation caches, as select_related would: the descriptors' assignment checks
    # (types, database routers) cost more than the rest of this loop, for objects that match by construction.
    cache_speaker, cache_article = Statement.speaker.field.set_cached_value, Statement.article.field.set_cached_value
    for statement in statements:
        cache_speaker(statement, speakers.get(statement.speaker_id))
        cache_article(statement, article)
    return statements


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """A change as the card's history shows it: a small record, not a model instance with its editor's (a long
    history is 25 of each on every card)."""

    action: str
    action_label: str  # translated once per action, not per event
    summary: str
    created_at: datetime
    undone_at: datetime | None
    editor_name: str | None  # None: no editor recorded (a system change) or the account is gone
    before_version: int | None
    after_version: int | None


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a statement in its history, newest first on the page."""

    number: int
    event: HistoryEvent | None  # the change that produced it (None: as first stored)
    current: bool


HISTORY_LIMIT = 25


def _history_events(statement_id: int, *, newest_first: bool, limit: int) -> list[HistoryEvent]:
    """The statement's events as the history shows them, with the version numbers before and after read in
    the database: not the snapshots themselves (50 JSON documents a card would decode to read two numbers)."""
    labels = {value: str(label) for value, label in StatementEvent.Action.choices}
    rows = (
        StatementEvent.objects.filter(statement_id=statement_id)
        .annotate(
            before_version=Cast(KT("before__version"), IntegerField()),
            after_version=Cast(KT("after__version"), IntegerField()),
        )
        .order_by("-id" if newest_first else "id")
        .values_list(
            "action",
            "summary",
            "created_at",
            "undone_at",
            f"editor__{get_user_model().USERNAME_FIELD}",
            "before_version",
            "after_version",
        )[:limit]
    )
    return [HistoryEvent(action, labels.get(action, action), *rest) for action, *rest in rows]


def statement_history(statement: Statement, *, limit: int = HISTORY_LIMIT) -> tuple[list[HistoryEvent], list[Version]]:
    """The statement's latest events (newest first) and the versions they produced, for the card.

    At most `limit` changes are shown (one query); a statement with a longer history also gets its first
    version (a second query), so that it can always be put back as it was first stored.
    """
    events = _history_events(statement.pk, newest_first=True, limit=limit + 1)
    shown = events[:limit]
    versions: dict[int, Version] = {}
    if len(events) > limit:  # the first version, as the statement was first stored
        first = _history_events(statement.pk, newest_first=False, limit=1)[0]
        if first.before_version is not None:
            versions[first.before_version] = Version(first.before_version, None, False)
        else:
            assert first.after_version is not None, "an event without a version before it produced one"
            versions[first.after_version] = Version(first.after_version, first, False)
    for event in reversed(shown):
        number = event.before_version
        if number is not None and number not in versions:
            versions[number] = Version(number, None, number == statement.version)
        number = event.after_version
        if number is not None:
            versions[number] = Version(number, event, number == statement.version)
    return shown, sorted(versions.values(), key=lambda version: -version.number)


def last_undoable(*, article: Article, editor: User) -> StatementEvent | None:
    """The editor's latest undoable change in the article, with `group_size` (statements it touched) and
    `label` (what the undo button says), in one query."""
    same_action = StatementEvent.objects.filter(action_id=OuterRef("action_id"), statement__isnull=False)
    event = (
        StatementEvent.objects.undoable_by(editor)
        .filter(article=article)
        .annotate(group_size=Subquery(same_action.values("action_id").annotate(n=Count("pk")).values("n")[:1]))
        .order_by("-id")
        .first()
    )
    if event is not None:
        snapshot = event.after or event.before or {}
        text = snapshot.get("text", "")
        short = text if len(text) <= 40 else text[:39].rstrip() + "…"
        if (event.group_size or 0) > 2:
            event.label = f"{event.get_action_display()} {event.group_size} statements"
        elif short:
            event.label = f"{event.get_action_display()} “{short}”"
        else:
            event.label = event.get_action_display()
    return event


def speaker_search(*, query: str, limit: int = 8) -> list[Speaker]:
    """Active speakers whose name or an alias contains the query, names starting with it first (one query).

    Each result has `matched_alias`: the alias that matched when the name itself did not.
    """
    query = " ".join(query.split())
    normalized = normalize_name(query)
    if not normalized:
        return []
    alias_hit = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), normalized__contains=normalized)
    return list(
        Speaker.objects.active()  # type: ignore[no-redef]  # plugin: matched_alias is declared on Speaker, not a field
        .annotate(
            alias_hit=Exists(alias_hit),
            matched_alias=Subquery(alias_hit.order_by("name").values("name")[:1]),
            name_lower=Lower("name"),
        )
        .filter(Q(name__icontains=query) | Q(alias_hit=True))
        .annotate(rank=Case(When(name__istartswith=query, then=Value(0)), default=Value(1)))
        .order_by("rank", "name_lower", "pk")[:limit]
    )


def speaker_suggestions(*, statement: Statement, statements: list[Statement], limit: int = 6) -> list[Speaker]:
    """Speakers to offer before the editor types: those the mention names, then those of this article.

    The article's speakers come from the statements already loaded; the mention costs one query.
    """
    picks: dict[int, Speaker] = {}
    mention = normalize_name(statement.mention_text)
    if mention:
        named = (
            Speaker.objects.active()
            .filter(Q(aliases__normalized=mention) | Q(name__iexact=statement.mention_text.strip()))
            .distinct()
            .order_by("name")[:limit]
        )
        for speaker in named:
            speaker.matched_alias = statement.mention_text
            picks[speaker.pk] = speaker
    for other in statements:
        theirs = other.speaker
        if theirs is None or theirs.merged_into_id is not None or theirs.status == Speaker.Status.NOT_A_SPEAKER:
            continue  # no speaker, or one that cannot be chosen (merged away, not a speaker)
        if theirs.pk not in picks:
            picks[theirs.pk] = theirs
    return list(picks.values())[:limit]


def lock_is_active(article: Article, now: datetime, timeout: timedelta) -> bool:
    return bool(article.reviewing_by_id and article.reviewing_since and article.reviewing_since >= now - timeout)
