"""Forms for the agency pages; the services validate the business rules."""

from django import forms

from accounts.models import User
from companies.models import Company, CompanyKind
from recruiters.models import (
    ClientEngagement,
    EngagementStatus,
    PlacementStatus,
)


class EngagementForm(forms.ModelForm):
    client = forms.CharField(
        label="Existing client (company address name)",
        required=False,
        max_length=220,
        help_text="The slug in the company's page address, e.g. acme for "
        "/companies/acme/. Its owners and admins are asked to accept. Leave "
        "empty to add a new client below.",
    )
    client_name = forms.CharField(
        label="New client company name", required=False, max_length=200
    )
    recruiters = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Recruiters working on it",
    )
    status = forms.ChoiceField(
        choices=[
            (EngagementStatus.ACTIVE, "Active"),
            (EngagementStatus.PAUSED, "Paused"),
        ],
        required=False,
    )

    class Meta:
        model = ClientEngagement
        fields = [
            "fee_type",
            "fee_percent",
            "flat_fee",
            "currency",
            "guarantee_days",
            "payment_terms_days",
            "contact_name",
            "contact_email",
            "contact_phone",
            "allow_client_pipeline_view",
        ]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["recruiters"].queryset = User.objects.filter(
            memberships__company=agency
        ).order_by("full_name")
        if self.instance.pk:
            del self.fields["client"]
            del self.fields["client_name"]
            self.fields["status"].initial = self.instance.status
            self.initial["recruiters"] = list(self.instance.recruiters.all())
        else:
            del self.fields["status"]

    def clean_client(self):
        slug = (self.cleaned_data.get("client") or "").strip().lower()
        if not slug:
            return None
        company = Company.objects.filter(slug=slug, kind=CompanyKind.EMPLOYER).first()
        if company is None:
            raise forms.ValidationError("No employer company has this address.")
        return company

    def clean(self):
        data = super().clean()
        if (
            "client" in self.fields
            and not data.get("client")
            and not (data.get("client_name") or "").strip()
            and not self.errors.get("client")
        ):
            self.add_error("client", "Choose an existing client or name a new one.")
        needed = {"percent": "fee_percent", "flat": "flat_fee"}.get(
            data.get("fee_type")
        )
        if needed and data.get(needed) is None and needed not in self.errors:
            label = "fee percentage" if needed == "fee_percent" else "flat fee"
            self.add_error(needed, f"Give the {label}.")
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


TERMS_FIELDS = [
    "fee_type",
    "fee_percent",
    "flat_fee",
    "currency",
    "guarantee_days",
    "payment_terms_days",
    "contact_name",
    "contact_email",
    "contact_phone",
    "allow_client_pipeline_view",
]


class ClientEngagementForm(forms.ModelForm):
    """The client's owner or admin engages an agency by its slug."""

    client = forms.ModelChoiceField(queryset=None, label="Your company")
    agency = forms.CharField(
        label="Agency (company address name)",
        max_length=220,
        help_text="The slug in the agency's page address, e.g. talentbridge for "
        "/companies/talentbridge/.",
    )

    class Meta:
        model = ClientEngagement
        fields = TERMS_FIELDS

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = companies
        self.order_fields(["client", "agency", *TERMS_FIELDS])

    def clean_agency(self):
        slug = (self.cleaned_data.get("agency") or "").strip().lower()
        company = Company.objects.filter(slug=slug, kind=CompanyKind.AGENCY).first()
        if company is None:
            raise forms.ValidationError("No recruiting agency has this address.")
        return company

    def clean(self):
        data = super().clean()
        needed = {"percent": "fee_percent", "flat": "flat_fee"}.get(
            data.get("fee_type")
        )
        if needed and data.get(needed) is None and needed not in self.errors:
            label = "fee percentage" if needed == "fee_percent" else "flat fee"
            self.add_error(needed, f"Give the {label}.")
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in TERMS_FIELDS}


class PoolAddForm(forms.Form):
    tags = forms.CharField(
        required=False, max_length=1000, help_text="Comma-separated, e.g. python, q3."
    )
    notes = forms.CharField(
        required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PoolEditForm(forms.Form):
    email = forms.EmailField(required=False)
    phone = forms.CharField(required=False, max_length=32)
    tags = forms.CharField(required=False, max_length=1000)
    notes = forms.CharField(
        required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )


class SubmissionForm(forms.Form):
    job = forms.ModelChoiceField(queryset=None, label="Client job")
    candidate = forms.ModelChoiceField(
        queryset=None, label="Candidate (from your talent pool)"
    )
    pitch = forms.CharField(
        label="Pitch note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Why this candidate fits; the client reads it with the application.",
    )

    def __init__(self, *args, jobs, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = jobs
        self.fields["job"].label_from_instance = lambda j: (
            f"{j.company.name} — {j.title}"
        )
        self.fields["candidate"].queryset = candidates
        self.fields["candidate"].label_from_instance = lambda u: (
            f"{u.full_name or u.email} ({u.email})"
        )


class PlacementRecordForm(forms.Form):
    agreed_annual_salary = forms.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False
    )
    currency = forms.CharField(max_length=3, required=False)
    start_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class FeeForm(forms.Form):
    fee = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    reason = forms.CharField(
        label="Reason for the change",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SplitsForm(forms.Form):
    """One percent field per agency member; empty means no share."""

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for user in self.members:
            self.fields[f"share_{user.pk}"] = forms.DecimalField(
                label=f"{user.full_name or user.email} (%)",
                max_digits=5,
                decimal_places=2,
                min_value=0,
                max_value=100,
                required=False,
            )

    def shares(self):
        return [
            (user, self.cleaned_data[f"share_{user.pk}"])
            for user in self.members
            if self.cleaned_data.get(f"share_{user.pk}")
        ]


PLACEMENT_ACTIONS = [
    (PlacementStatus.INVOICED, "Mark invoiced"),
    (PlacementStatus.PAID, "Mark paid"),
    (PlacementStatus.CANCELLED, "Cancel placement"),
]
