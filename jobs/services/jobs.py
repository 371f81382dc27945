"""Writing jobs: create, update, status changes, expiry, search vectors.

Every change bumps the job-search cache version (on commit), so cached search
results never outlive the data they were computed from.
"""

from datetime import datetime, timedelta

from django.contrib.postgres.aggregates import StringAgg
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify

from companies.models import Company
from companies.permissions import is_member
from hotgigs.errors import Conflict, NotAllowed
from hotgigs.richtext import html_to_text, sanitize_html
from hotgigs.search import weighted_vector
from jobs.models import Job, JobSkill, JobStatus, yearly
from jobs.permissions import can_edit_job, can_post_for
from jobs.search_cache import bump_search_version
from matching.engine.linker import link_skill
from matching.models import Skill
from matching.skills import get_taxonomy

# Fields a member may set through job_create / job_update.
EDITABLE_FIELDS = (
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
)

# draft → published ⇄ paused → closed → archived (closed only from published/paused).
TRANSITIONS = {
    JobStatus.DRAFT: {JobStatus.PUBLISHED},
    JobStatus.PUBLISHED: {JobStatus.PAUSED, JobStatus.CLOSED},
    JobStatus.PAUSED: {JobStatus.PUBLISHED, JobStatus.CLOSED},
    JobStatus.CLOSED: {JobStatus.ARCHIVED},
    JobStatus.ARCHIVED: set(),
}


class JobTransitionError(Conflict):
    """A status change that is not on the allowed paths (409 in the API)."""


def _unique_slug(title: str) -> str:
    base = slugify(title)[:80].strip("-") or "job"
    while True:
        slug = f"{base}-{get_random_string(6, 'abcdefghijkmnpqrstuvwxyz23456789')}"
        if not Job.objects.filter(slug=slug).exists():
            return slug


def _normalise(job: Job) -> None:
    job.title = " ".join((job.title or "").split())
    job.description = sanitize_html(job.description)
    job.city = " ".join((job.city or "").split())
    job.region = " ".join((job.region or "").split())
    job.country = (job.country or "").strip().upper()
    job.salary_currency = (job.salary_currency or "").strip().upper()
    job.salary_min_yearly = yearly(job.salary_min, job.salary_period)
    job.salary_max_yearly = yearly(job.salary_max, job.salary_period)


def _validate(job: Job) -> None:
    """Field validation for every save (a draft may be incomplete)."""
    errors = {}
    try:
        job.full_clean(exclude=["company", "posted_by", "slug", "search_vector"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if (
        job.salary_min is not None
        and job.salary_max is not None
        and job.salary_min > job.salary_max
    ):
        errors.setdefault("salary_max", []).append(
            "The maximum salary must be at least the minimum salary."
        )
    if (job.salary_min is not None or job.salary_max is not None) and not (
        job.salary_currency
    ):
        errors.setdefault("salary_currency", []).append(
            "Give the currency of the salary (e.g. EUR)."
        )
    if errors:
        raise ValidationError(errors)


def publish_errors(job: Job, *, now: datetime | None = None) -> dict[str, list[str]]:
    """What a job lacks to be published (empty when it may be published)."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    required = {
        "title": job.title,
        "employment_type": job.employment_type,
        "experience_level": job.experience_level,
        "remote_policy": job.remote_policy,
        "country": job.country,
    }
    for field, value in required.items():
        if not value:
            errors[field] = ["This field is required to publish the job."]
    if not html_to_text(job.description):
        errors["description"] = ["Describe the job before publishing it."]
    if job.remote_policy and job.remote_policy != "remote" and not job.city:
        errors["city"] = ["Give the city of an on-site or hybrid job."]
    if job.expires_at is not None and job.expires_at <= now:
        errors["expires_at"] = ["The expiry date must be in the future."]
    return errors


MAX_OTHER_SKILLS = 50


def _set_skills(job: Job, skills: list[dict]) -> None:
    """Replace the skills: ``[{"skill": Skill, slug or spelling, "is_required",
    ...}]``.

    A string is a slug, else any spelling, linked through the one skill linker
    (`matching.engine.linker`, with the job's title and description as context for
    the common-word guard). A spelling that does not link is never refused: it is
    kept as written in ``job.other_skills`` (matching reads it as text).
    """
    rows, other = {}, {}
    texts = [s["skill"] for s in skills if isinstance(s["skill"], str)]
    by_slug = {s.slug: s for s in Skill.objects.filter(slug__in=texts)}
    spellings = [t for t in texts if t not in by_slug]
    taxonomy = get_taxonomy() if spellings else None
    context = f"{job.title}\n{html_to_text(job.description)}"
    linked: dict[str, str] = {}
    for text in spellings:
        link = link_skill(text, taxonomy, context=[context, *texts])
        if link.skill is not None:
            linked[text] = link.skill.slug
        elif link.text:
            other.setdefault(link.text.casefold(), link.text)
    if linked:
        by_slug |= {
            s.slug: s for s in Skill.objects.filter(slug__in=set(linked.values()))
        }
    for item in skills:
        skill = item["skill"]
        if isinstance(skill, str):
            skill = by_slug.get(skill) or by_slug.get(linked.get(skill, ""))
            if skill is None:
                continue
        rows[skill.pk] = JobSkill(
            job=job,
            skill=skill,
            is_required=item.get("is_required", True),
            min_years=item.get("min_years"),
        )
    if len(rows) > 50:
        raise ValidationError({"skills": ["A job lists at most 50 skills."]})
    if len(other) > MAX_OTHER_SKILLS:
        raise ValidationError(
            {"skills": [f"A job lists at most {MAX_OTHER_SKILLS} unlinked skills."]}
        )
    JobSkill.objects.filter(job=job).delete()
    JobSkill.objects.bulk_create(rows.values())
    other_skills = list(other.values())
    if job.other_skills != other_skills:
        job.other_skills = other_skills
        Job.objects.filter(pk=job.pk).update(other_skills=other_skills)


def refresh_search_vectors(*, job_ids=None, missing_only: bool = False) -> None:
    """Recompute the weighted tsvector (A title, B skills linked and free-text,
    C company, D description).

    One set-based UPDATE on PostgreSQL (``job_ids=None`` refreshes every job;
    ``missing_only`` only rows without a vector, as the bulk loader does); a
    no-op on SQLite, where search uses the fallback.
    The description is HTML: PostgreSQL's parser drops the tags itself.
    """
    if connection.vendor != "postgresql":
        return
    jobs = Job.objects.all()
    if job_ids is not None:
        jobs = jobs.filter(pk__in=list(job_ids))
    if missing_only:
        jobs = jobs.filter(search_vector__isnull=True)
    skills = (
        JobSkill.objects.filter(job=OuterRef("pk"))
        .order_by()
        .values("job")
        .annotate(text=StringAgg("skill__name", " "))
        .values("text")
    )
    company = Company.objects.filter(pk=OuterRef("company_id")).values("name")
    jobs.update(
        search_vector=weighted_vector(
            [
                ("A", F("title")),
                ("B", Subquery(skills)),
                # Skills that did not link, kept as typed: the JSON list's text.
                ("B", F("other_skills")),
                ("C", Subquery(company)),
                ("D", F("description")),
            ]
        )
    )


def _after_change(job_ids) -> None:
    refresh_search_vectors(job_ids=job_ids)
    transaction.on_commit(bump_search_version)


@transaction.atomic
def job_create(
    *,
    company,
    posted_by,
    data: dict,
    skills: list[dict] | None = None,
    acting_agency=None,
) -> Job:
    """A new draft job for ``company``; only its members may create one.

    ``acting_agency``: a recruiting agency posting for its client. Only the
    recruiters services pass it, after checking the agency's active engagement
    with ``company``; here the poster must be a member of that agency.
    """
    if acting_agency is not None:
        if not (acting_agency.is_agency and is_member(posted_by, acting_agency)):
            raise NotAllowed("Only the agency's recruiters can post for it.")
    elif not can_post_for(posted_by, company):
        raise NotAllowed("Only members of the company can post its jobs.")
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: ["Unknown field."] for name in sorted(unknown)})
    job = Job(company=company, posted_by=posted_by, status=JobStatus.DRAFT, **data)
    job.agency = acting_agency
    _normalise(job)
    _validate(job)
    job.slug = _unique_slug(job.title)
    job.save()
    if skills:
        _set_skills(job, skills)
    _after_change([job.pk])
    return job


@transaction.atomic
def job_update(
    *,
    job: Job,
    user,
    data: dict,
    skills: list[dict] | None = None,
    acting_agency=None,
) -> Job:
    """Change a job's fields (and skills when given); a published job stays complete.

    ``acting_agency``: as in ``job_create``, for the agency running the job.
    """
    if acting_agency is not None:
        if not (job.agency_id == acting_agency.pk and is_member(user, acting_agency)):
            raise NotAllowed("Only the agency running this job can edit it.")
    elif not can_edit_job(user, job):
        raise NotAllowed("Only members of the company can edit its jobs.")
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: ["Unknown field."] for name in sorted(unknown)})
    job = Job.objects.select_for_update().get(pk=job.pk)
    for name, value in data.items():
        setattr(job, name, value)
    _normalise(job)
    _validate(job)
    if job.status in (JobStatus.PUBLISHED, JobStatus.PAUSED):
        errors = publish_errors(job)
        if errors:
            raise ValidationError(errors)
    job.save()
    if skills is not None:
        _set_skills(job, skills)
    _after_change([job.pk])
    return job


@transaction.atomic
def job_set_status(*, job: Job, user, status: str, now=None) -> Job:
    """Move a job along draft → published ⇄ paused → closed → archived.

    Publishing checks the fields a public job needs and that the expiry is in the
    future; ``published_at`` is set on the first publish only, ``closed_at`` when
    the job is closed.
    """
    if user is not None and not can_edit_job(user, job):
        raise NotAllowed("Only members of the company can change its jobs.")
    now = now or timezone.now()
    try:
        target = JobStatus(status)
    except ValueError:
        raise ValidationError({"status": [f"Unknown status: {status}."]}) from None
    job = Job.objects.select_for_update().get(pk=job.pk)
    current = JobStatus(job.status)
    if target not in TRANSITIONS[current]:
        raise JobTransitionError(
            f"A {current.label.lower()} job cannot become {target.label.lower()}."
        )
    if target == JobStatus.PUBLISHED:
        errors = publish_errors(job, now=now)
        if errors:
            raise ValidationError(errors)
        if job.published_at is None:
            job.published_at = now
    if target == JobStatus.CLOSED:
        job.closed_at = now  # archiving later keeps it: the job closed then
    job.status = target
    job.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    transaction.on_commit(bump_search_version)
    return job


@transaction.atomic
def jobs_close_expired(*, now=None) -> int:
    """Close published and paused jobs past their expiry; the number closed.

    Search already hides them at query time; this makes the status say so.
    """
    now = now or timezone.now()
    closed = Job.objects.filter(
        status__in=[JobStatus.PUBLISHED, JobStatus.PAUSED],
        expires_at__isnull=False,
        expires_at__lte=now,
    ).update(status=JobStatus.CLOSED, closed_at=now, updated_at=now)
    if closed:
        transaction.on_commit(bump_search_version)
    return closed


def jobs_refresh_company(*, company) -> None:
    """After a company is renamed: its jobs' search vectors and cached searches."""
    refresh_search_vectors(job_ids=list(company.jobs.values_list("pk", flat=True)))
    transaction.on_commit(bump_search_version)


# jobs_refresh_changed_companies: companies per run, how far back a first run (or a
# run after the cache lost its mark) looks, and the overlap that catches renames
# committed a little after their updated_at.
CHANGED_COMPANIES_BATCH = 500
CHANGED_COMPANIES_LOOKBACK = timedelta(days=1)
CHANGED_COMPANIES_OVERLAP = timedelta(minutes=2)
CHANGED_COMPANIES_MARK = "jobs:companies-reindexed-until"


@transaction.atomic
def jobs_refresh_changed_companies(*, now=None) -> int:
    """Re-index the jobs of companies changed since the last run; → jobs refreshed.

    A company's name is part of its jobs' search vectors and cached search
    results, but companies sits below jobs and cannot call it when it is renamed,
    so a beat task reconciles: companies whose ``updated_at`` passed the mark kept
    in the cache (at most CHANGED_COMPANIES_BATCH per run, oldest first) get their
    jobs' vectors refreshed and the search cache bumped. Idempotent; a rename shows
    in search within one beat period.
    """

    now = now or timezone.now()
    # (updated_at, id, complete): complete marks restart with an overlap; a full
    # batch leaves a keyset mark to continue from, so it never loops on one batch.
    since, last_id, complete = cache.get(CHANGED_COMPANIES_MARK) or (
        now - CHANGED_COMPANIES_LOOKBACK,
        0,
        True,
    )
    companies = Company.objects.filter(updated_at__lte=now)
    if complete:
        companies = companies.filter(updated_at__gte=since - CHANGED_COMPANIES_OVERLAP)
    else:
        companies = companies.filter(
            Q(updated_at__gt=since) | Q(updated_at=since, id__gt=last_id)
        )
    changed = list(
        companies.order_by("updated_at", "id").values_list("updated_at", "id")[
            :CHANGED_COMPANIES_BATCH
        ]
    )
    job_ids = list(
        Job.objects.filter(company_id__in=[pk for _, pk in changed]).values_list(
            "pk", flat=True
        )
    )
    if job_ids:
        refresh_search_vectors(job_ids=job_ids)
        transaction.on_commit(bump_search_version)
    full = len(changed) == CHANGED_COMPANIES_BATCH
    mark = (*changed[-1], False) if full else (now, 0, True)
    cache.set(CHANGED_COMPANIES_MARK, mark, None)
    return len(job_ids)
