from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .readers import SUPPORTED_EXTENSIONS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the pattern from Django's file-upload documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(SUPPORTED_EXTENSIONS)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, (list, tuple)):
            return [single_clean(item, initial) for item in data]
        return [single_clean(data, initial)] if data else []


class ArticleImportForm(forms.Form):
    """Upload files (JSON Lines, JSON, CSV, saved web pages) or paste one article."""

    # The form metaclass moves declared fields to base_fields, so this does not shadow BaseForm.files at run time.
    files = MultipleFileField(  # type: ignore[assignment]  # django-stubs takes it for the BaseForm.files attribute
        label=_("Files"),
        required=False,
        help_text=_(
            "JSON Lines, JSON or CSV with the fields title, body, url, outlet, byline, published_at; "
            "or saved web pages (.html). Up to %(limit)s MB each."
        )
        % {"limit": settings.CLAIMBOOK_IMPORT_MAX_BYTES // 1_048_576},
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=500)
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 12}), strip=False)
    url = forms.CharField(label=_("Address (URL)"), required=False, max_length=2000)
    outlet = forms.CharField(label=_("Outlet"), required=False, max_length=200)
    byline = forms.CharField(label=_("Byline"), required=False, max_length=500)
    published_at = forms.CharField(
        label=_("Published"), required=False, max_length=40, help_text=_("YYYY-MM-DD, optionally with a time.")
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        too_big = [f.name for f in files if f.size > settings.CLAIMBOOK_IMPORT_MAX_BYTES]
        if too_big:
            raise forms.ValidationError(
                _("%(names)s is larger than the %(limit)s MB limit."),
                code="too_big",
                params={"names": ", ".join(too_big), "limit": settings.CLAIMBOOK_IMPORT_MAX_BYTES // 1_048_576},
            )
        return files

    def clean(self):
        cleaned = super().clean()
        pasted = any(cleaned.get(name, "").strip() for name in ("title", "body"))
        if not cleaned.get("files") and not pasted and not self.errors:
            raise forms.ValidationError(_("Choose one or more files, or paste a title and text."), code="nothing")
        if cleaned.get("files") and pasted:
            raise forms.ValidationError(_("Import either files or pasted text, not both at once."), code="both")
        return cleaned

    @property
    def is_paste(self) -> bool:
        return not self.cleaned_data.get("files")
