"""Forms of the application pages: input shapes only; the services decide."""

import datetime
import zoneinfo

from django import forms
from django.utils import timezone

from accounts.models import User
from documents.models import Document, DocumentKind
from jobs.models import PIPELINE, RejectionReason, Stage
from jobs.models.applications import validate_timezone_name
from jobs.services.applications import COVER_LETTER_MAX_LENGTH, NOTE_MAX_LENGTH


class ApplyForm(forms.Form):
    resume = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="No resume",
        help_text="Your default resume is preselected.",
    )
    cover_letter = forms.CharField(
        label="Cover letter",
        required=False,
        max_length=COVER_LETTER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    cover_letter_document = forms.ModelChoiceField(
        label="…or attach a cover letter document",
        queryset=None,
        required=False,
        empty_label="None",
    )

    def __init__(self, *args, candidate, **kwargs):
        super().__init__(*args, **kwargs)
        own = Document.objects.visible().owned_by(candidate).order_by("-created_at")
        self.fields["resume"].queryset = own.filter(kind=DocumentKind.RESUME)
        self.fields["cover_letter_document"].queryset = own.filter(
            kind__in=[DocumentKind.COVER_LETTER, DocumentKind.RESUME]
        )
        for name in ("resume", "cover_letter_document"):
            self.fields[name].label_from_instance = lambda document: document.name
        if not self.is_bound:
            default = next(
                (d for d in self.fields["resume"].queryset if d.is_default), None
            )
            if default:
                self.initial["resume"] = default.pk


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label="Yes, withdraw my application", required=True)


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(label="Move to", choices=())
    note = forms.CharField(
        label="Note for the team (optional)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [
            (stage, Stage(stage).label)
            for stage in application.allowed_team_stages
            if stage != Stage.REJECTED
        ]


class RejectForm(forms.Form):
    rejection_reason = forms.ChoiceField(
        label="Reason", choices=[("", "Choose a reason")] + RejectionReason.choices
    )
    rejection_note = forms.CharField(
        label="Details for the team (never shown to the candidate)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notify_candidate = forms.BooleanField(
        label="Tell the candidate (a polite, generic message)",
        required=False,
        initial=True,
    )


class BulkForm(forms.Form):
    ACTIONS = [("move", "Move selected"), ("reject", "Reject selected")]

    action = forms.ChoiceField(label="Action", choices=ACTIONS)
    to_stage = forms.ChoiceField(
        label="Move to",
        required=False,
        choices=[("", "—")]
        + [(s.value, s.label) for s in PIPELINE if s != Stage.APPLIED],
    )
    rejection_reason = forms.ChoiceField(
        label="Rejection reason",
        required=False,
        choices=[("", "—")] + RejectionReason.choices,
    )
    notify_candidate = forms.BooleanField(
        label="Tell the candidates", required=False, initial=True
    )
    applications = forms.TypedMultipleChoiceField(
        label="Applicants", coerce=int, choices=()
    )

    def __init__(self, *args, application_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = [(pk, pk) for pk in application_ids]

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("to_stage"):
            self.add_error("to_stage", "Choose a stage to move to.")
        if data.get("action") == "reject" and not data.get("rejection_reason"):
            self.add_error("rejection_reason", "Choose a reason to reject.")
        return data


class NoteForm(forms.Form):
    body = forms.CharField(
        label="Private note",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only your team sees notes.",
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label="Your rating",
        coerce=int,
        choices=[(n, f"{n} / 5") for n in range(1, 6)],
    )


class InterviewForm(forms.Form):
    """Local date and time in the chosen zone; the form turns it into UTC."""

    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    timezone = forms.CharField(
        label="Time zone",
        initial="UTC",
        max_length=64,
        validators=[validate_timezone_name],
        help_text="For example Europe/Berlin or America/New_York.",
    )
    duration_minutes = forms.IntegerField(
        label="Duration (minutes)", min_value=5, max_value=480, initial=60
    )
    interviewers = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple
    )
    location = forms.CharField(label="Place", required=False, max_length=300)
    video_url = forms.URLField(
        label="Video link", required=False, assume_scheme="https"
    )

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = User.objects.filter(
            memberships__company=company
        ).order_by("full_name", "email")
        self.fields["interviewers"].label_from_instance = lambda user: (
            user.full_name or user.email
        )

    @classmethod
    def initial_for(cls, interview):
        local = interview.local_starts_at
        return {
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "timezone": interview.timezone,
            "duration_minutes": interview.duration_minutes,
            "interviewers": [user.pk for user in interview.interviewers.all()],
            "location": interview.location,
            "video_url": interview.video_url,
        }

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time") and "timezone" in data:
            naive = datetime.datetime.combine(data["date"], data["time"])
            data["starts_at"] = timezone.make_aware(
                naive, zoneinfo.ZoneInfo(data["timezone"])
            )
        return data
