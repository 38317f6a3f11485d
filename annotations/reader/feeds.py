"""Atom feeds (Django's syndication framework): the latest visible statements, and each speaker's."""

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from ..common.text import clean_text
from ..models import Speaker, Statement
from .queries import date_order, visible_speaker, visible_statements

FEED_LENGTH = 50


def _xml_safe(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple)):
        return [_xml_safe(item) for item in value]
    return value


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom that never fails on stored text: text is cleaned where it enters, but rows stored before that (or
    written around it) must not turn every feed into a 500, so what XML 1.0 refuses is dropped here too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*_xml_safe(list(args)), **{key: _xml_safe(value) for key, value in kwargs.items()})

    def add_item(self, *args: Any, **kwargs: Any) -> None:
        super().add_item(*_xml_safe(list(args)), **{key: _xml_safe(value) for key, value in kwargs.items()})


class _StatementsFeed(Feed):
    """What both feeds share: Atom (safe for any stored text), and an entry per visible statement."""

    feed_type = XmlSafeAtom1Feed

    def item_title(self, item: Statement) -> str:
        text = item.text if len(item.text) <= 90 else item.text[:89] + "…"
        label = "paraphrase" if item.kind == Statement.Kind.INDIRECT else item.cue_text or "said"
        return f"{visible_speaker(item).name} ({label}): {text}"

    def item_description(self, item: Statement) -> str:
        # Plain text: the feed generator escapes it.
        prefix = "Paraphrase (not a verbatim quote): " if item.kind == Statement.Kind.INDIRECT else ""
        outlet = f", {item.article.outlet.name}" if item.article.outlet else ""
        return f"{prefix}“{item.text}” — {visible_speaker(item).name}, in “{item.article.title}”{outlet}."

    def item_link(self, item: Statement) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Statement) -> str:
        return item.get_absolute_url()

    def item_author_name(self, item: Statement) -> str:
        return visible_speaker(item).name

    def item_author_link(self, item: Statement) -> str:
        return visible_speaker(item).get_absolute_url()

    def item_pubdate(self, item: Statement) -> datetime:
        return item.article.published_local or item.created_at

    def item_updateddate(self, item: Statement) -> datetime:
        return item.updated_at

    def item_categories(self, item: Statement) -> list[str]:
        return [item.kind]


class LatestStatementsFeed(_StatementsFeed):
    title = "Claimbook: latest confirmed statements"
    subtitle = "Who said what in the news: statements confirmed by Claimbook's editors, with their sources."

    def link(self) -> str:
        return reverse("annotations:statement_list")

    def feed_url(self) -> str:
        return reverse("annotations:statement_feed")

    def items(self) -> QuerySet[Statement]:
        return visible_statements().order_by(*date_order())[:FEED_LENGTH]


class SpeakerStatementsFeed(_StatementsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Speaker:
        speaker = get_object_or_404(Speaker.objects.active(), slug=slug)
        if not visible_statements().filter(speaker=speaker).exists():
            raise Http404("No confirmed statements by this speaker.")
        return speaker

    def title(self, obj: Speaker) -> str:
        return f"Claimbook: statements by {obj.name}"

    def subtitle(self, obj: Speaker) -> str:
        return f"Confirmed statements by {obj.name}" + (f", {obj.description}" if obj.description else "") + "."

    def link(self, obj: Speaker) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj: Speaker) -> str:
        return reverse("annotations:speaker_feed", args=[obj.slug])

    def items(self, obj: Speaker) -> QuerySet[Statement]:
        return visible_statements().filter(speaker=obj).order_by(*date_order())[:FEED_LENGTH]
