"""The engine's data from jobs and candidates rows: JobData and CandidateData
built in one batch of prefetches (or plain rows), so scoring never queries.

The engine (`matching.engine`) works on these dataclasses only; everything in
`jobs.ranking` reads rows through here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch

from candidates.models import CandidateProfile, WorkExperience
from candidates.models import CandidateSkill as CandidateSkillRow
from hotgigs.richtext import html_to_text
from jobs.models import Job
from jobs.models import JobSkill as JobSkillRow
from matching.engine.prepared import LruTable
from matching.engine.types import (
    CandidateData,
    CandidateSkill,
    JobData,
    JobSkill,
    Salary,
)
from matching.skills import taxonomy_version

# jobs/candidates say "entry"; the engine's ladder says "junior".
LEVEL_TO_ENGINE = {"entry": "junior", "mid": "mid", "senior": "senior",
                   "lead": "lead", "executive": "executive"}  # fmt: skip


def _job_skill_prefetch():
    return Prefetch(
        "job_skills",
        queryset=JobSkillRow.objects.select_related("skill").order_by(
            "-is_required", "skill__name"
        ),
        to_attr="scoring_skills",
    )


def _profile_prefetches():
    return (
        Prefetch(
            "skills",
            queryset=CandidateSkillRow.objects.select_related("skill").order_by(
                "-level", "name"
            ),
            to_attr="scoring_skills",
        ),
        "experience",
    )


def jobs_for_scoring(queryset=None):
    """Jobs with what `job_data_for` reads: 2 queries whatever their number."""
    queryset = Job.objects.all() if queryset is None else queryset
    return queryset.select_related("company").prefetch_related(_job_skill_prefetch())


def profiles_for_scoring(queryset=None):
    """Profiles with what `candidate_data_for` reads: 3 queries in all."""
    queryset = CandidateProfile.objects.all() if queryset is None else queryset
    return queryset.select_related("user").prefetch_related(*_profile_prefetches())


def skills_of(obj):
    rows = getattr(obj, "scoring_skills", None)
    if rows is None:  # not loaded through *_for_scoring: one query, callers beware
        # in the prefetches' order, so JobData / CandidateData come out the same
        rows = (
            list(
                obj.job_skills.select_related("skill").order_by(
                    "-is_required", "skill__name"
                )
            )
            if hasattr(obj, "job_skills")
            else list(obj.skills.select_related("skill").order_by("-level", "name"))
        )
    return rows


def job_text(job) -> str:
    names = " ".join(
        [r.skill.name for r in skills_of(job)] + list(job.other_skills or ())
    )
    return f"{job.title}\n{names}\n{html_to_text(job.description)}"


# What `job_data_from_row` reads of a job row (besides its skills).
JOB_SCORING_FIELDS = ("id", "title", "description", "min_years_experience",
                      "experience_level", "city", "country", "remote_policy",
                      "salary_min_yearly", "salary_max_yearly",
                      "salary_currency", "other_skills")  # fmt: skip


def job_data_from_row(row: dict, skills) -> JobData:
    """JobData from a job's JOB_SCORING_FIELDS and its skills as (slug, name,
    is_required, min_years), required first then by name."""
    salary = None
    low, high = row["salary_min_yearly"], row["salary_max_yearly"]
    if row["salary_currency"] and (low or high):
        salary = Salary(
            float(low) if low else None,
            float(high) if high else None,
            row["salary_currency"],
        )
    # skills the taxonomy did not link count through the text
    names = " ".join(
        [name for _, name, _, _ in skills] + list(row.get("other_skills") or ())
    )
    min_years = row["min_years_experience"]
    return JobData(
        id=row["id"],
        title=row["title"],
        skills=tuple(
            JobSkill(
                slug=slug,
                name=name,
                required=required,
                min_years=float(years) if years else None,
            )
            for slug, name, required, years in skills
        ),
        min_years=float(min_years) if min_years else None,
        level=LEVEL_TO_ENGINE.get(row["experience_level"]),
        city=row["city"],
        country=row["country"],
        remote_policy=row["remote_policy"] or "onsite",
        salary=salary,
        text=f"{row['title']}\n{names}\n{html_to_text(row['description'])}",
    )


def job_data_for(job) -> JobData:
    """A job row (loaded by `jobs_for_scoring`) as the engine's `JobData`."""
    return job_data_from_row(
        {"id": job.pk} | {f: getattr(job, f) for f in JOB_SCORING_FIELDS[1:]},
        [
            (r.skill.slug, r.skill.name, r.is_required, r.min_years)
            for r in skills_of(job)
        ],
    )


def job_skill_rows(ids) -> dict[int, list]:
    """Skills of these jobs as (slug, name, is_required, min_years), in the order
    `_job_skill_prefetch` gives (required first, then by name)."""
    skills: dict[int, list] = {}
    for job_id, *skill in (
        JobSkillRow.objects.filter(job_id__in=ids)
        .order_by("job_id", "-is_required", "skill__name")
        .values_list("job_id", "skill__slug", "skill__name", "is_required", "min_years")
    ):
        skills.setdefault(job_id, []).append(skill)
    return skills


def load_job_data(ids) -> list[JobData]:
    """`job_data_for` of many jobs from plain rows: 2 queries and no model
    instances (building 2,000 Job and 8,000 JobSkill objects cost ~10× the
    scoring). Same JobData as `job_data_for`, in no particular order."""
    ids = list(ids)
    if not ids:
        return []
    skills = job_skill_rows(ids)
    return [
        job_data_from_row(row, skills.get(row["id"], ()))
        for row in Job.objects.filter(id__in=ids).order_by().values(*JOB_SCORING_FIELDS)
    ]


# The JobData of the jobs this process scored last, by id, each with the stamp
# it was built under: the job row's `updated_at` and the taxonomy version. Every
# write to what JobData holds saves the job in the same transaction (the job
# services and the admin, skills included), and every change to a skill's name
# or slug bumps the taxonomy version, so an entry whose stamp is still current
# is the JobData the rows would give. Recommendations and job search sorted by
# match score the same newest jobs for every candidate; this spares them reading
# and rebuilding those jobs on each cache miss.
kept_jobs = LruTable(settings.MATCHING_PREPARED["jobs"])


def job_data_for_ids(ids) -> list[JobData]:
    """`load_job_data`, through `kept_jobs`: the jobs' stamps are read first
    (1 query), then `job_data_for_stamps`. In no particular order."""
    ids = list(ids)
    if not ids:
        return []
    return job_data_for_stamps(
        dict(Job.objects.filter(id__in=ids).order_by().values_list("id", "updated_at"))
    )


def job_data_for_stamps(stamps: Mapping[int, datetime]) -> list[JobData]:
    """The JobData of the jobs `stamps` holds (id → `updated_at`, read before):
    those kept under their stamp from `kept_jobs`, the others loaded (2
    queries). A job that changed after its stamp was read is kept under that
    older stamp, so the next call loads it again. In no particular order."""
    if not stamps:
        return []
    version = taxonomy_version()
    found, missing = [], []
    for job_id, updated_at in stamps.items():
        entry = kept_jobs.get(job_id)
        if entry is not None and entry[0] == (updated_at, version):
            found.append(entry[1])
        else:
            missing.append(job_id)
    for data in load_job_data(missing):
        kept_jobs.add(data.id, ((stamps[data.id], version), data))
        found.append(data)
    return found


def candidate_data_for(profile) -> CandidateData:
    """A profile (loaded by `profiles_for_scoring`) as the engine's `CandidateData`.

    A 0 in years of experience (the field's default) counts as "not given", and
    free-text skills the taxonomy does not know cannot match a job skill, so they
    are left out of the skills (they stay in the text).
    """
    return _candidate_data(
        profile,
        [
            (
                r.skill_id,
                r.skill.slug if r.skill_id is not None else "",
                r.skill.name if r.skill_id is not None else "",
                r.name,
                r.years,
                r.level,
            )
            for r in skills_of(profile)
        ],
        [(e.title, e.description) for e in profile.experience.all()],
    )


def _candidate_data(profile, skills, experience) -> CandidateData:
    """CandidateData from a profile row, its skills as (skill_id, slug, skill name,
    own name, years, level) by level then name, and its experience as (title,
    description) in the model's order."""
    salary = None
    low, high = profile.desired_salary_min_yearly, profile.desired_salary_max_yearly
    if profile.salary_currency and (low or high):
        salary = Salary(
            float(low) if low else None,
            float(high) if high else None,
            profile.salary_currency,
        )
    text = "\n".join(
        [profile.headline, html_to_text(profile.summary)]
        + [own_name for _, _, _, own_name, _, _ in skills]
        + [f"{title} {description}" for title, description in experience]
    )
    return CandidateData(
        id=profile.pk,
        skills=tuple(
            CandidateSkill(
                slug=slug,
                name=name,
                years=float(years) if years else None,
                level=level,
            )
            for skill_id, slug, name, _, years, level in skills
            if skill_id is not None
        ),
        years_experience=float(profile.years_experience)
        if profile.years_experience
        else None,
        level=LEVEL_TO_ENGINE.get(profile.experience_level),
        city=profile.city,
        country=profile.country,
        remote_preference=profile.remote_preference or "any",
        willing_to_relocate=profile.willing_to_relocate,
        salary=salary,
        text=text,
        opted_out=profile.opt_out_of_matching,
        name=profile.user.full_name if hasattr(profile, "user") else "",
        # the occupation component reads the headline and the latest roles
        titles=tuple(
            t for t in [profile.headline, *(t for t, _ in experience[:2])] if t
        ),
    )


def profiles_for_ranking(queryset=None):
    """Profiles for `candidate_data_for_profiles` and the ranked rows: 1 query."""
    queryset = CandidateProfile.objects.all() if queryset is None else queryset
    return queryset.select_related("user")


def candidate_data_for_profiles(profiles) -> list[CandidateData]:
    """`candidate_data_for` of many profiles (loaded by `profiles_for_ranking`),
    their skills and experience read as plain rows: 2 queries, and none of the
    ~6 model instances per profile the prefetches build (they cost more than the
    scoring). Same CandidateData, in the profiles' order."""
    ids = [p.pk for p in profiles]
    if not ids:
        return []
    skills: dict[int, list] = {}
    for profile_id, *row in (
        CandidateSkillRow.objects.filter(profile_id__in=ids)
        .order_by("profile_id", "-level", "name")
        .values_list(
            "profile_id", "skill_id", "skill__slug", "skill__name", "name", "years",
            "level",
        )
    ):  # fmt: skip
        skills.setdefault(profile_id, []).append(row)
    experience: dict[int, list] = {}
    for profile_id, *row in (
        WorkExperience.objects.filter(profile_id__in=ids)
        .order_by("profile_id", *WorkExperience._meta.ordering)
        .values_list("profile_id", "title", "description")
    ):
        experience.setdefault(profile_id, []).append(row)
    return [
        _candidate_data(p, skills.get(p.pk, ()), experience.get(p.pk, ()))
        for p in profiles
    ]


def job_texts_for_corpus(*, limit: int) -> list[str]:
    """The scoring text (`JobData.text`) of the newest `limit` published jobs:
    3 queries (`load_job_data`: the daily corpus refresh keeps nothing)."""
    ids = list(
        Job.objects.published()
        .order_by("-published_at", "-id")
        .values_list("id", flat=True)[:limit]
    )
    return [job.text for job in load_job_data(ids)]


def profile_for_scoring(user):
    """The user's own profile with scoring prefetches, or None."""
    if not user.is_authenticated:
        return None
    return profiles_for_scoring().filter(user=user).first()
