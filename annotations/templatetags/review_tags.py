"""Small template helpers for the review workspace."""

from datetime import datetime
from html import escape

from django import template
from django.utils import dateformat, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # missing from django-stubs 6.1.2
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
def what_changed(action_label: str, summary: str) -> str:
    """A change as one phrase: "corrected: cue “said” → “told”", "undid confirmed: status ..." (an undo's
    summary names what it undid itself, so its label is not said twice)."""
    if summary.startswith(f"{action_label} "):
        return summary
    return f"{action_label}: {summary}" if summary else action_label


@register.simple_tag
def statement_item(statement, selected=None, oob: bool = False) -> SafeString:
    """One entry of the review page's statement list (see article.html, partial "statement-items").

    Written as plain escaped string formatting rather than a template: the list is re-sent with 100+
    entries after every action that adds or removes statements, and a template costs ~70 µs an entry.
    Expects the attributes views.review_context._prepare sets (review_url, status_label, short_text, …).
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


@register.simple_tag
def history_items(versions, selected, can_edit: bool) -> SafeString:
    """The card's history, one entry per version, newest first (see article.html, section "history").

    Plain escaped string formatting, as statement_item: the card comes back with every action, and a
    template costs ~70 µs an entry for histories of 25 versions and more. Each version with a producing
    event says who did what and when; the others are the statement as first stored.
    """
    origin = "pre-tagged" if selected.origin == "model" else "added"
    if not versions:
        return mark_safe(
            f'<li class="is-current"><span class="version">v{int(selected.version)}</span> '
            f'<span class="history-what">No changes yet: this is the statement as {origin}.</span></li>'
        )
    entries = []
    for version in versions:
        number, event = int(version.number), version.event
        undone = event is not None and event.undone_at is not None
        classes = " ".join(name for name, on in (("is-current", version.current), ("is-undone", undone)) if on)
        if event is None:
            what = f"as {origin}"
        else:
            editor = escape(event.editor_name or "someone")
            change = escape(what_changed(event.action_label, event.summary))
            when = dateformat.format(template_localtime(event.created_at), "c")
            what = (
                f"{editor} {change}, "
                f'<time datetime="{when}">{escape(ago(event.created_at))}</time>{" (undone)" if undone else ""}'
            )
        if version.current:
            control = '<span class="badge">current</span>'
        elif can_edit:
            control = (
                f'<button type="submit" name="to_version" value="{number}" class="button button-small">'
                f"Revert to v{number}</button>"
            )
        else:
            control = ""
        entries.append(
            f'<li class="{classes}"><span class="version">v{number}</span> '
            f'<span class="history-what">{what}</span> {control}</li>'
        )
    return mark_safe("\n".join(entries))
