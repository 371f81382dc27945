"""State changes for candidate profiles.

Every write that can change what a search returns goes through `profile_save` or
`profile_changed`: they keep the yearly salary, the search document/vector and the
search cache version in step with the rows.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from candidates import search
from candidates.models import (
    PERIODS_PER_YEAR,
    CandidateProfile,
    CandidateSkill,
    ProfileView,
    SavedCandidateSearch,
)
from candidates.permissions import company_ids_for, is_company_user
from hotgigs.errors import Conflict
from hotgigs.richtext import html_to_text, sanitize_html
from matching.engine.linker import link_skill
from matching.models import Skill
from matching.skills import get_taxonomy


def profile_get_or_create(*, user) -> CandidateProfile:
    profile, created = CandidateProfile.objects.get_or_create(user=user)
    if created:
        search.bump_search_version()
    return profile


def _normalise(profile: CandidateProfile) -> None:
    factor = PERIODS_PER_YEAR.get(profile.salary_period, 1)
    profile.desired_salary_min_yearly = (
        profile.desired_salary_min * factor
        if profile.desired_salary_min is not None
        else None
    )
    profile.desired_salary_max_yearly = (
        profile.desired_salary_max * factor
        if profile.desired_salary_max is not None
        else None
    )
    profile.country = (profile.country or "").strip().upper()
    profile.city = (profile.city or "").strip()
    profile.employment_types = sorted(set(profile.employment_types or []))
    # Rich text: the same nh3 sanitiser as job descriptions, on the way in and out.
    profile.summary = sanitize_html(profile.summary)


@transaction.atomic
def profile_save(*, profile: CandidateProfile) -> CandidateProfile:
    """Save the profile's own fields (already validated by a form or serializer)."""
    _normalise(profile)
    profile.last_active_at = timezone.now()
    profile.save()
    profile_refresh_search(profile=profile)
    return profile


def profile_refresh_search(*, profile: CandidateProfile) -> None:
    skills = list(profile.skills.values_list("name", flat=True))
    titles = list(profile.experience.values_list("title", flat=True))
    document = search.search_document_for(
        headline=profile.headline,
        summary=html_to_text(profile.summary),
        skills=skills,
        titles=titles,
    )
    CandidateProfile.objects.filter(pk=profile.pk).update(search_document=document)
    profile.search_document = document
    search.update_search_vector([profile.pk])
    transaction.on_commit(search.bump_search_version)
    search.bump_search_version()


def profile_changed(*, profile: CandidateProfile) -> None:
    """A nested list (skills, experience, education) changed."""
    now = timezone.now()
    CandidateProfile.objects.filter(pk=profile.pk).update(last_active_at=now)
    profile.last_active_at = now
    profile_refresh_search(profile=profile)


@transaction.atomic
def profile_skills_save(
    *,
    profile: CandidateProfile,
    rows: list[tuple[CandidateSkill, Skill | None]],
    deleted: list[CandidateSkill],
) -> None:
    """The profile's skills section: changed rows with the taxonomy skill each
    typed name resolved to (None keeps the name as free text), and removed rows."""
    for row, skill in rows:
        row.profile = profile
        row.skill = skill
        row.name = skill.name if skill else row.name.strip()
        row.save()
    for row in deleted:
        row.delete()
    profile_changed(profile=profile)


@transaction.atomic
def profile_rows_save(*, profile: CandidateProfile, rows: list, deleted: list) -> None:
    """A row list of the profile (work experience or education): changed rows
    and removed rows, then the search document that reads their titles."""
    for row in rows:
        row.profile = profile
        row.save()
    for row in deleted:
        row.delete()
    profile_changed(profile=profile)


def skill_resolve(name: str, *, context: str = "") -> Skill | None:
    """The taxonomy skill a typed name means, through the one skill linker
    (`matching.engine.linker`: exact, alias, normalised, conservative fuzzy; "C#"
    stays C#, "MS Excel" is Excel), or None: the caller keeps the text as a
    free-text skill. A slug as typed ("react-native") is accepted too."""
    name = (name or "").strip()
    if not name:
        return None
    link = link_skill(name, get_taxonomy(), context=context)
    if link.skill is not None:
        return Skill.objects.filter(slug=link.skill.slug).first()
    return Skill.objects.filter(slug=name.lower()).first()


class DuplicateSkill(Conflict):
    """The profile already lists this skill (409 in the API)."""


@transaction.atomic
def candidate_skill_save(
    *,
    profile: CandidateProfile,
    name: str,
    level: int,
    years: int,
    instance: CandidateSkill | None = None,
) -> CandidateSkill:
    """Add or change a skill; a known name links the taxonomy skill, else free text."""
    skill = skill_resolve(name)
    row = instance or CandidateSkill(profile=profile)
    row.skill = skill
    row.name = skill.name if skill else name.strip()
    row.level = level
    row.years = years
    duplicate = profile.skills.exclude(pk=row.pk).filter(name__iexact=row.name)
    if skill is not None:
        duplicate = profile.skills.exclude(pk=row.pk).filter(skill=skill)
    if duplicate.exists():
        raise DuplicateSkill(f"{row.name} is already in the profile.")
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise DuplicateSkill(f"{row.name} is already in the profile.") from exc
    profile_changed(profile=profile)
    return row


def profile_view_record(*, profile: CandidateProfile, viewer) -> bool:
    """Record that an employer or recruiter opened the profile, once per day.

    The owner, candidates, staff and anonymous visitors are not recorded.
    """
    if not is_company_user(viewer) or viewer.pk == profile.user_id:
        return False
    company_ids = company_ids_for(viewer)
    _view, created = ProfileView.objects.get_or_create(
        profile=profile,
        viewer=viewer,
        day=timezone.localdate(),
        defaults={"viewer_company_id": company_ids[0] if company_ids else None},
    )
    return created


SAVED_SEARCH_NAME_TAKEN = "You already have a saved search with this name."


def saved_search_create(*, owner, name: str, params: dict) -> SavedCandidateSearch:
    """Save a candidate search under a name; ``Conflict`` when the owner already
    has one by that name (the unique constraint decides, so two at once cannot
    both win)."""
    try:
        with transaction.atomic():
            return SavedCandidateSearch.objects.create(
                owner=owner, name=name, params=params
            )
    except IntegrityError:
        raise Conflict(SAVED_SEARCH_NAME_TAKEN) from None


def saved_search_update(
    *, saved: SavedCandidateSearch, name: str | None = None, params: dict | None = None
) -> SavedCandidateSearch:
    """Rename a saved search or change its parameters; ``Conflict`` as above."""
    if name is not None:
        saved.name = name
    if params is not None:
        saved.params = params
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError:
        raise Conflict(SAVED_SEARCH_NAME_TAKEN) from None
    return saved
