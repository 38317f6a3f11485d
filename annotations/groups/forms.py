"""Forms of the editors' conflict list: which report a decision is about, and the correction note."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportForm(forms.Form):
    statement = forms.IntegerField(min_value=1, max_value=2**62)


class MisattributionForm(ReportForm):
    note = forms.CharField(
        label=_("Correction note for readers"),
        max_length=2000,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
