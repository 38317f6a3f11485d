"""Exports of a search as files: the lines of a CSV or JSON Lines export, and the background job that writes one.

Every export ends with a line that says how many statements came before it and the SHA-256 of the bytes
before it, so a file or a response cut off anywhere (a proxy's or a worker's timeout, a full disk) never
looks complete: the last line is missing, or its count and checksum do not match.

- JSON Lines: the last line is ``{"end_of_export": {"records": N, "sha256": "<hex>"}}``; every other line is a
  statement.
- CSV: the last row is ``#end_of_export,N,<hex>``; the ``id`` column is a number in every other row.

Small exports are streamed as they are read (``annotations.reader.export``); large ones are written by a
background task (``annotations.tasks.export_statements``) to the default storage, then downloaded.
"""

import csv
import hashlib
import json
import logging
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import timedelta
from itertools import batched
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ..models import Export, JobState, Statement
from . import opendata
from .filters import StatementFilterForm
from .queries import search_statements

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
PROGRESS_EVERY = 2000  # statements between two progress writes
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
END_MARKER = "end_of_export"
CSV_END_CELL = "#" + END_MARKER


class _Echo:
    """A file-like object whose write() returns what it is given (csv.writer into a generator)."""

    def write(self, value: str) -> str:
        return value


def _spreadsheet_safe(value: Any) -> Any:
    """Spreadsheets run cells that start with = + - @ as formulas: such text cells get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_lines(
    fmt: str, statements: Iterable[Statement], absolute: opendata.AbsoluteUrl, *, counter: list[int] | None = None
) -> Iterator[str]:
    """The export's text, line by line, ending with the record count and checksum of everything before it.

    `counter`, when given, holds the number of statements written so far in its first item (for progress).
    """
    digest = hashlib.sha256()
    records = 0
    writer = csv.writer(_Echo())

    def line(text: str) -> str:
        digest.update(text.encode("utf-8"))
        return text

    if fmt == Export.Format.CSV:
        yield line("\ufeff")  # a byte-order mark, so spreadsheets read UTF-8
        yield line(writer.writerow(opendata.CSV_COLUMNS))
    # A chunk at a time, each statement's group and first report (two queries per chunk).
    enriched = (
        s for chunk in batched(statements, CHUNK_SIZE, strict=False) for s in opendata.with_first_reports(list(chunk))
    )
    for statement in enriched:
        if fmt == Export.Format.CSV:
            row = [_spreadsheet_safe(v) for v in opendata.statement_row(statement, absolute)]
            yield line(writer.writerow(row))
        else:
            yield line(json.dumps(opendata.statement_data(statement, absolute), ensure_ascii=False) + "\n")
        records += 1
        if counter is not None:
            counter[0] = records
    if fmt == Export.Format.CSV:
        yield writer.writerow([CSV_END_CELL, records, digest.hexdigest()])
    else:
        yield json.dumps({END_MARKER: {"records": records, "sha256": digest.hexdigest()}}) + "\n"


def export_statements_query(params: Mapping[str, Any]) -> QuerySet[Statement]:
    """The statements an export of these search parameters holds; ValidationError for invalid filters."""
    form = StatementFilterForm(params)  # type: ignore[no-untyped-call]  # the forms are not typed yet
    if not form.is_valid():
        raise ValidationError(form.errors.get_json_data())
    return search_statements(form.to_query())


def _absolute_from(base_url: str) -> opendata.AbsoluteUrl:
    return lambda path: urljoin(base_url, path)


@transaction.atomic
def export_create(*, fmt: str, params: dict[str, str], base_url: str) -> Export:
    """Ask for an export of the statements matching `params` (the search's filters); it runs in the background.

    Raises ValidationError for an unknown format or invalid filters. Exports older than
    CLAIMBOOK_EXPORT_KEEP_HOURS are deleted, files included.
    """
    from ..tasks import queue_export

    if fmt not in Export.Format.values:
        raise ValidationError({"format": ["Choose csv or jsonl."]})
    fields = set(StatementFilterForm.base_fields)
    kept = {name: value for name, value in params.items() if name in fields and value}
    export_statements_query(kept)  # refuse invalid filters now, not in the worker
    export = Export(format=fmt, params=kept, base_url=base_url)
    export.full_clean()
    export.save()
    exports_purge_old()
    queue_export(export_id=str(export.pk))
    return export


def exports_purge_old() -> int:
    """Delete finished exports older than CLAIMBOOK_EXPORT_KEEP_HOURS, with their files; how many."""
    cutoff = timezone.now() - timedelta(hours=settings.CLAIMBOOK_EXPORT_KEEP_HOURS)
    old = list(Export.objects.filter(created_at__lt=cutoff, state__in=[JobState.DONE, JobState.FAILED]))
    for export in old:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(old)


def export_run(*, export_id: str) -> str:
    """Write the export's file to the default storage, recording progress; what it did, in a few words.

    Runs in the worker. The file is written to a temporary file first and stored only once complete; on any
    failure the export is marked failed with the reason, and no file is kept.
    """
    export = Export.objects.filter(pk=export_id).first()
    if export is None:
        return "no such export"
    if export.state == JobState.DONE:
        return "already written"
    Export.objects.filter(pk=export.pk).update(state=JobState.RUNNING, rows_done=0, error="")
    try:
        qs = export_statements_query(export.params)
        total = qs.count()
        Export.objects.filter(pk=export.pk).update(rows_total=total)
        counter = [0]
        reported = 0
        digest = hashlib.sha256()
        size = 0
        absolute = _absolute_from(export.base_url)
        with tempfile.TemporaryFile() as tmp:
            for text in export_lines(export.format, qs.iterator(chunk_size=CHUNK_SIZE), absolute, counter=counter):
                data = text.encode("utf-8")
                tmp.write(data)
                digest.update(data)
                size += len(data)
                if counter[0] - reported >= PROGRESS_EVERY:
                    reported = counter[0]
                    Export.objects.filter(pk=export.pk).update(rows_done=reported)
            tmp.seek(0)
            export.file.save(export.filename, File(tmp), save=False)
        Export.objects.filter(pk=export.pk).update(
            state=JobState.DONE,
            rows_done=counter[0],
            file=export.file.name,
            size=size,
            sha256=digest.hexdigest(),
            finished_at=timezone.now(),
        )
    except Exception as error:
        logger.exception("Export %s failed", export.pk)
        if export.file:
            export.file.delete(save=False)
        Export.objects.filter(pk=export.pk).update(
            state=JobState.FAILED, error=f"{type(error).__name__}: {error}"[:500], finished_at=timezone.now()
        )
        raise
    return f"{counter[0]} statements"
