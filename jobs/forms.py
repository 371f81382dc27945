"""Forms for the job pages: posting/editing a job."""

from django import forms

from hotgigs.countries import COUNTRY_CHOICES
from hotgigs.richtext import RichTextarea
from jobs.models import Job
from matching.engine.linker import split_skill_list

MAX_FORM_SKILLS = 30


class JobForm(forms.ModelForm):
    """Post or edit a job; the services validate the rest (publish rules)."""

    company = forms.ModelChoiceField(queryset=None, label="Company", empty_label=None)
    country = forms.ChoiceField(
        label="Country", required=False, choices=[("", "—")] + COUNTRY_CHOICES
    )
    skills = forms.CharField(
        label="Skills",
        required=False,
        max_length=1000,
        help_text=(
            "Comma-separated, e.g. Python, Django, PostgreSQL. Skills we do not "
            "know are kept as you wrote them."
        ),
    )
    expires_at = forms.DateTimeField(
        label="Expires at",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Leave empty for no expiry (UTC).",
    )

    class Meta:
        model = Job
        fields = [
            "company",
            "title",
            "description",
            "employment_type",
            "experience_level",
            "min_years_experience",
            "city",
            "region",
            "country",
            "remote_policy",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            "openings",
            "expires_at",
        ]
        widgets = {"description": RichTextarea()}
        help_texts = {"description": "Paragraphs, lists, bold and links are kept."}

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        if self.instance.pk:
            self.fields["company"].disabled = True
            names = [js.skill.name for js in self.instance.job_skills.all()]
            names += list(self.instance.other_skills or ())
            self.initial.setdefault("skills", ", ".join(names))

    def clean_salary_currency(self):
        return (self.cleaned_data.get("salary_currency") or "").strip().upper()

    def clean_skills(self):
        """The typed list, split as people write lists (commas, semicolons, new
        lines, bullets), each item a spelling the service links through the one
        skill linker; what does not link is kept as free text, never refused."""
        names = split_skill_list(self.cleaned_data["skills"] or "")
        if len(names) > MAX_FORM_SKILLS:
            raise forms.ValidationError(f"List at most {MAX_FORM_SKILLS} skills.")
        return names

    def job_data(self) -> dict:
        """The cleaned fields the services take (everything but company/skills)."""
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name != "company"
        }

    def skill_rows(self) -> list[dict]:
        return [{"skill": skill} for skill in self.cleaned_data["skills"]]
