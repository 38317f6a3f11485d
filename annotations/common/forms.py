"""Form parts that the editor pages share: typed text, bounded integers, the version an editor saw, the first
error."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .text import clean_text

MAX_INT = 2_147_483_647  # PostgreSQL's integer: larger numbers are out of range, not a server error


class TextField(forms.CharField):
    """Text a person types: without the controls and bidirectional overrides no stored text may hold
    (annotations.common.text), dropped before the field's own checks."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(clean_text(value) if isinstance(value, str) else value)


def int_field(**kwargs: Any) -> forms.IntegerField:
    """A whole number from 0 (or `min_value`) up to what the database's integer column holds."""
    return forms.IntegerField(min_value=kwargs.pop("min_value", 0), max_value=MAX_INT, **kwargs)


def first_error(form: forms.Form) -> str:
    """The first message of an invalid form, prefixed with its field's label (for the notice on the page)."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        message = str(errors[0])  # a str already: ErrorList[i] gives a message, never the ValidationError
        return f"{label}: {message}" if label else message
    return ""


class VersionForm(forms.Form):
    """The version of a record the editor saw: services refuse a change based on an older one."""

    version = int_field(
        min_value=1,
        label=_("Version"),
        error_messages={"required": _("The form did not say which version you saw. Reload the page.")},
    )
