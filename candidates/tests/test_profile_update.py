"""The profile page saves through one service: the profile, its rows and the
rows removed in one transaction, with the search document rebuilt after."""

from datetime import date

import pytest

from candidates import services
from candidates.models import CandidateProfile, CandidateSkill, WorkExperience
from candidates.tests.factories import make_profile
from matching.tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def test_profile_update_saves_rows_names_skills_and_removes_rows(alice):
    python = SkillFactory(name="Python", slug="python")
    profile = make_profile(alice, skills=["Cobol"], titles=["Clerk"])
    old_skill = profile.skills.get()
    old_job = profile.experience.get()

    profile.headline = "Backend developer"
    services.profile_update(
        profile=profile,
        skills=[
            (CandidateSkill(profile=profile, name="python ", level=4), python),
            (CandidateSkill(profile=profile, name="  Fortran ", level=2), None),
        ],
        rows=[
            WorkExperience(
                profile=profile,
                title="Engineer",
                employer_name="Initech",
                start_date=date(2021, 1, 1),
            )
        ],
        deleted=[old_skill, old_job],
    )

    profile = CandidateProfile.objects.get(pk=profile.pk)
    assert profile.headline == "Backend developer"
    assert sorted(profile.skills.values_list("name", "skill_id")) == [
        ("Fortran", None),
        ("Python", python.pk),
    ]
    assert list(profile.experience.values_list("title", flat=True)) == ["Engineer"]
    assert profile.search_document == "Backend developer Python Fortran Engineer"
