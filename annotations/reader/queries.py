"""Reads for the reader site, the feeds, the export and the API; the one place that knows the database vendor.

Callers ask for statements or speakers matching a `StatementQuery`/text and get a QuerySet back; they never
see which search runs underneath (the layout of Wagtail's modelsearch ``database`` backend):

* **PostgreSQL**: full-text search with ``django.contrib.postgres.search`` over the stored, GIN-indexed
  ``Statement.search_document`` (speaker name and aliases weight A, statement text B, article title C,
  built by ``annotations.reader.index``). The reader's words go through ``websearch_to_tsquery``, which
  accepts anything a person types (quotes, ``or``, ``-word``, stray punctuation) without a syntax error.
  Words match whole (stemmed: “bridges” finds “bridge”), not as prefixes: prefix matching of the word being
  typed made common prefixes match a large share of the corpus, too slow at a million statements
  (docs/benchmarks.md). Relevance is ``ts_rank`` over the weighted document, ties most recently added first. A
  word in more than ``CLAIMBOOK_RANK_WINDOW`` statements (2,000) is ranked over about that many of its most
  recently added matches, the rest following most recently added first: ranking must read every match it
  ranks from the table, which made one common word slow at a million statements (see ``_rank_window_start``).
* **Anything else (SQLite, the zero-configuration default)**: the fallback below, an AND over the reader's
  words of an OR of ``icontains`` over the same fields (as modelsearch's ``fallback.py``). No stemming and no
  ranking: “relevance” sorts by date there.

Only *visible* statements ever leave this module (``visible_statements()``, what readers see):
``Statement.objects.confirmed_attributed()`` minus those attributed to a speaker an editor marked “not a speaker”.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, TypedDict

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, models
from django.db.models import Case, Count, Exists, F, FloatField, Max, Min, Model, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from ..common.dates import OFFSET_MARGIN, utc_day_start
from ..models import READER_ORDER, Article, GroupDecision, Outlet, Speaker, SpeakerAlias, Statement, normalize_name

SEARCH_CONFIG = getattr(settings, "CLAIMBOOK_SEARCH_CONFIG", "english")
MAX_QUERY_LENGTH = 200  # longer queries are cut here: no reader types more, and it bounds the work
MAX_FALLBACK_WORDS = 8


class Sort:
    RELEVANCE = "relevance"
    DATE = "date"
    choices = [(RELEVANCE, "Best match"), (DATE, "Newest first")]


def uses_full_text() -> bool:
    """True when statements are searched with PostgreSQL full-text search (ranked, stemmed)."""
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class StatementQuery:
    """What a reader asked for: words, filters and an order. Every field is already validated."""

    q: str = ""
    speaker: Speaker | None = None
    outlet: Outlet | None = None
    kind: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = ""

    @property
    def effective_sort(self) -> str:
        """Relevance needs words: without them (or when asked) the newest come first."""
        return Sort.RELEVANCE if clean_query(self.q) and self.sort != Sort.DATE else Sort.DATE

    @property
    def can_rank(self) -> bool:
        """Whether results can be ranked by relevance: there are words, and full-text search (PostgreSQL)."""
        return bool(clean_query(self.q)) and uses_full_text()

    @property
    def order_shown(self) -> str:
        """The order the results really come in (without full-text search, relevance is by date)."""
        return self.effective_sort if self.can_rank else Sort.DATE


def visible_statements() -> QuerySet[Statement]:
    """Every statement a reader may see, with what a list row shows loaded in the same query."""
    return (
        Statement.objects.confirmed_attributed()
        .exclude(speaker_id__in=_not_speakers())
        .select_related("speaker", "article__outlet")
        .defer("search_document", "article__body")
    )


def visible_speaker(statement: Statement) -> Speaker:
    """The speaker of a visible statement: visible statements are attributed (confirmed_attributed())."""
    speaker = statement.speaker
    assert speaker is not None, "a visible statement has a speaker"
    return speaker


class _Pk(TypedDict):
    pk: int


def _not_speakers() -> QuerySet[Speaker, _Pk]:
    # A (small, hashed) subquery rather than a join: lets PostgreSQL rank matches before touching speakers.
    return Speaker.objects.filter(status=Speaker.Status.NOT_A_SPEAKER).values("pk")


def date_order() -> list[OrderBy]:
    """Newest article first, undated last; statements of one article in reading order (an index on PostgreSQL)."""
    return READER_ORDER


def _published_between[M: models.Model](
    qs: QuerySet[M], date_from: dt.date | None, date_to: dt.date | None
) -> QuerySet[M]:
    """Rows published from `date_from` to `date_to` (both included), by the date where they were published.

    The instant is bounded too, a day wider than the dates (no UTC offset reaches a day): it changes nothing
    that is found, and lets the reader indexes, which order by the instant, serve the filter.
    """
    if date_from:
        qs = qs.filter(published_on__gte=date_from, published_at__gte=utc_day_start(date_from) - OFFSET_MARGIN)
    if date_to:
        day_after = date_to + dt.timedelta(days=1)
        qs = qs.filter(published_on__lte=date_to, published_at__lt=utc_day_start(day_after) + OFFSET_MARGIN)
    return qs


def search_statements(query: StatementQuery, *, one_per_group: bool = False) -> QuerySet[Statement]:
    """Visible statements matching `query`, ordered as asked (relevance with words, else newest first).

    `one_per_group` (reader lists): of the reports of one statement in several articles (a `StatementGroup`)
    by one speaker, only the earliest that matches `query` is listed (see `_one_per_group`).

    Lazy, except that best match on PostgreSQL first asks for the planner's estimate of the matches (and then
    the newest id) to size its ranking window; read pages of it through `paginate`/`ordered_ids`.
    """
    qs = _filtered(visible_statements(), query)
    matching = _filtered(Statement.objects.confirmed_attributed(), query)
    words = clean_query(query.q)
    if not words:
        return _one_per_group(qs, matching, one_per_group).order_by(*date_order())
    if uses_full_text():
        ts_query = _ts_query(words)
        qs = _one_per_group(
            qs.filter(search_document=ts_query), matching.filter(search_document=ts_query), one_per_group
        )
        if query.effective_sort == Sort.RELEVANCE:
            return _by_relevance(qs, ts_query, _rank_window_start(query, ts_query))
        return qs.order_by(*date_order())
    qs = _one_per_group(_fallback_filter(qs, words), _fallback_filter(matching, words), one_per_group)
    return qs.order_by(*date_order())


# Undated reports count as the latest of a group.
_UNDATED = Value(dt.datetime(9999, 12, 31, tzinfo=dt.UTC), output_field=models.DateTimeField())


def _one_per_group(qs: QuerySet[Statement], matching: QuerySet[Statement], collapse: bool) -> QuerySet[Statement]:
    """Leave out a statement when an earlier report of its group, by the same speaker, is among `matching`
    (the same filters and words): the earliest is listed, and stands for the others (its group page lists them).

    Never hides a statement whose earlier report is not listed itself: the earlier report must match the
    same query. Reports naming different speakers are each listed (the group is in conflict: an editor looks).
    """
    if not collapse:
        return qs
    when = Coalesce(OuterRef("published_at"), _UNDATED)
    earlier = (
        matching.filter(group_id=OuterRef("group_id"), speaker_id=OuterRef("speaker_id"))
        .annotate(when=Coalesce("published_at", _UNDATED))
        .filter(Q(when__lt=when) | Q(when=when, pk__lt=OuterRef("pk")))
    )
    return qs.filter(~Exists(earlier))


class GroupReports(TypedDict):
    reports: int
    outlets: int


def group_reports(group_ids: list[int]) -> dict[int, GroupReports]:
    """How many visible reports each group has, and in how many outlets (one query, for one page's rows)."""
    rows = (
        visible_statements()
        .filter(group_id__in=group_ids)
        .values("group_id")
        .annotate(reports=Count("*"), outlets=Count("outlet_id", distinct=True))
        .order_by()
    )
    return {row["group_id"]: {"reports": row["reports"], "outlets": row["outlets"]} for row in rows}


def with_group_reports(statements: list[Statement]) -> list[Statement]:
    """Give each statement `group_count` (its group's visible reports; 0 when it has no other) and
    `group_outlets`, for "reported by N outlets" in lists."""
    counts = group_reports(sorted({s.group_id for s in statements if s.group_id is not None}))
    for statement in statements:
        found = counts.get(statement.group_id or 0)
        statement.group_count = found["reports"] if found and found["reports"] > 1 else 0
        statement.group_outlets = found["outlets"] if found else 0
    return statements


def group_visible_reports(group_id: int) -> list[Statement]:
    """Every visible report of a group, the earliest first (undated last)."""
    return list(visible_statements().filter(group_id=group_id).order_by(F("published_at").asc(nulls_last=True), "pk"))


def earliest_report(statement: Statement) -> Statement | None:
    """The earliest visible report of the statement's group, when it is another statement."""
    if statement.group_id is None:
        return None
    first = (
        visible_statements()
        .filter(group_id=statement.group_id)
        .order_by(F("published_at").asc(nulls_last=True), "pk")
        .first()
    )
    return first if first is not None and first.pk != statement.pk else None


def correction_notes(statement_ids: list[int]) -> dict[int, list[str]]:
    """Editors' notes that these reports attributed the words to the wrong speaker (decisions not undone)."""
    notes: dict[int, list[str]] = {}
    rows = (
        GroupDecision.objects.filter(
            statement_id__in=statement_ids, kind=GroupDecision.Kind.MISATTRIBUTION, undone_at__isnull=True
        )
        .order_by("id")
        .values_list("statement_id", "note")
    )
    for statement_id, note in rows:
        notes.setdefault(statement_id, []).append(note)
    return notes


def _filtered(qs: QuerySet[Statement], query: StatementQuery) -> QuerySet[Statement]:
    if query.speaker is not None:
        qs = qs.filter(speaker=query.speaker)
    if query.outlet is not None:
        qs = qs.filter(outlet=query.outlet)
    if query.kind:
        qs = qs.filter(kind=query.kind)
    return _published_between(qs, query.date_from, query.date_to)


# --- relevance over a window of recent matches (PostgreSQL) ---


def rank_window() -> int:
    """About how many of a query's matches are ranked by relevance (the most recently added ones)."""
    return settings.CLAIMBOOK_RANK_WINDOW


class WindowedRank(Case):
    """ts_rank for statements with id >= `start`, 0 for older ones: with ties broken by id, newest first, the
    window comes first, ranked, and the older matches follow most recently added first."""

    def __init__(self, rank: SearchRank, start: int):
        super().__init__(When(pk__gte=start, then=rank), default=Value(0.0), output_field=FloatField())
        self.start = start


def _by_relevance(qs: QuerySet[Statement], ts_query: SearchQuery, window_start: int | None) -> QuerySet[Statement]:
    # Ties are broken by id alone, so PostgreSQL ranks the matches without joining articles first.
    rank = SearchRank(F("search_document"), ts_query)
    ranked = rank if window_start is None else WindowedRank(rank, window_start)
    return qs.annotate(rank=ranked).order_by("-rank", "-pk")


def _rank_window_start(query: StatementQuery, ts_query: SearchQuery) -> int | None:
    """The lowest id of the statements whose matches are ranked, or None to rank every match.

    ts_rank needs each match's document, read from the table page by page: a common word matches tens of
    thousands of statements on as many pages, too slow to rank them all (docs/benchmarks.md). So a query with many matches ranks only the matches among the
    newest ids, a range sized from PostgreSQL's estimate of the matches (its statistics of the documents'
    words, one EXPLAIN: no match is read) to hold about `rank_window()` of them if the matches are spread
    evenly over the ids; a BRIN index on id (statement_id_brin) lets PostgreSQL visit only those. Rare words
    and phrases are ranked in full. The window only decides which matches are ranked, never which are found.
    """
    window = rank_window()
    matches = _filtered(Statement.objects.confirmed_attributed(), query).filter(search_document=ts_query)
    estimate = _estimated_rows(matches.values("pk"))
    if estimate <= window:
        return None
    ids = Statement.objects.aggregate(first=Min("pk"), last=Max("pk"))
    first: int | None = ids["first"]
    last: int | None = ids["last"]
    if last is None or first is None:  # both or neither: there are statements or not
        return None
    return last - (last - first) * window // estimate


def _estimated_rows(qs: QuerySet[Statement, Any]) -> int:
    """PostgreSQL's estimate of the rows `qs` returns (EXPLAIN without ANALYZE: planned, not run)."""
    plan = json.loads(qs.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def ordered_ids(qs: QuerySet[Model], start: int, stop: int) -> list[int]:
    """The ids of `qs[start:stop]`, reading only the ranked window of recent matches when the slice lies in it.

    PostgreSQL cannot know that the window's matches all come before the older ones (they rank 0), so asked
    for the whole order it would read every match. The window's own query gives the same ids when it holds
    the slice; when it runs short, the older matches follow by id.
    """
    ids_qs = qs.values_list("pk", flat=True)
    rank = qs.query.annotations.get("rank")
    if not isinstance(rank, WindowedRank) or stop <= start:
        return list(ids_qs[start:stop])
    head = list(ids_qs.filter(pk__gte=rank.start)[start:stop])
    if len(head) == stop - start:
        return head
    if not head and start > 0:  # past the window's end, and how far past is unknown: the whole order
        return list(ids_qs[start:stop])
    in_window = start + len(head)
    return head + list(ids_qs.filter(pk__lt=rank.start).order_by("-pk")[: stop - in_window])


def clean_query(q: str) -> str:
    """The reader's words with control characters dropped, spaces collapsed and the length bounded."""
    q = "".join(ch if ch.isprintable() else " " for ch in q or "")
    return " ".join(q.split())[:MAX_QUERY_LENGTH].strip()


def _ts_query(words: str) -> SearchQuery:
    """websearch_to_tsquery of the words: stemmed, never a syntax error, whatever the reader typed."""
    return SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)


def _fallback_filter(qs: QuerySet[Statement], words: str) -> QuerySet[Statement]:
    """SQLite and other databases: every word must appear (icontains) in the text, a name or the title."""
    for word in words.split()[:MAX_FALLBACK_WORDS]:
        word = word.strip("\"'")
        if not word or word.casefold() == "or":
            continue
        alias = SpeakerAlias.objects.filter(speaker_id=OuterRef("speaker_id"), name__icontains=word)
        qs = qs.filter(
            Q(text__icontains=word)
            | Q(speaker__name__icontains=word)
            | Q(article__title__icontains=word)
            | Exists(alias)
        )
    return qs


def highlight_terms(q: str) -> list[str]:
    """Words worth marking in a result, for display only (never used to query)."""
    words = re.findall(r"[^\W_]{2,}", clean_query(q))
    return [w for w in words if w.casefold() not in {"or", "and", "not"}][:MAX_FALLBACK_WORDS]


# --- speakers ---


def public_speakers() -> QuerySet[Speaker]:
    """Speakers a reader may see: not merged away, not “not a speaker”, with at least one visible statement."""
    return Speaker.objects.active().filter(
        Exists(Statement.objects.confirmed_attributed().filter(speaker=OuterRef("pk")))
    )


def search_speakers(*, q: str = "", letter: str = "") -> QuerySet[Speaker]:
    """Visible speakers A–Z, optionally by first letter (“#” for the rest) or by a part of a name or alias."""
    qs = public_speakers().order_by(F("name").asc(), "pk")
    if letter == "#":
        qs = qs.exclude(name__regex=r"^[A-Za-z]")
    elif letter:
        qs = qs.filter(name__istartswith=letter)
    q = clean_query(q)
    if q:
        normalized = normalize_name(q)
        alias = SpeakerAlias.objects.filter(speaker_id=OuterRef("pk"), normalized__contains=normalized)
        qs = qs.filter(Q(name__icontains=q) | Exists(alias)) if normalized else qs.filter(name__icontains=q)
    return qs


def statement_counts(speaker_ids: list[int]) -> dict[int, int]:
    """Visible statements per speaker, for the speakers on one page (one query)."""
    rows = (
        Statement.objects.confirmed_attributed()
        .filter(speaker_id__in=speaker_ids)
        .values("speaker_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    return {row["speaker_id"]: row["n"] for row in rows}


MOST_QUOTED_CACHE_SECONDS = 300


class MostQuoted(TypedDict):
    """One row of most_quoted_speakers(): a speaker, as values() names its fields, and their statements."""

    speaker__slug: str
    speaker__name: str
    speaker__description: str
    n: int


def most_quoted_speakers(*, days: int = 30, limit: int = 8) -> list[MostQuoted]:
    """The speakers with the most visible statements in articles of the last `days` days.

    An aggregate over a month of statements (some 20,000 rows at 1M): cached for five minutes.
    """

    def compute() -> list[MostQuoted]:
        since = timezone.now() - dt.timedelta(days=days)
        return list(
            visible_statements()
            .filter(published_at__gte=since)
            .values("speaker__slug", "speaker__name", "speaker__description")
            .annotate(n=Count("*"))
            .order_by("-n", "speaker__name")[:limit]
        )

    rows: list[MostQuoted] | None = cache.get_or_set(
        f"claimbook:most-quoted:{days}:{limit}", compute, MOST_QUOTED_CACHE_SECONDS
    )
    assert rows is not None, "get_or_set gives what compute() returned, or that list cached"
    return rows


class YearCount(TypedDict):
    year: int
    n: int


def speaker_timeline(speaker: Speaker) -> list[YearCount]:
    """The speaker's visible statements per year of publication, oldest year first (undated left out).

    For a speaker readers may see (not “not a speaker”): an index-only scan of statement_public_speaker.
    """
    rows = (
        Statement.objects.confirmed_attributed()
        .filter(speaker=speaker, published_on__isnull=False)
        .annotate(year=ExtractYear("published_on"))
        .values("year")
        .annotate(n=Count("*"))
        .order_by("year")
    )
    return list(rows)


class OutletCount(TypedDict):
    outlet: Outlet
    n: int


def speaker_outlets(speaker: Speaker, *, limit: int = 10) -> list[OutletCount]:
    """The outlets that quoted the speaker most, with counts: [{"outlet": Outlet, "n": count}, ...]."""
    rows = list(
        Statement.objects.confirmed_attributed()
        .filter(speaker=speaker, outlet__isnull=False)
        .values("outlet_id")
        .annotate(n=Count("*"))
        .order_by("-n", "outlet_id")[:limit]
    )
    outlets = Outlet.objects.in_bulk([row["outlet_id"] for row in rows])
    return [{"outlet": outlets[row["outlet_id"]], "n": row["n"]} for row in rows if row["outlet_id"] in outlets]


# --- articles ---


def public_articles() -> QuerySet[Article]:
    """Articles a reader may see: those with at least one visible statement."""
    return Article.objects.filter(
        Exists(
            Statement.objects.confirmed_attributed()
            .exclude(speaker_id__in=_not_speakers())
            .filter(article=OuterRef("pk"))
        )
    ).select_related("outlet")


def filter_articles(
    *, outlet: Outlet | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> QuerySet[Article]:
    qs = public_articles()
    if outlet is not None:
        qs = qs.filter(outlet=outlet)
    return _published_between(qs, date_from, date_to)


# --- pagination without COUNT(*) over a million rows ---


@dataclass
class Page[T]:
    """One page of a list. `total` is exact up to the cap it was counted to, else None (“more than…”)."""

    items: list[T]
    number: int
    per_page: int
    has_next: bool
    total: int | None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def paginate[M: Model](qs: QuerySet[M], *, number: int, per_page: int, count_cap: int = 1000) -> Page[M]:
    """A page of `qs` in two narrow queries, without COUNT(*) over a million rows.

    1. The ids, in order: up to `count_cap` + 1 of them while the page lies within the cap (the same query
       gives the count, “1,000+” beyond), else just the page's ids and one more. Selecting only ids lets
       PostgreSQL sort the matches (by rank or date) without carrying whole rows.
    2. The page's rows, with everything a row shows (`in_bulk` on the same queryset), put back in order.
    """
    offset = (number - 1) * per_page
    if offset + per_page < count_cap:
        ids = ordered_ids(qs, 0, count_cap + 1)
        total = len(ids) if len(ids) <= count_cap else None
        page_ids, has_next = ids[offset : offset + per_page], len(ids) > offset + per_page
    else:
        ids = ordered_ids(qs, offset, offset + per_page + 1)
        total, page_ids, has_next = None, ids[:per_page], len(ids) > per_page
    rows = qs.order_by().in_bulk(page_ids) if page_ids else {}
    items = [rows[pk] for pk in page_ids if pk in rows]
    return Page(items=items, number=number, per_page=per_page, has_next=has_next, total=total)
