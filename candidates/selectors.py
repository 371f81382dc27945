"""Reads for pages and the API: querysets with what their templates need."""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone

from candidates.completeness import Completeness, ProfileFacts, compute_completeness
from candidates.models import CandidateProfile, CandidateSkill, ProfileView
from hotgigs.richtext import html_to_text

PROFILE_PREFETCH = (
    Prefetch(
        "skills",
        queryset=CandidateSkill.objects.select_related("skill").order_by(
            "-level", "name"
        ),
    ),
    "experience",
    "education",
)


def profiles_with_details():
    return CandidateProfile.objects.select_related("user").prefetch_related(
        *PROFILE_PREFETCH
    )


def profile_detail(pk) -> CandidateProfile:
    """Raises CandidateProfile.DoesNotExist."""
    return profiles_with_details().get(pk=pk)


def profile_for_user(user) -> CandidateProfile | None:
    return profiles_with_details().filter(user=user).first()


def profiles_in_order(ids) -> list[CandidateProfile]:
    """One page of search results, in the order of `ids` (fixed query count)."""
    by_id = {
        profile.pk: profile
        for profile in CandidateProfile.objects.filter(pk__in=ids)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=CandidateSkill.objects.order_by("-level", "name"),
            )
        )
    }
    return [by_id[pk] for pk in ids if pk in by_id]


def profile_completeness(profile: CandidateProfile | None) -> Completeness:
    """Completeness for a profile loaded with `profiles_with_details` (no queries)."""
    if profile is None:
        return compute_completeness(ProfileFacts())
    return compute_completeness(
        ProfileFacts(
            headline=profile.headline,
            summary=html_to_text(profile.summary),
            city=profile.city,
            country=profile.country,
            experience_level=profile.experience_level,
            has_salary=profile.desired_salary_min is not None
            or profile.desired_salary_max is not None,
            skill_count=len(profile.skills.all()),
            experience_count=len(profile.experience.all()),
            education_count=len(profile.education.all()),
            has_link=bool(
                profile.portfolio_url or profile.github_url or profile.linkedin_url
            ),
        )
    )


def completeness_for_user(user) -> Completeness:
    """For the dashboard: the candidate's completeness (0 with no profile yet)."""
    return profile_completeness(profile_for_user(user))


def profile_views_companies_count(*, profile: CandidateProfile, days=30) -> int:
    """How many companies viewed the profile in the last `days` days."""
    since = timezone.localdate() - timedelta(days=days - 1)
    return (
        ProfileView.objects.filter(
            profile=profile, day__gte=since, viewer_company__isnull=False
        )
        .values("viewer_company")
        .distinct()
        .count()
    )
