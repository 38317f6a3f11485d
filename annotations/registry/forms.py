"""Forms of the speaker registry pages (/review/speakers/): they parse a request; services/speakers.py judges it.

Every form that changes a speaker carries the version the editor saw (`version`): an older one is refused.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..common.forms import TextField, VersionForm, int_field
from ..models import Speaker


class SpeakerEditForm(VersionForm):
    name = TextField(label=_("Canonical name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Speaker.Kind.choices)
    description = TextField(label=_("Description or role"), max_length=300, required=False)
    wikidata_id = forms.CharField(
        label=_("Wikidata id"),
        max_length=20,
        required=False,
        help_text=_("Q followed by digits, e.g. Q4911497."),
        widget=forms.TextInput(attrs={"pattern": "Q[1-9][0-9]*", "spellcheck": "false", "autocomplete": "off"}),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("A speaker needs a name."), code="empty")
        return name

    def clean_wikidata_id(self) -> str:
        return self.cleaned_data["wikidata_id"].strip().upper()


class AliasAddForm(VersionForm):
    name = TextField(label=_("New alias"), max_length=300)


class MergeForm(VersionForm):
    """Merge the speaker of the URL into `into` (both versions as the editor saw them)."""

    into = int_field(min_value=1, label=_("Merge into"), error_messages={"required": _("Choose the speaker to keep.")})
    into_version = int_field(min_value=1, label=_("Version of the speaker to keep"))


class OtherSpeakerForm(forms.Form):
    other = int_field(min_value=1, label=_("Other speaker"))


class SplitForm(VersionForm):
    """Move the chosen statements to an existing speaker (`target`) or to a new one (`new_name`...)."""

    statements = forms.TypedMultipleChoiceField(
        label=_("Statements"), coerce=int, choices=(), error_messages={"required": _("Tick the statements to move.")}
    )
    target = int_field(min_value=1, required=False, label=_("Move to speaker"))
    new_name = TextField(label=_("or to a new speaker named"), max_length=300, required=False)
    new_kind = forms.ChoiceField(label=_("Kind"), choices=Speaker.Kind.choices, required=False)
    new_description = TextField(label=_("Description or role"), max_length=300, required=False)

    def __init__(self, *args, statement_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].choices = [(pk, pk) for pk in statement_ids]

    def clean(self):
        data = super().clean()
        if not data.get("target") and not " ".join((data.get("new_name") or "").split()):
            raise forms.ValidationError(_("Choose a speaker to move them to, or name a new one."), code="no_target")
        return data


class RegistryFilterForm(forms.Form):
    STATUS_CHOICES = [("unchecked", _("to check")), ("accepted", _("accepted")), ("all", _("all"))]
    q = TextField(label=_("Name or alias"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("all kinds")), *Speaker.Kind.choices], required=False)
    origin = forms.ChoiceField(
        label=_("Created by"), choices=[("", _("anyone")), *Speaker.Origin.choices], required=False
    )

    def filters(self) -> dict:
        """Keyword arguments for selectors.registry.triage_speakers (invalid fields are ignored)."""
        data = {}
        if self.is_bound:
            self.is_valid()
            data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return {
            "q": " ".join((data.get("q") or "").split()),
            "status": data.get("status") or "unchecked",
            "kind": data.get("kind") or "",
            "origin": data.get("origin") or "",
        }
