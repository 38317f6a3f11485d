"""The reader's filters, as forms: the pages, the exports, the feeds' links and the API validate the same way.

A filter value that cannot be right (an unknown speaker, a date that is not a date, a NUL character) makes
the form invalid, and the views answer 400 with the reason; nothing a reader types reaches the database
unchecked. Page numbers are not filters: see ``page_number``.
"""

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import validate_slug
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ..common.numbers import whole_number
from ..models import Outlet, Speaker, Statement
from .queries import Sort, StatementQuery, public_speakers, search_speakers

MAX_PAGE = 500  # deeper pages are for the export and the API
EARLIEST = dt.date(1800, 1, 1)
LATEST = dt.date(2999, 12, 31)


class SlugModelChoiceField(forms.ModelChoiceField):
    """Chooses by slug, and rejects anything that is not a slug before it reaches the database."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or len(value) > 300:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        try:
            validate_slug(value)
        except forms.ValidationError:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None
        return super().to_python(value)


class DateRangeField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"})

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not (EARLIEST <= day <= LATEST):
            raise forms.ValidationError(
                _("Choose a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
            )
        return day


class StatementFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search statements"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Words from the statement, a speaker's name or an article title. Use “quotes” for a phrase."),
    )
    speaker = SlugModelChoiceField(public_speakers(), label=_("Speaker"), required=False, widget=forms.HiddenInput)
    outlet = forms.ChoiceField(label=_("Outlet"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("Any kind")),
            (Statement.Kind.DIRECT, _("Direct quotes")),
            (Statement.Kind.MIXED, _("Partly quoted")),
            (Statement.Kind.INDIRECT, _("Paraphrases")),
        ],
    )
    date_from = DateRangeField(label=_("From"), required=False)
    date_to = DateRangeField(label=_("To"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("Best match")), (Sort.DATE, _("Newest first")), (Sort.RELEVANCE, _("Best match"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One plain query for the outlet menu and its validation (a ModelChoiceField would open a server-side
        # cursor to render the menu, and query again to validate).
        self.outlets = {slug: Outlet(pk=pk, slug=slug, name=name) for pk, slug, name in outlet_choices()}
        self.fields["outlet"].choices = [("", _("All outlets")), *((o.slug, o.name) for o in self.outlets.values())]
        # "relevance" is accepted (the API documents it) but not offered twice: the empty choice means the same.
        self.fields["sort"].widget.choices = self.fields["sort"].choices[:2]

    def offer_orders(self, *, ranked: bool) -> None:
        """Say in the sort menu what the results do: without words to rank (or without full-text search)
        the default is newest first, and there is nothing else to choose."""
        if not ranked:
            self.fields["sort"].widget.choices = [("", _("Newest first"))]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", forms.ValidationError(_("“To” is before “From”."), code="date_order"))
        return data

    def to_query(self) -> StatementQuery:
        data = self.cleaned_data
        return StatementQuery(
            q=data.get("q") or "",
            speaker=data.get("speaker"),
            outlet=self.outlets.get(data.get("outlet") or ""),
            kind=data.get("kind") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            sort=data.get("sort") or "",
        )


class StatementSearchForm(StatementFilterForm):
    """The statements page's form: the filters plus `who`, the speaker control, where a reader types a name.

    When `who` is sent it decides the speaker: empty, no speaker; the name of the speaker chosen by slug (a
    suggestion picked, or the page as it was), that one (namesakes stay apart); otherwise the one visible
    speaker whose name or alias it matches (an exact name wins), else an error that lists the candidates.
    Without `who` (a link, the API, the exports), the slug alone decides.
    """

    CANDIDATES = 8

    who = forms.CharField(label=_("Speaker"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates: list[Speaker] = []  # when `who` matches several speakers: the reader chooses

    def clean(self):
        data = super().clean()
        if "who" not in self.data or "who" not in data:
            return data
        who = " ".join((data.get("who") or "").split())
        chosen = data.get("speaker")
        if not who:
            data["speaker"] = None
        elif chosen is None or chosen.name.casefold() != who.casefold():
            found = list(search_speakers(q=who)[: self.CANDIDATES + 1])
            exact = [speaker for speaker in found if speaker.name.casefold() == who.casefold()]
            if len(exact) == 1 or len(found) == 1:
                data["speaker"] = (exact or found)[0]
            elif not found:
                self.add_error("who", forms.ValidationError(_("No speaker matches “%(who)s”."), params={"who": who}))
            else:
                self.candidates = found[: self.CANDIDATES]
                self.add_error(
                    "who",
                    forms.ValidationError(_("Several speakers match “%(who)s”: choose one."), params={"who": who}),
                )
        return data


class ArticleFilterForm(forms.Form):
    outlet = SlugModelChoiceField(Outlet.objects.all(), label=_("Outlet"), required=False)
    date_from = DateRangeField(label=_("From"), required=False)
    date_to = DateRangeField(label=_("To"), required=False)


class SpeakerFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Find a speaker"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    letter = forms.RegexField(regex=r"^([A-Z]|#)$", required=False, label=_("Initial"))


def outlet_choices() -> list[tuple[int, str, str]]:
    return list(Outlet.objects.order_by("name").values_list("pk", "slug", "name"))


def page_number(value: str | None) -> int:
    """The page asked for; anything but 1..MAX_PAGE is a page that does not exist (404, like Django's paginator)."""
    if value in (None, ""):
        return 1
    number = whole_number(value, low=1, high=MAX_PAGE)
    if number is None:
        raise Http404(_("There is no such page."))
    return number
