"""Read articles out of uploaded files and pasted text. No database here: readers return drafts and errors.

Every problem is reported with where it is (file and line) and what to do about it; a reader never
raises on bad input. `annotations.importing.services` decides what happens to the drafts (new or duplicate).
"""

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any, NotRequired, TypedDict
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import ngettext

from ..common.dates import newsroom_time_zone, offset_minutes
from ..common.text import clean_text, has_words
from ..models import PUBLISHED_EARLIEST, PUBLISHED_END, normalize_body

FIELDS = ("title", "body", "url", "outlet", "byline", "published_at")
REQUIRED_FIELDS = ("title", "body")
TABULAR_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
SUPPORTED_EXTENSIONS = sorted([*TABULAR_EXTENSIONS, *HTML_EXTENSIONS])
MAX_URL_LENGTH = 2000  # Article.url
# A saved page whose extracted text is shorter than this is its navigation or a stub ("Home"), not an article.
MIN_PAGE_WORDS = 8


class ArticleDraftJSON(TypedDict):
    """An ArticleDraft as ImportBatch.drafts keeps it until the import is confirmed."""

    title: str
    body: str
    url: str
    outlet: str
    byline: str
    published_at: str | None  # ISO 8601
    published_date_only: NotRequired[bool]  # absent from previews saved before it existed
    source: str


@dataclass
class ArticleDraft:
    """One article as read from the input, cleaned and ready to be checked against the database."""

    title: str
    body: str
    url: str = ""
    outlet: str = ""
    byline: str = ""
    published_at: datetime | None = None  # aware, in the offset the source gave (else the newsroom's zone)
    published_date_only: bool = False  # the source gave a date without a time
    source: str = ""  # "articles.jsonl, line 3": where it came from, for the preview and Article.import_source

    @property
    def published_offset(self) -> int | None:
        """Minutes east of UTC the source dated the article at (the newsroom's, when it gave none)."""
        return offset_minutes(self.published_at) if self.published_at is not None else None

    @property
    def published_on(self) -> date | None:
        """The date where the article was published (not its date in UTC)."""
        return self.published_at.date() if self.published_at is not None else None

    def to_json(self) -> ArticleDraftJSON:
        return {
            "title": self.title,
            "body": self.body,
            "url": self.url,
            "outlet": self.outlet,
            "byline": self.byline,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "published_date_only": self.published_date_only,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ArticleDraft":
        published = data.get("published_at")
        return cls(**{**data, "published_at": datetime.fromisoformat(published) if published else None})


@dataclass
class ReadProblem:
    """Something in the input that cannot become an article. `line` is None for whole-file problems."""

    source: str
    message: str
    line: int | None = None

    @property
    def where(self) -> str:
        return f"{self.source}, line {self.line}" if self.line else self.source


@dataclass
class ReadResult:
    drafts: list[ArticleDraft] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # harmless oddities worth telling, e.g. ignored columns

    def extend(self, other: "ReadResult") -> None:
        self.drafts += other.drafts
        self.problems += other.problems
        self.notes += other.notes


# --- single values -------------------------------------------------------------------------------

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|cmpid|ocid)$", re.IGNORECASE)


def canonical_url(raw: str) -> str:
    """A URL in the form duplicates are recognised by: no fragment, no tracking parameters, lower-case host."""
    raw = raw.strip()
    if not raw:
        return ""
    URLValidator(schemes=["http", "https"])(raw)
    parts = urlsplit(raw)
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)]
    )
    path = parts.path or "/"
    url = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))
    if len(url) > MAX_URL_LENGTH:
        raise ValidationError(f"at most {MAX_URL_LENGTH} characters", code="too_long")
    return url


def parse_published(raw: object) -> tuple[datetime | None, bool]:
    """An ISO 8601 date or date-time, and whether it was a date alone. Raises ValueError with a hint.

    A date-time keeps the offset it was written with; one without an offset, and a date alone (midnight),
    are taken in the newsroom's time zone. The date is then always the one the source gave.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, False
    if not isinstance(raw, str):
        raise ValueError(f"published_at must be a date written as text, not {type(raw).__name__}")
    value = raw.strip()
    try:
        day = parse_date(value)  # a date alone (parse_datetime would read it as midnight)
        date_only = day is not None
        parsed = datetime.combine(day, time.min) if day is not None else parse_datetime(value)
    except ValueError:
        parsed, date_only = None, False
    if parsed is None:
        raise ValueError(f"“{value[:40]}” is not a date; write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+00:00")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, newsroom_time_zone())
    if not PUBLISHED_EARLIEST <= parsed < PUBLISHED_END:
        raise ValueError(
            f"published_at “{value[:40]}” is outside the years {PUBLISHED_EARLIEST.year}–{PUBLISHED_END.year - 1}"
        )
    return parsed, date_only


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: object, field_name: str) -> str:
    """A field's value as stored text: numbers as written, controls dropped (annotations.common.text)."""
    if value is None:
        return ""
    if isinstance(value, (dict, list, bool)) or not isinstance(value, (str, int, float)):
        raise ValueError(f"{field_name} must be text")
    text = str(value)
    if _SURROGATE.search(text):
        raise ValueError(f"{field_name} holds a broken character (a lone UTF-16 surrogate such as \\ud800)")
    return clean_text(text)


def draft_from_mapping(row: Mapping[str, object], *, source: str) -> ArticleDraft:
    """Build a draft from one record's fields; raises ValueError naming the first problem."""
    values = {name: _text(row.get(name), name) for name in FIELDS if name != "published_at"}
    missing = [name for name in REQUIRED_FIELDS if not has_words(values[name])]
    if missing:
        given = [values[name] for name in missing if values[name]]
        why = ""
        if given:
            why = " (only white space)" if all(not value.strip() for value in given) else " (no letters or digits)"
        raise ValueError(f"missing {' and '.join(missing)}{why}")
    url = values["url"]
    try:
        url = canonical_url(url)
    except ValidationError as error:
        if error.code == "too_long":
            raise ValueError(f"the address is {len(url)} characters long; at most {MAX_URL_LENGTH}") from None
        raise ValueError(f"“{url[:80]}” is not a web address (http:// or https://)") from None
    title = " ".join(values["title"].split())
    if len(title) > 500:
        raise ValueError(f"title is {len(title)} characters long; at most 500")
    published = row.get("published_at")
    published_at, date_only = parse_published(
        _text(published, "published_at") if isinstance(published, str) else published
    )
    return ArticleDraft(
        title=title,
        body=normalize_body(values["body"]),
        url=url,
        outlet=" ".join(values["outlet"].split())[:200],
        byline=" ".join(values["byline"].split())[:500],
        published_at=published_at,
        published_date_only=date_only,
        source=source,
    )


# --- files ---------------------------------------------------------------------------------------


def decode(data: bytes, *, source: str) -> tuple[str | None, ReadProblem | None]:
    """Decode UTF-8 (with or without BOM). Anything else is refused rather than guessed at."""
    if not data.strip():
        return None, ReadProblem(source, "The file is empty.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, ReadProblem(
            source,
            f"The file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read; it looks like "
            "Latin-1 or Windows-1252). Save it as UTF-8 and upload it again.",
            line,
        )


# Each record of a file, with the line it starts on: what was read (any JSON value; read_tabular checks it is an
# object) or why nothing could be.
type Records = Iterator[tuple[int, object]]

# Numbers are kept as written (a title of digits is text): no 4,300-digit integer is ever converted.
_DECODER = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str)
# An article is an object of strings; deeper nesting is not an article (and would exhaust the stack).
MAX_JSON_DEPTH = 50


def _json_problem(text: str) -> str | None:
    """Why this JSON text cannot be read safely, before decoding it: nesting deeper than MAX_JSON_DEPTH."""
    depth = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return f"nested more than {MAX_JSON_DEPTH} levels deep"
        elif bracket in "]}":
            depth -= 1
    return None


def _loads(text: str) -> object:
    """json.loads with the safeguards above; raises json.JSONDecodeError or ValueError (too deep)."""
    problem = _json_problem(text)
    if problem:
        raise ValueError(problem)
    return _DECODER.decode(text)


def _records_jsonl(text: str, source: str) -> Records:
    # Lines end at "\n" only: str.splitlines() would also split at form feeds and U+2028 inside a record.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = _loads(line)
        except json.JSONDecodeError as error:
            yield number, ReadProblem(source, f"not valid JSON ({error.msg}, column {error.colno})", number)
            continue
        except ValueError as error:
            yield number, ReadProblem(source, f"not valid JSON ({error})", number)
            continue
        yield number, record


def _records_json(text: str, source: str) -> Records:
    """A JSON array of articles (or one article), each reported with the line its object starts on."""
    try:
        document = _loads(text)
    except json.JSONDecodeError as error:
        yield error.lineno, ReadProblem(source, f"not valid JSON ({error.msg}, column {error.colno})", error.lineno)
        return
    except ValueError as error:
        yield 1, ReadProblem(source, f"not valid JSON ({error})", 1)
        return
    if isinstance(document, dict):
        yield 1, document
        return
    if not isinstance(document, list):
        yield 1, ReadProblem(source, "expected a list of articles (a JSON array of objects)", 1)
        return
    # Walk the array again with raw_decode to learn where each element starts.
    position = text.index("[") + 1
    for record in document:
        while text[position] in " \t\r\n,":
            position += 1
        line = text.count("\n", 0, position) + 1
        _value, position = _DECODER.raw_decode(text, position)
        yield line, record


def _records_csv(text: str, source: str, result: ReadResult) -> Records:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED_FIELDS if name not in header]
    if missing:
        yield (
            1,
            ReadProblem(
                source, f"the header row has no {' or '.join(missing)} column (columns: {', '.join(FIELDS)})", 1
            ),
        )
        return
    extra = [name for name in header if name and name not in FIELDS]
    if extra:
        ignored = ngettext("ignored column %(names)s", "ignored columns %(names)s", len(extra))
        result.notes.append(f"{source}: {ignored % {'names': ', '.join(extra)}}.")
    reader.fieldnames = header
    try:
        last_line = reader.line_num
        for row in reader:
            line, last_line = last_line + 1, reader.line_num  # a quoted field may span lines: report the first
            if None in row:
                yield (
                    line,
                    ReadProblem(
                        source,
                        f"this row has {len(header) + len(row[None])} values but the header has {len(header)} columns",
                        line,
                    ),
                )
            elif any(value is None for value in row.values()):
                yield (
                    line,
                    ReadProblem(source, f"this row has fewer values than the header's {len(header)} columns", line),
                )
            else:
                yield line, row
    except csv.Error as error:
        yield reader.line_num, ReadProblem(source, f"not valid CSV ({error})", reader.line_num)


def read_tabular(text: str, *, source: str, fmt: str) -> ReadResult:
    result = ReadResult()
    if fmt == "jsonl":
        records = _records_jsonl(text, source)
    elif fmt == "json":
        records = _records_json(text, source)
    else:
        records = _records_csv(text, source, result)
    for line, record in records:
        if isinstance(record, ReadProblem):
            result.problems.append(record)
        elif not isinstance(record, dict):
            result.problems.append(ReadProblem(source, "expected an object with title and body", line))
        else:
            try:
                result.drafts.append(draft_from_mapping(record, source=f"{source}, line {line}"))
            except ValueError as error:
                result.problems.append(ReadProblem(source, str(error), line))
    if not result.drafts and not result.problems:
        result.problems.append(ReadProblem(source, "The file holds no articles."))
    return result


def read_html(text: str, *, source: str) -> ReadResult:
    """A saved web page: trafilatura finds the article text and its metadata."""
    import trafilatura  # imported here: it is slow to import and only the import needs it

    document = trafilatura.bare_extraction(text, with_metadata=True, include_tables=False, favor_precision=True)
    body_lines = [line.strip() for line in (getattr(document, "text", "") or "").splitlines() if line.strip()]
    title = (getattr(document, "title", "") or "").strip()
    if body_lines and title and body_lines[0] == title:
        body_lines = body_lines[1:]  # the headline is the title, not part of the body
    words = len(" ".join(body_lines).split())
    if not body_lines or words < MIN_PAGE_WORDS:
        found = f" (only “{' '.join(body_lines)[:60]}”)" if body_lines else ""
        return ReadResult(problems=[ReadProblem(source, f"No article text was found in this page{found}.")])
    record = {
        "title": title or PurePath(source).stem.replace("-", " ").replace("_", " "),
        "body": "\n\n".join(body_lines),
        "url": getattr(document, "url", "") or "",
        "outlet": getattr(document, "sitename", "") or "",
        "byline": getattr(document, "author", "") or "",
        "published_at": getattr(document, "date", "") or "",
    }
    try:
        return ReadResult(drafts=[draft_from_mapping(record, source=source)])
    except ValueError as error:
        if record["url"] and "web address" in str(error):
            return read_html_without_url(record, source)
        return ReadResult(problems=[ReadProblem(source, str(error))])


def read_html_without_url(record: dict[str, str], source: str) -> ReadResult:
    """A page whose canonical link is not a usable URL still has an article: keep it, say so."""
    result = ReadResult(drafts=[draft_from_mapping({**record, "url": ""}, source=source)])
    result.notes.append(f"{source}: the page's address “{record['url'][:80]}” is not a web address and was left out.")
    return result


def read_file(name: str, data: bytes, *, max_bytes: int) -> ReadResult:
    """Read one uploaded file of any supported kind, chosen by its extension."""
    source = PurePath(name).name
    suffix = PurePath(name).suffix.lower()
    if len(data) > max_bytes:
        return ReadResult(
            problems=[
                ReadProblem(
                    source, f"The file is {len(data) / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.0f} MB."
                )
            ]
        )
    if suffix not in TABULAR_EXTENSIONS and suffix not in HTML_EXTENSIONS:
        return ReadResult(
            problems=[
                ReadProblem(source, f"Unsupported file type “{suffix or name}”; use {', '.join(SUPPORTED_EXTENSIONS)}.")
            ]
        )
    text, problem = decode(data, source=source)
    if problem:
        return ReadResult(problems=[problem])
    assert text is not None, "decode gives the text when it gives no problem"
    if suffix in HTML_EXTENSIONS:
        return read_html(text, source=source)
    return read_tabular(text, source=source, fmt=TABULAR_EXTENSIONS[suffix])


def read_pasted(
    *, title: str, body: str, url: str = "", outlet: str = "", byline: str = "", published_at: str = ""
) -> ReadResult:
    record = {
        "title": title,
        "body": body,
        "url": url,
        "outlet": outlet,
        "byline": byline,
        "published_at": published_at,
    }
    try:
        return ReadResult(drafts=[draft_from_mapping(record, source="pasted text")])
    except ValueError as error:
        return ReadResult(problems=[ReadProblem("pasted text", str(error))])
