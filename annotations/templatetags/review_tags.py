"""Small template helpers for the review workspace."""

from datetime import datetime
from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def ago(value: datetime | None) -> str:
    """“just now” under a minute, else “3 minutes ago” (timesince's “0 minutes” reads oddly in a history)."""
    if not value:
        return ""
    if (timezone.now() - value).total_seconds() < 60:
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(value)}


@register.simple_tag
def statement_item(statement, selected=None, oob: bool = False) -> SafeString:
    """One entry of the review page's statement list (see article.html, partial "statement-items").

    Written as plain escaped string formatting rather than a template: the list is re-sent with 100+
    entries after every action that adds or removes statements, and a template costs ~70 µs an entry.
    Expects the attributes views.review._prepare sets (review_url, status_label, short_text, …).
    """
    pk, status = int(statement.pk), escape(statement.status)
    current = ' aria-current="true"' if selected is not None and selected.pk == statement.pk else ""
    swap = ' hx-swap-oob="true"' if oob else ""
    if statement.speaker_id and statement.speaker is not None:
        speaker = escape(statement.speaker.name)
    else:
        speaker = f'<span class="missing">{escape(_("no speaker"))}</span>'
    confidence = ""
    if statement.percent is not None:
        low = " is-low" if statement.is_low else ""
        label = f"{statement.percent} %" + (" " + escape(_("low")) if statement.is_low else "")
        confidence = f'<span class="item-confidence{low}">{label}</span>'
    url = escape(statement.review_url)
    return mark_safe(
        f'<li id="item-{pk}" class="item item-{status}" data-statement="{pk}"{swap}>'
        f'<a href="{url}" hx-get="{url}"{current}>'
        f'<span class="item-head"><span class="badge badge-{status}">{escape(statement.status_label)}</span> '
        f'<span class="item-speaker">{speaker}</span>{confidence}</span>'
        f'<span class="item-text">“{escape(statement.short_text)}”</span>'
        f'<span class="item-meta">{escape(statement.meta_label)}</span></a></li>'
    )
