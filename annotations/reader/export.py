"""Streamed exports of any search or filter: CSV and JSON Lines, a chunk of rows at a time.

The filters are those of /statements/ (annotations.reader.filters.StatementFilterForm); invalid ones answer 400
in plain text. Rows are read with QuerySet.iterator(chunk_size) (a server-side cursor on PostgreSQL) and
written as they come, so a million-row export never sits in memory.
"""

import csv
import json
from itertools import batched

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.views.decorators.http import require_safe

from . import opendata
from .filters import StatementFilterForm
from .queries import search_statements

CHUNK_SIZE = 2000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() returns what it is given (csv.writer into a generator)."""

    def write(self, value: str) -> str:
        return value


def _spreadsheet_safe(value):
    """Spreadsheets run cells that start with = + - @ as formulas: such text cells get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _filtered(request):
    form = StatementFilterForm(request.GET)
    if not form.is_valid():
        return None, HttpResponseBadRequest(
            "Invalid filter: " + json.dumps(form.errors.get_json_data()), content_type="text/plain; charset=utf-8"
        )
    rows = search_statements(form.to_query()).iterator(chunk_size=CHUNK_SIZE)
    # A chunk at a time, each statement's group and first report (two queries per chunk).
    return (
        s for chunk in batched(rows, CHUNK_SIZE, strict=False) for s in opendata.with_first_reports(list(chunk))
    ), None


@require_safe
def export_csv(request):
    rows, error = _filtered(request)
    if error:
        return error
    absolute = request.build_absolute_uri
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a byte-order mark, so spreadsheets read UTF-8
        yield writer.writerow(opendata.CSV_COLUMNS)
        for statement in rows:
            yield writer.writerow([_spreadsheet_safe(v) for v in opendata.statement_row(statement, absolute)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="claimbook-statements.csv"'
    return response


@require_safe
def export_jsonl(request):
    rows, error = _filtered(request)
    if error:
        return error
    absolute = request.build_absolute_uri

    def lines():
        for statement in rows:
            yield json.dumps(opendata.statement_data(statement, absolute), ensure_ascii=False) + "\n"

    response = StreamingHttpResponse(lines(), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="claimbook-statements.jsonl"'
    return response
