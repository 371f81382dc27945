import datetime

from django import forms
from django.utils import timezone

from analytics.reports.common import default_range

MAX_RANGE_DAYS = 2 * 366


class DateRangeForm(forms.Form):
    """?since=YYYY-MM-DD&until=YYYY-MM-DD&job=<id>; all optional."""

    since = forms.DateField(required=False, label="From")
    until = forms.DateField(required=False, label="To")
    job = forms.IntegerField(required=False, min_value=1, label="Job")

    def clean(self):
        data = super().clean()
        default_since, default_until = default_range()
        until = data.get("until") or default_until
        since = data.get("since") or (
            until - (default_until - default_since)
            if data.get("until")
            else default_since
        )
        if since > until:
            raise forms.ValidationError("The start date is after the end date.")
        if (until - since).days >= MAX_RANGE_DAYS:
            raise forms.ValidationError(
                f"Choose a range of at most {MAX_RANGE_DAYS} days."
            )
        if until > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError("The end date is in the future.")
        data["since"], data["until"] = since, until
        return data
