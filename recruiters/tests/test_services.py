"""Recruiters services: engagements, jobs for clients, pool, submissions,
placements — given/when/then with the personas of conftest.py."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from companies.models import Company
from hotgigs.errors import Conflict
from jobs.models import Application, Job, Source, Stage
from jobs.services.applications import application_submit, application_transition
from jobs.tests.factories import JobFactory
from notifications.models import Notification, NotificationKind
from recruiters import services
from recruiters.models import (
    EngagementStatus,
    PlacementStatus,
    PoolSource,
    SubmissionStatus,
    TalentPoolEntry,
)

pytestmark = pytest.mark.django_db(transaction=False)


# --- engagements ---------------------------------------------------------------


def test_engagement_with_an_existing_client(engagement, rita, rex, agency, acme):
    assert engagement.agency == agency
    assert engagement.client == acme
    assert engagement.fee_percent == D("20.00")
    assert engagement.flat_fee is None
    assert engagement.status == EngagementStatus.ACTIVE
    assert set(engagement.recruiters.all()) == {rita, rex}


def test_engagement_with_a_new_unclaimed_client(rita, agency):
    engagement = services.engagement_create(
        user=rita,
        agency=agency,
        client_name="Initech Finance",
        fee_type="flat",
        flat_fee="7500.00",
        currency="usd",
    )
    client = engagement.client
    assert (client.name, client.slug, client.kind) == (
        "Initech Finance",
        "initech-finance",
        "employer",
    )
    assert client.memberships.count() == 0
    assert client.is_verified is False
    assert engagement.currency == "USD"
    assert engagement.fee_percent is None


def test_second_open_engagement_with_the_same_client_conflicts(engagement, rita):
    with pytest.raises(Conflict):
        services.engagement_create(
            user=rita,
            agency=engagement.agency,
            client=engagement.client,
            fee_type="percent",
            fee_percent="15",
        )


def test_after_ending_a_new_engagement_may_start(engagement, rita):
    services.engagement_end(user=rita, engagement=engagement)
    again = services.engagement_create(
        user=rita,
        agency=engagement.agency,
        client=engagement.client,
        fee_type="percent",
        fee_percent="15",
    )
    assert again.pk != engagement.pk


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"fee_type": "percent", "fee_percent": "100.01"}, "fee_percent"),
        ({"fee_type": "percent", "fee_percent": "-1"}, "fee_percent"),
        ({"fee_type": "percent", "fee_percent": "12.345"}, "fee_percent"),
        ({"fee_type": "percent"}, "fee_percent"),
        ({"fee_type": "flat"}, "flat_fee"),
        ({"fee_type": "bogus", "fee_percent": "10"}, "fee_type"),
        ({"fee_type": "flat", "flat_fee": "100", "currency": "XXQ"}, "currency"),
        (
            {"fee_type": "percent", "fee_percent": "5", "guarantee_days": 9999},
            "guarantee_days",
        ),
        ({"fee_type": "percent", "fee_percent": "5", "hacked": 1}, "hacked"),
    ],
)
def test_engagement_bad_terms_are_refused(rita, agency, acme, fields, error_field):
    with pytest.raises(ValidationError) as info:
        services.engagement_create(user=rita, agency=agency, client=acme, **fields)
    assert error_field in info.value.message_dict
    assert not agency.client_engagements.exists()


def test_client_must_be_an_employer(rita, agency, other_agency):
    with pytest.raises(ValidationError):
        services.engagement_create(
            user=rita,
            agency=agency,
            client=other_agency,
            fee_type="percent",
            fee_percent="5",
        )


def test_unclaimed_client_needs_a_name(rita, agency):
    with pytest.raises(ValidationError) as info:
        services.engagement_create(
            user=rita,
            agency=agency,
            client_name="  ",
            fee_type="percent",
            fee_percent="5",
        )
    assert "client_name" in info.value.message_dict


@pytest.mark.parametrize("persona", ["rex", "ivan", "olivia", "alice"])
def test_only_agency_managers_create_engagements(request, agency, acme, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.engagement_create(
            user=user, agency=agency, client=acme, fee_type="percent", fee_percent="5"
        )


def test_recruiters_on_an_engagement_are_agency_members(rita, agency, acme, ivan):
    with pytest.raises(ValidationError):
        services.engagement_create(
            user=rita,
            agency=agency,
            client=acme,
            fee_type="percent",
            fee_percent="5",
            recruiters=[ivan],
        )


def test_engagement_update_and_pause(engagement, rita):
    updated = services.engagement_update(
        user=rita, engagement=engagement, status="paused", fee_percent="22.50"
    )
    assert (updated.status, updated.fee_percent) == ("paused", D("22.50"))


def test_ended_engagement_is_read_only(engagement, rita):
    services.engagement_end(user=rita, engagement=engagement)
    with pytest.raises(Conflict):
        services.engagement_update(user=rita, engagement=engagement, fee_percent="5")
    with pytest.raises(Conflict):
        services.engagement_end(user=rita, engagement=engagement)


def test_update_cannot_end(engagement, rita):
    with pytest.raises(ValidationError):
        services.engagement_update(user=rita, engagement=engagement, status="ended")


# --- jobs for clients -----------------------------------------------------------


def test_recruiter_posts_a_job_for_the_client(engagement, rex):
    job = services.job_create_for_client(
        user=rex, engagement=engagement, data={"title": "Data Engineer"}
    )
    job.refresh_from_db()
    assert (job.company, job.agency, job.posted_by, job.status) == (
        engagement.client,
        engagement.agency,
        rex,
        "draft",
    )


@pytest.mark.parametrize("status", ["paused", "ended"])
def test_no_jobs_for_an_inactive_engagement(engagement, rita, status):
    if status == "ended":
        services.engagement_end(user=rita, engagement=engagement)
    else:
        services.engagement_update(user=rita, engagement=engagement, status=status)
    with pytest.raises(Conflict):
        services.job_create_for_client(
            user=rita, engagement=engagement, data={"title": "X"}
        )
    assert not Job.objects.filter(title="X").exists()


@pytest.mark.parametrize("persona", ["ivan", "olivia", "eve", "alice"])
def test_outsiders_cannot_post_for_the_client(request, engagement, persona):
    with pytest.raises(PermissionDenied):
        services.job_create_for_client(
            user=request.getfixturevalue(persona),
            engagement=engagement,
            data={"title": "X"},
        )


def test_recruiter_edits_and_publishes_the_client_job(engagement, rita):
    job = services.job_create_for_client(
        user=rita, engagement=engagement, data={"title": "Data Engineer"}
    )
    job = services.job_update_for_client(
        user=rita, job=job, data={"description": "<p>Build pipelines.</p>"}
    )
    assert job.description == "<p>Build pipelines.</p>"
    services.engagement_end(user=rita, engagement=engagement)
    with pytest.raises(Conflict):
        services.job_update_for_client(user=rita, job=job, data={"title": "Y"})
    with pytest.raises(Conflict):
        services.job_set_status_for_client(user=rita, job=job, status="published")


def test_outsider_cannot_edit_a_client_job(client_job, ivan):
    with pytest.raises(PermissionDenied):
        services.job_update_for_client(user=ivan, job=client_job, data={"title": "Y"})


# --- talent pool ----------------------------------------------------------------


def test_pool_add_copies_contact_and_tags(rita, agency, alice):
    alice.candidate_profile.phone = "030 1234567"
    alice.candidate_profile.save(update_fields=["phone"])
    entry = services.talent_pool_add(
        user=rita,
        agency=agency,
        candidate=alice,
        tags="Python, shortlist,python",
        notes=" Strong ",
    )
    assert entry.email == "alice@example.com"
    assert entry.phone == "+49301234567"
    assert sorted(t.name for t in entry.tags.all()) == ["python", "shortlist"]
    assert entry.notes == "Strong"
    assert entry.source == PoolSource.MANUAL


def test_pool_add_twice_conflicts(rita, agency, alice):
    services.talent_pool_add(user=rita, agency=agency, candidate=alice)
    with pytest.raises(Conflict):
        services.talent_pool_add(user=rita, agency=agency, candidate=alice)


def test_pool_add_refuses_non_candidates_bad_phone_and_outsiders(
    rita, ivan, agency, alice, olivia
):
    with pytest.raises(ValidationError):
        services.talent_pool_add(user=rita, agency=agency, candidate=olivia)
    with pytest.raises(ValidationError):
        services.talent_pool_add(user=rita, agency=agency, candidate=alice, phone="abc")
    with pytest.raises(PermissionDenied):
        services.talent_pool_add(user=ivan, agency=agency, candidate=alice)
    assert not TalentPoolEntry.objects.exists()


def test_duplicates_by_phone_are_detected_and_merged(rita, agency, alice, bob):
    from recruiters.selectors import pool_duplicates

    a = services.talent_pool_add(
        user=rita,
        agency=agency,
        candidate=alice,
        phone="+49 30 1234567",
        tags=["a"],
        notes="one",
    )
    b = services.talent_pool_add(
        user=rita,
        agency=agency,
        candidate=bob,
        phone="030/1234567",
        tags=["b"],
        notes="two",
    )
    assert [[e.pk for e in g] for g in pool_duplicates(agency)] == [[a.pk, b.pk]]
    kept = services.talent_pool_merge(user=rita, keep=a, merge=b)
    assert kept.notes == "one\n\ntwo"
    assert sorted(t.name for t in kept.tags.all()) == ["a", "b"]
    assert list(TalentPoolEntry.objects.values_list("pk", flat=True)) == [a.pk]
    assert pool_duplicates(agency) == []


def test_duplicates_by_email(rita, agency, alice, bob):
    a = services.talent_pool_add(user=rita, agency=agency, candidate=alice)
    b = services.talent_pool_add(
        user=rita, agency=agency, candidate=bob, email="ALICE@example.com"
    )
    assert services.are_duplicates(a, b)


def test_merge_refuses_non_duplicates_and_outsiders(rita, ivan, agency, alice, bob):
    a = services.talent_pool_add(user=rita, agency=agency, candidate=alice)
    b = services.talent_pool_add(user=rita, agency=agency, candidate=bob)
    with pytest.raises(ValidationError):
        services.talent_pool_merge(user=rita, keep=a, merge=b)
    with pytest.raises(ValidationError):
        services.talent_pool_merge(user=rita, keep=a, merge=a)
    with pytest.raises(PermissionDenied):
        b.email = a.email
        b.save()
        services.talent_pool_merge(user=ivan, keep=a, merge=b)
    assert TalentPoolEntry.objects.count() == 2


# --- submissions ----------------------------------------------------------------


def test_submission_asks_the_candidate(submission, alice, rita):
    assert submission.status == SubmissionStatus.PENDING_CONSENT
    assert submission.application is None
    note = Notification.objects.get(recipient=alice)
    assert note.kind == NotificationKind.SUBMISSION_REQUEST
    assert (
        note.title == "Hire Partners would like to put you forward for Backend Engineer"
    )
    assert note.link == "/recruiter-requests/"
    assert not Application.objects.exists()


def test_accept_creates_the_recruiter_application(submission, alice, rita, agency):
    accepted = services.submission_accept(user=alice, submission=submission)
    application = accepted.application
    assert accepted.status == SubmissionStatus.ACCEPTED
    assert (application.source, application.submitted_by, application.stage) == (
        Source.RECRUITER,
        rita,
        Stage.APPLIED,
    )
    assert application.cover_letter == "Great"
    entry = TalentPoolEntry.objects.get(agency=agency, candidate=alice)
    assert entry.source == PoolSource.APPLIED
    with pytest.raises(Conflict):
        services.submission_accept(user=alice, submission=submission)


def test_decline(submission, alice):
    declined = services.submission_decline(user=alice, submission=submission)
    assert declined.status == SubmissionStatus.DECLINED
    assert not Application.objects.exists()
    with pytest.raises(Conflict):
        services.submission_accept(user=alice, submission=submission)


@pytest.mark.parametrize("persona", ["bob", "rita", "olivia", "sam"])
def test_only_the_candidate_answers(request, submission, persona):
    with pytest.raises(PermissionDenied):
        services.submission_accept(
            user=request.getfixturevalue(persona), submission=submission
        )


def test_once_per_candidate_per_job(submission, rex, engagement, client_job, alice):
    with pytest.raises(Conflict) as info:
        services.submission_create(
            user=rex, engagement=engagement, job=client_job, candidate=alice
        )
    assert str(info.value.detail) == (
        "Alice Candidate has already been submitted to Backend Engineer."
    )


def test_after_decline_the_candidate_may_be_submitted_again(
    submission, alice, rex, engagement, client_job
):
    services.submission_decline(user=alice, submission=submission)
    again = services.submission_create(
        user=rex, engagement=engagement, job=client_job, candidate=alice
    )
    assert again.status == SubmissionStatus.PENDING_CONSENT


def test_candidate_already_in_pipeline_is_refused_at_submission(
    engagement, client_job, rita, bob
):
    application_submit(candidate=bob, job=client_job)
    with pytest.raises(Conflict) as info:
        services.submission_create(
            user=rita, engagement=engagement, job=client_job, candidate=bob
        )
    assert str(info.value.detail) == (
        "Bob Candidate is already in the pipeline for Backend Engineer."
    )


def test_candidate_who_applied_meanwhile_is_refused_at_accept(
    submission, alice, client_job
):
    application_submit(candidate=alice, job=client_job)
    with pytest.raises(Conflict) as info:
        services.submission_accept(user=alice, submission=submission)
    assert str(info.value.detail) == "You are already in the pipeline for this job."
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING_CONSENT
    assert Application.objects.get().source == Source.DIRECT


def test_ended_engagement_refuses_submission_and_acceptance(
    submission, engagement, rita, alice, bob, client_job
):
    services.engagement_end(user=rita, engagement=engagement)
    with pytest.raises(Conflict):
        services.submission_create(
            user=rita, engagement=engagement, job=client_job, candidate=bob
        )
    with pytest.raises(Conflict):
        services.submission_accept(user=alice, submission=submission)
    assert not Application.objects.exists()


@pytest.mark.parametrize("persona", ["ivan", "olivia", "eve", "alice"])
def test_outsiders_cannot_submit(request, engagement, client_job, bob, persona):
    with pytest.raises(PermissionDenied):
        services.submission_create(
            user=request.getfixturevalue(persona),
            engagement=engagement,
            job=client_job,
            candidate=bob,
        )


def test_submission_bad_input(engagement, client_job, rita, olivia, globex, bob):
    with pytest.raises(ValidationError):
        services.submission_create(
            user=rita, engagement=engagement, job=client_job, candidate=olivia
        )
    with pytest.raises(ValidationError):
        services.submission_create(
            user=rita,
            engagement=engagement,
            job=client_job,
            candidate=bob,
            pitch="x" * 5001,
        )
    other_job = JobFactory(company=globex, published=True)
    with pytest.raises(ValidationError):
        services.submission_create(
            user=rita, engagement=engagement, job=other_job, candidate=bob
        )
    draft = JobFactory(company=engagement.client)
    with pytest.raises(ValidationError):
        services.submission_create(
            user=rita, engagement=engagement, job=draft, candidate=bob
        )


def test_withdraw(submission, rex, ivan):
    with pytest.raises(PermissionDenied):
        services.submission_withdraw(user=ivan, submission=submission)
    assert (
        services.submission_withdraw(user=rex, submission=submission).status
        == "withdrawn"
    )


# --- placements -----------------------------------------------------------------


def test_placement_from_hired_application(placement, rita, rex, hired):
    assert placement.fee == D("17000.00")
    assert placement.agreed_annual_salary == D("85000.00")
    assert placement.currency == "EUR"
    assert placement.status == PlacementStatus.PENDING
    assert [(s.recruiter, s.percent, s.amount) for s in placement.splits.all()] == [
        (rita, D("100.00"), D("17000.00"))
    ]
    notes = Notification.objects.filter(kind=NotificationKind.PLACEMENT_RECORDED)
    # rita recorded it, so only rex (also on the engagement) is told.
    assert [(n.recipient, n.title) for n in notes] == [
        (rex, "Placement recorded: Alice Candidate at Acme")
    ]


def test_placement_fee_to_the_cent(hired, rita, engagement):
    services.engagement_update(user=rita, engagement=engagement, fee_percent="18.5")
    placement = services.placement_create_from_application(
        user=rita, application=hired, agreed_annual_salary="123456.78"
    )
    assert placement.fee == D("22839.50")


def test_placement_needs_hired_and_once(submission, alice, rita, olivia):
    accepted = services.submission_accept(user=alice, submission=submission)
    with pytest.raises(Conflict):
        services.placement_create_from_application(
            user=rita, application=accepted.application, agreed_annual_salary="1"
        )
    application_transition(
        application=accepted.application, to_stage="hired", actor=olivia
    )
    services.placement_create_from_application(
        user=rita, application=accepted.application, agreed_annual_salary="1"
    )
    with pytest.raises(Conflict):
        services.placement_create_from_application(
            user=rita, application=accepted.application, agreed_annual_salary="1"
        )


def test_placement_bad_input_and_outsiders(hired, rita, ivan, olivia, client_job, bob):
    for salary in ("abc", "-5", "1.234", "NaN", "1e12"):
        with pytest.raises(ValidationError):
            services.placement_create_from_application(
                user=rita, application=hired, agreed_annual_salary=salary
            )
    with pytest.raises(ValidationError):
        services.placement_create_from_application(user=rita, application=hired)
    for persona in (ivan, olivia):
        with pytest.raises(PermissionDenied):
            services.placement_create_from_application(
                user=persona, application=hired, agreed_annual_salary="1"
            )
    direct = application_submit(candidate=bob, job=client_job)
    with pytest.raises(ValidationError):
        services.placement_create_from_application(
            user=rita, application=direct, agreed_annual_salary="1"
        )
    assert not hired.job.placements.exists()


def test_reconcile_creates_missing_placements_once(hired):
    assert services.placements_reconcile() == 1
    assert services.placements_reconcile() == 0
    placement = hired.placement
    assert (placement.fee, placement.agreed_annual_salary, placement.created_by) == (
        D("0.00"),
        None,
        None,
    )


def test_fee_override_needs_a_reason(placement, rita, rex):
    with pytest.raises(ValidationError):
        services.placement_update_fee(
            user=rita, placement=placement, fee="15000", reason=" "
        )
    with pytest.raises(ValidationError):
        services.placement_update_fee(
            user=rita, placement=placement, fee="x", reason="r"
        )
    with pytest.raises(PermissionDenied):
        services.placement_update_fee(
            user=rex, placement=placement, fee="1", reason="r"
        )
    updated = services.placement_update_fee(
        user=rita, placement=placement, fee="15000.00", reason="Discount agreed"
    )
    assert (updated.fee, updated.fee_override_reason) == (
        D("15000.00"),
        "Discount agreed",
    )
    assert [s.amount for s in updated.splits.all()] == [D("15000.00")]


def test_update_terms_recomputes_the_fee(placement, rita):
    services.placement_update_fee(user=rita, placement=placement, fee="1", reason="r")
    updated = services.placement_update_terms(
        user=rita, placement=placement, agreed_annual_salary="90000"
    )
    assert (updated.fee, updated.fee_override_reason) == (D("18000.00"), "")


def test_splits_sum_to_the_fee(placement, rita, rex, agency):
    from accounts.tests.factories import UserFactory
    from companies.tests.factories import MembershipFactory

    third = UserFactory(role="recruiter", full_name="Third")
    MembershipFactory(company=agency, user=third)
    services.placement_update_fee(
        user=rita, placement=placement, fee="1000.00", reason="r"
    )
    splits = services.placement_set_splits(
        user=rita,
        placement=placement,
        splits=[(rita, "33.33"), (rex, "33.33"), (third, "33.34")],
    )
    assert [(s.recruiter, s.percent, s.amount) for s in splits] == [
        (third, D("33.34"), D("333.40")),
        (rita, D("33.33"), D("333.30")),
        (rex, D("33.33"), D("333.30")),
    ]


@pytest.mark.parametrize(
    "shares",
    [
        [("rita", "50"), ("rex", "49.99")],
        [("rita", "50"), ("rex", "50.01")],
        [("rita", "100"), ("rita", "0")],
        [("rita", "0"), ("rex", "100")],
        [("rita", "-10"), ("rex", "110")],
        [("rita", "50.001"), ("rex", "49.999")],
        [("rita", "abc")],
        [("ivan", "100")],
        [],
    ],
)
def test_bad_splits_are_refused(request, placement, rita, shares):
    splits = [(request.getfixturevalue(name), p) for name, p in shares]
    with pytest.raises(ValidationError):
        services.placement_set_splits(user=rita, placement=placement, splits=splits)
    assert [(s.percent, s.amount) for s in placement.splits.all()] == [
        (D("100.00"), D("17000.00"))
    ]


def test_status_path(placement, rita):
    services.placement_transition(user=rita, placement=placement, to_status="invoiced")
    with pytest.raises(Conflict):
        services.placement_transition(
            user=rita, placement=placement, to_status="pending"
        )
    paid = services.placement_transition(
        user=rita, placement=placement, to_status="paid"
    )
    assert paid.status == "paid"
    assert paid.invoiced_at is not None and paid.paid_at is not None
    with pytest.raises(ValidationError):
        services.placement_transition(user=rita, placement=placement, to_status="lost")


def _cancel_on(placement, user, day):
    now = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    return services.placement_transition(
        user=user, placement=placement, to_status="cancelled", now=now
    )


@pytest.mark.parametrize(
    ("day", "fall_off"),
    [
        (datetime.date(2026, 1, 5), True),  # on the start date
        (datetime.date(2026, 4, 5), True),  # start + 90 days: last guaranteed day
        (datetime.date(2026, 4, 6), False),  # day 91
        (datetime.date(2025, 12, 20), True),  # before starting
    ],
)
def test_fall_off_inside_and_outside_the_guarantee(placement, rita, day, fall_off):
    cancelled = _cancel_on(placement, rita, day)
    assert (cancelled.status, cancelled.is_fall_off) == ("cancelled", fall_off)
    with pytest.raises(Conflict):
        services.placement_transition(user=rita, placement=placement, to_status="paid")


def test_ended_engagement_refuses_new_placements(hired, engagement, rita):
    services.engagement_end(user=rita, engagement=engagement)
    with pytest.raises(Conflict):
        services.placement_create_from_application(
            user=rita, application=hired, agreed_annual_salary="1"
        )
    assert services.placements_reconcile() == 0


def test_unclaimed_company_is_a_plain_employer(rita, agency):
    engagement = services.engagement_create(
        user=rita,
        agency=agency,
        client_name="Acme",
        fee_type="percent",
        fee_percent="5",
    )
    assert Company.objects.filter(name="Acme").count() == 1
    assert engagement.client.slug == "acme"
