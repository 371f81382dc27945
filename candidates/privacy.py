"""The candidate's data for the personal-data export and account erasure.

accounts/privacy.py discovers this module and calls `export(user)` / `erase(user)`.
"""

from candidates.models import CandidateProfile, ProfileView, SavedCandidateSearch
from candidates.search import bump_search_version
from candidates.selectors import profile_for_user

# (model label, field) pairs holding a user or profile key that this module
# exports and/or erases (accounts/tests/test_privacy_coverage.py checks them).
EXPORTED = {
    "candidates.CandidateProfile.user",
    "candidates.CandidateSkill.profile",
    "candidates.WorkExperience.profile",
    "candidates.Education.profile",
    "candidates.ProfileView.profile",
    "candidates.SavedCandidateSearch.owner",
}
ERASED = EXPORTED | {"candidates.ProfileView.viewer"}


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    profile = profile_for_user(user)
    saved = [
        {"name": s.name, "params": s.params, "created_at": _iso(s.created_at)}
        for s in SavedCandidateSearch.objects.filter(owner=user)
    ]
    data = {"candidate_profile": None, "saved_candidate_searches": saved}
    if profile is None:
        return data
    fields = [
        "headline",
        "summary",
        "city",
        "region",
        "country",
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
        "portfolio_url",
        "github_url",
        "linkedin_url",
        "phone",
        "visibility",
        "show_contact_details",
        "opt_out_of_matching",
    ]
    record = {name: getattr(profile, name) for name in fields}
    record["available_from"] = _iso(profile.available_from)
    record["last_active_at"] = _iso(profile.last_active_at)
    record["created_at"] = _iso(profile.created_at)
    record["skills"] = [
        {"name": s.name, "level": s.level, "years": s.years}
        for s in profile.skills.all()
    ]
    record["experience"] = [
        {
            "title": w.title,
            "employer_name": w.employer_name,
            "start_date": _iso(w.start_date),
            "end_date": _iso(w.end_date),
            "is_current": w.is_current,
            "description": w.description,
        }
        for w in profile.experience.all()
    ]
    record["education"] = [
        {
            "school": e.school,
            "degree": e.degree,
            "field_of_study": e.field_of_study,
            "start_year": e.start_year,
            "end_year": e.end_year,
        }
        for e in profile.education.all()
    ]
    record["profile_views"] = profile.views.count()
    data["candidate_profile"] = record
    return data


def erase(user) -> None:
    """Delete the profile (skills, history, education, views cascade) and searches."""

    CandidateProfile.objects.filter(user=user).delete()
    SavedCandidateSearch.objects.filter(owner=user).delete()
    # Views this user made of other profiles say who looked: personal data too.

    ProfileView.objects.filter(viewer=user).delete()
    bump_search_version()
