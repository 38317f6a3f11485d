"""The OpenAPI 3.1 description of the open-data API (and of /healthz), served at /api/openapi.json.

Kept by hand next to the code it describes (annotations/reader/api.py, opendata.py): the API is a few
hand-written views, not a framework that could generate it. Every response shape here is checked against
real responses in the tests (tests/reader/test_openapi.py validates them with a JSON Schema validator, and
Schemathesis calls every operation with generated parameters), so the description cannot drift unnoticed.
"""

from collections.abc import Sequence
from typing import Any

from ..models import Speaker, Statement
from .api import MAX_LIMIT

JSON = "application/json"
SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any], *, description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


URL = {"type": "string", "format": "uri"}
TEXT = {"type": "string"}
COUNT = {"type": "integer", "minimum": 0}

SPEAKER_SUMMARY = {
    "slug": {"type": "string", "pattern": SLUG_PATTERN},
    "name": TEXT,
    "kind": {"type": "string", "enum": list(Speaker.Kind.values)},
    "description": TEXT,
    "wikidata_id": _nullable({"type": "string", "pattern": "^Q[1-9][0-9]*$"}),
    "url": URL,
    "api_url": URL,
}

ARTICLE_SUMMARY = {
    "id": {"type": "integer", "minimum": 1},
    "title": TEXT,
    "source_url": _nullable(URL),
    "outlet": _nullable(_object({"name": TEXT, "slug": TEXT})),
    "byline": TEXT,
    "published_at": _nullable(
        {
            "type": "string",
            "description": "ISO 8601 with the offset the source gave, or a date alone.",
            "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}(:\d{2})?|Z))?$",
        }
    ),
    "published_on": _nullable({"type": "string", "format": "date"}),
    "url": URL,
    "api_url": URL,
    "web_annotations_url": URL,
}

STATEMENT = {
    "id": {"type": "integer", "minimum": 1},
    "url": URL,
    "api_url": URL,
    "text": TEXT,
    "kind": {"type": "string", "enum": list(Statement.Kind.values)},
    "is_paraphrase": {"type": "boolean"},
    "cue": TEXT,
    "start": COUNT,
    "end": COUNT,
    "segments": {
        "type": "array",
        "minItems": 1,
        "items": _object({"start": COUNT, "end": COUNT, "text": TEXT}),
    },
    "speaker": _ref("SpeakerSummary"),
    "article": _ref("ArticleSummary"),
    "group": {
        **_nullable(
            _object(
                {"id": {"type": "integer", "minimum": 1}, "url": URL, "first_report_url": URL},
                description="Other articles' reports of the same words: the group's page and the earliest report.",
            )
        ),
        "description": "The group of reports this statement belongs to, or null when no other report is known.",
    },
}


def _page_of(item: str) -> dict[str, Any]:
    return _object(
        {
            "results": {"type": "array", "items": _ref(item)},
            "next": {**_nullable(URL), "description": "The next page, or null on the last one."},
        }
    )


SCHEMAS: dict[str, Any] = {
    "SpeakerSummary": _object(SPEAKER_SUMMARY),
    "Speaker": _object(
        {
            **SPEAKER_SUMMARY,
            "aliases": {"type": "array", "items": TEXT},
            "statement_count": COUNT,
            "feed_url": URL,
            "statements_api_url": URL,
        }
    ),
    "ArticleSummary": _object(ARTICLE_SUMMARY),
    "Article": _object({**ARTICLE_SUMMARY, "statements": {"type": "array", "items": _ref("Statement")}}),
    "Statement": _object(STATEMENT),
    "StatementPage": _page_of("Statement"),
    "SpeakerPage": _page_of("Speaker"),
    "ArticlePage": _page_of("ArticleSummary"),
    "Error": _object(
        {
            "error": TEXT,
            "details": {
                "type": "object",
                "description": "Per parameter, what is wrong with it (form errors) or the value refused.",
            },
        }
    ),
    "Root": _object(
        {
            "statements": URL,
            "speakers": URL,
            "articles": URL,
            "feeds": _object({"latest": URL}),
            "exports": _object({"csv": URL, "jsonl": URL}),
            "openapi": URL,
            "documentation": URL,
        }
    ),
    "Health": _object(
        {
            "status": {"type": "string", "enum": ["ok", "degraded", "unavailable"]},
            "database": _object({"ok": {"type": "boolean"}, "error": _nullable(TEXT)}),
            "queue": _object(
                {
                    "ok": _nullable({"type": "boolean"}),
                    "ready_tasks": _nullable(COUNT),
                    "oldest_ready_age_seconds": _nullable({"type": "number", "minimum": 0}),
                    "max_age_seconds": COUNT,
                }
            ),
            "pretagging": _object(
                {
                    "model": _nullable(TEXT),
                    "model_version": _nullable(TEXT),
                    "latest_pipeline_version": {
                        **_nullable(TEXT),
                        "description": "The pipeline version of the most recently pre-tagged article.",
                    },
                }
            ),
        }
    ),
}


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """A query parameter; an empty value means the same as leaving it out (as an HTML form sends it)."""
    if schema is None:
        schema = TEXT
    elif "enum" not in schema:
        schema = {"anyOf": [schema, {"type": "string", "maxLength": 0}]}
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


LIMIT = _query("limit", "Results per page (default 20).", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT})
CURSOR = _query("cursor", "Opaque: take it from a `next` link.", {"type": "string", "maxLength": 200})
# The filters' dates: 1800-01-01 to 2999-12-31 (annotations/reader/filters.py).
FILTER_DATE = {
    "type": "string",
    "format": "date",
    "pattern": r"^(1[89]|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
}
DATE_FROM = _query("date_from", "Published on or after (the date where it was published).", FILTER_DATE)
DATE_TO = _query("date_to", "Published on or before (not before date_from).", FILTER_DATE)
STATEMENT_FILTERS = [
    _query("q", "Words from the statement, a speaker's name or an article title; “quotes” for a phrase."),
    _query("speaker", "A speaker's slug.", {"type": "string", "pattern": SLUG_PATTERN}),
    _query("outlet", "An outlet's slug."),
    _query("kind", "The kind of statement.", {"type": "string", "enum": ["", *Statement.Kind.values]}),
    DATE_FROM,
    DATE_TO,
]


def _json_response(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": _ref(schema)}}}


BAD_REQUEST = _json_response("A parameter or cursor is invalid.", "Error")
NOT_FOUND = _json_response("No such visible object.", "Error")


def _get(
    operation_id: str,
    summary: str,
    ok: str,
    *,
    parameters: Sequence[dict[str, Any]] = (),
    errors: Sequence[tuple[str, dict[str, Any]]] = (),
    tags: Sequence[str] = ("open data",),
) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": _json_response("OK", ok)}
    for status, response in errors:
        responses[status] = response
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "tags": list(tags),
            "parameters": list(parameters),
            "responses": responses,
        }
    }


def _path_param(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema}


ID = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
SLUG = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 200}

PATHS: dict[str, Any] = {
    "/api/": _get("api_root", "Links to everything the API offers.", "Root"),
    "/api/statements/": _get(
        "statement_list",
        "Confirmed statements, filtered like the statements page.",
        "StatementPage",
        parameters=[
            *STATEMENT_FILTERS,
            _query(
                "sort",
                "relevance (the default with words), date (newest first), or id (ascending; walks everything).",
                {"type": "string", "enum": ["", "relevance", "date", "id"]},
            ),
            LIMIT,
            CURSOR,
        ],
        errors=[("400", BAD_REQUEST)],
    ),
    "/api/statements/{id}/": {
        **_get("statement_detail", "One confirmed statement.", "Statement", errors=[("404", NOT_FOUND)]),
        "parameters": [_path_param("id", ID)],
    },
    "/api/speakers/": _get(
        "speaker_list",
        "Speakers with at least one confirmed statement, A–Z.",
        "SpeakerPage",
        parameters=[
            _query("q", "A name or an alias."),
            _query("letter", "The initial, or # for the others.", {"type": "string", "pattern": "^([A-Z]|#)$"}),
            _query("sort", "name (A–Z) or id.", {"type": "string", "enum": ["", "name", "id"]}),
            LIMIT,
            CURSOR,
        ],
        errors=[("400", BAD_REQUEST)],
    ),
    "/api/speakers/{slug}/": {
        **_get("speaker_detail", "One speaker.", "Speaker", errors=[("404", NOT_FOUND)]),
        "parameters": [_path_param("slug", SLUG)],
    },
    "/api/articles/": _get(
        "article_list",
        "Articles with at least one confirmed statement, newest first.",
        "ArticlePage",
        parameters=[
            _query("outlet", "An outlet's slug.", {"type": "string", "pattern": SLUG_PATTERN}),
            DATE_FROM,
            DATE_TO,
            _query("sort", "date (newest first) or id.", {"type": "string", "enum": ["", "date", "id"]}),
            LIMIT,
            CURSOR,
        ],
        errors=[("400", BAD_REQUEST)],
    ),
    "/api/articles/{id}/": {
        **_get("article_detail", "One article and its confirmed statements.", "Article", errors=[("404", NOT_FOUND)]),
        "parameters": [_path_param("id", ID)],
    },
    "/healthz": {
        "get": {
            "operationId": "healthz",
            "summary": "For load balancers and monitoring: database, task queue lag, pre-tagging version.",
            "description": (
                "200 while the database answers (`status` is `degraded` when the oldest ready task has waited "
                "longer than `max_age_seconds`: the workers are behind or down); 503 when it does not."
            ),
            "tags": ["operations"],
            "responses": {
                "200": _json_response("The site can serve.", "Health"),
                "503": _json_response("The database does not answer.", "Health"),
            },
        }
    },
}


def openapi_document(*, server_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "Claimbook open data",
            "version": "1",
            "description": (
                "Confirmed statements from news articles: who said what, where and when. Read-only; any origin "
                "may read it. Lists answer `{results, next}`: follow `next`. Whole-database harvests: "
                "`sort=id`, or the CSV and JSON Lines exports (which end with their record count and checksum)."
            ),
            "license": {"name": "See the site's terms"},
        },
        "servers": [{"url": server_url}],
        "tags": [
            {"name": "open data", "description": "Statements, speakers and articles."},
            {"name": "operations", "description": "Health of the running site."},
        ],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
