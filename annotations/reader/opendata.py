"""Statements, speakers and articles as plain data: the API, the exports, JSON-LD and Web Annotations.

One function per shape, so the field names documented in the README ("Open data") are written once. All
URLs are absolute (built from the request). Callers pass only visible objects (see ``annotations.reader.queries``).
"""

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from ..common.segments import texts as segment_texts
from ..models import Article, Speaker, Statement, StatementGroup
from .queries import visible_speaker, visible_statements

AbsoluteUrl = Callable[[str], str]  # request.build_absolute_uri

PARAPHRASE_KINDS = {Statement.Kind.INDIRECT}
TEXT_QUOTE_CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def speaker_summary(speaker: Speaker, absolute: AbsoluteUrl) -> dict[str, Any]:
    return {
        "slug": speaker.slug,
        "name": speaker.name,
        "kind": speaker.kind,
        "description": speaker.description,
        "wikidata_id": speaker.wikidata_id or None,
        "url": absolute(speaker.get_absolute_url()),
        "api_url": absolute(reverse("annotations:api_speaker_detail", args=[speaker.slug])),
    }


def speaker_data(
    speaker: Speaker, absolute: AbsoluteUrl, *, statement_count: int, aliases: list[str]
) -> dict[str, Any]:
    return {
        **speaker_summary(speaker, absolute),
        "aliases": aliases,
        "statement_count": statement_count,
        "feed_url": absolute(reverse("annotations:speaker_feed", args=[speaker.slug])),
        "statements_api_url": absolute(reverse("annotations:api_statement_list") + f"?speaker={speaker.slug}"),
    }


def article_summary(article: Article, absolute: AbsoluteUrl) -> dict[str, Any]:
    outlet = article.outlet
    return {
        "id": article.pk,
        "title": article.title,
        "source_url": article.url or None,
        "outlet": {"name": outlet.name, "slug": outlet.slug} if outlet else None,
        "byline": article.byline,
        "published_at": article.published_iso,
        "published_on": _iso(article.published_on),
        "url": absolute(article.get_absolute_url()),
        "api_url": absolute(reverse("annotations:api_article_detail", args=[article.pk])),
        "web_annotations_url": absolute(reverse("annotations:article_annotations", args=[article.pk])),
    }


def statement_data(statement: Statement, absolute: AbsoluteUrl) -> dict[str, Any]:
    """A statement as the API and the JSON Lines export give it."""
    return {
        "id": statement.pk,
        "url": absolute(statement.get_absolute_url()),
        "api_url": absolute(reverse("annotations:api_statement_detail", args=[statement.pk])),
        "text": statement.text,
        "kind": statement.kind,
        "is_paraphrase": statement.kind in PARAPHRASE_KINDS,
        "cue": statement.cue_text,
        "start": statement.start,
        "end": statement.end,
        "segments": [
            {"start": start, "end": end, "text": text}
            for (start, end), text in zip(statement.spans, segment_texts(statement.text, statement.spans), strict=True)
        ],
        "speaker": speaker_summary(visible_speaker(statement), absolute),
        "article": article_summary(statement.article, absolute),
        "group": group_summary(statement, absolute),
    }


# --- reports of the same statement in several articles (annotations.groups) ---


def with_first_reports(statements: list[Statement]) -> list[Statement]:
    """Give each statement `first_report_id`: the earliest visible report of its group (two queries for a
    page or an export chunk; None without a group, or when that report is not visible)."""
    group_ids = {s.group_id for s in statements if s.group_id is not None}
    firsts = dict(StatementGroup.objects.filter(pk__in=group_ids, size__gte=2).values_list("pk", "first_statement_id"))
    visible = set(visible_statements().filter(pk__in=[pk for pk in firsts.values() if pk]).values_list("pk", flat=True))
    for statement in statements:
        first = firsts.get(statement.group_id or 0)
        statement.first_report_id = first if first in visible else None
    return statements


def group_summary(statement: Statement, absolute: AbsoluteUrl) -> dict[str, Any] | None:
    """The statement's group of reports: its id, its page, and the earliest report (None without a group)."""
    if not hasattr(statement, "first_report_id"):
        with_first_reports([statement])
    if statement.group_id is None or statement.first_report_id is None:
        return None
    return {
        "id": statement.group_id,
        "url": absolute(reverse("annotations:statement_group", args=[statement.group_id])),
        "first_report_url": absolute(reverse("annotations:statement_detail", args=[statement.first_report_id])),
    }


CSV_COLUMNS = [
    "id", "url", "text", "kind", "is_paraphrase", "cue", "start", "end",
    "speaker_slug", "speaker_name", "speaker_wikidata_id",
    "article_id", "article_title", "article_source_url", "outlet", "published_at", "segments",
    "group_id", "first_report_url",
]  # fmt: skip


def statement_row(statement: Statement, absolute: AbsoluteUrl) -> list[Any]:
    """A statement as one CSV row, in CSV_COLUMNS order."""
    article, speaker = statement.article, visible_speaker(statement)
    return [
        statement.pk,
        absolute(statement.get_absolute_url()),
        statement.text,
        statement.kind,
        "true" if statement.kind in PARAPHRASE_KINDS else "false",
        statement.cue_text,
        statement.start,
        statement.end,
        speaker.slug,
        speaker.name,
        speaker.wikidata_id,
        article.pk,
        article.title,
        article.url,
        article.outlet.name if article.outlet else "",
        article.published_iso or "",
        " ".join(f"{start}-{end}" for start, end in statement.spans),  # "12-40 58-71": each segment's offsets
        *_group_cells(statement, absolute),
    ]


def _group_cells(statement: Statement, absolute: AbsoluteUrl) -> list[Any]:
    group = group_summary(statement, absolute)
    return [group["id"], group["first_report_url"]] if group else ["", ""]


# --- schema.org JSON-LD ---


def statement_jsonld(
    statement: Statement, absolute: AbsoluteUrl, *, first_report: Statement | None = None
) -> dict[str, Any]:
    """A schema.org Quotation: who said it (spokenByCharacter) and the NewsArticle it comes from; when other
    articles reported the same words earlier, `isBasedOn` names the earliest report (`first_report`)."""
    article, speaker = statement.article, visible_speaker(statement)
    news_article: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": article.url or absolute(article.get_absolute_url()),
        "headline": article.title,
        "url": article.url or absolute(article.get_absolute_url()),
    }
    if article.published_iso:
        news_article["datePublished"] = article.published_iso
    if article.outlet:
        news_article["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    if article.author:
        news_article["author"] = {"@type": "Person", "name": article.author}
    person: dict[str, Any] = {
        "@type": "Person" if speaker.kind == Speaker.Kind.PERSON else "Organization",
        "name": speaker.name,
        "url": absolute(speaker.get_absolute_url()),
    }
    if speaker.description:
        person["description"] = speaker.description
    if speaker.wikidata_id:
        person["sameAs"] = speaker.wikidata_url
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "@id": absolute(statement.get_absolute_url()),
        "url": absolute(statement.get_absolute_url()),
        "text": statement.text,
        "spokenByCharacter": person,
        "isPartOf": news_article,
        "citation": {"@id": news_article["@id"]},
    }
    if article.published_iso:
        data["dateCreated"] = article.published_iso
    if statement.kind in PARAPHRASE_KINDS:
        data["description"] = "Paraphrase (indirect speech), not a verbatim quotation."
    if first_report is not None:
        first_article = first_report.article
        based_on: dict[str, Any] = {
            "@type": "Quotation",
            "@id": absolute(first_report.get_absolute_url()),
            "url": absolute(first_report.get_absolute_url()),
            "isPartOf": {
                "@type": "NewsArticle",
                "@id": first_article.url or absolute(first_article.get_absolute_url()),
                "headline": first_article.title,
            },
        }
        if first_article.published_iso:
            based_on["dateCreated"] = first_article.published_iso
        data["isBasedOn"] = based_on
    return data


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data: object) -> SafeString:
    """JSON safe inside a <script> data block: <, > and & are escaped, so “</script>” cannot end it.

    The same escaping as Django's json_script, for a `<script type="application/ld+json">` element.
    """
    return mark_safe(json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES))


# --- W3C Web Annotation ---

WEB_ANNOTATION_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def statement_annotation(statement: Statement, absolute: AbsoluteUrl) -> dict[str, Any]:
    """A W3C Web Annotation targeting the statement's text on the source page.

    TextQuoteSelector (exact, prefix, suffix) is what clients should anchor with; TextPositionSelector counts
    Unicode code points in Claimbook's extracted text of the article, which may differ from the page's.
    """
    article, speaker = statement.article, visible_speaker(statement)
    body = article.body
    kind_labels: dict[str, str] = {
        Statement.Kind.DIRECT: "Direct quotation",
        Statement.Kind.MIXED: "Partly quoted statement",
        Statement.Kind.INDIRECT: "Paraphrase (indirect speech)",
    }
    kind_label = kind_labels[statement.kind]
    source = article.url or absolute(article.get_absolute_url())
    # One target per quoted segment (a statement with the reporter's words between its parts has several).
    targets = [
        {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": body[start:end],
                    "prefix": body[max(0, start - TEXT_QUOTE_CONTEXT) : start],
                    "suffix": body[end : end + TEXT_QUOTE_CONTEXT],
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        }
        for start, end in statement.spans
    ]
    return {
        "id": absolute(statement.get_absolute_url()) + "#annotation",
        "type": "Annotation",
        "motivation": "identifying",
        "created": _iso(statement.reviewed_at or statement.created_at),
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": "text/plain",
                "value": f"{kind_label} by {speaker.name}" + (f" ({statement.cue_text})" if statement.cue_text else ""),
            },
            {"type": "SpecificResource", "purpose": "identifying", "source": absolute(speaker.get_absolute_url())},
        ],
        "target": targets[0] if len(targets) == 1 else targets,
    }


def article_annotation_collection(
    article: Article, statements: list[Statement], absolute: AbsoluteUrl
) -> dict[str, Any]:
    """All visible statements of an article as one W3C AnnotationCollection with its single page embedded."""
    collection_url = absolute(reverse("annotations:article_annotations", args=[article.pk]))
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": collection_url,
        "type": "AnnotationCollection",
        "label": f"Confirmed statements in “{article.title}” (Claimbook)",
        "total": len(statements),
        "first": {
            "id": collection_url + "#page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [statement_annotation(statement, absolute) for statement in statements],
        },
    }
