import datetime

from django import forms
from django.utils import timezone

from analytics.reports.common import default_range

MAX_RANGE_DAYS = 2 * 366
# Jobs offered by the page's job filter (as many as its jobs table shows).
JOB_CHOICES = 50


class DateRangeForm(forms.Form):
    """?since=YYYY-MM-DD&until=YYYY-MM-DD&job=<id>; all optional."""

    # The browser's date picker on the page; the API reads the same ISO dates.
    since = forms.DateField(
        required=False,
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        required=False,
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    job = forms.IntegerField(required=False, min_value=1, label="Job")

    def show_effective_range(self) -> None:
        """After validation: the date pickers show the range the report covers
        (the defaults when none was given), not empty boxes."""
        self.data = self.data.copy()
        for name in ("since", "until"):
            self.data[name] = self.cleaned_data[name].isoformat()

    def offer_jobs(self, jobs_table: list[dict]) -> None:
        """The page's job filter as a list of the company's jobs instead of a
        typed job id: the JOB_CHOICES most recently published (the rows the
        page's jobs table shows; with a job chosen the table holds only it). A
        company with thousands of jobs got a list of thousands that took a
        second to render; every job's own insights are linked from its page."""
        self.fields["job"].widget = forms.Select(
            choices=[("", "All jobs")]
            + [(row["job_id"], row["title"]) for row in jobs_table[:JOB_CHOICES]]
        )
        if len(jobs_table) > JOB_CHOICES:
            note = f"The {JOB_CHOICES} most recently published of {len(jobs_table):,}."
            # The bound field (made when the form was validated) keeps its own copy.
            self.fields["job"].help_text = self["job"].help_text = note

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
