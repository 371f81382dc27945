from datetime import date

from django.utils import timezone

from candidates import privacy
from candidates.models import (
    CandidateProfile,
    CandidateSkill,
    ProfileView,
    SavedCandidateSearch,
    WorkExperience,
)
from candidates.tests.factories import make_profile


def test_export_contains_profile_rows_and_view_count(alice, olivia, acme):
    profile = make_profile(alice, headline="Dev", skills=["Rust"], titles=["Eng"])
    profile.education.create(school="TU", start_year=2010, end_year=2014)
    ProfileView.objects.create(
        profile=profile, viewer=olivia, viewer_company=acme, day=date.today()
    )
    data = privacy.export(alice)
    record = data["candidate_profile"]
    assert record["headline"] == "Dev"
    assert record["skills"] == [{"name": "Rust", "level": 3, "years": 1}]
    assert [e["title"] for e in record["experience"]] == ["Eng"]
    assert record["education"][0]["school"] == "TU"
    assert record["profile_views"] == 1
    assert data["saved_candidate_searches"] == []


def test_export_without_profile(olivia):
    SavedCandidateSearch.objects.create(owner=olivia, name="S", params={"q": "go"})
    data = privacy.export(olivia)
    assert data["candidate_profile"] is None
    assert [s["name"] for s in data["saved_candidate_searches"]] == ["S"]


def test_erase_removes_everything(alice, olivia, acme):
    profile = make_profile(alice, skills=["Rust"], titles=["Eng"])
    ProfileView.objects.create(
        profile=profile, viewer=olivia, viewer_company=acme, day=timezone.localdate()
    )
    SavedCandidateSearch.objects.create(owner=olivia, name="S", params={})
    privacy.erase(alice)
    privacy.erase(olivia)
    assert CandidateProfile.objects.count() == 0
    assert CandidateSkill.objects.count() == 0
    assert WorkExperience.objects.count() == 0
    assert ProfileView.objects.count() == 0
    assert SavedCandidateSearch.objects.count() == 0
