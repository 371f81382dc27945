"""Writes for agencies: engagements, jobs for clients, the talent pool,
submissions (with the candidate's consent) and placements.

Errors: `ValidationError` for bad input (→ 400), `hotgigs.errors.NotAllowed` (→ 403),
`hotgigs.errors.Conflict` when the current state forbids the change (→ 409):
an ended/paused engagement, a candidate already in the pipeline, a second
submission, a status change off the allowed path.

Locks: every change to an engagement, submission or placement reads its row with
`select_for_update` first. Submissions lock their engagement, so an engagement
ended at the same moment cannot receive one, and identical submissions are
serialised (the partial unique constraint is the last word).

Placements and the "hired" hook: recruiters sits above jobs, so jobs cannot call
in here. A placement is created (a) by a recruiter's "record placement" action
(page or API) once the application is hired, or (b) by the idempotent
`placements_reconcile` (Celery beat, `recruiters.tasks.reconcile_placements`),
which creates pending placements for hired, recruiter-submitted applications
that have none yet. Both go through `placement_create_from_application`.
"""

import datetime
from decimal import Decimal, InvalidOperation

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from candidates.models import CandidateProfile
from companies.models import Company, CompanyKind
from companies.services import company_create_unclaimed
from hotgigs.currencies import is_currency_code
from hotgigs.errors import Conflict, NotAllowed
from jobs.models import Application, Job, JobStatus, Source, Stage
from jobs.services import job_create, job_set_status, job_update
from jobs.services.applications import application_submit
from notifications.models import NotificationKind
from notifications.services import notify
from recruiters import money, permissions
from recruiters.models import (
    HUNDRED,
    ClientEngagement,
    EngagementStatus,
    FeeType,
    Placement,
    PlacementSplit,
    PlacementStatus,
    PoolSource,
    Submission,
    SubmissionStatus,
    Tag,
    TalentPoolEntry,
)

PITCH_MAX_LENGTH = 5_000
NOTES_MAX_LENGTH = 20_000
TAG_MAX_LENGTH = 50
DEFAULT_PHONE_REGION = getattr(settings, "PHONE_DEFAULT_REGION", "DE")

ENGAGEMENT_FIELDS = (
    "fee_type",
    "fee_percent",
    "flat_fee",
    "currency",
    "guarantee_days",
    "payment_terms_days",
    "contact_name",
    "contact_email",
    "contact_phone",
    "allow_client_pipeline_view",
)

# pending → invoiced → paid; any of them → cancelled; nothing leaves cancelled.
PLACEMENT_TRANSITIONS = {
    PlacementStatus.PENDING: {PlacementStatus.INVOICED, PlacementStatus.CANCELLED},
    PlacementStatus.INVOICED: {PlacementStatus.PAID, PlacementStatus.CANCELLED},
    PlacementStatus.PAID: {PlacementStatus.CANCELLED},
    PlacementStatus.CANCELLED: set(),
}

ENDED_MESSAGE = "This engagement is not active: the agency cannot act for it."


# --- engagements ---------------------------------------------------------------


def _require_agency_manager(user, agency):
    if not agency.is_agency:
        raise ValidationError({"agency": "Only a recruiting agency has clients."})
    # Staff act from the admin site (its actions call these same services).
    if not (user.is_staff or permissions.can_manage_agency(user, agency)):
        raise NotAllowed("Only owners and admins of the agency can do this.")


def _apply_engagement_fields(engagement, fields):
    unknown = set(fields) - set(ENGAGEMENT_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "Unknown field."))
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(engagement, name, value)
    engagement.currency = (engagement.currency or "").upper()
    if engagement.fee_type == FeeType.PERCENT:
        if engagement.fee_percent is None:
            raise ValidationError({"fee_percent": "Give the fee percentage."})
        engagement.flat_fee = None
    elif engagement.fee_type == FeeType.FLAT:
        if engagement.flat_fee is None:
            raise ValidationError({"flat_fee": "Give the flat fee."})
        engagement.fee_percent = None
    engagement.full_clean(exclude=["agency", "client", "created_by"])


def _set_recruiters(engagement, recruiters):
    recruiters = list(recruiters)
    agency_member_ids = set(
        engagement.agency.memberships.values_list("user_id", flat=True)
    )
    outsiders = [r for r in recruiters if r.pk not in agency_member_ids]
    if outsiders:
        raise ValidationError(
            {"recruiters": "Only members of the agency can work on its clients."}
        )
    engagement.recruiters.set(recruiters)


def _unclaimed_company(user, name: str) -> Company:
    """A client company the agency creates (companies.company_create_unclaimed),
    with its errors reported on `client_name`."""
    try:
        return company_create_unclaimed(agency_user=user, name=name)
    except ValidationError as exc:
        messages = exc.message_dict.get("name") or exc.messages
        raise ValidationError({"client_name": messages}) from None


def _engagement_conflict(agency, client):
    return Conflict(f"{agency.name} already has an open engagement with {client}.")


def _save_new_engagement(engagement):
    if (
        ClientEngagement.objects.filter(
            agency=engagement.agency, client=engagement.client
        )
        .open()
        .exists()
    ):
        raise _engagement_conflict(engagement.agency, engagement.client)
    try:
        with transaction.atomic():
            engagement.save()
    except IntegrityError:
        raise _engagement_conflict(engagement.agency, engagement.client) from None


def _listed_by_agency(agency, client) -> bool:
    """A client company this agency created (an earlier engagement says so) that
    still has no members: there is nobody to ask."""
    return (
        not client.memberships.exists()
        and ClientEngagement.objects.filter(
            agency=agency, client=client, unclaimed_client=True
        ).exists()
    )


@transaction.atomic
def engagement_create(
    *,
    user,
    agency: Company,
    client: Company | None = None,
    client_name: str = "",
    recruiters=None,
    **fields,
) -> ClientEngagement:
    """Propose to work for a client. One open engagement per agency and client.

    With an existing employer the engagement is a *proposal*: nothing can be done
    for the client until an owner or admin of it accepts (`engagement_accept`);
    they are notified. With a new company named ``client_name`` (created here,
    unclaimed, no members to ask) it is active at once and its jobs say that the
    agency listed the company.
    """
    _require_agency_manager(user, agency)
    Company.objects.select_for_update(of=("self",)).filter(pk=agency.pk).first()
    if client is None:
        client = _unclaimed_company(user, client_name)
        unclaimed = True
    elif client.kind != CompanyKind.EMPLOYER:
        raise ValidationError({"client": "A client is an employer company."})
    else:
        unclaimed = _listed_by_agency(agency, client)
    engagement = ClientEngagement(
        agency=agency,
        client=client,
        created_by=user,
        unclaimed_client=unclaimed,
        status=EngagementStatus.ACTIVE if unclaimed else EngagementStatus.PROPOSED,
    )
    _apply_engagement_fields(engagement, fields)
    _save_new_engagement(engagement)
    _set_recruiters(engagement, recruiters if recruiters is not None else [user])
    if not unclaimed:
        transaction.on_commit(lambda: _notify_proposed(engagement, actor=user))
    return engagement


@transaction.atomic
def engagement_create_by_client(
    *, user, client: Company, agency: Company, **fields
) -> ClientEngagement:
    """The client's owner or admin engages an agency on the terms given: active at
    once (the client is the one to consent); the agency's owners and admins are
    notified and may end it. No recruiters are assigned until the agency does."""
    if client.kind != CompanyKind.EMPLOYER:
        raise ValidationError({"client": "Only an employer company engages agencies."})
    if not (user.is_staff or permissions.can_manage_client(user, client)):
        raise NotAllowed("Only owners and admins of the company can do this.")
    if not agency.is_agency:
        raise ValidationError({"agency": "Choose a recruiting agency."})
    Company.objects.select_for_update(of=("self",)).filter(pk=client.pk).first()
    now = timezone.now()
    engagement = ClientEngagement(
        agency=agency,
        client=client,
        created_by=user,
        status=EngagementStatus.ACTIVE,
        responded_at=now,
        responded_by=user,
    )
    _apply_engagement_fields(engagement, fields)
    _save_new_engagement(engagement)
    transaction.on_commit(
        lambda: _notify_engagement(
            engagement,
            recipients=_agency_managers(engagement.agency),
            title=f"{client.name} engaged {agency.name} as a recruiting agency",
            body=f"Terms: {engagement.terms_display}. Assign recruiters to start, "
            "or end the engagement if you do not take it on.",
            link=engagement.get_absolute_url(),
            actor=user,
        )
    )
    return engagement


def _locked_engagement(engagement) -> ClientEngagement:
    return (
        ClientEngagement.objects.select_for_update(of=("self",))
        .select_related("agency", "client")
        .get(pk=engagement.pk)
    )


@transaction.atomic
def engagement_update(
    *,
    user,
    engagement: ClientEngagement,
    status: str | None = None,
    recruiters=None,
    **fields,
) -> ClientEngagement:
    """Change terms, contact, recruiters, or pause/resume. Ending is
    `engagement_end`; an ended or declined engagement is read-only, and a
    proposal's terms are the ones the client is asked about: to change them,
    withdraw the proposal and propose again (only its recruiters may change)."""
    _require_agency_manager(user, engagement.agency)
    engagement = _locked_engagement(engagement)
    if not engagement.is_open:
        raise Conflict(ENDED_MESSAGE)
    if engagement.is_proposed and (fields or status is not None):
        raise Conflict(
            "The client has not answered this proposal yet: withdraw it and "
            "propose new terms instead."
        )
    if status is not None:
        if status not in (EngagementStatus.ACTIVE, EngagementStatus.PAUSED):
            raise ValidationError(
                {"status": "Choose active or paused (end it with “End”)."}
            )
        engagement.status = status
    if fields or status is not None:
        _apply_engagement_fields(engagement, fields)
        engagement.save()
    if recruiters is not None:
        _set_recruiters(engagement, recruiters)
    return engagement


def _agency_managers(agency):
    return [
        m.user
        for m in agency.memberships.filter(
            role__in=permissions.MANAGER_ROLES
        ).select_related("user")
    ]


def _client_managers(client):
    return [
        m.user
        for m in client.memberships.filter(
            role__in=permissions.MANAGER_ROLES
        ).select_related("user")
    ]


def _agency_side(engagement):
    """Who hears about the engagement on the agency's side: its owners and
    admins, its recruiters and whoever proposed it."""
    users = _agency_managers(engagement.agency) + list(engagement.recruiters.all())
    if engagement.created_by_id and permissions.is_agency_member(
        engagement.created_by, engagement.agency
    ):
        users.append(engagement.created_by)
    return users


def _notify_engagement(engagement, *, recipients, title, body, link, actor):
    notify(
        recipients=recipients,
        kind=NotificationKind.ENGAGEMENT,
        title=title,
        body=body,
        link=link,
        actor=actor,
    )


def _notify_proposed(engagement, *, actor):
    _notify_engagement(
        engagement,
        recipients=_client_managers(engagement.client),
        title=f"{engagement.agency.name} proposes to recruit for {engagement.client}",
        body=f"Terms: {engagement.terms_display}, guarantee "
        f"{engagement.guarantee_days} days. Until you accept, the agency cannot "
        "post jobs or submit candidates in your company's name.",
        link=reverse("recruiters:agency_engagements"),
        actor=actor,
    )


def _locked_proposal(user, engagement) -> ClientEngagement:
    if not (user.is_staff or permissions.can_answer_engagement(user, engagement)):
        raise NotAllowed(
            "Only owners and admins of the client company can answer a proposal."
        )
    engagement = _locked_engagement(engagement)
    if not engagement.is_proposed:
        raise Conflict("This proposal has already been answered or withdrawn.")
    return engagement


@transaction.atomic
def engagement_accept(*, user, engagement: ClientEngagement) -> ClientEngagement:
    """The client's owner or admin accepts the agency's proposal: the agency may
    now post jobs for the client and submit candidates to its jobs."""
    engagement = _locked_proposal(user, engagement)
    engagement.status = EngagementStatus.ACTIVE
    engagement.responded_at = timezone.now()
    engagement.responded_by = user
    engagement.save(
        update_fields=["status", "responded_at", "responded_by", "updated_at"]
    )
    transaction.on_commit(
        lambda: _notify_engagement(
            engagement,
            recipients=_agency_side(engagement),
            title=f"{engagement.client.name} accepted your engagement",
            body="You can now post jobs for the client and submit candidates.",
            link=engagement.get_absolute_url(),
            actor=user,
        )
    )
    return engagement


@transaction.atomic
def engagement_decline(*, user, engagement: ClientEngagement) -> ClientEngagement:
    engagement = _locked_proposal(user, engagement)
    engagement.status = EngagementStatus.DECLINED
    engagement.responded_at = timezone.now()
    engagement.responded_by = user
    engagement.save(
        update_fields=["status", "responded_at", "responded_by", "updated_at"]
    )
    transaction.on_commit(
        lambda: _notify_engagement(
            engagement,
            recipients=_agency_side(engagement),
            title=f"{engagement.client.name} declined your engagement",
            body="The agency cannot post jobs or submit candidates for this client.",
            link=engagement.get_absolute_url(),
            actor=user,
        )
    )
    return engagement


def _take_jobs_down(engagement, *, now) -> int:
    """Close the agency's published and paused jobs for the client (drafts were
    never public and stay drafts for the client's team). Returns how many."""
    closed = 0
    jobs = Job.objects.filter(
        agency=engagement.agency,
        company=engagement.client,
        status__in=[JobStatus.PUBLISHED, JobStatus.PAUSED],
    ).order_by("pk")
    for job in jobs:
        job_set_status(job=job, user=None, status=JobStatus.CLOSED, now=now)
        closed += 1
    return closed


@transaction.atomic
def engagement_end(*, user, engagement: ClientEngagement) -> ClientEngagement:
    """End an engagement from either side (or withdraw a proposal). The agency's
    open jobs for the client are closed, and the other side is notified."""
    if not (user.is_staff or permissions.can_end_engagement(user, engagement)):
        raise NotAllowed("Only owners and admins of either side can do this.")
    engagement = _locked_engagement(engagement)
    if not engagement.is_open:
        raise Conflict("This engagement has already ended.")
    now = timezone.now()
    was_proposed = engagement.is_proposed
    engagement.status = EngagementStatus.ENDED
    engagement.ended_at = now
    engagement.ended_by = user
    engagement.save(update_fields=["status", "ended_at", "ended_by", "updated_at"])
    closed = _take_jobs_down(engagement, now=now)
    agency, client = engagement.agency.name, engagement.client.name
    by_agency = permissions.can_manage_agency(user, engagement.agency)
    if permissions.can_manage_client(user, engagement.client):
        recipients = _agency_side(engagement)
        title = f"{client} ended the engagement with {agency}"
        link = engagement.get_absolute_url()
    elif not by_agency:  # staff, from the admin: both sides hear of it
        recipients = _agency_side(engagement) + _client_managers(engagement.client)
        title = f"HotGigs ended the engagement of {agency} with {client}"
        link = ""
    else:
        recipients = _client_managers(engagement.client)
        title = (
            f"{agency} withdrew its proposal to recruit for {client}"
            if was_proposed
            else f"{agency} ended its engagement with {client}"
        )
        link = reverse("recruiters:agency_engagements")
    body = (
        f"{closed} job(s) the agency ran for the client are closed." if closed else ""
    )
    transaction.on_commit(
        lambda: _notify_engagement(
            engagement,
            recipients=recipients,
            title=title,
            body=body,
            link=link,
            actor=user,
        )
    )
    return engagement


def _require_active(user, engagement) -> ClientEngagement:
    """Lock the engagement and check the user may act for it now."""
    if not permissions.is_agency_member(user, engagement.agency):
        raise NotAllowed("Only members of the agency can do this.")
    engagement = _locked_engagement(engagement)
    if engagement.status != EngagementStatus.ACTIVE:
        raise Conflict(ENDED_MESSAGE)
    return engagement


# --- jobs for clients ---------------------------------------------------------


@transaction.atomic
def job_create_for_client(
    *, user, engagement: ClientEngagement, data: dict, skills=None
) -> Job:
    """A draft job of the client company, run by the agency (``job.agency``)."""
    engagement = _require_active(user, engagement)
    return job_create(
        company=engagement.client,
        posted_by=user,
        data=data,
        skills=skills,
        acting_agency=engagement.agency,
    )


def engagement_for_job(job: Job) -> ClientEngagement | None:
    """The accepted (active or paused) engagement behind an agency's job, if any."""
    if job.agency_id is None:
        return None
    return (
        ClientEngagement.objects.filter(
            agency_id=job.agency_id,
            client_id=job.company_id,
            status__in=[EngagementStatus.ACTIVE, EngagementStatus.PAUSED],
        )
        .select_related("agency", "client")
        .first()
    )


def _require_active_for_job(user, job):
    engagement = engagement_for_job(job)
    if engagement is None:
        if job.agency_id and permissions.is_agency_member(user, job.agency):
            raise Conflict(ENDED_MESSAGE)
        raise NotAllowed("Only the agency running this job can do this.")
    return _require_active(user, engagement)


@transaction.atomic
def job_update_for_client(*, user, job: Job, data: dict, skills=None) -> Job:
    engagement = _require_active_for_job(user, job)
    return job_update(
        job=job, user=user, data=data, skills=skills, acting_agency=engagement.agency
    )


@transaction.atomic
def job_set_status_for_client(*, user, job: Job, status: str) -> Job:
    _require_active_for_job(user, job)
    # The agency's right was checked above; jobs' own check is company membership.
    return job_set_status(job=job, user=None, status=status)


# --- talent pool --------------------------------------------------------------


def normalise_phone(raw: str) -> str:
    """A phone number in E.164 (“+4930123456”), or "" when none is given."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError({"phone": "Enter a valid phone number."}) from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError({"phone": "Enter a valid phone number."})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _tags(agency, names) -> list[Tag]:
    if isinstance(names, str):
        names = names.split(",")
    clean = []
    for name in names or []:
        name = str(name).strip().lower()
        if not name:
            continue
        if len(name) > TAG_MAX_LENGTH:
            raise ValidationError(
                {"tags": f"A tag has at most {TAG_MAX_LENGTH} characters."}
            )
        if name not in clean:
            clean.append(name)
    if len(clean) > 30:
        raise ValidationError({"tags": "At most 30 tags."})
    return [Tag.objects.get_or_create(agency=agency, name=name)[0] for name in clean]


def _check_notes(notes):
    if len(notes or "") > NOTES_MAX_LENGTH:
        raise ValidationError({"notes": f"At most {NOTES_MAX_LENGTH} characters."})


UNKNOWN_CANDIDATE = "Unknown candidate."


def candidate_profile_for_agency(*, user, agency: Company, candidate_id):
    """The candidate profile behind ``candidate_id`` if ``user`` may put it into
    ``agency``'s pool or submit it, else None. A missing user, a user who is not
    a candidate, a candidate without a profile and a profile the agency may not
    see all give None, so callers answer them alike (no oracle of ids or roles).
    """
    profile = (
        CandidateProfile.objects.select_related("user")
        .filter(user_id=candidate_id)
        .first()
    )
    if profile is None or not permissions.can_pool_candidate(user, agency, profile):
        return None
    return profile


@transaction.atomic
def talent_pool_add(
    *,
    user,
    agency: Company,
    candidate,
    tags=(),
    notes: str = "",
    source: str = PoolSource.MANUAL,
    email: str | None = None,
    phone: str | None = None,
) -> TalentPoolEntry:
    """Put a platform candidate on the agency's list (once per agency).

    Only a candidate whose profile the recruiter may see, or who applied through
    or consented to the agency (``permissions.can_pool_candidate``); any other
    user id is refused exactly like a missing one. The profile's email and phone
    are copied only when ``permissions.can_copy_contact_details`` allows; the
    recruiter's own ``email``/``phone`` (what the candidate told them) are kept.
    """
    if not permissions.is_agency_member(user, agency):
        raise NotAllowed("Only members of the agency can add to its pool.")
    profile = candidate_profile_for_agency(
        user=user, agency=agency, candidate_id=getattr(candidate, "pk", None)
    )
    if profile is None:
        raise ValidationError({"candidate": UNKNOWN_CANDIDATE})
    if source not in PoolSource.values:
        raise ValidationError({"source": f"Unknown source “{source}”."})
    _check_notes(notes)
    may_copy = permissions.can_copy_contact_details(user, agency, profile)
    if email is None:
        email = candidate.email if may_copy else ""
    if phone is None:
        try:
            phone = normalise_phone(profile.phone) if may_copy else ""
        except ValidationError:
            phone = ""  # an unparseable profile number is simply not copied
    else:
        phone = normalise_phone(phone)
    if TalentPoolEntry.objects.filter(agency=agency, candidate=candidate).exists():
        raise Conflict(
            f"{candidate.full_name or 'This candidate'} is already in the pool."
        )
    entry = TalentPoolEntry(
        agency=agency,
        candidate=candidate,
        email=(email or "").strip().lower(),
        phone=phone,
        notes=(notes or "").strip(),
        source=source,
        added_by=user,
    )
    entry.full_clean(exclude=["agency", "candidate", "added_by"])
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise Conflict("This candidate is already in the pool.") from None
    entry.tags.set(_tags(agency, tags))
    return entry


@transaction.atomic
def talent_pool_update(
    *, user, entry: TalentPoolEntry, tags=None, notes=None, email=None, phone=None
) -> TalentPoolEntry:
    if not permissions.is_agency_member(user, entry.agency):
        raise NotAllowed("Only members of the agency can edit its pool.")
    entry = TalentPoolEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    if notes is not None:
        _check_notes(notes)
        entry.notes = notes.strip()
    if email is not None:
        entry.email = email.strip().lower()
    if phone is not None:
        entry.phone = normalise_phone(phone)
    entry.full_clean(exclude=["agency", "candidate", "added_by"])
    entry.save()
    if tags is not None:
        entry.tags.set(_tags(entry.agency, tags))
    return entry


@transaction.atomic
def talent_pool_remove(*, user, entry: TalentPoolEntry) -> None:
    if not permissions.is_agency_member(user, entry.agency):
        raise NotAllowed("Only members of the agency can edit its pool.")
    entry.delete()


def are_duplicates(a: TalentPoolEntry, b: TalentPoolEntry) -> bool:
    return (bool(a.email) and a.email == b.email) or (
        bool(a.phone) and a.phone == b.phone
    )


@transaction.atomic
def talent_pool_merge(
    *, user, keep: TalentPoolEntry, merge: TalentPoolEntry
) -> TalentPoolEntry:
    """Fold ``merge`` into ``keep``: tags united, notes appended, blank email/phone
    filled; ``merge`` is deleted. Only entries of one agency that share an email
    or phone (duplicates of one person) are merged."""
    if keep.pk == merge.pk:
        raise ValidationError({"merge": "Choose two different entries."})
    if keep.agency_id != merge.agency_id:
        raise ValidationError({"merge": "Both entries must be in the same pool."})
    if not permissions.is_agency_member(user, keep.agency):
        raise NotAllowed("Only members of the agency can edit its pool.")
    locked = {
        e.pk: e
        for e in TalentPoolEntry.objects.select_for_update(of=("self",))
        .filter(pk__in=[keep.pk, merge.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise Conflict("One of these entries no longer exists.")
    keep, merge = locked[keep.pk], locked[merge.pk]
    if not are_duplicates(keep, merge):
        raise ValidationError(
            {"merge": "Only entries with the same email or phone can be merged."}
        )
    tags = set(keep.tags.all()) | set(merge.tags.all())
    notes = [n for n in (keep.notes, merge.notes) if n]
    keep.notes = "\n\n".join(notes)
    keep.email = keep.email or merge.email
    keep.phone = keep.phone or merge.phone
    keep.save()
    keep.tags.set(tags)
    merge.delete()
    return keep


# --- submissions ----------------------------------------------------------------


def _already_in_pipeline(candidate, job) -> bool:
    return Application.objects.filter(job=job, candidate=candidate).exists()


def _name(user):
    return user.full_name or user.email


@transaction.atomic
def submission_create(
    *, user, engagement: ClientEngagement, job: Job, candidate, pitch: str = ""
) -> Submission:
    """Propose ``candidate`` for a client job; the candidate is asked to consent.

    Once per candidate per job: a candidate already in the job's pipeline, or with
    a pending/accepted submission to it, is refused (409).
    """
    pitch = (pitch or "").strip()
    if len(pitch) > PITCH_MAX_LENGTH:
        raise ValidationError({"pitch": f"At most {PITCH_MAX_LENGTH} characters."})
    if job.company_id != engagement.client_id:
        raise ValidationError({"job": "Choose a job of this client."})
    if not job.is_public:
        raise ValidationError({"job": "This job is not accepting applications."})
    engagement = _require_active(user, engagement)
    # Only a candidate the agency may see (as for the pool): anyone else is
    # refused like a missing id, and gets no request from an unknown agency.
    if (
        candidate_profile_for_agency(
            user=user, agency=engagement.agency, candidate_id=candidate.pk
        )
        is None
    ):
        raise ValidationError({"candidate": UNKNOWN_CANDIDATE})
    if _already_in_pipeline(candidate, job):
        raise Conflict(
            f"{_name(candidate)} is already in the pipeline for {job.title}."
        )
    if Submission.objects.filter(
        job=job,
        candidate=candidate,
        status__in=[SubmissionStatus.PENDING_CONSENT, SubmissionStatus.ACCEPTED],
    ).exists():
        raise Conflict(f"{_name(candidate)} has already been submitted to {job.title}.")
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                agency=engagement.agency,
                engagement=engagement,
                job=job,
                candidate=candidate,
                recruiter=user,
                pitch=pitch,
            )
    except IntegrityError:
        raise Conflict(
            f"{_name(candidate)} has already been submitted to {job.title}."
        ) from None
    transaction.on_commit(lambda: _notify_request(submission))
    return submission


def _notify_request(submission):
    notify(
        recipients=[submission.candidate],
        kind=NotificationKind.SUBMISSION_REQUEST,
        title=f"{submission.agency.name} would like to put you forward for "
        f"{submission.job.title}",
        body="Accept to apply through the agency, or decline.",
        link=reverse("recruiters:requests"),
        actor=submission.recruiter,
    )


def _locked_submission(submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related(
            "engagement", "job__company", "agency", "candidate", "recruiter"
        )
        .get(pk=submission.pk)
    )


@transaction.atomic
def submission_accept(*, user, submission: Submission) -> Submission:
    """The candidate consents: the application is created with source
    "recruiter" and the submitting recruiter."""
    if not permissions.can_answer_submission(user, submission):
        raise NotAllowed("Only the candidate can answer this request.")
    submission = _locked_submission(submission)
    if not submission.is_pending:
        raise Conflict("This request has already been answered.")
    if submission.engagement.status != EngagementStatus.ACTIVE:
        raise Conflict("The agency can no longer submit you for this job.")
    if _already_in_pipeline(submission.candidate, submission.job):
        raise Conflict("You are already in the pipeline for this job.")
    application = application_submit(
        candidate=submission.candidate,
        job=submission.job,
        cover_letter=submission.pitch,
        source=Source.RECRUITER,
        submitted_by=submission.recruiter,
    )
    submission.status = SubmissionStatus.ACCEPTED
    submission.application = application
    submission.responded_at = timezone.now()
    submission.save(
        update_fields=["status", "application", "responded_at", "updated_at"]
    )
    TalentPoolEntry.objects.get_or_create(
        agency=submission.agency,
        candidate=submission.candidate,
        defaults={
            "email": submission.candidate.email.lower(),
            "source": PoolSource.APPLIED,
            "added_by": submission.recruiter,
        },
    )
    return submission


@transaction.atomic
def submission_decline(*, user, submission: Submission) -> Submission:
    if not permissions.can_answer_submission(user, submission):
        raise NotAllowed("Only the candidate can answer this request.")
    submission = _locked_submission(submission)
    if not submission.is_pending:
        raise Conflict("This request has already been answered.")
    submission.status = SubmissionStatus.DECLINED
    submission.responded_at = timezone.now()
    submission.save(update_fields=["status", "responded_at", "updated_at"])
    return submission


@transaction.atomic
def submission_withdraw(*, user, submission: Submission) -> Submission:
    """The agency takes back a request the candidate has not answered yet."""
    if not permissions.is_agency_member(user, submission.agency):
        raise NotAllowed("Only members of the agency can do this.")
    submission = _locked_submission(submission)
    if not submission.is_pending:
        raise Conflict("Only a request waiting for the candidate can be withdrawn.")
    submission.status = SubmissionStatus.WITHDRAWN
    submission.save(update_fields=["status", "updated_at"])
    return submission


# --- placements -----------------------------------------------------------------


def _decimal(value, field, *, places=2, maximum=None):
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: "Enter a number."}) from None
    if not number.is_finite():
        raise ValidationError({field: "Enter a number."})
    if number < 0:
        raise ValidationError({field: "Enter an amount of zero or more."})
    if number.as_tuple().exponent < -places:
        raise ValidationError({field: f"At most {places} decimal places."})
    if maximum is not None and number > maximum:
        raise ValidationError({field: f"At most {maximum}."})
    if number >= Decimal("1e10"):
        raise ValidationError({field: "This amount is too large."})
    return number


def _currency(value, default):
    value = (value or default or "").strip().upper()
    if not is_currency_code(value):
        raise ValidationError({"currency": "Enter an ISO 4217 code, e.g. EUR."})
    return value


def _fee_from_terms(engagement, salary):
    return money.fee_for(
        fee_type=engagement.fee_type,
        fee_percent=engagement.fee_percent,
        flat_fee=engagement.flat_fee,
        salary=salary,
    )


def _placement_recipients(placement):
    users = list(placement.engagement.recruiters.all())
    if placement.submission and placement.submission.recruiter:
        users.append(placement.submission.recruiter)
    return users


def _notify_placement(placement, *, actor):
    notify(
        recipients=_placement_recipients(placement),
        kind=NotificationKind.PLACEMENT_RECORDED,
        title=f"Placement recorded: {_name(placement.candidate)} at "
        f"{placement.engagement.client.name}",
        body=f"{placement.job.title} — fee {placement.fee} {placement.currency}.",
        link=reverse("recruiters:placements"),
        actor=actor,
        about=placement.candidate,
    )


@transaction.atomic
def placement_create_from_application(
    *,
    user,
    application: Application,
    agreed_annual_salary=None,
    currency: str | None = None,
    start_date: datetime.date | None = None,
) -> Placement:
    """Record the placement for a hired application the agency submitted.

    The fee comes from the engagement's terms (see ``recruiters.money``); the whole
    commission goes to the submitting recruiter until splits are set. ``user`` is
    None for the reconciliation task.
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("job__company", "candidate")
        .get(pk=application.pk)
    )
    submission = (
        Submission.objects.filter(application=application)
        .select_related("engagement__agency", "engagement__client", "recruiter")
        .first()
    )
    if application.source != Source.RECRUITER or submission is None:
        raise ValidationError(
            {"application": "Only applications submitted by the agency are placed."}
        )
    engagement = submission.engagement
    if user is not None and not permissions.is_agency_member(user, engagement.agency):
        raise NotAllowed("Only members of the agency can record placements.")
    if application.stage != Stage.HIRED:
        raise Conflict("A placement is recorded once the candidate is hired.")
    if engagement.status == EngagementStatus.ENDED:
        raise Conflict(ENDED_MESSAGE)
    if Placement.objects.filter(application=application).exists():
        raise Conflict("This placement has already been recorded.")
    salary = _decimal(agreed_annual_salary, "agreed_annual_salary")
    if salary is None and engagement.fee_type == FeeType.PERCENT and user is not None:
        raise ValidationError(
            {"agreed_annual_salary": "Give the salary to compute the fee."}
        )
    placement = Placement(
        application=application,
        submission=submission,
        agency=engagement.agency,
        engagement=engagement,
        candidate=application.candidate,
        job=application.job,
        agreed_annual_salary=salary,
        currency=_currency(currency, engagement.currency),
        fee=_fee_from_terms(engagement, salary),
        start_date=start_date,
        created_by=user,
    )
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError:
        raise Conflict("This placement has already been recorded.") from None
    if submission.recruiter_id:
        PlacementSplit.objects.create(
            placement=placement,
            recruiter=submission.recruiter,
            percent=HUNDRED,
            amount=placement.fee,
        )
    transaction.on_commit(lambda: _notify_placement(placement, actor=user))
    return placement


def placements_reconcile() -> int:
    """Create pending placements for hired, agency-submitted applications without
    one (idempotent; run by beat). Returns how many were created."""
    missing = Application.objects.filter(
        stage=Stage.HIRED,
        source=Source.RECRUITER,
        submission__isnull=False,
        placement__isnull=True,
    ).exclude(submission__engagement__status=EngagementStatus.ENDED)
    created = 0
    for application in missing:
        try:
            placement_create_from_application(user=None, application=application)
        except (Conflict, ValidationError):
            continue
        created += 1
    return created


def _locked_placement(placement) -> Placement:
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("engagement", "agency")
        .get(pk=placement.pk)
    )


def _require_placement_manager(user, placement):
    if not (user.is_staff or permissions.can_manage_placement(user, placement)):
        raise NotAllowed("Only owners and admins of the agency can do this.")


def _recompute_splits(placement):
    splits = list(placement.splits.order_by("-percent", "id"))
    amounts = money.split_amounts(placement.fee, [s.percent for s in splits])
    for split, amount in zip(splits, amounts, strict=True):
        split.amount = amount
    PlacementSplit.objects.bulk_update(splits, ["amount"])


@transaction.atomic
def placement_update_terms(
    *,
    user,
    placement: Placement,
    agreed_annual_salary=None,
    currency=None,
    start_date=None,
) -> Placement:
    """Set salary / currency / start date; the fee is recomputed from the terms
    (dropping any earlier override)."""
    _require_placement_manager(user, placement)
    placement = _locked_placement(placement)
    if placement.status == PlacementStatus.CANCELLED:
        raise Conflict("A cancelled placement cannot change.")
    if agreed_annual_salary is not None:
        placement.agreed_annual_salary = _decimal(
            agreed_annual_salary, "agreed_annual_salary"
        )
    if currency is not None:
        placement.currency = _currency(currency, None)
    if start_date is not None:
        placement.start_date = start_date
    placement.fee = _fee_from_terms(
        placement.engagement, placement.agreed_annual_salary
    )
    placement.fee_override_reason = ""
    placement.save()
    _recompute_splits(placement)
    return placement


@transaction.atomic
def placement_update_fee(*, user, placement: Placement, fee, reason: str) -> Placement:
    """Override the computed fee; the reason is required and kept."""
    _require_placement_manager(user, placement)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the fee differs from the terms."})
    if len(reason) > NOTES_MAX_LENGTH:
        raise ValidationError({"reason": f"At most {NOTES_MAX_LENGTH} characters."})
    amount = _decimal(fee, "fee")
    if amount is None:
        raise ValidationError({"fee": "Enter the fee."})
    placement = _locked_placement(placement)
    if placement.status == PlacementStatus.CANCELLED:
        raise Conflict("A cancelled placement cannot change.")
    placement.fee = amount
    placement.fee_override_reason = reason
    placement.save(update_fields=["fee", "fee_override_reason", "updated_at"])
    _recompute_splits(placement)
    return placement


@transaction.atomic
def placement_set_splits(*, user, placement: Placement, splits) -> list[PlacementSplit]:
    """Replace the commission split: ``splits`` is [(recruiter, percent), …];
    every recruiter a member of the agency, once; percents sum to 100.00 exactly."""
    _require_placement_manager(user, placement)
    placement = _locked_placement(placement)
    if placement.status == PlacementStatus.CANCELLED:
        raise Conflict("A cancelled placement cannot change.")
    splits = list(splits)
    if not splits:
        raise ValidationError({"splits": "Give at least one recruiter's share."})
    member_ids = set(placement.agency.memberships.values_list("user_id", flat=True))
    seen, rows = set(), []
    for recruiter, percent in splits:
        if recruiter.pk not in member_ids:
            raise ValidationError(
                {"splits": "Every share goes to a member of the agency."}
            )
        if recruiter.pk in seen:
            raise ValidationError({"splits": "Each recruiter appears once."})
        seen.add(recruiter.pk)
        number = _decimal(percent, "splits", maximum=HUNDRED)
        if number is None or number <= 0:
            raise ValidationError({"splits": "Each share is more than 0 %."})
        rows.append((recruiter, number))
    total = sum((p for _, p in rows), Decimal("0"))
    if total != HUNDRED:
        raise ValidationError(
            {"splits": f"The shares add up to {money.to_cents(total)} %, not 100 %."}
        )
    rows.sort(key=lambda r: -r[1])
    amounts = money.split_amounts(placement.fee, [p for _, p in rows])
    placement.splits.all().delete()
    return PlacementSplit.objects.bulk_create(
        PlacementSplit(placement=placement, recruiter=r, percent=p, amount=a)
        for (r, p), a in zip(rows, amounts, strict=True)
    )


def is_fall_off(
    *, start_date, guarantee_days: int, cancelled_on: datetime.date
) -> bool:
    """A cancellation on or before the last day of the guarantee period (start date
    + guarantee_days) is a fall-off; one before the start date counts too. Without
    a start date there is nothing to guarantee: not a fall-off."""
    if start_date is None:
        return False
    return cancelled_on <= start_date + datetime.timedelta(days=guarantee_days)


@transaction.atomic
def placement_transition(
    *, user, placement: Placement, to_status: str, now=None
) -> Placement:
    _require_placement_manager(user, placement)
    if to_status not in PlacementStatus.values:
        raise ValidationError({"status": f"Unknown status “{to_status}”."})
    placement = _locked_placement(placement)
    current = PlacementStatus(placement.status)
    target = PlacementStatus(to_status)
    if target not in PLACEMENT_TRANSITIONS[current]:
        raise Conflict(
            f"A {current.label.lower()} placement cannot become {target.label.lower()}."
        )
    now = now or timezone.now()
    placement.status = target
    if target == PlacementStatus.INVOICED:
        placement.invoiced_at = now
    elif target == PlacementStatus.PAID:
        placement.paid_at = now
    else:
        placement.cancelled_at = now
        placement.is_fall_off = is_fall_off(
            start_date=placement.start_date,
            guarantee_days=placement.engagement.guarantee_days,
            cancelled_on=timezone.localdate(now),
        )
    placement.save()
    return placement
