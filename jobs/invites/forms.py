"""The "invite to apply" form: one of the inviter's companies' open jobs and a note."""

from django import forms

from jobs.models import Job


class InviteToApplyForm(forms.Form):
    """Invite a candidate to apply to one of the inviter's companies' open jobs."""

    job = forms.ModelChoiceField(
        queryset=Job.objects.none(), label="Job", empty_label="Choose a job"
    )
    note = forms.CharField(
        label="A note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent with the job's link in a message they can answer.",
    )

    def __init__(self, *args, jobs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = jobs
        self.fields["job"].label_from_instance = lambda job: (
            f"{job.title} · {job.company.name}"
        )
