from django import forms

from documents.models import DocumentKind


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File",
        allow_empty_file=True,
        help_text="PDF, DOCX or DOC (PNG or JPEG for a portfolio), up to 10 MB.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.doc,.png,.jpg,.jpeg"}
        ),
    )
    kind = forms.ChoiceField(label="Kind", choices=DocumentKind.choices)
    name = forms.CharField(
        label="Name (optional)",
        max_length=200,
        required=False,
        help_text="Defaults to the file name.",
    )


class RenameForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)


class ReplaceForm(forms.Form):
    file = forms.FileField(label="New file", allow_empty_file=True)
