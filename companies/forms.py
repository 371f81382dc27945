from django import forms

from companies.models import CompanySize, MembershipRole
from hotgigs.countries import COUNTRY_CHOICES
from hotgigs.richtext import RichTextarea


class CompanyForm(forms.Form):
    """The company profile, for onboarding and settings (the service validates)."""

    name = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False,
        max_length=20_000,
        widget=RichTextarea(),
        help_text="Basic formatting (paragraphs, lists, bold, links) is kept.",
    )
    website = forms.URLField(required=False, max_length=200, assume_scheme="https")
    industry = forms.CharField(required=False, max_length=100)
    size = forms.ChoiceField(
        required=False, choices=[("", "—")] + list(CompanySize.choices)
    )
    hq_city = forms.CharField(label="Headquarters city", required=False, max_length=100)
    hq_region = forms.CharField(
        label="Headquarters region", required=False, max_length=100
    )
    hq_country = forms.ChoiceField(
        label="Headquarters country",
        required=False,
        choices=[("", "—")] + COUNTRY_CHOICES,
    )

    @classmethod
    def initial_for(cls, company):
        return {name: getattr(company, name) for name in cls.base_fields}


class LogoForm(forms.Form):
    # A FileField, not an ImageField: companies.logos decides by content.
    file = forms.FileField(
        label="Logo",
        help_text="PNG, JPEG or WebP, up to 5 MB.",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp"}
        ),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(max_length=254)
    role = forms.ChoiceField(
        choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=MembershipRole.choices)
