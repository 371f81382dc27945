from django import forms
from django.db import models
from django.forms import inlineformset_factory
from django.utils.text import slugify

from candidates.models import (
    Availability,
    CandidateProfile,
    CandidateSkill,
    Education,
    EmploymentType,
    ExperienceLevel,
    RemotePreference,
    SalaryPeriod,
    SavedCandidateSearch,
    WorkExperience,
)
from candidates.search import CandidateSearchParams, Sort
from candidates.services import skill_resolve
from companies.models import Company
from hotgigs.countries import country_select
from hotgigs.richtext import RichTextarea
from matching.skills import link_filter_skills
from notifications.models import MESSAGE_MAX_LENGTH


def _https_links(db_field, **kwargs):
    """A link typed without a scheme is https (Django 6's default, chosen now)."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class ProfileSectionForm(forms.ModelForm):
    """One section of the profile page: its own form, Save and errors.

    The cleaning rules below run only for the fields a section has."""

    class Meta:
        model = CandidateProfile
        fields: list[str] = []
        formfield_callback = _https_links
        widgets = {
            "summary": RichTextarea(),
            "available_from": forms.DateInput(attrs={"type": "date"}),
            "country": country_select(blank="—"),
        }

    def clean_country(self):
        # Upper case here; the model's validator (an ISO 3166-1 code) decides.
        return self.cleaned_data["country"].strip().upper()

    def clean_salary_currency(self):
        currency = self.cleaned_data["salary_currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError("Use a three-letter currency code, like EUR.")
        return currency

    def clean(self):
        data = super().clean()
        low, high = data.get("desired_salary_min"), data.get("desired_salary_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "desired_salary_max", "The maximum must be at least the minimum."
            )
        return data


class BasicsForm(ProfileSectionForm):
    class Meta(ProfileSectionForm.Meta):
        fields = ["headline", "city", "region", "country", "phone"]


class SummaryForm(ProfileSectionForm):
    class Meta(ProfileSectionForm.Meta):
        fields = ["summary"]


class PreferencesForm(ProfileSectionForm):
    employment_types = forms.MultipleChoiceField(
        choices=EmploymentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Wanted employment types",
    )

    class Meta(ProfileSectionForm.Meta):
        fields = [
            "willing_to_relocate",
            "remote_preference",
            "years_experience",
            "experience_level",
            "desired_salary_min",
            "desired_salary_max",
            "salary_currency",
            "salary_period",
            "employment_types",
            "availability",
            "available_from",
        ]


class LinksForm(ProfileSectionForm):
    class Meta(ProfileSectionForm.Meta):
        fields = ["portfolio_url", "github_url", "linkedin_url"]


class VisibilityForm(ProfileSectionForm):
    class Meta(ProfileSectionForm.Meta):
        fields = ["visibility", "show_contact_details", "opt_out_of_matching"]


class MessageCandidateForm(forms.Form):
    """A first message to a candidate, from one of the writer's companies."""

    company = forms.ModelChoiceField(queryset=None, empty_label=None, label="Write as")
    body = forms.CharField(
        label="Message",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["company"]
        field.queryset = Company.objects.filter(pk__in=[c.pk for c in companies])
        if len(companies) == 1:
            field.widget = forms.HiddenInput()
            field.initial = companies[0].pk


class CandidateSkillForm(forms.ModelForm):
    class Meta:
        model = CandidateSkill
        fields = ["name", "level", "years"]
        labels = {"name": "Skill", "level": "Level (1–5)", "years": "Years"}


class WorkExperienceForm(forms.ModelForm):
    class Meta:
        model = WorkExperience
        fields = [
            "title",
            "employer_name",
            "start_date",
            "end_date",
            "is_current",
            "description",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be after the start date.")
        if data.get("is_current") and end:
            self.add_error("end_date", "A current position has no end date.")
        return data


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["school", "degree", "field_of_study", "start_year", "end_year"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", "The end year must be after the start year.")
        for name in ("start_year", "end_year"):
            year = data.get(name)
            if year is not None and not 1900 <= year <= 2100:
                self.add_error(name, "Enter a year between 1900 and 2100.")
        return data


class BaseSkillFormSet(forms.BaseInlineFormSet):
    """Resolves each typed name against the taxonomy and refuses duplicates."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            name = form.cleaned_data.get("name", "").strip()
            skill = skill_resolve(name)
            form.resolved_skill = skill
            key = ("skill", skill.pk) if skill else ("name", slugify(name))
            if key in seen:
                form.add_error("name", "This skill is listed twice.")
            seen.add(key)


SkillFormSet = inlineformset_factory(
    CandidateProfile,
    CandidateSkill,
    form=CandidateSkillForm,
    formset=BaseSkillFormSet,
    extra=1,
    can_delete=True,
    max_num=50,
    validate_max=True,
)
ExperienceFormSet = inlineformset_factory(
    CandidateProfile,
    WorkExperience,
    form=WorkExperienceForm,
    extra=1,
    can_delete=True,
    max_num=30,
    validate_max=True,
)
EducationFormSet = inlineformset_factory(
    CandidateProfile,
    Education,
    form=EducationForm,
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


def _csv(value):
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


class CandidateSearchForm(forms.Form):
    """Search parameters for the page and the API (GET query string)."""

    q = forms.CharField(required=False, max_length=200, label="Keywords")
    skills = forms.CharField(
        required=False,
        max_length=500,
        label="Skills",
        help_text="Comma-separated, e.g. Python, Django",
    )
    skills_mode = forms.ChoiceField(
        required=False,
        choices=[("all", "All of these skills"), ("any", "Any of these skills")],
        label="Skill match",
    )
    city = forms.CharField(required=False, max_length=100)
    country = forms.CharField(
        required=False, max_length=2, label="Country", widget=country_select()
    )
    remote = forms.MultipleChoiceField(
        required=False,
        choices=RemotePreference.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Remote preference",
    )
    years_min = forms.IntegerField(
        required=False, min_value=0, max_value=70, label="Years from"
    )
    years_max = forms.IntegerField(
        required=False, min_value=0, max_value=70, label="Years to"
    )
    level = forms.MultipleChoiceField(
        required=False,
        choices=ExperienceLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Experience level",
    )
    budget_min = forms.IntegerField(
        required=False, min_value=0, max_value=100_000_000, label="Budget from"
    )
    budget_max = forms.IntegerField(
        required=False, min_value=0, max_value=100_000_000, label="Budget to"
    )
    budget_period = forms.ChoiceField(
        required=False, choices=SalaryPeriod.choices, label="Budget period"
    )
    availability = forms.MultipleChoiceField(
        required=False,
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    available_before = forms.DateField(
        required=False,
        label="Available before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    willing_to_relocate = forms.NullBooleanField(
        required=False,
        label="Willing to relocate",
        widget=forms.Select(choices=[("", "Either"), ("true", "Yes"), ("false", "No")]),
    )
    sort = forms.ChoiceField(required=False, choices=Sort.choices)

    def clean(self):
        data = super().clean()
        for low, high in (("years_min", "years_max"), ("budget_min", "budget_max")):
            if (
                data.get(low) is not None
                and data.get(high) is not None
                and data[low] > data[high]
            ):
                self.add_error(high, "Must be at least the lower bound.")
        skills = _csv(data.get("skills"))
        if len(skills) > 20:
            self.add_error("skills", "Search for at most 20 skills.")
        return data

    def to_params(self) -> CandidateSearchParams:
        data = self.cleaned_data
        return CandidateSearchParams(
            q=data.get("q") or "",
            skills=tuple(
                sorted(
                    set(link_filter_skills(_csv(data.get("skills")), unlinked=slugify))
                )
            ),
            skills_mode=data.get("skills_mode") or "all",
            city=(data.get("city") or "").strip(),
            country=(data.get("country") or "").strip().upper(),
            remote=tuple(sorted(data.get("remote") or ())),
            years_min=data.get("years_min"),
            years_max=data.get("years_max"),
            levels=tuple(sorted(data.get("level") or ())),
            budget_min=data.get("budget_min"),
            budget_max=data.get("budget_max"),
            budget_period=data.get("budget_period") or SalaryPeriod.YEAR,
            availability=tuple(sorted(data.get("availability") or ())),
            available_before=data.get("available_before"),
            willing_to_relocate=data.get("willing_to_relocate"),
            sort=data.get("sort") or Sort.RELEVANCE,
        )


SEARCH_PARAM_NAMES = list(CandidateSearchForm.base_fields)


def search_params_from_querydict(querydict) -> dict:
    """The search parameters worth saving: non-empty, lists kept as lists."""
    params = {}
    for name in SEARCH_PARAM_NAMES:
        values = [v for v in querydict.getlist(name) if v not in ("", None)]
        if not values:
            continue
        field = CandidateSearchForm.base_fields[name]
        params[name] = (
            values if isinstance(field, forms.MultipleChoiceField) else values[0]
        )
    return params


class SavedCandidateSearchForm(forms.ModelForm):
    class Meta:
        model = SavedCandidateSearch
        fields = ["name"]
        labels = {"name": "Name this search"}
