"""Forms of the editor review workspace: they parse a request's fields; the services judge the change.

Every form that changes a statement carries the version the editor saw (`version`): the services refuse
a change based on an older one.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ..common.forms import TextField, VersionForm, int_field
from ..common.spans import Edge
from ..models import Article, Outlet, Speaker, Statement


class SpeakerChoiceForm(VersionForm):
    speaker = int_field(min_value=1, label=_("Speaker"))
    add_alias = forms.BooleanField(required=False, label=_("Also record the mention as an alias"))

    def clean_speaker(self) -> Speaker:
        speaker = Speaker.objects.active().filter(pk=self.cleaned_data["speaker"]).first()
        if speaker is None:
            raise forms.ValidationError(
                _("That speaker does not exist (any more). Search again."), code="no_such_speaker"
            )
        return speaker


class SpeakerCreateForm(VersionForm):
    name = TextField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Speaker.Kind.choices, initial=Speaker.Kind.PERSON)
    description = TextField(
        label=_("Description"), max_length=300, required=False, help_text=_("e.g. “Mayor of New York City”")
    )
    add_alias = forms.BooleanField(required=False, label=_("Also record the mention as an alias"))


class KindCueForm(VersionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Statement.Kind.choices)
    cue_text = TextField(label=_("Cue"), max_length=200, required=False)


class BoundariesForm(VersionForm):
    """Either a word step (`move`), or new offsets (typed, or taken from a selection in the article)."""

    MOVES: dict[str, tuple[Edge, int]] = {
        "start-1": ("start", -1),
        "start+1": ("start", 1),
        "end-1": ("end", -1),
        "end+1": ("end", 1),
    }

    move = forms.ChoiceField(
        required=False,
        choices=[("set", _("set offsets")), ("selection", _("use selection"))] + [(key, key) for key in MOVES],
    )
    start = int_field(required=False, label=_("Start"))
    end = int_field(required=False, label=_("End"))
    expected_text = forms.CharField(required=False, strip=False, max_length=100_000)

    def clean(self):
        cleaned = super().clean()
        move = cleaned.get("move") or "set"
        cleaned["move"] = move
        if move not in self.MOVES and not self.errors and (cleaned.get("start") is None or cleaned.get("end") is None):
            raise forms.ValidationError(_("Give both a start and an end offset, or select text in the article."))
        return cleaned


class AddStatementForm(forms.Form):
    start = int_field(label=_("Start"))
    end = int_field(label=_("End"))
    expected_text = forms.CharField(required=False, strip=False, max_length=100_000)


class SplitForm(VersionForm):
    at = int_field(
        label=_("Split at"), error_messages={"required": _("Place the cursor where the statement should split.")}
    )


class MergeForm(VersionForm):
    """`other` is "<id>:<version>" of the neighbour to merge with."""

    other = forms.CharField(label=_("Merge with"), max_length=40)

    def clean_other(self) -> tuple[int, int]:
        match = re.fullmatch(r"(\d{1,18}):(\d{1,9})", self.cleaned_data["other"])
        if not match:
            raise forms.ValidationError(_("Choose a neighbouring statement to merge with."), code="bad_other")
        return int(match[1]), int(match[2])


class RevertForm(VersionForm):
    to_version = int_field(min_value=1, label=_("Version"))


class ConfirmAboveForm(forms.Form):
    threshold = forms.IntegerField(
        label=_("Confidence at least (%)"),
        min_value=0,
        max_value=100,
        initial=80,
        widget=forms.NumberInput(attrs={"step": 5}),
    )


class SpeakerSearchForm(forms.Form):
    speaker_q = TextField(label=_("Find a speaker"), max_length=100, required=False)


class QueueFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("to review")), ("all", _("all"))] + list(Article.Status.choices)
    SORT_CHOICES = [
        ("newest", _("newest first")),
        ("suggestions", _("most suggestions")),
        ("confidence", _("lowest confidence")),
        ("uncertainty", _("model most uncertain")),
    ]

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    outlet = forms.ModelChoiceField(
        label=_("Outlet"), queryset=Outlet.objects.all(), required=False, empty_label=_("all outlets")
    )
    published_from = forms.DateField(
        label=_("Published from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_to = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    low = forms.BooleanField(label=_("Only with low-confidence suggestions"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)

    def filters(self) -> dict:
        """Keyword arguments for selectors.review.review_queue (invalid fields are ignored)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if self.is_bound and not self.is_valid():
            data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        outlet = data.get("outlet")
        return {
            "status": data.get("status") or "",
            "outlet_id": outlet.pk if outlet else None,
            "published_from": data.get("published_from"),
            "published_to": data.get("published_to"),
            "low_only": bool(data.get("low")),
            "sort": data.get("sort") or "newest",
        }
