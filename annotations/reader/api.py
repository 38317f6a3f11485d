"""The read-only JSON API under /api/: statements, speakers and articles, as documented in the README.

Hand-written JsonResponse views (no DRF): seven GET endpoints whose field names come from
``annotations.reader.opendata`` (shared with the exports) and whose filters are the pages' forms.

Pagination: every list answers ``{"results": [...], "next": URL or null}``. Follow ``next``; its
``cursor`` is opaque. With ``sort=id`` a list is walked by key (constant cost at any depth: the way to
harvest everything); other orders are offsets, at most ``MAX_OFFSET`` deep. Errors answer 400 or 404 with
``{"error": message, "details": {...}}``.
"""

import base64
import binascii
import json

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found

from ..common.numbers import whole_number
from ..models import SpeakerAlias
from . import opendata
from .filters import ArticleFilterForm, SpeakerFilterForm, StatementFilterForm
from .queries import (
    filter_articles,
    ordered_ids,
    public_articles,
    public_speakers,
    search_speakers,
    search_statements,
    statement_counts,
    visible_statements,
)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_ID = 2**63 - 1  # a bigint: a cursor past it names no row
JSON_OPTIONS = {"ensure_ascii": False}


class ApiError(Exception):
    def __init__(self, message: str, *, status: int = 400, details: dict | None = None):
        super().__init__(message)
        self.status, self.details = status, details or {}


def _error(exc: ApiError) -> JsonResponse:
    return JsonResponse({"error": str(exc), "details": exc.details}, status=exc.status, json_dumps_params=JSON_OPTIONS)


def api_view(view):
    """GET and HEAD only; ApiError and Http404 become JSON error responses."""

    @require_safe
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApiError as exc:
            return _error(exc)
        except Http404 as exc:
            return _error(ApiError(str(exc) or "Not found.", status=404))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _json(data) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params=JSON_OPTIONS)
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


# --- pagination ---


def _encode_cursor(position: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":")).encode()).decode().rstrip("=")


def _cursor_int(digits: str) -> int:
    number = whole_number(digits, low=0, high=MAX_ID)
    if number is None:
        raise ValueError(digits)
    return number


def _decode_cursor(value: str) -> dict:
    try:
        if len(value) > 200:
            raise ValueError
        position = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode(), parse_int=_cursor_int)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError("Invalid cursor: follow the “next” links the API gives.") from None
    if not isinstance(position, dict) or not all(
        key in ("offset", "after") and isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_ID
        for key, n in position.items()
    ):
        raise ApiError("Invalid cursor: follow the “next” links the API gives.")
    return position


def _limit(request) -> int:
    value = request.GET.get("limit", "")
    if not value:
        return DEFAULT_LIMIT
    limit = whole_number(value, low=1, high=MAX_LIMIT)
    if limit is None:
        raise ApiError(f"limit must be a whole number from 1 to {MAX_LIMIT}.", details={"limit": value[:50]})
    return limit


def _page(request, qs: QuerySet, *, by_id: bool) -> tuple[list, str | None]:
    """One page of `qs` and the URL of the next one (keyset on id when `by_id`, else offset).

    The ids come first and then their rows (prefetches included), so that PostgreSQL sorts narrow tuples
    (see annotations.reader.queries.paginate); a relevance order reads only its window of recent matches when it can.
    """
    limit = _limit(request)
    position = _decode_cursor(request.GET["cursor"]) if request.GET.get("cursor") else {}
    ids_qs = qs.values_list("pk", flat=True)
    if by_id:
        if "offset" in position:
            raise ApiError("Invalid cursor for sort=id.")
        if position.get("after") is not None:
            ids_qs = ids_qs.filter(pk__gt=position["after"])
        ids = list(ids_qs.order_by("pk")[: limit + 1])
        following = {"after": ids[limit - 1]} if len(ids) > limit else None
    else:
        if "after" in position:
            raise ApiError("Invalid cursor for this sort.")
        offset = position.get("offset", 0)
        if offset > MAX_OFFSET:
            raise ApiError(f"Too deep: use sort=id to walk past {MAX_OFFSET} rows, or the export.")
        ids = ordered_ids(qs, offset, offset + limit + 1)
        following = {"offset": offset + limit} if len(ids) > limit and offset + limit <= MAX_OFFSET else None
    page_ids = ids[:limit]
    by_pk = qs.order_by().in_bulk(page_ids) if page_ids else {}
    rows = [by_pk[pk] for pk in page_ids if pk in by_pk]
    next_url = None
    if following:
        params = request.GET.copy()
        params["cursor"] = _encode_cursor(following)
        next_url = request.build_absolute_uri(request.path + "?" + params.urlencode())
    return rows, next_url


def _wants_id_order(request, allowed: tuple[str, ...]) -> bool:
    sort = request.GET.get("sort", "")
    if sort not in ("", "id", *allowed):
        raise ApiError("Unknown sort.", details={"sort": ["Choose one of: " + ", ".join(("id", *allowed))]})
    return sort == "id"


def _invalid(form) -> ApiError:
    return ApiError("Invalid filter.", details=form.errors.get_json_data())


# --- endpoints ---


@api_view
def api_root(request):
    """What the API offers, with links."""
    absolute = request.build_absolute_uri
    return _json(
        {
            "statements": absolute(reverse("annotations:api_statement_list")),
            "speakers": absolute(reverse("annotations:api_speaker_list")),
            "articles": absolute(reverse("annotations:api_article_list")),
            "feeds": {"latest": absolute(reverse("annotations:statement_feed"))},
            "exports": {
                "csv": absolute(reverse("annotations:export_csv")),
                "jsonl": absolute(reverse("annotations:export_jsonl")),
            },
            "openapi": absolute(reverse("annotations:api_openapi")),
            "documentation": absolute(reverse("annotations:api_docs")),
        }
    )


@api_view
def statement_list(request):
    """Visible statements; filters q, speaker, outlet, kind, date_from, date_to; sort relevance|date|id."""
    by_id = _wants_id_order(request, ("relevance", "date"))
    params = request.GET.copy()
    if by_id:
        params.pop("sort")
    form = StatementFilterForm(params)
    if not form.is_valid():
        raise _invalid(form)
    rows, next_url = _page(request, search_statements(form.to_query()), by_id=by_id)
    absolute = request.build_absolute_uri
    opendata.with_first_reports(rows)  # each row's group and first report, in two queries
    return _json({"results": [opendata.statement_data(s, absolute) for s in rows], "next": next_url})


@api_view
def statement_detail(request, pk: int):
    statement = get_object_or_404(visible_statements(), pk=pk)
    return _json(opendata.statement_data(statement, request.build_absolute_uri))


def _speakers_with_aliases(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(Prefetch("aliases", queryset=SpeakerAlias.objects.order_by("name")))


@api_view
def speaker_list(request):
    """Visible speakers A–Z; filters q (name or alias) and letter; sort name|id."""
    by_id = _wants_id_order(request, ("name",))
    form = SpeakerFilterForm(request.GET)
    if not form.is_valid():
        raise _invalid(form)
    qs = search_speakers(q=form.cleaned_data["q"], letter=form.cleaned_data["letter"] or "")
    rows, next_url = _page(request, _speakers_with_aliases(qs), by_id=by_id)
    counts = statement_counts([speaker.pk for speaker in rows])
    absolute = request.build_absolute_uri
    results = [
        opendata.speaker_data(
            speaker,
            absolute,
            statement_count=counts.get(speaker.pk, 0),
            aliases=[alias.name for alias in speaker.aliases.all()],
        )
        for speaker in rows
    ]
    return _json({"results": results, "next": next_url})


@api_view
def speaker_detail(request, slug: str):
    speaker = get_object_or_404(_speakers_with_aliases(public_speakers()), slug=slug)
    data = opendata.speaker_data(
        speaker,
        request.build_absolute_uri,
        statement_count=statement_counts([speaker.pk]).get(speaker.pk, 0),
        aliases=[alias.name for alias in speaker.aliases.all()],
    )
    return _json(data)


@api_view
def article_list(request):
    """Articles with at least one visible statement, newest first; filters outlet, date_from, date_to."""
    by_id = _wants_id_order(request, ("date",))
    form = ArticleFilterForm(request.GET)
    if not form.is_valid():
        raise _invalid(form)
    qs = filter_articles(**form.cleaned_data).defer("body")
    if not by_id:
        qs = qs.order_by(F("published_at").desc(nulls_last=True), F("id").desc())
    rows, next_url = _page(request, qs, by_id=by_id)
    absolute = request.build_absolute_uri
    return _json({"results": [opendata.article_summary(a, absolute) for a in rows], "next": next_url})


@api_view
def article_detail(request, pk: int):
    article = get_object_or_404(public_articles(), pk=pk)
    statements = opendata.with_first_reports(list(visible_statements().filter(article=article).order_by("start")))
    absolute = request.build_absolute_uri
    return _json(
        {
            **opendata.article_summary(article, absolute),
            "statements": [opendata.statement_data(s, absolute) for s in statements],
        }
    )


@require_safe
def article_annotations(request, pk: int):
    """The article's visible statements as a W3C Web Annotation collection (anchored on the source page)."""
    article = get_object_or_404(public_articles(), pk=pk)
    statements = list(visible_statements().filter(article=article).order_by("start"))
    for statement in statements:
        statement.article = article  # the body is needed once, not per row
    data = opendata.article_annotation_collection(article, statements, request.build_absolute_uri)
    response = JsonResponse(data, json_dumps_params=JSON_OPTIONS, content_type=opendata.WEB_ANNOTATION_CONTENT_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- the description of the API ---


@require_safe
def openapi_json(request):
    """The OpenAPI 3.1 description of this API (annotations/reader/openapi.py)."""
    from .openapi import openapi_document

    server = request.build_absolute_uri("/").rstrip("/")
    return _json(openapi_document(server_url=server))


@require_safe
def api_docs(request):
    """The API's description, browsable (Swagger UI, vendored under static/vendor/swagger-ui/)."""
    return render(request, "annotations/reader/api_docs.html")


def not_found(request, exception=None):
    """The site's 404 (settings' handler404): under /api/ a JSON error like every other API answer."""
    if request.path.startswith("/api/"):
        return _error(ApiError("Not found.", status=404))
    return page_not_found(request, exception)
