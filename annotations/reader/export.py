"""Exports of any search or filter: CSV and JSON Lines.

The filters are those of /statements/ (annotations.reader.filters.StatementFilterForm); invalid ones answer 400
in plain text. An export of at most CLAIMBOOK_EXPORT_STREAM_ROWS statements is streamed at once; a larger one
is prepared by a background task (a POST, from the page the GET answers) and downloaded from its status page
when written, so no web worker's timeout can cut it off. Either way the last line holds the record count and
a checksum (annotations.reader.exports), so a cut-off file never looks complete.
"""

import base64
import binascii
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from ..models import Export, JobState
from .exports import CHUNK_SIZE, export_create, export_lines, export_statements_query

CONTENT_TYPES: dict[str, str] = {
    Export.Format.CSV: "text/csv; charset=utf-8",
    Export.Format.JSONL: "application/x-ndjson; charset=utf-8",
}


def _bad_filter(error: ValidationError) -> HttpResponseBadRequest:
    detail = error.message_dict if hasattr(error, "error_dict") else error.messages
    return HttpResponseBadRequest("Invalid filter: " + json.dumps(detail), content_type="text/plain; charset=utf-8")


@never_cache
def _export(request, fmt: str):
    try:
        qs = export_statements_query(request.GET)
    except ValidationError as error:
        return _bad_filter(error)
    count = qs.count()
    if count > settings.CLAIMBOOK_EXPORT_STREAM_ROWS:
        params = {key: value for key, value in request.GET.items() if key != "page"}
        return render(
            request,
            "annotations/reader/export_prepare.html",
            {"format": fmt, "count": count, "params": params, "limit": settings.CLAIMBOOK_EXPORT_STREAM_ROWS},
        )
    lines = export_lines(fmt, qs.iterator(chunk_size=CHUNK_SIZE), request.build_absolute_uri)
    response = StreamingHttpResponse((line.encode("utf-8") for line in lines), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="claimbook-statements.{fmt}"'
    response["X-Claimbook-Records"] = str(count)
    return response


@require_safe
def export_csv(request):
    return _export(request, Export.Format.CSV)


@require_safe
def export_jsonl(request):
    return _export(request, Export.Format.JSONL)


@require_POST
def export_request(request):
    """Prepare an export in the background; answers with its status page (303)."""
    try:
        export = export_create(
            fmt=request.POST.get("format", ""),
            params={
                key: request.POST.get(key, "") for key in request.POST if key not in ("format", "csrfmiddlewaretoken")
            },
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        return _bad_filter(error)
    return redirect(export.get_absolute_url(), permanent=False)


@never_cache
@require_safe
def export_status(request, pk):
    """Where an export stands; it refreshes itself until the file is ready, then links to it."""
    export = get_object_or_404(Export, pk=pk)
    running = export.state in (JobState.QUEUED, JobState.RUNNING)
    percent = None
    if export.rows_total:
        percent = min(100, round(100 * export.rows_done / export.rows_total))
    return render(
        request, "annotations/reader/export_status.html", {"export": export, "running": running, "percent": percent}
    )


@never_cache
@require_safe
def export_download(request, pk):
    """The written file, with its length, record count and digest, so a client can tell a complete download."""
    export = get_object_or_404(Export, pk=pk)
    if export.state != JobState.DONE or not export.file:
        raise Http404("This export is not ready.")
    response = FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename)
    response["Content-Type"] = CONTENT_TYPES[export.format]
    response["X-Claimbook-Records"] = str(export.rows_done)
    try:
        digest = base64.b64encode(bytes.fromhex(export.sha256)).decode()
    except (ValueError, binascii.Error):
        digest = ""
    if digest:
        response["Repr-Digest"] = f"sha-256=:{digest}:"
    return response
