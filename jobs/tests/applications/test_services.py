"""Services of applications: submit, every allowed and refused move, withdrawal,
notes, ratings, and the notifications they schedule on commit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hotgigs.errors import Conflict
from jobs.models import (
    CANDIDATE_REJECTION_TEXT,
    Application,
    ApplicationEvent,
    ApplicationRating,
    Stage,
)
from jobs.services.applications import (
    application_bulk_transition,
    application_note_add,
    application_rating_set,
    application_submit,
    application_transition,
    application_withdraw,
)
from jobs.tests.applications.conftest import make_application, make_document
from notifications.models import Notification

S = Stage
ALLOWED = [
    (S.APPLIED, S.SCREENING),
    (S.APPLIED, S.INTERVIEW),
    (S.APPLIED, S.OFFER),
    (S.APPLIED, S.HIRED),
    (S.APPLIED, S.REJECTED),
    (S.SCREENING, S.INTERVIEW),
    (S.SCREENING, S.OFFER),
    (S.SCREENING, S.HIRED),
    (S.SCREENING, S.REJECTED),
    (S.INTERVIEW, S.OFFER),
    (S.INTERVIEW, S.HIRED),
    (S.INTERVIEW, S.REJECTED),
    (S.OFFER, S.HIRED),
    (S.OFFER, S.REJECTED),
]
TEAM_TARGETS = [s for s in Stage if s != S.WITHDRAWN]
REFUSED = [
    (src, dst) for src in Stage for dst in TEAM_TARGETS if (src, dst) not in ALLOWED
]


# ——— submit ——————————————————————————————————————————————————————————————————


def test_submit_creates_application_event_snapshot_and_notifies_team(
    acme_job, alice, alice_resume, olivia, tom, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            candidate=alice, job=acme_job, cover_letter="  Hello  "
        )

    application.refresh_from_db()
    assert application.stage == "applied"
    assert application.cover_letter == "Hello"
    # The default resume was used, as a frozen snapshot of it.
    assert application.resume.is_snapshot is True
    assert application.resume.snapshot_of_id == alice_resume.pk
    assert application.resume.owner_id == alice.pk
    events = list(application.events.values_list("from_stage", "to_stage", "actor"))
    assert events == [("", "applied", alice.pk)]
    notified = Notification.objects.order_by("recipient__email")
    assert [(n.recipient.email, n.kind, n.title) for n in notified] == [
        ("olivia@acme.test", "new_application", "New application for Backend Engineer"),
        ("tom@acme.test", "new_application", "New application for Backend Engineer"),
    ]


def test_submit_notifies_nobody_when_rolled_back(
    acme_job, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application_submit(candidate=alice, job=acme_job)
    assert callbacks  # scheduled, never run: the transaction did not commit
    assert Notification.objects.count() == 0


def test_submit_with_chosen_resume_and_cover_document(acme_job, alice, alice_resume):
    other = make_document(alice, name="Other CV")
    cover = make_document(alice, kind="cover_letter", name="Letter")

    application = application_submit(
        candidate=alice, job=acme_job, resume=other, cover_letter_document=cover
    )

    assert application.resume.snapshot_of_id == other.pk
    assert application.cover_letter_document.snapshot_of_id == cover.pk
    assert application.cover_letter_document.is_snapshot is True


def test_submit_without_any_resume(acme_job, bob):
    application = application_submit(candidate=bob, job=acme_job)
    assert application.resume_id is None


def test_submit_twice_is_a_conflict(acme_job, alice):
    application_submit(candidate=alice, job=acme_job)
    with pytest.raises(Conflict):
        application_submit(candidate=alice, job=acme_job)
    assert Application.objects.count() == 1


def test_submit_to_closed_job_is_refused(closed_job, alice):
    with pytest.raises(ValidationError) as info:
        application_submit(candidate=alice, job=closed_job)
    assert info.value.message_dict == {
        "job": ["This job is not accepting applications."]
    }
    assert Application.objects.count() == 0


def test_submit_to_expired_job_is_refused(acme_job, alice):
    from django.utils import timezone

    acme_job.expires_at = timezone.now()
    acme_job.save()
    with pytest.raises(ValidationError):
        application_submit(candidate=alice, job=acme_job)


def test_submit_with_someone_elses_resume_is_refused(acme_job, alice, bob):
    bobs = make_document(bob, is_default=True)
    with pytest.raises(ValidationError) as info:
        application_submit(candidate=alice, job=acme_job, resume=bobs)
    assert info.value.message_dict == {"resume": ["Choose one of your own documents."]}
    assert Application.objects.count() == 0


def test_submit_with_a_portfolio_as_resume_is_refused(acme_job, alice):
    portfolio = make_document(alice, kind="portfolio")
    with pytest.raises(ValidationError):
        application_submit(candidate=alice, job=acme_job, resume=portfolio)


def test_employer_cannot_apply(acme_job, eve):
    with pytest.raises(ValidationError) as info:
        application_submit(candidate=eve, job=acme_job)
    assert info.value.messages == ["Only candidates can apply to jobs."]


def test_submit_unknown_source_is_refused(acme_job, alice):
    with pytest.raises(ValidationError):
        application_submit(candidate=alice, job=acme_job, source="spam")


# ——— transitions —————————————————————————————————————————————————————————————


@pytest.mark.parametrize(("src", "dst"), ALLOWED, ids=lambda s: str(s))
def test_allowed_transition(acme_job, alice, olivia, src, dst):
    application = make_application(acme_job, alice, stage=src)
    reason = "skills" if dst == S.REJECTED else None

    moved = application_transition(
        application=application,
        to_stage=dst,
        actor=olivia,
        note="Looks good",
        rejection_reason=reason,
    )

    application.refresh_from_db()
    assert application.stage == dst
    assert moved.stage == dst
    last = application.events.last()
    assert (last.from_stage, last.to_stage, last.actor_id, last.note) == (
        src,
        dst,
        olivia.pk,
        "Looks good",
    )
    assert application.stage_changed_at == last.created_at


@pytest.mark.parametrize(("src", "dst"), REFUSED, ids=lambda s: str(s))
def test_refused_transition(acme_job, alice, olivia, src, dst):
    application = make_application(acme_job, alice, stage=src)
    before = ApplicationEvent.objects.count()
    reason = "skills" if dst == S.REJECTED else None

    with pytest.raises(Conflict):
        application_transition(
            application=application, to_stage=dst, actor=olivia, rejection_reason=reason
        )

    application.refresh_from_db()
    assert application.stage == src
    assert ApplicationEvent.objects.count() == before


@pytest.mark.parametrize("src", list(Stage))
def test_team_can_never_withdraw(acme_job, alice, olivia, src):
    application = make_application(acme_job, alice, stage=src)
    with pytest.raises(ValidationError) as info:
        application_transition(
            application=application, to_stage="withdrawn", actor=olivia
        )
    assert info.value.message_dict == {
        "to_stage": ["Only the candidate can withdraw an application."]
    }


@pytest.mark.parametrize("reason", [None, "", "because"])
def test_rejection_needs_a_reason_from_the_list(alice_application, olivia, reason):
    with pytest.raises(ValidationError) as info:
        application_transition(
            application=alice_application,
            to_stage="rejected",
            actor=olivia,
            rejection_reason=reason,
        )
    assert "rejection_reason" in info.value.message_dict
    alice_application.refresh_from_db()
    assert alice_application.stage == "applied"


def test_unknown_stage_is_refused(alice_application, olivia):
    with pytest.raises(ValidationError) as info:
        application_transition(
            application=alice_application, to_stage="nope", actor=olivia
        )
    assert info.value.message_dict == {"to_stage": ["Unknown stage “nope”."]}


def test_stage_change_notifies_the_candidate_on_commit(
    alice_application, olivia, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=alice_application, to_stage="interview", actor=olivia
        )
    assert [(n.recipient_id, n.kind, n.title) for n in Notification.objects.all()] == [
        (
            alice.pk,
            "stage_changed",
            "Your application for Backend Engineer moved to Interview",
        )
    ]


def test_rejection_tells_the_candidate_politely_without_the_reason(
    alice_application, olivia, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=alice_application,
            to_stage="rejected",
            actor=olivia,
            rejection_reason="salary",
            rejection_note="Asked for too much",
        )
    notification = Notification.objects.get()
    assert notification.kind == "rejection"
    assert notification.body == CANDIDATE_REJECTION_TEXT
    assert "salary" not in notification.body.lower()
    assert "too much" not in notification.body
    alice_application.refresh_from_db()
    assert alice_application.rejection_reason == "salary"
    assert alice_application.rejection_note == "Asked for too much"


def test_rejection_without_telling_the_candidate(
    alice_application, olivia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=alice_application,
            to_stage="rejected",
            actor=olivia,
            rejection_reason="skills",
            notify_candidate=False,
        )
    assert Notification.objects.count() == 0


# ——— bulk ————————————————————————————————————————————————————————————————————


def test_bulk_move_skips_applications_whose_stage_forbids_it(
    acme_job, olivia, alice, bob
):
    from accounts.tests.factories import UserFactory

    a = make_application(acme_job, alice)
    b = make_application(acme_job, bob, stage=S.HIRED)
    c = make_application(
        acme_job, UserFactory(email="carl@example.com"), stage=S.SCREENING
    )

    moved, skipped = application_bulk_transition(
        job=acme_job,
        application_ids=[a.pk, b.pk, c.pk],
        to_stage="interview",
        actor=olivia,
    )

    assert sorted(x.pk for x in moved) == [a.pk, c.pk]
    assert [x.pk for x in skipped] == [b.pk]
    assert dict(Application.objects.values_list("pk", "stage")) == {
        a.pk: "interview",
        b.pk: "hired",
        c.pk: "interview",
    }


def test_bulk_reject_needs_a_reason(acme_job, olivia, alice):
    a = make_application(acme_job, alice)
    with pytest.raises(ValidationError):
        application_bulk_transition(
            job=acme_job, application_ids=[a.pk], to_stage="rejected", actor=olivia
        )
    moved, _ = application_bulk_transition(
        job=acme_job,
        application_ids=[a.pk],
        to_stage="rejected",
        rejection_reason="position_filled",
        actor=olivia,
    )
    assert [(x.stage, x.rejection_reason) for x in moved] == [
        ("rejected", "position_filled")
    ]


def test_bulk_refuses_applications_of_another_job(
    acme_job, globex_job, olivia, alice, bob
):
    a = make_application(acme_job, alice)
    foreign = make_application(globex_job, bob)
    with pytest.raises(ValidationError):
        application_bulk_transition(
            job=acme_job,
            application_ids=[a.pk, foreign.pk],
            to_stage="screening",
            actor=olivia,
        )
    assert set(Application.objects.values_list("stage", flat=True)) == {"applied"}


def test_bulk_with_nothing_selected(acme_job, olivia):
    with pytest.raises(ValidationError):
        application_bulk_transition(
            job=acme_job, application_ids=[], to_stage="screening", actor=olivia
        )


# ——— withdraw ————————————————————————————————————————————————————————————————


@pytest.mark.parametrize("src", [S.APPLIED, S.SCREENING, S.INTERVIEW, S.OFFER])
def test_candidate_withdraws_an_open_application(
    acme_job, alice, olivia, tom, src, django_capture_on_commit_callbacks
):
    application = make_application(acme_job, alice, stage=src)
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(
            application=application, candidate=alice, reason="Took another job"
        )
    application.refresh_from_db()
    assert (application.stage, application.withdrawal_reason) == (
        "withdrawn",
        "Took another job",
    )
    last = application.events.last()
    assert (last.from_stage, last.to_stage, last.actor_id) == (
        src,
        "withdrawn",
        alice.pk,
    )
    assert sorted(Notification.objects.values_list("recipient__email", flat=True)) == [
        "olivia@acme.test",
        "tom@acme.test",
    ]


@pytest.mark.parametrize("src", [S.HIRED, S.REJECTED, S.WITHDRAWN])
def test_closed_application_cannot_be_withdrawn(acme_job, alice, src):
    application = make_application(acme_job, alice, stage=src)
    with pytest.raises(Conflict):
        application_withdraw(application=application, candidate=alice)
    application.refresh_from_db()
    assert application.stage == src


def test_only_the_candidate_withdraws(alice_application, bob):
    with pytest.raises(PermissionDenied):
        application_withdraw(application=alice_application, candidate=bob)
    alice_application.refresh_from_db()
    assert alice_application.stage == "applied"


# ——— notes and ratings ———————————————————————————————————————————————————————


def test_note_add_and_blank_note(alice_application, tom):
    note = application_note_add(
        application=alice_application, author=tom, body=" Strong "
    )
    assert (note.body, note.author_id) == ("Strong", tom.pk)
    with pytest.raises(ValidationError):
        application_note_add(application=alice_application, author=tom, body="   ")
    with pytest.raises(ValidationError):
        application_note_add(
            application=alice_application, author=tom, body="x" * 10_001
        )


def test_rating_is_one_per_rater_and_replaced(alice_application, tom, olivia):
    application_rating_set(application=alice_application, rater=tom, score=2)
    application_rating_set(application=alice_application, rater=tom, score=4)
    application_rating_set(application=alice_application, rater=olivia, score=5)
    assert sorted(ApplicationRating.objects.values_list("rater__email", "score")) == [
        ("olivia@acme.test", 5),
        ("tom@acme.test", 4),
    ]
    from jobs.selectors.applications import applications_for_team

    assert applications_for_team(tom).get().average_rating == 4.5


@pytest.mark.parametrize("score", [0, 6, "3", 2.5, True, None])
def test_rating_out_of_range_is_refused(alice_application, tom, score):
    with pytest.raises(ValidationError):
        application_rating_set(application=alice_application, rater=tom, score=score)
    assert ApplicationRating.objects.count() == 0


def test_rating_check_constraint_in_the_database(alice_application, tom):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ApplicationRating.objects.create(
            application=alice_application, rater=tom, score=9
        )


# ——— documents and privacy ———————————————————————————————————————————————————


def test_team_may_download_the_snapshot_outsiders_may_not(
    acme_job, alice, alice_resume, tom, eve, bob
):
    from documents.permissions import can_download

    application = application_submit(candidate=alice, job=acme_job)
    snapshot = application.resume
    assert [can_download(u, snapshot) for u in (alice, tom, eve, bob)] == [
        True,
        True,
        False,
        False,
    ]
    # The candidate's original is not shared with the team, only the snapshot.
    assert can_download(tom, alice_resume) is False


def test_privacy_export_and_erase(acme_job, alice, tom):
    from jobs import privacy

    application = make_application(acme_job, alice, stage="screening")
    application_note_add(application=application, author=tom, body="Internal")
    data = privacy.export(alice)
    assert [(a["job"], a["stage"]) for a in data["applications"]] == [
        ("Backend Engineer", "screening")
    ]
    assert [h["to_stage"] for h in data["applications"][0]["history"]] == [
        "applied",
        "screening",
    ]
    assert "Internal" not in str(data)
    privacy.erase(alice)
    assert Application.objects.count() == 0
