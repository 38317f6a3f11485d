"""Template helpers for the reader pages."""

from django import template

from ..reader.highlight import mark_terms

register = template.Library()


@register.filter
def highlight(text: str, terms) -> str:
    """The text, escaped, with the reader's search words in <mark> (see annotations.reader.highlight.mark_terms)."""
    return mark_terms(text, terms or [])
