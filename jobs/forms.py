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
        label="Must-have skills",
        required=False,
        max_length=1000,
        help_text=(
            "Comma-separated, e.g. Python, Django, PostgreSQL: a candidate "
            "without one ranks lower. Skills we do not know are kept as you "
            "wrote them."
        ),
    )
    nice_skills = forms.CharField(
        label="Nice-to-have skills",
        required=False,
        max_length=1000,
        help_text="Comma-separated: they help a candidate's match, and count less.",
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
            rows = list(self.instance.job_skills.all())
            # skills that did not link carry no flag: they are shown as typed
            # with the must-haves (they never cap a match)
            must = [js.skill.name for js in rows if js.is_required]
            must += list(self.instance.other_skills or ())
            nice = [js.skill.name for js in rows if not js.is_required]
            self.initial.setdefault("skills", ", ".join(must))
            self.initial.setdefault("nice_skills", ", ".join(nice))

    def clean_salary_currency(self):
        return (self.cleaned_data.get("salary_currency") or "").strip().upper()

    def clean_skills(self):
        """The typed list, split as people write lists (commas, semicolons, new
        lines, bullets), each item a spelling the service links through the one
        skill linker; what does not link is kept as free text, never refused."""
        return split_skill_list(self.cleaned_data["skills"] or "")

    def clean_nice_skills(self):
        """As `clean_skills`, without the spellings already given as must-haves."""
        must = {name.casefold() for name in self.cleaned_data.get("skills") or ()}
        names = split_skill_list(self.cleaned_data["nice_skills"] or "")
        return [name for name in names if name.casefold() not in must]

    def clean(self):
        cleaned = super().clean()
        count = len(cleaned.get("skills") or ()) + len(cleaned.get("nice_skills") or ())
        if count > MAX_FORM_SKILLS:
            message = f"List at most {MAX_FORM_SKILLS} skills in all ({count} given)."
            self.add_error("skills", message)
        return cleaned

    def job_data(self) -> dict:
        """The cleaned fields the services take (everything but company/skills)."""
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name != "company"
        }

    def skill_rows(self) -> list[dict]:
        """The skills as the services take them, nice-to-haves first: two
        spellings of one skill in both lists make it a must-have (the service
        keeps a skill's last row)."""
        data = self.cleaned_data
        return [
            {"skill": name, "is_required": False} for name in data["nice_skills"]
        ] + [{"skill": name, "is_required": True} for name in data["skills"]]
