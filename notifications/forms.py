from django import forms

from notifications.models import MESSAGE_MAX_LENGTH, EmailMode, NotificationKind


class PreferencesForm(forms.Form):
    """One in-app checkbox and one email select per kind."""

    def __init__(self, *args, rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            kind = row["kind"]
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                label=f"{row['label']}: show in HotGigs",
                required=False,
                initial=row["in_app"],
            )
            self.fields[f"{kind}__email"] = forms.ChoiceField(
                label=f"{row['label']}: email",
                choices=EmailMode.choices,
                initial=row["email"],
            )

    def kind_rows(self):
        for row in self.rows:
            yield (
                row,
                self[f"{row['kind']}__in_app"],
                self[f"{row['kind']}__email"],
            )

    def changes(self):
        for kind in NotificationKind.values:
            yield (
                kind,
                self.cleaned_data[f"{kind}__in_app"],
                self.cleaned_data[f"{kind}__email"],
            )


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Message",
        max_length=MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
