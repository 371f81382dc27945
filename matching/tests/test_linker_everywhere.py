"""The one skill linker behind every path that turns what people write into skills:
the candidate profile (form, API, services), candidate search and job search skill
filters, and the job's skills (tested in jobs/tests). What does not link is kept as
free text and still counts in matching through the text."""

import pytest

from candidates.forms import CandidateSearchForm
from candidates.services import skill_resolve
from candidates.tests.factories import make_profile
from jobs.ranking.builders import job_data_for_ids, job_text
from jobs.search import JobSearchForm
from jobs.tests.factories import JobFactory
from matching.skills import link_filter_skills

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("C#", "c-sharp"),
        ("C++", "c-plus-plus"),
        ("c#", "c-sharp"),
        ("MS Excel", "microsoft-excel"),
        ("Microsoft Excel", "microsoft-excel"),
        ("React.js", "react"),
        ("Amazon Web Services (AWS)", "amazon-web-services"),
        ("react-native", "react-native"),
        ("python", "python"),
    ],
)
def test_profile_skills_link_through_the_linker(written, slug):
    assert skill_resolve(written).slug == slug


def test_a_profile_skill_that_does_not_link_is_kept_as_written():
    profile = make_profile(skills=["C#", "Underwater basket weaving"])

    rows = {(r.name, r.skill.slug if r.skill else None) for r in profile.skills.all()}
    assert rows == {("C#", "c-sharp"), ("Underwater basket weaving", None)}


@pytest.mark.parametrize(
    ("typed", "slugs"),
    [
        ("react", ["react"]),
        ("React.js, MS Excel", ["react", "microsoft-excel"]),
        ("C#,C++", ["c-sharp", "c-plus-plus"]),
        ("no-such-skill", ["no-such-skill"]),
        ("python, Python", ["python"]),
        ("react-native", ["react-native"]),
    ],
)
def test_job_search_skill_filter_reads_spellings(typed, slugs):
    form = JobSearchForm({"skills": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["skills"] == slugs


def test_candidate_search_skill_filter_keeps_c_sharp_apart_from_c():
    form = CandidateSearchForm({"skills": "C#, Unknown Thing"})

    assert form.is_valid(), form.errors
    assert form.to_params().skills == ("c-sharp", "unknown-thing")


def test_link_filter_skills_drops_blanks_and_repeats():
    assert link_filter_skills(["", " ", "React", "react.js"]) == ["react"]


def test_a_jobs_free_text_skills_count_in_matching_through_its_text():
    job = JobFactory(published=True, other_skills=["Underwater basket weaving"])

    assert "Underwater basket weaving" in job_text(job)
    assert "Underwater basket weaving" in job_data_for_ids([job.pk])[0].text
